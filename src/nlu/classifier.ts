import { loadExamples, loadTerms, type ClassId, type Example } from '../content/examples';
import { isTopicId, questionOf, topicOfClass } from '../content/topics';
import { SUPPORTED_LANGUAGES } from '../language/languages';
import { normalizeForMatching } from '../language/normalize';

/** How sure the classifier is, and what else it considered. */
export interface Classification {
  /** The best class, or `unknown` when nothing fits well enough. */
  id: ClassId;
  /** 0..1: how much the best class stands out from the rest. */
  confidence: number;
  /** The classes considered, best first (at most {@link MAX_RANKED}). */
  ranked: Array<{ id: ClassId; score: number }>;
}

/** Something that classifies text, here or in the NLU thread. */
export interface TextClassifier {
  classify(text: string): Promise<Classification>;
}

/**
 * The least score that is evidence: below it only stray character n-grams
 * matched ("xyzzy plugh blorp" scores 16; a real question hundreds), and the
 * message is not understood however the classes compare.
 */
export const MIN_EVIDENCE = 40;
/** The least score of a specific question that is evidence it is asked. */
export const MIN_QUESTION_EVIDENCE = 300;
/** How far a question must stand out from its topic's general phrases and other questions (its share of the best two). */
export const QUESTION_SHARE = 0.5;
/** Classes reported in {@link Classification.ranked} (a topic's questions may take several places). */
export const MAX_RANKED = 8;
/** Length of the character n-grams that catch typos and word forms. */
const NGRAM = 4;
/**
 * BM25 settings, measured on the evaluation set: one document per class, so
 * documents differ in length and term frequency matters more than usual.
 */
const BM25 = { k: 2, b: 0.5, d: 0.5 };

/** The classes a term is found in (their numbers) and its score in each. */
interface TermScores {
  classes: Uint16Array;
  scores: Float64Array;
}

/**
 * One document per class, scored with BM25 (the BM25+ form, as MiniSearch
 * scores): every term of the training phrases with each class's score,
 * computed once when the bot starts. A term no phrase has scores nothing, so
 * the table is all there is to look up. (MiniSearch's index did the same with
 * a radix tree built for prefix and fuzzy search, which this never used: the
 * table is built in a fraction of the time, with nothing to warm up.)
 */
class ClassIndex {
  private readonly classes: ClassId[];
  private readonly table = new Map<string, TermScores>();

  constructor(byClass: ReadonlyMap<ClassId, string[]>) {
    this.classes = [...byClass.keys()];
    const documents = [...byClass.values()].map((texts) => {
      const frequencies = new Map<string, number>();
      for (const text of texts) {
        for (const term of features(text)) frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
      }
      return frequencies;
    });
    // A document's length is its number of distinct terms, as in MiniSearch.
    const averageLength =
      documents.reduce((sum, frequencies) => sum + frequencies.size, 0) /
      Math.max(1, documents.length);
    const found = new Map<string, Array<[number, number]>>();
    documents.forEach((frequencies, cls) => {
      for (const [term, frequency] of frequencies) {
        const entries = found.get(term) ?? [];
        entries.push([cls, frequency]);
        found.set(term, entries);
      }
    });
    const { k, b, d } = BM25;
    const norms = documents.map(
      (frequencies) => k * (1 - b + (b * frequencies.size) / averageLength),
    );
    for (const [term, entries] of found) {
      const idf = Math.log(1 + (documents.length - entries.length + 0.5) / (entries.length + 0.5));
      this.table.set(term, {
        classes: Uint16Array.from(entries, ([cls]) => cls),
        scores: Float64Array.from(
          entries,
          ([cls, frequency]) => idf * (d + (frequency * (k + 1)) / (frequency + norms[cls]!)),
        ),
      });
    }
  }

  /**
   * Each class's score for a prepared query's terms: the sum of the terms'
   * BM25 scores times the number of distinct terms that matched (what a
   * MiniSearch OR query gives).
   */
  scores(
    terms: readonly string[],
    only?: (id: ClassId) => boolean,
  ): Array<{ id: ClassId; score: number }> {
    const sums = new Float64Array(this.classes.length);
    const matched = new Uint16Array(this.classes.length);
    const seen = new Set<string>();
    for (const term of terms) {
      const found = this.table.get(term);
      if (!found) continue;
      const first = !seen.has(term);
      seen.add(term);
      for (let i = 0; i < found.classes.length; i += 1) {
        const cls = found.classes[i]!;
        sums[cls]! += found.scores[i]!;
        if (first) matched[cls]! += 1;
      }
    }
    const ranked: Array<{ id: ClassId; score: number }> = [];
    this.classes.forEach((id, cls) => {
      if (matched[cls]! > 0 && (!only || only(id)))
        ranked.push({ id, score: sums[cls]! * matched[cls]! });
    });
    return ranked.sort((a, b) => b.score - a.score);
  }
}

/**
 * Free text → class, in two steps on MiniSearch (BM25) indexes with one
 * document per class holding all its training phrases in every language:
 * first the topic or intent, then, within the topic found, one of its
 * specific questions when one fits clearly. (Questions in the topics' own
 * index took topics' places: their few phrases make short documents.) Texts
 * are normalised (letter variants, digits, German terms in any script → one
 * form) and indexed as words, word pairs and character 4-grams, so
 * misspellings, Arabic prefixes and German compounds still match. (Measured:
 * one document per phrase with voting was less accurate, 84.7 % against
 * 89.8 %, and eight times slower. Word pairs, Ge'ez syllables split into
 * consonant and vowel, Pashto letters folded and Latin consonant skeletons
 * took top-1 accuracy on the evaluation set from 72.4 % to 74.4 %; topic
 * messages: Tigrinya 84.2 → 88.8 %, Vietnamese 83.9 → 88.4 %, Pashto 82.1 →
 * 85.3 %, no language lower.)
 */
export class TopicClassifier {
  private readonly topics: ClassIndex;
  private readonly questions: ClassIndex;
  private readonly termPattern: RegExp | undefined;
  private readonly canonical = new Map<string, string>();

  constructor(examples: readonly Example[], terms: Record<string, string[]> = {}) {
    for (const [form, variants] of Object.entries(terms)) {
      for (const variant of variants) this.canonical.set(forMatching(variant), form);
    }
    const variants = [...this.canonical.keys()]
      .sort((a, b) => b.length - a.length)
      .map(escapeRegExp);
    this.termPattern =
      variants.length > 0 ? new RegExp(`(^| )(${variants.join('|')})(?= |$)`, 'gu') : undefined;
    const topics = new Map<ClassId, string[]>();
    const questions = new Map<ClassId, string[]>();
    const add = (byClass: Map<ClassId, string[]>, id: ClassId, text: string) => {
      const texts = byClass.get(id) ?? [];
      texts.push(text);
      byClass.set(id, texts);
    };
    for (const example of examples) {
      const text = this.prepare(example.text);
      if (questionOf(example.id)) add(questions, example.id, text);
      else add(topics, example.id, text);
      // Within a topic, its general phrases compete with its questions.
      if (isTopicId(example.id)) add(questions, example.id, text);
    }
    this.topics = new ClassIndex(topics);
    this.questions = new ClassIndex(questions);
  }

  /**
   * Classifies one message: the best topic or intent and how much it stands
   * out; where it is a topic and one of its questions fits clearly (enough
   * evidence, and well ahead of the topic's other questions), that question.
   */
  classify(text: string): Classification {
    const query = this.prepare(text);
    if (query === '') return { id: 'unknown', confidence: 0, ranked: [] };
    const terms = features(query);
    const ranked = this.topics.scores(terms).slice(0, MAX_RANKED);
    const [best] = ranked;
    if (!best) return { id: 'unknown', confidence: 0, ranked: [] };
    if (best.score < MIN_EVIDENCE) return { id: 'unknown', confidence: 0, ranked };
    const confidence = confidenceOf(ranked);
    const question = this.questionIn(best.id, terms);
    if (!question) return { id: best.id, confidence, ranked };
    return {
      id: question,
      confidence,
      ranked: [{ id: question, score: best.score }, ...ranked.slice(1)],
    };
  }

  /** The question of `topic` a prepared query's terms ask, if one stands out from the topic and its other questions. */
  private questionIn(topic: ClassId, terms: readonly string[]): ClassId | undefined {
    if (!isTopicId(topic)) return undefined;
    const [first, second] = this.questions.scores(
      terms,
      (id) => id === topic || id.startsWith(`${topic}/`),
    );
    if (!first || first.id === topic || first.score < MIN_QUESTION_EVIDENCE) return undefined;
    const share = first.score / (first.score + (second?.score ?? 0) + 1e-9);
    return share >= QUESTION_SHARE ? first.id : undefined;
  }

  /**
   * The normalised text with German terms in one form, and Latin letters
   * without their marks: phones without a Turkish or German keyboard write
   * "cirak", "fur" for "çırak", "für".
   */
  prepare(text: string): string {
    const normalized = forMatching(text);
    return this.termPattern
      ? normalized.replace(
          this.termPattern,
          (_, space: string, term: string) => `${space}${this.canonical.get(term) ?? term}`,
        )
      : normalized;
  }
}

/** What a class is about: its topic (a question's too), or the intent itself. */
export function subjectOf(id: ClassId): string {
  return topicOfClass(id) ?? id;
}

/**
 * How much the best class stands out: its share of itself and the best class
 * about another subject (a topic's own questions are not rivals: "what is
 * AEVO" and its topic "may my company train" agree on what is asked).
 */
export function confidenceOf(ranked: ReadonlyArray<{ id: ClassId; score: number }>): number {
  const [best] = ranked;
  if (!best) return 0;
  const subject = subjectOf(best.id);
  const rival = ranked.find((entry) => subjectOf(entry.id) !== subject);
  return best.score / (best.score + (rival?.score ?? 0) + 1e-9);
}

/**
 * Latin letters without diacritics (ç → c, ı → i, ü → u, ß → ss, Vietnamese
 * "học" → "hoc", đ → d, as people type without tone marks); other scripts unchanged.
 */
function foldLatin(text: string): string {
  return text
    .replace(/[\u00C0-\u024F\u1E00-\u1EFF]/g, (letter) =>
      letter.normalize('NFD').replace(/[\u0300-\u036f]/g, ''),
    )
    .replace(/ı/g, 'i')
    .replace(/đ/g, 'd')
    .replace(/ß/g, 'ss');
}

/**
 * Pashto letters as people type them on a Persian keyboard (ګ → گ, ښ → ش,
 * ې → ی, څ → س …), so "څه" and "سه", "کې" and "کی" are one word.
 */
const PASHTO_LETTERS: Readonly<Record<string, string>> = {
  ې: 'ی',
  ۍ: 'ی',
  ئ: 'ی',
  ګ: 'گ',
  ښ: 'ش',
  ړ: 'ر',
  ډ: 'د',
  ټ: 'ت',
  ځ: 'ز',
  څ: 'س',
  ڼ: 'ن',
  ۀ: 'ه',
  ږ: 'ژ',
};
const PASHTO_LETTER = new RegExp(`[${Object.keys(PASHTO_LETTERS).join('')}]`, 'gu');

function foldPashto(text: string): string {
  return text.replace(PASHTO_LETTER, (letter) => PASHTO_LETTERS[letter] ?? letter);
}

/** Ge'ez syllables (U+1200–U+135A): rows of one consonant with eight vowel orders each. */
const GEEZ_SYLLABLE = /[\u1200-\u135A]/gu;
const GEEZ_START = 0x1200;
const VOWEL_ORDERS = 8;
/** Private-use characters marking the vowel orders: they never meet a real letter. */
const VOWEL_MARK = 0xe000;

/**
 * Ge'ez syllables as consonant + vowel ("ቲ" → "ተ" + mark of the third order):
 * a Tigrinya word's forms change the vowel of a syllable (ትምህርቲ, ትምህርተይ),
 * which n-grams of whole syllables would not see.
 */
function splitSyllables(text: string): string {
  return text.replace(GEEZ_SYLLABLE, (syllable) => {
    const order = (syllable.charCodeAt(0) - GEEZ_START) % VOWEL_ORDERS;
    return String.fromCharCode(syllable.charCodeAt(0) - order, VOWEL_MARK + order);
  });
}

/** The form a text is matched in: normalised, then the folds above. */
function forMatching(text: string): string {
  return splitSyllables(foldPashto(foldLatin(normalizeForMatching(text))));
}

/** The shortest consonant skeleton worth a feature (shorter ones are shared by many words). */
const MIN_SKELETON = 3;

/**
 * A Latin word's consonants, doubled ones once: people writing Arabic, Persian
 * or Pashto in Latin letters spell vowels as they hear them ("madrasa",
 * "madrase", "madrasah"; "kawalay", "kawali"), and their skeleton agrees.
 */
function skeletonOf(word: string): string | undefined {
  if (!/^[a-z]+$/.test(word)) return undefined;
  const skeleton = word.replace(/[aeiouy]+/g, '').replace(/(.)\1+/g, '$1');
  return skeleton.length >= MIN_SKELETON && skeleton !== word ? skeleton : undefined;
}

/**
 * Words, word pairs, Latin words' consonant skeletons and character n-grams
 * (with word boundaries marked). Pairs carry what single words do not:
 * Vietnamese words are single syllables ("học nghề" is vocational training),
 * and "training pay" is not "training" and "pay".
 */
function features(text: string): string[] {
  const out: string[] = [];
  let previous = '';
  for (const word of text.split(' ')) {
    if (word === '') continue;
    out.push(word);
    if (previous !== '') out.push(`${previous}+${word}`);
    previous = word;
    const skeleton = skeletonOf(word);
    if (skeleton) out.push(`~${skeleton}`);
    const padded = `_${word}_`;
    if (padded.length <= NGRAM) continue;
    for (let i = 0; i + NGRAM <= padded.length; i += 1) out.push(`#${padded.slice(i, i + NGRAM)}`);
  }
  return out;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Builds the classifier from `locales/` (training phrases and terms). */
export function createClassifier(localesDir: string): TopicClassifier {
  return new TopicClassifier(loadExamples(localesDir, SUPPORTED_LANGUAGES), loadTerms(localesDir));
}
