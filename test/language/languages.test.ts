import { expect } from 'chai';
import { directionOf, languageOfLocale } from '../../src/language/languages';

describe('language: channel locales', function () {
  const cases: Array<[string | undefined, string | undefined]> = [
    ['ar-SY', 'ar'],
    ['fa-AF', 'fa'],
    ['prs', 'fa'],
    ['prs-AF', 'fa'],
    ['uk_UA', 'uk'],
    ['de-DE', 'de'],
    ['de-simple', 'de-simple'],
    ['EN-gb', 'en'],
    ['tr-TR', 'tr'],
    ['ru', 'ru'],
    ['ps-AF', 'ps'],
    ['pbt', 'ps'],
    ['ti-ER', 'ti'],
    ['ku', 'kmr'],
    ['ku-TR', 'kmr'],
    ['kmr', 'kmr'],
    ['fr-CM', 'fr'],
    ['vi-VN', 'vi'],
    ['ckb', undefined], // Sorani Kurdish, in Arabic script: not supported
    ['so', undefined],
    ['', undefined],
    [undefined, undefined],
  ];
  for (const [locale, language] of cases) {
    it(`reads ${String(locale)} as ${String(language)}`, function () {
      expect(languageOfLocale(locale)).to.equal(language);
    });
  }

  it('writes Arabic, Persian and Pashto right to left, the others left to right', function () {
    expect(['ar', 'fa', 'ps', 'de', 'uk', 'ti', 'kmr', 'fr', 'vi'].map(directionOf)).to.deep.equal([
      'rtl',
      'rtl',
      'rtl',
      'ltr',
      'ltr',
      'ltr',
      'ltr',
      'ltr',
      'ltr',
    ]);
  });
});
