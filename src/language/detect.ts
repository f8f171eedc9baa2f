import { isLanguage, type Language } from './languages';

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
/** Fewer letters than this: too little to tell a language (e.g. "ok"). */
const MIN_LETTERS = 2;

/** Languages eld scores for us (ISO 639-1, the same codes as ours). */
export const ELD_LANGUAGES: Language[] = ['de', 'en', 'ar', 'fa', 'uk', 'ru', 'tr'];

interface Rule {
  decided?: string;
  candidates?: Language[];
  fallback?: Language;
}

/**
 * Letters that decide a language on their own, and otherwise which languages a
 * script leaves open: Pashto-only letters (not supported: keep the current
 * language), Persian پ چ ژ گ, Arabic ة ى, Ukrainian і ї є ґ, Russian ы э ъ ё,
 * Turkish ı ğ ş, German ß ä.
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
  if (/[ığİĞşŞ]/.test(text)) return { decided: 'tr' };
  if (/[ßäÄ]/.test(text)) return { decided: 'de' };
  return { candidates: ['de', 'en', 'tr'] };
}

/** Where the detector gets its parts: known words, and the eld model's scores. */
export interface DetectorSources {
  /**
   * The languages of a message that is a known word or phrase (greetings,
   * thanks, yes/no, commands from locales/); one language decides, several
   * ("ok", "سلام") leave the language open.
   */
  knownWords?: (text: string) => ReadonlySet<Language> | undefined;
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
  private readonly scores: NonNullable<DetectorSources['scores']>;

  constructor(sources: DetectorSources = {}) {
    this.knownWords = sources.knownWords ?? (() => undefined);
    this.scores = sources.scores ?? (async () => undefined);
    this.ready = sources.ready ?? Promise.resolve();
  }

  async detect(text: string, current?: Language): Promise<Language | undefined> {
    const known = this.knownWords(text);
    if (known) return known.size === 1 ? [...known][0] : undefined;
    const stripped = text.replace(/https?:\/\/\S+/g, ' ').replace(LOANWORDS, ' ');
    const letters = stripped.match(/\p{L}/gu)?.length ?? 0;
    if (letters < MIN_LETTERS) return undefined;
    const { decided, candidates = [], fallback } = rule(stripped);
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
      if ((scores[candidate] ?? 0) > (best ? (scores[best] ?? 0) : 0)) best = candidate;
    }
    if (keepsCurrent && (!best || (scores[best] ?? 0) - (scores[spoken] ?? 0) < SWITCH_MARGIN)) {
      return current;
    }
    return best ?? fallback;
  }
}
