import type { ClassId } from '../content/examples';
import type { LanguageDetector } from '../language/detect';
import { DEFAULT_LANGUAGE, type Language } from '../language/languages';
import type { Classification } from './classifier';
import type { TextClassifier } from './worker';

/**
 * From this confidence on, the bot answers the topic directly. Measured on the
 * evaluation set: 88 % of messages reach it, and 95.6 % of those are right.
 */
export const CONFIDENT = 0.56;
/** From this confidence on (below {@link CONFIDENT}), the bot asks "did you mean A or B?". */
export const POSSIBLE = 0.5;

/** What a message is about and in which language it is written. */
export interface Understanding {
  /** A topic or intent id from TOPICS.md; `unknown` when nothing fits well enough. */
  topic: ClassId;
  /** The message's language (or the conversation's, when the message does not tell). */
  language: Language;
  /** 0..1. */
  confidence: number;
  /** How to act: answer, ask which of two was meant, or admit not knowing. */
  certainty: 'confident' | 'possible' | 'unknown';
  /** The two best classes, for "did you mean A or B?". */
  candidates: ClassId[];
}

/** What to do with a classification: its class, certainty and the two best candidates. */
export function decide(classification: Classification): Omit<Understanding, 'language'> {
  const { id, confidence, ranked } = classification;
  const candidates = ranked.slice(0, 2).map((entry) => entry.id);
  if (id === 'unknown' || confidence < POSSIBLE) {
    return { topic: 'unknown', confidence, certainty: 'unknown', candidates };
  }
  const certainty = confidence >= CONFIDENT ? 'confident' : 'possible';
  return { topic: id, confidence, certainty, candidates };
}

/** Free text → topic and language: the classifier and the language detector together. */
export class Nlu {
  constructor(
    private readonly classifier: TextClassifier,
    private readonly detector: LanguageDetector,
  ) {}

  /** Understands one message; `current` is the conversation's language so far. */
  async understand(text: string, current?: Language): Promise<Understanding> {
    const [classification, detected] = await Promise.all([
      this.classifier.classify(text),
      this.detector.detect(text, current),
    ]);
    return { ...decide(classification), language: detected ?? current ?? DEFAULT_LANGUAGE };
  }
}
