import type { i18n } from 'i18next';
import { isTopicId, questionOf } from './topics';
import { directionOf, SUPPORTED_LANGUAGES } from '../language/languages';
import { FORMAL_CONTEXT, READERS, type Registers } from './register';

/** Languages the console itself is offered in (its users are the service point's staff). */
export const CONSOLE_LANGUAGES = ['de', 'en'] as const;
/** The quick replies of `handover.json`, in the order the console shows them. */
export const QUICK_REPLIES = ['hello', 'moment', 'details', 'documents', 'anythingElse'] as const;

/** What `/counsellor/strings.json` serves: the console's own strings and the quick replies per user language. */
export interface ConsoleStrings {
  console: Record<string, unknown>;
  /**
   * Language → reader (an audience, or `unknown`) → quick reply key → text, in
   * the form of address the language uses for that reader; `{{name}}` is left
   * for the console to fill with the counsellor's name.
   */
  quick: Record<string, Record<string, Record<string, string>>>;
  /** The bot's languages, in the order the console lists them, with their direction. */
  languages: Array<{ code: string; dir: 'ltr' | 'rtl' }>;
}

/** Builds the console's strings from the same i18next resources the bot uses. */
export function buildConsoleStrings(instance: i18n, registers: Registers): ConsoleStrings {
  const consoleStrings: Record<string, unknown> = {};
  for (const language of CONSOLE_LANGUAGES) {
    consoleStrings[language] = instance.getResourceBundle(language, 'console') as unknown;
  }
  const quick: ConsoleStrings['quick'] = {};
  for (const language of SUPPORTED_LANGUAGES) {
    const t = instance.getFixedT(language, 'handover');
    quick[language] = Object.fromEntries(
      READERS.map((reader) => {
        const formal = registers.of(language, reader) === 'formal';
        const options = { name: '{{name}}', ...(formal ? { context: FORMAL_CONTEXT } : {}) };
        return [
          reader,
          Object.fromEntries(QUICK_REPLIES.map((key) => [key, t(`quick.${key}`, options)])),
        ];
      }),
    );
  }
  const languages = SUPPORTED_LANGUAGES.map((code) => ({ code, dir: directionOf(code) }));
  return { console: consoleStrings, quick, languages };
}

/** What the console's server side says in the console's language: its strings, topic titles, language names. */
export interface ConsoleLabels {
  language: ConsoleLanguage;
  /** A string of `console.json` (or `ns:key` of another namespace), filled in. */
  t(key: string, vars?: Record<string, unknown>): string;
  /** What a topic, question or intent id is called ("Berufsschule", "Was kostet …?", "Möchte eine Person sprechen"). */
  classTitle(id: string): string;
  /** A user language's name as the service point's staff say it ("Dari / Persisch"). */
  languageName(code: string): string;
}

/** One of {@link CONSOLE_LANGUAGES}. */
export type ConsoleLanguage = (typeof CONSOLE_LANGUAGES)[number];

/** The console language a request asks for (`?lang=`), German by default. */
export function consoleLanguageOf(code: unknown): ConsoleLanguage {
  return (CONSOLE_LANGUAGES as readonly unknown[]).includes(code)
    ? (code as ConsoleLanguage)
    : 'de';
}

/** The console's labels in one of its languages, from the bot's i18next resources. */
export function consoleLabels(instance: i18n, language: ConsoleLanguage): ConsoleLabels {
  const t = instance.getFixedT(language, 'console');
  const exists = (key: string) => instance.exists(key, { lng: language, ns: 'console' });
  return {
    language,
    t: (key, vars) => String(t(key, vars ?? {})),
    classTitle(id) {
      const question = questionOf(id);
      if (question) {
        return String(t(`topics:${question.topic}.questions.${question.question}.question`));
      }
      if (isTopicId(id)) return String(t(`topics:${id}.title`));
      return exists(`intent.${id}`) ? String(t(`intent.${id}`)) : id;
    },
    languageName(code) {
      if (exists(`languageNames.${code}`)) return String(t(`languageNames.${code}`));
      const base = code === 'de-simple' ? 'de' : code;
      const name = new Intl.DisplayNames([language], { type: 'language' }).of(base) ?? code;
      return code === 'de-simple' ? `${name} (${String(t('simpleLanguage'))})` : name;
    },
  };
}

/** The console's labels per language, made once each. */
export function consoleLabelsOf(instance: i18n): (language: ConsoleLanguage) => ConsoleLabels {
  const made = new Map<ConsoleLanguage, ConsoleLabels>();
  return (language) => {
    let labels = made.get(language);
    if (!labels) {
      labels = consoleLabels(instance, language);
      made.set(language, labels);
    }
    return labels;
  };
}
