import {
  Culture,
  recognizeBoolean,
  recognizeEmail,
  recognizeNumber,
  recognizePhoneNumber,
} from '@microsoft/recognizers-text-suite';
import { normalizeDigits, normalizeForMatching } from './normalize';
import { SUPPORTED_LANGUAGES, type Language } from './languages';

/** Commands a user can type at any moment. */
export type Command = 'menu' | 'help' | 'more' | 'delete' | 'cancel';
/** An answer to a yes/no question; "I don't know" is always allowed. */
export type YesNo = 'yes' | 'no' | 'dontKnow';

/** The word lists of one language (`locales/<lng>/recognizers.json`). */
export interface RecognizerWords {
  yes: string[];
  no: string[];
  dontKnow: string[];
  menu: string[];
  help: string[];
  more: string[];
  delete: string[];
  cancel: string[];
  languageRequest: string[];
  greeting: string[];
  thanks: string[];
  numbers: Record<string, number>;
}

/** Every list of `recognizers.json`, as content:check expects them. */
export const RECOGNIZER_LISTS = [
  'yes',
  'no',
  'dontKnow',
  'menu',
  'help',
  'more',
  'delete',
  'cancel',
  'languageRequest',
  'greeting',
  'thanks',
  'numbers',
] as const satisfies ReadonlyArray<keyof RecognizerWords>;

/** The lists whose words also tell which language a short message is in. */
const TELLING_LISTS = RECOGNIZER_LISTS.filter(
  (list): list is Exclude<(typeof RECOGNIZER_LISTS)[number], 'languageRequest' | 'numbers'> =>
    list !== 'languageRequest' && list !== 'numbers',
);

/** A phone number or e-mail address a user gave for a callback. */
export interface Contact {
  type: 'phone' | 'email';
  /** As typed (digits in ASCII). */
  value: string;
}

/** Fewest digits of a phone number (a German landline without area code has 5 or more, with it 9 or more). */
export const MIN_PHONE_DIGITS = 6;

/** Largest number read from words; larger ones must be written in digits. */
const MAX_WORD_NUMBER = 999;
const COMMANDS: readonly Command[] = ['menu', 'help', 'more', 'delete', 'cancel'];

interface Compiled {
  yesNo: Map<string, YesNo>;
  commands: Map<string, Command>;
  numbers: Map<string, number>;
}

/** Cultures where @microsoft/recognizers-text-suite has real models for these types. */
const BOOLEAN_CULTURES: Partial<Record<Language, string>> = {
  en: Culture.English,
  de: Culture.German,
  'de-simple': Culture.German,
};
const NUMBER_CULTURES: Partial<Record<Language, string>> = { en: Culture.English };

const compact = (text: string) => text.replace(/\s/g, '');

/**
 * Yes/no, numbers, commands and language requests in every supported
 * language: the word lists are content (`locales/<lng>/recognizers.json`),
 * Arabic-Indic and Persian digits count as digits, and
 * @microsoft/recognizers-text-suite is used where it has a model.
 */
export class Recognizers {
  private readonly byLanguage = new Map<Language, Compiled>();
  private readonly languageRequests = new Map<string, Language>();
  /** Word → the languages it belongs to (German in simple language counts as German). */
  private readonly wordLanguages = new Map<string, Set<Language>>();
  private lastText: string | undefined;
  private lastForm = '';

  constructor(private readonly words: Record<Language, RecognizerWords>) {
    for (const language of SUPPORTED_LANGUAGES) {
      const list = words[language];
      const yesNo = new Map<string, YesNo>();
      for (const kind of ['yes', 'no', 'dontKnow'] as const) {
        for (const word of list[kind]) yesNo.set(compact(normalizeForMatching(word)), kind);
      }
      const commands = new Map<string, Command>();
      for (const command of COMMANDS) {
        for (const word of list[command])
          commands.set(compact(normalizeForMatching(word)), command);
      }
      const numbers = new Map<string, number>();
      for (const [word, value] of Object.entries(list.numbers)) {
        numbers.set(normalizeForMatching(word), value);
      }
      for (const phrase of list.languageRequest) {
        this.languageRequests.set(compact(normalizeForMatching(phrase)), language);
      }
      this.byLanguage.set(language, { yesNo, commands, numbers });
      const spoken: Language = language === 'de-simple' ? 'de' : language;
      for (const kind of TELLING_LISTS) {
        for (const word of list[kind] ?? []) {
          const key = compact(normalizeForMatching(word));
          if (key === '') continue;
          const languages = this.wordLanguages.get(key) ?? new Set<Language>();
          languages.add(spoken);
          this.wordLanguages.set(key, languages);
        }
      }
    }
  }

  /**
   * The matching form of a message. A turn matches the same message against
   * several word lists, so the last one is remembered.
   */
  matchForm(text: string): string {
    if (text !== this.lastText) {
      this.lastText = text;
      this.lastForm = normalizeForMatching(text);
    }
    return this.lastForm;
  }

  /** Reads yes, no or "I don't know" from a short answer. */
  yesNo(text: string, language: Language): YesNo | undefined {
    const key = compact(this.matchForm(text));
    if (key === '') return undefined;
    for (const lang of this.yesNoOrder(language)) {
      const found = this.byLanguage.get(lang)?.yesNo.get(key);
      if (found) return found;
    }
    const culture = BOOLEAN_CULTURES[language];
    if (culture) {
      const [match] = recognizeBoolean(text, culture);
      const value = (match?.resolution as { value?: boolean } | undefined)?.value;
      if (typeof value === 'boolean') return value ? 'yes' : 'no';
    }
    return undefined;
  }

  /** True when a short answer says "I don't know" (word lists only, no statistical model). */
  isDontKnow(text: string, language: Language): boolean {
    const key = compact(this.matchForm(text));
    return this.yesNoOrder(language).some(
      (lang) => this.byLanguage.get(lang)?.yesNo.get(key) === 'dontKnow',
    );
  }

  /** Reads a whole number (digits in any script, or number words) from a short answer. */
  number(text: string, language: Language): number | undefined {
    const digits = normalizeDigits(text).match(/\d+/);
    if (digits) return Number(digits[0]);
    const culture = NUMBER_CULTURES[language];
    if (culture) {
      const [match] = recognizeNumber(text, culture);
      const value = Number((match?.resolution as { value?: string } | undefined)?.value);
      if (Number.isInteger(value)) return value;
    }
    return this.numberFromWords(text, language);
  }

  /** A command ("menu", "help", "more", "delete my data") when the whole message is one. */
  command(text: string, language: Language): Command | undefined {
    const key = compact(this.matchForm(text));
    if (key === '') return undefined;
    for (const lang of this.lookupOrder(language)) {
      const found = this.byLanguage.get(lang)?.commands.get(key);
      if (found) return found;
    }
    return undefined;
  }

  /** The first word of a command's list, to tell users what to write ("daten löschen"). */
  commandWord(command: Command, language: Language): string {
    return this.words[language][command][0] ?? command;
  }

  /**
   * A phone number or e-mail address in a short answer (digits in any script),
   * as typed; undefined when there is none.
   */
  contact(text: string): Contact | undefined {
    const plain = normalizeDigits(text).trim();
    const [email] = recognizeEmail(plain, Culture.English);
    const address = (email?.resolution as { value?: string } | undefined)?.value;
    if (address) return { type: 'email', value: address };
    const [phone] = recognizePhoneNumber(plain, Culture.English);
    const number = (phone?.resolution as { value?: string } | undefined)?.value;
    const digits = number?.replace(/\D/g, '').length ?? 0;
    if (number && digits >= MIN_PHONE_DIGITS) return { type: 'phone', value: number };
    return undefined;
  }

  /** The language asked for when the whole message asks for one ("English please", "عربي"). */
  requestedLanguage(text: string): Language | undefined {
    return this.languageRequests.get(compact(this.matchForm(text)));
  }

  /**
   * The languages a short message belongs to when it is one known word or
   * phrase ("дякую" → uk; "سلام", "ok" → several), else undefined.
   */
  languagesOfWords(text: string): ReadonlySet<Language> | undefined {
    return this.wordLanguages.get(compact(this.matchForm(text)));
  }

  private numberFromWords(text: string, language: Language): number | undefined {
    const table = this.byLanguage.get(language)?.numbers;
    if (!table) return undefined;
    let total = 0;
    let found = false;
    for (const token of this.matchForm(text).split(' ')) {
      // Arabic and Persian join "and" to the next word: وعشرون = و + عشرون.
      const value =
        table.get(token) ?? (token.startsWith('و') ? table.get(token.slice(1)) : undefined);
      if (value !== undefined) {
        total += value;
        found = true;
      } else if (found && !['و', 'и', 'і', 'й', 'and', 'und', 've'].includes(token)) {
        break;
      }
    }
    return found && total <= MAX_WORD_NUMBER ? total : undefined;
  }

  /** Yes/no words: the user's language, then English ("ok", "yes" are typed everywhere). */
  private yesNoOrder(language: Language): Language[] {
    return [...new Set<Language>([language, language === 'de-simple' ? 'de' : language, 'en'])];
  }

  /** The user's language first, then English and German, which many users mix in. */
  private lookupOrder(language: Language): Language[] {
    return [...new Set<Language>([language, 'en', 'de'])];
  }
}
