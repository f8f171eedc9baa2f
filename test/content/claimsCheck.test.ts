import { expect } from 'chai';
import type { Resource } from 'i18next';
import { loadCatalogue, type Catalogue } from '../../src/content/catalogue';
import { checkClaims, loadClaims } from '../../src/content/claimsCheck';
import { LOCALES_DIR } from '../../src/paths';

const claims = loadClaims(LOCALES_DIR);
const real = loadCatalogue(LOCALES_DIR);
/** The real catalogue with only the residence topic, which makes residence claims. */
const residenceOnly: Catalogue = {
  ...real,
  topics: new Map([['residence-and-permission', real.topics.get('residence-and-permission')!]]),
};
const withAnswer = (answer: string): Resource => ({
  de: { topics: { 'residence-and-permission': { answer, more: 'Mehr.' } } },
});

describe('content: conditions travel with claims (locales/claims.json)', function () {
  it('marks the topics that state residence or benefit rules', function () {
    expect(real.topics.get('residence-and-permission')!.claims).to.deep.equal(['residence']);
    expect(real.topics.get('financial-support')!.claims).to.deep.equal(['benefits']);
  });

  it('refuses a residence claim that says neither for whom nor what to do next', function () {
    expect(
      checkClaims(
        withAnswer('Eine Beschäftigungserlaubnis ist leicht zu bekommen.'),
        residenceOnly,
        claims,
        ['de'],
      ),
    ).to.have.length(2);
  });

  it('accepts it with the paper it holds for and the office that confirms it', function () {
    expect(
      checkClaims(
        withAnswer(
          'Mit einer Duldung brauchst du eine Beschäftigungserlaubnis. Frag vorher die Ausländerbehörde.',
        ),
        residenceOnly,
        claims,
        ['de'],
      ),
    ).to.deep.equal([]);
  });

  it('leaves a text that claims nothing about residence alone', function () {
    expect(
      checkClaims(withAnswer('Die Ausbildung dauert drei Jahre.'), residenceOnly, claims, ['de']),
    ).to.deep.equal([]);
  });
});
