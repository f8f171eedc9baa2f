import type { ClassId } from '../content/examples';
import type { LanguageDetector } from '../language/detect';
import { DEFAULT_LANGUAGE, languageOfLocale, type Language } from '../language/languages';
import type { Recognizers } from '../language/recognizers';
import type { Classification, TextClassifier } from './classifier';

/**
 * From this confidence on, the bot answers the topic directly. Measured on the
 * evaluation set: 88 % of messages reach it, and 95.6 % of those are right.
 */
export const CONFIDENT = 0.56;
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
}

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
}

/** Turns a classification into a {@link Decision}. */
export function decide(classification: Classification): Decision {
  const { id, confidence, ranked } = classification;
  const candidates = ranked.slice(0, 2).map((entry) => entry.id);
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
    const detected = await this.detector.detect(trimmed, conversation.language);
    const decision = this.decideSocial(trimmed, await this.classifier.classify(trimmed));
    // Arabic, Persian, Russian or Ukrainian in Latin letters is answered in that language, in
    // its own script, unless the user has already written in a language (that one then wins).
    // Turkish without its letters is still Turkish written as Turkish.
    const romanized = this.recognizers.romanizedLanguage(trimmed);
    const written = romanized === 'tr' ? 'tr' : romanized ? undefined : detected;
    const meant = romanized && romanized !== 'tr' ? (conversation.written ?? romanized) : written;
    return {
      ...decision,
      language: this.languageOf(conversation, requested, meant),
      ...(requested ? { requested } : {}),
      ...(written ? { written } : {}),
    };
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
    const words = text.split(/\s+/).length;
    if (
      !SOCIAL_INTENTS.has(decision.topic) ||
      words <= MAX_SOCIAL_WORDS ||
      decision.confidence >= SURE_SOCIAL
    ) {
      return decision;
    }
    const ranked = classification.ranked.filter((entry) => !SOCIAL_INTENTS.has(entry.id));
    const [best, second] = ranked;
    if (!best) return { ...NOTHING };
    return decide({
      id: best.id,
      confidence: best.score / (best.score + (second?.score ?? 0) + 1e-9),
      ranked,
    });
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
