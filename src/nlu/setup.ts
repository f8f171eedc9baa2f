import { loadExamples, loadTerms } from '../content/examples';
import { ELD_LANGUAGES, HybridLanguageDetector } from '../language/detect';
import { SUPPORTED_LANGUAGES } from '../language/languages';
import type { Recognizers } from '../language/recognizers';
import { TopicClassifier } from './classifier';
import { Nlu } from './nlu';
import { NluWorker } from './worker';

/** The eld database: `small` was as accurate as `medium` on our short messages, with less memory (see README). */
const ELD_DATABASE = 'small';

/** Builds the classifier from `locales/` (training phrases and terms). */
export function createClassifier(localesDir: string): TopicClassifier {
  return new TopicClassifier(loadExamples(localesDir, SUPPORTED_LANGUAGES), loadTerms(localesDir));
}

/** The worker thread (not started yet) with the language model and the classifier, and the detector that uses it. */
export function createUnderstanding(
  localesDir: string,
  recognizers: Recognizers,
): { worker: NluWorker; detector: HybridLanguageDetector } {
  const worker = new NluWorker({ database: ELD_DATABASE, languages: ELD_LANGUAGES, localesDir });
  const detector = new HybridLanguageDetector({
    knownWords: (text) => recognizers.languagesOfWords(text),
    scores: (text) => worker.scores(text),
    ready: worker.ready,
  });
  return { worker, detector };
}

/** The whole understanding for the commands: classifier and language detection, started. */
export function createNlu(
  localesDir: string,
  recognizers: Recognizers,
): { nlu: Nlu; worker: NluWorker } {
  const { worker, detector } = createUnderstanding(localesDir, recognizers);
  worker.start();
  return { nlu: new Nlu(worker, detector), worker };
}
