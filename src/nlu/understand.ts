import type { ClassId } from '../content/examples';
import type { LanguageDetector } from '../language/detect';
import {
  DEFAULT_LANGUAGE,
  LATIN_LANGUAGES,
  languageOfLocale,
  type Language,
} from '../language/languages';
import type { Recognizers } from '../language/recognizers';
import { CLAUSE_END } from '../language/normalize';
import {
  confidenceOf,
  MAX_RANKED,
  subjectOf,
  type Classification,
  type TextClassifier,
} from './classifier';
import { topicOfClass } from '../content/topics';
import type { Audience } from '../content/topics';

/**
 * From this confidence on, the bot answers the topic directly: the lowest
 * threshold at which 95 % of the answers given are right. Measured on the
 * evaluation set's topic messages: 84 % reach it, and 95.2 % of those are
 * right (0.54: 87 % and 94.5 %; 0.56: 82 % and 95.6 %).
 */
export const CONFIDENT = 0.55;
/** From this confidence on (below {@link CONFIDENT}), the bot asks "did you mean A or B?". */
export const POSSIBLE = 0.5;
/** Intents that only greet, thank or take leave: they never fire on a message that says more. */
const SOCIAL_INTENTS = new Set<string>(['greeting', 'thanks', 'goodbye']);
/** More words than this carry content, unless the classifier is very sure of a social intent. */
const MAX_SOCIAL_WORDS = 4;
/** The confidence from which a longer message may still be a greeting, thanks or goodbye. */
const SURE_SOCIAL = 0.75;
/** Longest message the bot reads; longer ones get a polite request to shorten. */
export const MAX_MESSAGE_CHARS = 2000;
/**
 * The weight of a topic not meant for the reader's audience (a parent asking
 * is rarely asking about a company's training authorisation). Measured on
 * eval:conversations' audience turns (scripts never used for training).
 */
export const OTHER_AUDIENCE_WEIGHT = 0.8;
/** The weight of the topic just answered: a short follow-up is often about it. */
export const CURRENT_TOPIC_WEIGHT = 1.1;
/**
 * How much more the question of a longer message counts than the rest ("my
 * son is 17, he has a Duldung. can he start an ausbildung?"): its clause's
 * scores are added to the whole message's this many times.
 */
export const QUESTION_WEIGHT = 0.3;
/** Clauses shorter than this (in words) are not read on their own. */
const MIN_CLAUSE_WORDS = 3;
/** Sentence ends, and commas, split a message into clauses. */
const CLAUSE_BREAK = /(?<=[.!?؟;\n])\s+/u;
/** A clause that asks. */
const ASKS = /[?؟]\s*$/u;

/** What is known of the conversation a message arrives in. */
export interface ConversationContext {
  /** A language the user chose explicitly: it wins over what the message looks like. */
  chosenLanguage?: Language;
  /** The language of the conversation so far. */
  language?: Language;
  /** The language the user has written in, in its own script, in this conversation. */
  written?: Language;
  /** The channel's locale (`ar-SY`, `uk`…), the last resort before German. */
  locale?: string;
  /** Who the user said they are; the message itself may say otherwise ("my son…"). */
  audience?: Audience;
  /** The topic answered last. */
  topic?: ClassId;
}

/** Who each topic is meant for (`locales/topics/<id>.json` audiences). */
export type TopicAudiences = ReadonlyMap<ClassId, readonly Audience[]>;

/** What to do with a classification: its class, certainty and the two best candidates. */
export interface Decision {
  /** A topic or intent id from TOPICS.md; `unknown` when nothing fits well enough. */
  topic: ClassId;
  /** 0..1. */
  confidence: number;
  /** How to act: answer, ask which of two was meant, or admit not knowing. */
  certainty: 'confident' | 'possible' | 'unknown';
  /** The two best classes, for "did you mean A or B?". */
  candidates: ClassId[];
}

/** What a message is about and in which language to answer it. */
export interface Understanding extends Decision {
  /** The language to answer in: chosen, else written in, else the conversation's, else the locale's. */
  language: Language;
  /** A language the message asks for ("auf Deutsch bitte"): the caller makes it the chosen one. */
  requested?: Language;
  /** The language the message is written in, in that language's own script (not romanized). */
  written?: Language;
  /** A second question's topic, when the message asks two things (answered first: {@link topic}). */
  also?: ClassId;
}

/** Turns a classification into a {@link Decision}. */
export function decide(classification: Classification): Decision {
  const { id, confidence, ranked } = classification;
  // Two candidates about different subjects (a question and its own topic are one).
  const [first] = ranked;
  const other = ranked.find((entry) => first && subjectOf(entry.id) !== subjectOf(first.id));
  const candidates = [first, other].flatMap((entry) => (entry ? [entry.id] : []));
  if (id === 'unknown' || confidence < POSSIBLE) {
    return { topic: 'unknown', confidence, certainty: 'unknown', candidates };
  }
  const certainty = confidence >= CONFIDENT ? 'confident' : 'possible';
  return { topic: id, confidence, certainty, candidates };
}

const NOTHING: Decision = { topic: 'unknown', confidence: 0, certainty: 'unknown', candidates: [] };

/**
 * The one way a message is understood, by the bot and by `npm run classify`
 * alike: the language to answer in (an explicit choice or request wins, then
 * the language the message is written in, then the conversation's) and the
 * topic or intent with how sure that is.
 */
export class Understander {
  constructor(
    private readonly classifier: TextClassifier,
    private readonly detector: LanguageDetector,
    private readonly recognizers: Recognizers,
    private readonly audiences: TopicAudiences = new Map(),
  ) {}

  /** Understands one message in its conversation. */
  async understand(text: string, conversation: ConversationContext = {}): Promise<Understanding> {
    const trimmed = text.trim();
    const requested = trimmed === '' ? undefined : this.recognizers.requestedLanguage(trimmed);
    // A phone number or e-mail address alone says nothing about the language or the topic.
    const readable =
      trimmed !== '' && trimmed.length <= MAX_MESSAGE_CHARS && !this.isOnlyContact(trimmed);
    if (!readable) {
      return {
        ...NOTHING,
        language: this.languageOf(conversation, requested, undefined),
        ...(requested ? { requested } : {}),
      };
    }
    // Detection first: its round trip to the NLU thread classifies the text as well.
    // A first message is read against the page's language ("سلام" on a Pashto or Dari page).
    const current = conversation.language ?? languageOfLocale(conversation.locale);
    const detected = await this.detector.detect(trimmed, current);
    const audience = this.recognizers.audienceCue(trimmed)?.audience ?? conversation.audience;
    const weigh = (classification: Classification) =>
      inContext(classification, this.audiences, audience, conversation.topic);
    const { whole, questions } = await this.classifyClauses(trimmed);
    let decision = this.decideSocial(trimmed, weigh(whole));
    // Two questions the bot is sure of each: the first asked is answered, the second named.
    const pair = twoQuestions(decision, questions.map(weigh));
    if (pair) decision = { ...decision, topic: pair[0], certainty: 'confident' };
    const also = pair?.[1];
    // Arabic, Persian, Russian or Ukrainian in Latin letters is answered in that language, in
    // its own script, unless the user has already written in a language (that one then wins).
    // Turkish, Kurmanji or Vietnamese without their letters or tone marks is still written so.
    const romanized = this.recognizers.romanizedLanguage(trimmed);
    const latin = romanized !== undefined && LATIN_LANGUAGES.has(romanized);
    const written = latin ? romanized : romanized ? undefined : detected;
    const meant = romanized && !latin ? (conversation.written ?? romanized) : written;
    return {
      ...decision,
      language: this.languageOf(conversation, requested, meant),
      ...(requested ? { requested } : {}),
      ...(written ? { written } : {}),
      ...(also ? { also } : {}),
    };
  }

  /**
   * The message classified with its question weighing most: a message of
   * several clauses adds its question's scores (the clauses ending in "?", else
   * the last one) to the whole message's. Each question is also returned on
   * its own, for messages that ask two things.
   */
  private async classifyClauses(
    text: string,
  ): Promise<{ whole: Classification; questions: Classification[] }> {
    const whole = await this.classifier.classify(text);
    const clauses = text
      .split(CLAUSE_BREAK)
      .filter((clause) => clause.trim().split(/\s+/).length >= MIN_CLAUSE_WORDS);
    if (clauses.length < 2) return { whole, questions: [] };
    const asking = clauses.filter((clause) => ASKS.test(clause));
    const focus = asking.length > 0 ? asking : clauses.slice(-1);
    const questions = await Promise.all(focus.map((clause) => this.classifier.classify(clause)));
    return { whole: combine(whole, questions, QUESTION_WEIGHT), questions };
  }

  /**
   * A whole message that is a hello or a thank-you from the word lists is
   * that intent for sure ("Доброго дня" greets); a greeting, thanks or
   * goodbye the classifier found in a longer message ("من صنف ۱۰ خلاص کدم در
   * کابل": I finished grade 10 in Kabul) gives way to the best topic.
   */
  private decideSocial(text: string, classification: Classification): Decision {
    const social = this.recognizers.social(text);
    if (social)
      return { topic: social, confidence: 1, certainty: 'confident', candidates: [social] };
    const decision = decide(classification);
    // "chào bạn, mình có câu hỏi": a hello first and no question the bot is sure of is a hello.
    const opening = this.recognizers.social(text.split(CLAUSE_END)[0] ?? '');
    if (
      opening === 'greeting' &&
      (decision.certainty !== 'confident' || SOCIAL_INTENTS.has(decision.topic))
    ) {
      return { topic: opening, confidence: 1, certainty: 'confident', candidates: [opening] };
    }
    const words = text.split(/\s+/).length;
    if (
      !SOCIAL_INTENTS.has(decision.topic) ||
      words <= MAX_SOCIAL_WORDS ||
      decision.confidence >= SURE_SOCIAL
    ) {
      return decision;
    }
    const ranked = classification.ranked.filter((entry) => !SOCIAL_INTENTS.has(entry.id));
    const ranking = classificationOf(ranked);
    return ranking ? decide(ranking) : { ...NOTHING };
  }

  /** The language of a turn whose message carries no readable text (a button, a phone number). */
  languageOf(
    conversation: ConversationContext,
    requested?: Language,
    detected?: Language,
  ): Language {
    return (
      requested ??
      conversation.chosenLanguage ??
      detected ??
      conversation.language ??
      languageOfLocale(conversation.locale) ??
      DEFAULT_LANGUAGE
    );
  }

  private isOnlyContact(text: string): boolean {
    // Cheap test first: the recognizers run only on what looks like a number or an address.
    if (!text.includes('@') && !/^[\s\d\u0660-\u0669\u06F0-\u06F9+()/.-]+$/.test(text))
      return false;
    const contact = this.recognizers.contact(text);
    return contact !== undefined && contact.value.length >= text.trim().length - 2;
  }
}

/**
 * The classification weighed by what the conversation knows: topics not meant
 * for the reader's audience count less, the topic just answered a little more;
 * the confidence is then the best class's share of the best two, as before.
 */
export function inContext(
  classification: Classification,
  audiences: TopicAudiences,
  audience: Audience | undefined,
  topic: ClassId | undefined,
): Classification {
  // Too little evidence to be anything (classifier.ts MIN_EVIDENCE) stays so.
  if (classification.ranked.length === 0 || (!audience && !topic) || isNoEvidence(classification))
    return classification;
  const ranked = classification.ranked
    .map(({ id, score }) => {
      const meantFor = audiences.get(topicOfClass(id) ?? id);
      let weight = 1;
      if (audience && meantFor && !meantFor.includes(audience)) weight *= OTHER_AUDIENCE_WEIGHT;
      if (topic && topicOfClass(id) === topic) weight *= CURRENT_TOPIC_WEIGHT;
      return { id, score: score * weight };
    })
    .sort((a, b) => b.score - a.score);
  // `unknown` (the class of off-topic phrases) keeps its meaning: nothing fits.
  return classificationOf(ranked) ?? classification;
}

/**
 * The topics of a message's first two questions, in the order asked, when
 * the bot is sure of each on its own, they are about different things, and
 * the whole message points to one of them.
 */
function twoQuestions(
  decision: Decision,
  questions: Classification[],
): [ClassId, ClassId] | undefined {
  // A message with two questions is torn between them as a whole; each question alone is clear.
  if (questions.length < 2 || decision.certainty === 'unknown') return undefined;
  const topics = questions
    .map((question) => decide(question))
    .filter((one) => one.certainty === 'confident' && !SOCIAL_INTENTS.has(one.topic))
    .map((one) => one.topic);
  const [first] = topics;
  const second = topics.find((topic) => first && subjectOf(topic) !== subjectOf(first));
  if (!first || !second) return undefined;
  const considered = [decision.topic, ...decision.candidates].map(subjectOf);
  if (![first, second].some((topic) => considered.includes(subjectOf(topic)))) return undefined;
  return [first, second];
}

/**
 * The whole message's scores plus its questions' (each scaled to its best
 * class, so that a short clause counts as much as a long message).
 */
function combine(
  whole: Classification,
  questions: Classification[],
  weight: number,
): Classification {
  if (isNoEvidence(whole)) return whole;
  const scores = new Map<ClassId, number>();
  const add = (classification: Classification, factor: number) => {
    const top = classification.ranked[0]?.score ?? 0;
    if (top <= 0) return;
    for (const { id, score } of classification.ranked) {
      scores.set(id, (scores.get(id) ?? 0) + (factor * score) / top);
    }
  };
  add(whole, 1);
  for (const question of questions) add(question, weight / questions.length);
  const ranked = [...scores]
    .map(([id, score]) => ({ id, score }))
    .sort((a, b) => b.score - a.score)
    .slice(0, MAX_RANKED);
  return classificationOf(ranked) ?? whole;
}

/** A ranking (best first) as a classification: its best class and how much that stands out. */
function classificationOf(
  ranked: Array<{ id: ClassId; score: number }>,
): Classification | undefined {
  const [best] = ranked;
  return best ? { id: best.id, confidence: confidenceOf(ranked), ranked } : undefined;
}

/** The classifier found nothing but stray n-grams. */
function isNoEvidence(classification: Classification): boolean {
  return classification.id === 'unknown' && classification.confidence === 0;
}

const TURN_UNDERSTANDING = Symbol('kausa.understanding');

/** Keeps how this turn's message was understood, so later steps do not understand it again. */
export function setTurnUnderstanding(
  context: { turnState: Map<unknown, unknown> },
  understanding: Understanding,
): void {
  context.turnState.set(TURN_UNDERSTANDING, understanding);
}

/** How this turn's message was understood, if the pipeline read it. */
export function turnUnderstanding(context: {
  turnState: Map<unknown, unknown>;
}): Understanding | undefined {
  return context.turnState.get(TURN_UNDERSTANDING) as Understanding | undefined;
}

/**
 * What a message is about, for a counsellor: the class the bot understood
 * and how sure it was; undefined for a message it cannot read (a phone
 * number alone, an empty or overlong text).
 */
export function gistOf(
  understander: Pick<Understander, 'understand'>,
): (text: string, language: string) => Promise<{ id: string; confidence: number } | undefined> {
  return async (text, language) => {
    const understanding = await understander.understand(text, {
      language: languageOfLocale(language) ?? DEFAULT_LANGUAGE,
    });
    return understanding.confidence === 0
      ? undefined
      : { id: understanding.topic, confidence: understanding.confidence };
  };
}
