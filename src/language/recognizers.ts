import {
  Culture,
  recognizeBoolean,
  recognizeEmail,
  recognizeNumber,
  recognizePhoneNumber,
} from '@microsoft/recognizers-text-suite';
import { AudienceCues, type AudienceCue } from './audienceCues';
import { CLAUSE_END, normalizeDigits, normalizeForMatching } from './normalize';
import { numberOfWords } from './numberWords';
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
  /**
   * Other ways people write an answer button's choice, by the choice's value
   * ("duldung": ["دولدونغ", "dulding"]): typed, they count as tapping it.
   */
  choices?: Record<string, string[]>;
  /**
   * Words people of this language type in Latin letters (Arabizi, Finglish,
   * transliterated Russian/Ukrainian, Turkish without its letters): they tell
   * which language a Latin-script message is meant in.
   */
  romanized?: string[];
  /** Phrases that show who is asking ("мій син", "restoranım"): a parent, or a company. */
  audienceCues?: Partial<Record<AudienceCue, string[]>>;
}

export type { AudienceCue } from './audienceCues';

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

const COMMANDS: readonly Command[] = ['menu', 'help', 'more', 'delete', 'cancel'];

/** A short answer may carry a few more words after its yes or no ("hayır şimdilik", "اي من سوريا"). */
const MAX_YES_NO_WORDS = 8;
/** A short answer may name a choice among a few more words ("ихк наверно", "chamber of commerce i think"). */
const MAX_CHOICE_WORDS = 6;

/** A word with Arabizi's letter digits inside it (3ndi, la2, 7abibi), not a number. */
const ARABIZI_WORD = /^(?=(?:.*[a-z]){2})(?=.*[2357])[a-z2357]{3,}$/;
/** German words mixed into messages in any language (ausbildung, azubi, duldung…), in any ending. */
const GERMAN_LOANWORD =
  /^(ausbild|azubi|duldung|gestattung|jobcenter|berufsschul|praktikum|ihk$|hwk$|leipzig)/;
/** The longest message in which one Kurmanji word (and no other language's) tells the language. */
const MAX_ONE_HIT_WORDS = 4;
/** Words of one language a Latin-script message must have (and a third of its words). */
const MIN_ROMANIZED_HITS = 2;
/** In a message this short, the last word may be the answer. */
const MAX_TRAILING_YES_NO_WORDS = 3;

interface Compiled {
  choices: Map<string, string>;
  yesNo: Map<string, YesNo>;
  commands: Map<string, Command>;
  numbers: Map<string, number>;
}

/** Cultures where @microsoft/recognizers-text-suite has real models for these types. */
const BOOLEAN_CULTURES: Partial<Record<Language, string>> = {
  en: Culture.English,
  de: Culture.German,
  'de-simple': Culture.German,
  fr: Culture.French,
};
const NUMBER_CULTURES: Partial<Record<Language, string>> = {
  en: Culture.English,
  fr: Culture.French,
};

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
  /** Choice phrases per language (matching form, padded with spaces), for answers with more words. */
  private readonly choicePhrases = new Map<Language, Array<[string, string]>>();
  /** Phrases that show who is asking. */
  private readonly audienceCues = new AudienceCues();
  /** Latin-script words → the languages whose speakers write them so. */
  private readonly romanizedWords = new Map<string, Set<Language>>();
  /** Whole messages that only greet or thank, in any language. */
  private readonly socialPhrases = new Map<string, 'greeting' | 'thanks'>();
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
      const choices = new Map<string, string>();
      const phrases: Array<[string, string]> = [];
      for (const [choice, forms] of Object.entries(list.choices ?? {})) {
        for (const form of forms) {
          choices.set(compact(normalizeForMatching(form)), choice);
          phrases.push([` ${normalizeForMatching(form)} `, choice]);
        }
      }
      this.choicePhrases.set(language, phrases);
      this.byLanguage.set(language, { choices, yesNo, commands, numbers });
      for (const [cue, phrases] of Object.entries(list.audienceCues ?? {})) {
        for (const phrase of phrases) {
          this.audienceCues.add(phrase, cue as AudienceCue);
        }
      }
      for (const word of list.romanized ?? []) {
        const key = normalizeForMatching(word);
        const languages = this.romanizedWords.get(key) ?? new Set<Language>();
        languages.add(language);
        this.romanizedWords.set(key, languages);
      }
      for (const kind of ['greeting', 'thanks'] as const) {
        for (const phrase of list[kind]) {
          this.socialPhrases.set(compact(normalizeForMatching(phrase)), kind);
        }
      }
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

  /**
   * Reads yes, no or "I don't know" from a short answer: the whole message,
   * else its first word or two when a few more follow ("hayir simdilik",
   * "اي من سوريا", "yes please"), or the last word of a very short one.
   */
  yesNo(text: string, language: Language): YesNo | undefined {
    const form = this.matchForm(text);
    const key = compact(form);
    if (key === '') return undefined;
    const words = form.split(' ');
    // A listed phrase of two words opens the answer at any length ("no thanks, I'll call them").
    const candidates = [key, words.slice(0, 2).join('')];
    if (words.length <= MAX_YES_NO_WORDS) candidates.push(words[0]!);
    // Turkish and Persian say no at the end ("numaram yok", "شماره ندارم").
    if (words.length <= MAX_TRAILING_YES_NO_WORDS) candidates.push(words[words.length - 1]!);
    // A short first clause is read the same way ("niha na, sps", "thôi ko, cứ giữ lại đi").
    const clause = this.matchForm(text.split(CLAUSE_END)[0] ?? '').split(' ');
    if (clause.length < words.length && clause.length <= MAX_TRAILING_YES_NO_WORDS) {
      candidates.push(clause.join(''), clause[0]!, clause[clause.length - 1]!);
    }
    for (const candidate of candidates) {
      for (const lang of this.yesNoOrder(language)) {
        const found = this.byLanguage.get(lang)?.yesNo.get(candidate);
        if (found) return found;
      }
    }
    const culture = BOOLEAN_CULTURES[language];
    if (culture && words.length <= MAX_YES_NO_WORDS) {
      const [match] = recognizeBoolean(text, culture);
      const value = (match?.resolution as { value?: boolean } | undefined)?.value;
      if (typeof value === 'boolean') return value ? 'yes' : 'no';
    }
    return undefined;
  }

  /**
   * The language a message in Latin letters is meant in, from the words its
   * speakers write so ("kam el ratib" → ar, "chand sal tool mikeshe" → fa,
   * "skolko budet poluchat" → ru, "cirak alabilirmiyim" → tr) and Arabizi's
   * digits for letters (3 = ع, 7 = ح, 2 = ء, 5 = خ). Undefined when the
   * message uses another script, or no language clearly leads.
   */
  romanizedLanguage(text: string): Language | undefined {
    const form = this.matchForm(text);
    if (form === '' || /[^\p{Script=Latin}\p{N}\s']/u.test(form)) return undefined;
    // German words people mix into every language say nothing about which one.
    const words = form.split(' ').filter((word) => !GERMAN_LOANWORD.test(word));
    if (words.length === 0) return undefined;
    const hits = new Map<Language, number>();
    for (const word of words) {
      const languages = new Set(this.romanizedWords.get(word) ?? []);
      if (ARABIZI_WORD.test(word)) languages.add('ar');
      for (const language of languages) hits.set(language, (hits.get(language) ?? 0) + 1);
    }
    const ranked = [...hits.entries()].sort((a, b) => b[1] - a[1]);
    const [best, second] = ranked;
    if (!best || (second && second[1] === best[1])) return undefined;
    // Kurmanji has no statistical model here: one of its words and none of another language's
    // is enough in a short message ("B1 heye, bes e?").
    const enough =
      (best[1] >= MIN_ROMANIZED_HITS && best[1] * 3 >= words.length) ||
      (words.length === 1 && best[1] === 1) ||
      (best[0] === 'kmr' && ranked.length === 1 && words.length <= MAX_ONE_HIT_WORDS);
    return enough ? best[0] : undefined;
  }

  /** Who a message shows is asking ("мій син закінчив 9 класів" → parent), and the words that show it. */
  audienceCue(text: string): { audience: AudienceCue; words: number } | undefined {
    return this.audienceCues.find(this.matchForm(text));
  }

  /** "greeting" or "thanks" when the whole message is a hello or a thank-you in any language. */
  social(text: string): 'greeting' | 'thanks' | undefined {
    return this.socialPhrases.get(compact(this.matchForm(text)));
  }

  /**
   * The choice a short answer names in another way than its button's label
   * ("دولدونغ" → duldung), also among a few more words ("ихк наверно"), when
   * exactly one choice (of those offered, `among`) is named.
   */
  choice(text: string, language: Language, among?: ReadonlySet<string>): string | undefined {
    const form = this.matchForm(text);
    const key = compact(form);
    const words = form.split(' ');
    const padded = ` ${form} `;
    for (const lang of this.yesNoOrder(language)) {
      const choices = this.byLanguage.get(lang)?.choices;
      if (!choices) continue;
      const found = choices.get(key);
      if (found) return found;
      if (words.length > MAX_CHOICE_WORDS) continue;
      const named = new Set<string>();
      for (const [phrase, choice] of this.choicePhrases.get(lang) ?? []) {
        if (padded.includes(phrase) && (!among || among.has(choice))) named.add(choice);
      }
      if (named.size === 1) return [...named][0];
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
    return table ? numberOfWords(this.matchForm(text), table) : undefined;
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
