/** Arabic-Indic (٠–٩) and Persian (۰–۹) digits as ASCII digits. */
export function normalizeDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (digit) => {
    const code = digit.charCodeAt(0);
    return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660);
  });
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
