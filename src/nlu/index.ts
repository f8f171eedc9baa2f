import { ELD_LANGUAGES, HybridLanguageDetector } from '../language/detect';
import type { Recognizers } from '../language/recognizers';
import { NluClient } from './nluClient';
import { Understander, type TopicAudiences } from './understand';
import { loadCatalogue } from '../content/catalogue';
import { loadExamples } from '../content/examples';
import { WordVotes } from './wordVotes';

export { Understander, type Understanding, type ConversationContext } from './understand';
export type { TextClassifier } from './classifier';

/** The eld database: `small` was as accurate as `medium` on our short messages, with less memory (see README). */
const ELD_DATABASE = 'small';

/** Understanding free text: the NLU thread (language model and classifier), the detector on it, and the one `understand`. */
export interface Nlu {
  understander: Understander;
  /** The thread's client (also the classifier). */
  client: NluClient;
  detector: HybridLanguageDetector;
  /** Starts the thread (the bot does so once it is listening, so loading does not compete with start-up). */
  start(): void;
  close(): Promise<void>;
}

/** Who each topic is meant for, from the catalogue. */
function topicAudiences(localesDir: string): TopicAudiences {
  const { topics } = loadCatalogue(localesDir);
  return new Map([...topics].map(([id, meta]) => [id, meta.audiences]));
}

/** Builds the NLU on `locales/` (not started yet). */
export function createNlu(localesDir: string, recognizers: Recognizers): Nlu {
  const client = new NluClient({ database: ELD_DATABASE, languages: ELD_LANGUAGES, localesDir });
  // Pashto, Dari and Arabic share a script; eld knows the last two only.
  const arabicScript = new WordVotes(loadExamples(localesDir, ['ar', 'fa', 'ps']), [
    'ar',
    'fa',
    'ps',
  ]);
  const detector = new HybridLanguageDetector({
    knownWords: (text) => recognizers.languagesOfWords(text),
    wordVotes: (text) => arabicScript.votes(text),
    scores: (text) => client.scores(text),
    ready: client.ready,
  });
  return {
    understander: new Understander(client, detector, recognizers, topicAudiences(localesDir)),
    client,
    detector,
    start: () => client.start(),
    close: () => client.close(),
  };
}
