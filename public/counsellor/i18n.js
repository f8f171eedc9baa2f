// @ts-check
// The console's own strings, with i18next (its browser ES module, served from
// node_modules). They come from `/counsellor/strings.json`, built on the
// server from locales/<lng>/console.json; a string missing in English is
// shown in German. Everything interpolated ends up in textContent, so
// i18next does not escape.
import i18next from './vendor/i18next.js';

/** Languages the console is offered in; German is the fallback. */
export const CONSOLE_LANGUAGES = /** @type {const} */ (['de', 'en']);
/** @typedef {(typeof CONSOLE_LANGUAGES)[number]} ConsoleLanguage */

/**
 * What `/counsellor/strings.json` serves (`ConsoleStrings` in src/handover/consoleStrings.ts).
 * @typedef {{
 *   console: Record<string, Record<string, unknown>>,
 *   quick: Record<string, Record<string, Record<string, string>>>,
 *   languages: Array<{ code: string, dir: 'ltr' | 'rtl' }>,
 * }} ConsoleStrings
 */

/** @typedef {Record<string, string | number | undefined>} Vars */

/**
 * The console's language: `?lang=en` or `?lang=de`, else the browser's (English or German).
 * @param {string} search `location.search`
 * @param {string} browserLanguage `navigator.language`
 * @returns {ConsoleLanguage}
 */
export function consoleLanguage(search, browserLanguage) {
  const requested = new URLSearchParams(search).get('lang');
  return requested === 'en' || (!requested && /^en\b/.test(browserLanguage)) ? 'en' : 'de';
}

/**
 * A quick reply with the counsellor's name filled in for `{{name}}`.
 * @param {string | undefined} text
 * @param {string} name
 */
export function signed(text, name) {
  return (text ?? '').replace(/{{\s*name\s*}}/g, name);
}

/**
 * The translations of one console language.
 * @param {ConsoleStrings} strings
 * @param {ConsoleLanguage} language
 */
export function createI18n(strings, language) {
  const instance = i18next.createInstance();
  void instance.init({
    lng: language,
    fallbackLng: 'de',
    ns: ['console'],
    defaultNS: 'console',
    resources: Object.fromEntries(
      CONSOLE_LANGUAGES.map((code) => [code, { console: strings.console[code] ?? {} }]),
    ),
    initAsync: false,
    interpolation: { escapeValue: false },
    // As before i18next: a placeholder without a value becomes empty.
    missingInterpolationHandler: () => '',
  });

  /**
   * The string at `key` (dotted), with `{{name}}` placeholders filled in.
   * @param {string} key
   * @param {Vars} [vars]
   * @returns {string}
   */
  const t = (key, vars) => String(instance.t(key, vars ?? {}));

  return {
    language,
    t,
    /** The bot's languages, with their direction (for forms in every language). */
    languages: strings.languages,
    /**
     * A language's name in the console's language; simple German is named as such.
     * @param {string} code
     */
    languageName(code) {
      // Names people use where the standard one misleads: "fa" is Dari for most users.
      if (instance.exists(`languageNames.${code}`)) return t(`languageNames.${code}`);
      const base = code === 'de-simple' ? 'de' : code;
      let name;
      try {
        name = new Intl.DisplayNames([language], { type: 'language' }).of(base) || code;
      } catch {
        name = code;
      }
      return code === 'de-simple' ? `${name} (${t('simpleLanguage')})` : name;
    },
    /**
     * The quick replies in a user's language and in the form of address for
     * who they are (Sie/du, вы/ты…), signed with the counsellor's name, each
     * with its meaning in the console's language.
     * @param {string} userLanguage
     * @param {string | undefined} audience
     * @param {string} name
     * @returns {Array<{ text: string, gloss: string }>}
     */
    quickReplies(userLanguage, audience, name) {
      const reader = audience ?? 'unknown';
      const sign = (/** @type {string} */ text) => signed(text, name);
      const own = strings.quick[language]?.[reader] ?? {};
      return Object.entries(strings.quick[userLanguage]?.[reader] ?? {}).map(([key, text]) => ({
        text: sign(text),
        // What it says, in the console's language.
        gloss: sign(own[key] ?? ''),
      }));
    },
  };
}

/** @typedef {ReturnType<typeof createI18n>} I18n */
