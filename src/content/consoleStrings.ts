import type { i18n } from 'i18next';
import { SUPPORTED_LANGUAGES } from '../language/languages';
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
  return { console: consoleStrings, quick };
}
