/** Ge'ez numerals: ፩–፱ (1–9), ፲–፺ (10–90), ፻ (100). They have no zero and are added up. */
const GEEZ_NUMERAL = /[\u1369-\u137B]+/g;

/** The value of a run of Ge'ez numerals ("፲፯" = 17, "፪፻፶" = 250). */
function geezValue(numerals: string): number {
  let total = 0;
  let group = 0;
  for (const numeral of numerals) {
    const code = numeral.charCodeAt(0);
    if (code === 0x137b) {
      total += (group || 1) * 100;
      group = 0;
    } else if (code >= 0x1372) group += (code - 0x1371) * 10;
    else group += code - 0x1368;
  }
  return total + group;
}

/** Arabic-Indic (٠–٩), Persian and Pashto (۰–۹) digits and Ge'ez numerals as ASCII digits. */
export function normalizeDigits(text: string): string {
  return text
    .replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (digit) => {
      const code = digit.charCodeAt(0);
      return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660);
    })
    .replace(GEEZ_NUMERAL, (numerals) => String(geezValue(numerals)));
}

/**
 * A form of the text for matching words, not for showing: lower case, ASCII
 * digits, one spelling for Arabic/Persian letter variants (ي/ی, ك/ک, ة/ه,
 * أ/إ/آ/ا), no diacritics, tatweel, ZWNJ or punctuation, single spaces.
 */
export function normalizeForMatching(text: string): string {
  return normalizeDigits(text.normalize('NFKC'))
    .toLowerCase()
    .replace(/[\u064B-\u065F\u0670\u0640]/g, '') // harakat, superscript alef, tatweel
    .replace(/[يى]/g, 'ی')
    .replace(/ك/g, 'ک')
    .replace(/ة/g, 'ه')
    .replace(/[أإآ]/g, 'ا')
    .replace(/ؤ/g, 'و')
    .replace(/\u200C/g, '') // ZWNJ: نمی‌دانم = نمیدانم
    .replace(/[’`´]/g, "'")
    .replace(/[^\p{L}\p{N}'\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Where a message's first clause ends: a comma or sentence mark in Latin, Arabic or Ge'ez writing. */
export const CLAUSE_END = /[,;:.!?\n،؛؟።፣፤፡]/u;
