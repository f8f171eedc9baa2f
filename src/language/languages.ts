/** The languages every piece of content exists in (TOPICS.md). */
export const SUPPORTED_LANGUAGES = [
  'de',
  'de-simple',
  'en',
  'ar',
  'fa',
  'uk',
  'ru',
  'tr',
  'ps',
  'ti',
  'kmr',
  'fr',
  'vi',
] as const;
/**
 * The languages the bot started with; Pashto, Tigrinya, Kurmanji, French and
 * Vietnamese came in December 2026. A word a later language shares with one of
 * these ("merhaba", "سلام علیکم") is still read as the earlier one's.
 */
export const FIRST_LANGUAGES: ReadonlySet<string> = new Set(SUPPORTED_LANGUAGES.slice(0, 8));
/** One of {@link SUPPORTED_LANGUAGES}. */
export type Language = (typeof SUPPORTED_LANGUAGES)[number];
/** The language used when nothing else tells which one the user reads. */
export const DEFAULT_LANGUAGE: Language = 'de';
/** Languages written right to left. */
export const RTL_LANGUAGES: ReadonlySet<string> = new Set(['ar', 'fa', 'ps']);

/** Codes that name a supported language under another tag (Dari is Persian as spoken in Afghanistan). */
const ALIASES: Readonly<Record<string, Language>> = {
  prs: 'fa',
  pes: 'fa',
  fas: 'fa',
  per: 'fa',
  pus: 'ps',
  pbt: 'ps',
  pbu: 'ps',
  tir: 'ti',
  // Browsers and phones set "ku" for Kurdish in Latin letters (Sorani is "ckb").
  ku: 'kmr',
  kur: 'kmr',
  fra: 'fr',
  fre: 'fr',
  vie: 'vi',
};
/** Languages written in Latin letters: a message in their words is written as they are written. */
export const LATIN_LANGUAGES: ReadonlySet<Language> = new Set<Language>([
  'de',
  'de-simple',
  'en',
  'tr',
  'kmr',
  'fr',
  'vi',
]);

/** True when `code` is one of {@link SUPPORTED_LANGUAGES}. */
export function isLanguage(code: string): code is Language {
  return (SUPPORTED_LANGUAGES as readonly string[]).includes(code);
}

/**
 * Maps a channel locale (`ar-SY`, `fa-AF`, `prs`, `uk_UA`, `de-DE`) to a
 * supported language, or undefined when none fits.
 */
export function languageOfLocale(locale: string | undefined): Language | undefined {
  if (!locale) return undefined;
  const tag = locale.trim().toLowerCase().replace(/_/g, '-');
  if (isLanguage(tag)) return tag;
  const primary = tag.split('-')[0] ?? '';
  if (isLanguage(primary)) return primary;
  return ALIASES[primary];
}

/** Text direction of a language, for clients that render replies. */
export function directionOf(language: string): 'rtl' | 'ltr' {
  return RTL_LANGUAGES.has(language) ? 'rtl' : 'ltr';
}
