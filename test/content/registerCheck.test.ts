import { expect } from 'chai';
import type { Resource } from 'i18next';
import { checkRegisters, registerWords } from '../../src/content/registerCheck';
import { loadRegisters, Registers } from '../../src/content/register';
import { LOCALES_DIR } from '../../src/paths';

const registers = loadRegisters(LOCALES_DIR);
const de = registers.languages.de!;

/** A resource with only these common.json strings for German. */
const withCommon = (common: Record<string, unknown>): Resource => ({
  de: { common, offers: {}, handover: {}, widget: {} },
});

describe('content: forms of address checked with word lists (locales/registers.json)', function () {
  it('finds informal words in any case and formal words only inside a sentence', function () {
    expect(registerWords('Du kannst deine Frage schreiben.', de).informal).to.deep.equal([
      'Du',
      'kannst',
      'deine',
    ]);
    expect(registerWords('Sie ist erreichbar. Wann passt es Ihnen?', de).formal).to.deep.equal([
      'Ihnen',
    ]);
  });

  it('takes a quotation as someone else speaking: „Was machst du gern?“', function () {
    expect(registerWords('Fragen Sie Ihr Kind: „Was machst du gern?“', de).informal).to.deep.equal(
      [],
    );
  });

  it('asks for a formal variant where a prompt says "du", and refuses "du" in the variant', function () {
    const problems = checkRegisters(
      withCommon({
        menu: { ask: 'Was willst du wissen?' },
        privacy: {
          confirm: 'Soll ich deine Daten löschen?',
          confirm_formal: 'Soll ich deine Daten löschen?',
        },
      }),
      registers,
      undefined,
      ['de'],
    );
    expect(problems).to.deep.equal([
      'de/common.json menu.ask: addresses the reader informally; add menu.ask_formal for formal readers',
      'de/common.json privacy.confirm_formal: written for a formal reader, but says "deine"',
    ]);
  });

  it('refuses a formal variant in a language with one form of address, and "Sie" in a text for young people', function () {
    const oneForm = new Registers({});
    expect(
      checkRegisters(withCommon({ hello: 'Hi', hello_formal: 'Hello' }), oneForm, undefined, [
        'de',
      ]),
    ).to.deep.equal(['de/common.json hello_formal: de has one form of address']);
    expect(
      checkRegisters(withCommon({ ask: 'Was möchten Sie wissen?' }), registers, undefined, ['de']),
    ).to.deep.equal(['de/common.json ask: written for an informal reader, but says "Sie"']);
  });

  it('leaves the readiness check (only young people see it) without formal variants', function () {
    expect(
      checkRegisters(
        withCommon({ readiness: { askAge: 'Wie alt bist du?' } }),
        registers,
        undefined,
        ['de'],
      ),
    ).to.deep.equal([]);
  });
});
