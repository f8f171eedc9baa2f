import { expect } from 'chai';
import { leafKeys, loadLocales } from '../../src/content/locales';
import { SUPPORTED_LANGUAGES } from '../../src/language/languages';
import { LOCALES_DIR } from '../../src/paths';

const resources = loadLocales(LOCALES_DIR, SUPPORTED_LANGUAGES);
const placeholders = (text: string) =>
  [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();

function leaf(tree: unknown, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], tree);
}

describe('content: locales', function () {
  const reference = resources.de as Record<string, unknown>;

  for (const language of SUPPORTED_LANGUAGES) {
    it(`has every German key in ${language}, non-empty and with the same placeholders`, function () {
      const tree = resources[language] as Record<string, unknown>;
      expect(Object.keys(tree).sort()).to.deep.equal(Object.keys(reference).sort());
      for (const namespace of Object.keys(reference)) {
        const keys = leafKeys(reference[namespace]);
        expect(leafKeys(tree[namespace]).sort(), `${language}/${namespace}`).to.deep.equal(
          [...keys].sort(),
        );
        for (const key of keys) {
          const text = leaf(tree[namespace], key);
          expect(text, `${language}/${namespace}:${key}`).to.be.a('string').and.not.equal('');
          expect(placeholders(text as string), `${language}/${namespace}:${key}`).to.deep.equal(
            placeholders(leaf(reference[namespace], key) as string),
          );
        }
      }
    });
  }
});
