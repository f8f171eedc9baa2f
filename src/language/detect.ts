import { FIRST_LANGUAGES, isLanguage, type Language } from './languages';

/** A language detector for short chat messages. */
export interface LanguageDetector {
  /**
   * The supported language `text` is written in, or undefined when it cannot
   * tell. `current` is the conversation's language: it is kept unless the text
   * is clearly in another one.
   */
  detect(text: string, current?: Language): Promise<Language | undefined>;
  /** Resolves once the statistical model is loaded (until then only decisive letters count). */
  readonly ready: Promise<void>;
}

/** German words users mix into every language; they say nothing about the language. */
const LOANWORDS =
  /\b(ausbildung\w*|azubi\w*|jobcenter|praktikum|berufsschule|duldung|gestattung|ihk|hwk|bab|b1|b2|a1|a2|c1)\b/giu;
/**
 * How much better another language must score than the conversation's own before
 * the bot switches (Ukrainian and Russian often score within 0.01 on short texts).
 */
const SWITCH_MARGIN = 0.05;
/** How many more words must speak for Dari or Arabic than for Pashto to leave a Pashto conversation. */
const LEAVE_PASHTO_VOTES = 2;
/** How sure eld must be of another language to leave a Kurmanji conversation, which it cannot score. */
const UNSCORED_SWITCH = 0.7;
/** How much a later language (French, Vietnamese) must lead eld's best first language by. */
const LATER_LANGUAGE_MARGIN = 0.02;
/** Fewer letters than this: too little to tell a language (e.g. "ok"). */
const MIN_LETTERS = 2;

/** Languages eld scores for us (ISO 639-1, the same codes as ours). */
export const ELD_LANGUAGES: Language[] = ['de', 'en', 'ar', 'fa', 'uk', 'ru', 'tr', 'fr', 'vi'];

interface Rule {
  decided?: string;
  candidates?: Language[];
  fallback?: Language;
  /** The score a candidate needs to win over the fallback (eld does not score the fallback). */
  minScore?: number;
}

/** Letters only Vietnamese writes (ă đ ơ ư and the letters with tone marks of U+1EA0–U+1EF9). */
const VIETNAMESE_LETTER = /[ăĂđĐơƠưƯ\u1EA0-\u1EF9]/u;
/** Kurmanji's ê î û; French has them too, with letters Kurmanji never writes. */
const KURMANJI_LETTER = /[êîûÊÎÛ]/u;
const FRENCH_ONLY_LETTER = /[éèàùâôœëïÿÉÈÀ]/u;
/**
 * eld has no Kurmanji: a text with ê î û is French only when eld is this sure
 * ("s'il vous plaît"); Kurmanji scores below it ("ez dixwazim perwerdeya pîşeyî").
 */
const FRENCH_OVER_KURMANJI = 0.5;
/** The same for a text with ş but none of Turkish's ı ğ ü ö ("meaş çiqas e" is Kurmanji). */
const TURKISH_OVER_KURMANJI = 0.5;

/**
 * Letters that decide a language on their own, and otherwise which languages a
 * script leaves open: Ge'ez (Tigrinya), Pashto-only letters ټ ځ څ ډ ړ ږ ښ ګ ڼ ۍ ې
 * (Pashto without them is told by its words: {@link DetectorSources.wordVotes}), Persian پ چ ژ گ, Arabic ة ى, Ukrainian і ї є ґ, Russian ы э ъ ё,
 * Vietnamese ă đ ơ ư and tone marks, Turkish ı ğ, Kurmanji ê î û, German ß ä.
 */
function rule(text: string): Rule {
  if (/[\u1200-\u137F]/.test(text)) return { decided: 'ti' };
  if (/[\u0600-\u06FF]/.test(text)) {
    if (/[\u067C\u0681\u0685\u0689\u0693\u0696\u069A\u06AB\u06BC\u06CD\u06D0]/.test(text)) {
      return { decided: 'ps' };
    }
    if (/[\u067E\u0686\u0698\u06AF]/.test(text)) return { decided: 'fa' };
    if (/[\u0629\u0649\u0623\u0625]/.test(text)) return { decided: 'ar' };
    if (/[\u06CC\u06A9]/.test(text)) return { decided: 'fa' };
    return { candidates: ['ar', 'fa'], fallback: 'ar' };
  }
  if (/[\u0400-\u04FF]/.test(text)) {
    if (/[іїєґ]/i.test(text)) return { decided: 'uk' };
    if (/[ыэъё]/i.test(text)) return { decided: 'ru' };
    return { candidates: ['uk', 'ru'], fallback: 'ru' };
  }
  if (VIETNAMESE_LETTER.test(text)) return { decided: 'vi' };
  if (/[ığİĞ]/.test(text)) return { decided: 'tr' };
  if (/[ßäÄ]/.test(text)) return { decided: 'de' };
  if (KURMANJI_LETTER.test(text) && !FRENCH_ONLY_LETTER.test(text)) {
    return { candidates: ['fr'], fallback: 'kmr', minScore: FRENCH_OVER_KURMANJI };
  }
  // ş without ı ğ ü ö: Turkish or Kurmanji (and ç French too); Kurmanji's words are also read
  // by the recognizers (romanizedLanguage), which the bot asks as well.
  if (/[şŞ]/.test(text) && !/[üÜöÖ]/.test(text)) {
    return { candidates: ['tr', 'fr'], fallback: 'kmr', minScore: TURKISH_OVER_KURMANJI };
  }
  return { candidates: ['de', 'en', 'tr', 'fr', 'vi'] };
}

/** Where the detector gets its parts: known words, and the eld model's scores. */
export interface DetectorSources {
  /**
   * The languages of a message that is a known word or phrase (greetings,
   * thanks, yes/no, commands from locales/); one language decides, several
   * ("ok", "سلام") leave the language open.
   */
  knownWords?: (text: string) => ReadonlySet<Language> | undefined;
  /**
   * Words of the training phrases that speak for one language among those
   * sharing its script (Pashto beside Dari and Arabic), with how many of the
   * text's words speak for each.
   */
  wordVotes?: (text: string) => ReadonlyMap<Language, number>;
  /** eld's scores per language code, or undefined while the model loads. */
  scores?: (text: string) => Promise<Record<string, number> | undefined>;
  /** Resolves once the model is loaded. */
  ready?: Promise<void>;
}

/**
 * Decisive letters first, then the eld n-gram model (measured on short chat
 * messages in 12 languages: see README). Unsupported languages and texts too
 * short to tell give undefined, so the conversation keeps its language.
 */
export class HybridLanguageDetector implements LanguageDetector {
  readonly ready: Promise<void>;
  private readonly knownWords: NonNullable<DetectorSources['knownWords']>;
  private readonly wordVotes: NonNullable<DetectorSources['wordVotes']>;
  private readonly scores: NonNullable<DetectorSources['scores']>;

  constructor(sources: DetectorSources = {}) {
    this.knownWords = sources.knownWords ?? (() => undefined);
    this.wordVotes = sources.wordVotes ?? (() => new Map());
    this.scores = sources.scores ?? (async () => undefined);
    this.ready = sources.ready ?? Promise.resolve();
  }

  async detect(text: string, current?: Language): Promise<Language | undefined> {
    const known = this.knownWords(text);
    if (known) {
      if (known.size === 1) return [...known][0];
      // A word languages share ("merhaba", "السلام عليكم") keeps the conversation's language if
      // it is one of them; else it stays with the one language the bot had first, if only one
      // of them is (a Kurmanji speaker's "merhaba" is read as Turkish, as before Kurmanji came).
      if (current && known.has(current)) return current;
      const first = [...known].filter((language) => FIRST_LANGUAGES.has(language));
      return first.length === 1 ? first[0] : undefined;
    }
    const stripped = text.replace(/https?:\/\/\S+/g, ' ').replace(LOANWORDS, ' ');
    const letters = stripped.match(/\p{L}/gu)?.length ?? 0;
    if (letters < MIN_LETTERS) return undefined;
    const { decided, candidates = [], fallback, minScore = 0 } = rule(stripped);
    // Pashto written without its own letters looks like Dari to the letters, and eld has no
    // Pashto: its words decide when more of them speak for it than for Dari or Arabic; in a
    // Pashto conversation, unless two more of them speak for Dari or Arabic ("نولس", "آشپزي").
    if (decided === 'fa' || candidates.includes('fa')) {
      const votes = this.wordVotes(stripped);
      const pashto = votes.get('ps') ?? 0;
      const other = Math.max(votes.get('fa') ?? 0, votes.get('ar') ?? 0);
      if (current === 'ps' ? other - pashto < LEAVE_PASHTO_VOTES : pashto > 0 && pashto > other) {
        return 'ps';
      }
    }
    if (decided) return isLanguage(decided) ? decided : undefined;
    // One Latin word ("chef", "im 20") is too little to leave the conversation's language.
    if (current && candidates.includes('en') && stripped.match(/\p{L}+/gu)!.length < 2) {
      return current;
    }
    const spoken = current === 'de-simple' ? 'de' : current;
    const keepsCurrent = spoken !== undefined && candidates.includes(spoken);
    const scores = await this.scores(stripped);
    if (!scores) return keepsCurrent ? current : fallback;
    let best: Language | undefined;
    for (const candidate of candidates) {
      const score = scores[candidate] ?? 0;
      if (score >= minScore && score > (best ? (scores[best] ?? 0) : 0)) best = candidate;
    }
    // French and Vietnamese share many short words with English and German ("agent", "email
    // adresse"): a later language must lead the first languages by a margin to win.
    if (best && !FIRST_LANGUAGES.has(best)) {
      const rival = candidates
        .filter((candidate) => FIRST_LANGUAGES.has(candidate) && (scores[candidate] ?? 0) > 0)
        .sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0))[0];
      if (rival && (scores[best] ?? 0) - (scores[rival] ?? 0) < LATER_LANGUAGE_MARGIN) best = rival;
    }
    if (keepsCurrent && (!best || (scores[best] ?? 0) - (scores[spoken] ?? 0) < SWITCH_MARGIN)) {
      return current;
    }
    // eld has no Kurmanji: a Kurmanji conversation keeps it unless eld is sure of another language.
    if (current === 'kmr' && (!best || (scores[best] ?? 0) < UNSCORED_SWITCH)) return current;
    return best ?? fallback;
  }
}
