import { loadExamples, loadTerms } from '../content/examples';
import { HybridLanguageDetector } from '../language/detect';
import { SUPPORTED_LANGUAGES } from '../language/languages';
import type { Recognizers } from '../language/recognizers';
import { TopicClassifier } from './classifier';
import { Nlu } from './nlu';

/** Builds the classifier from `locales/` (training phrases and terms). */
export function createClassifier(localesDir: string): TopicClassifier {
  return new TopicClassifier(loadExamples(localesDir, SUPPORTED_LANGUAGES), loadTerms(localesDir));
}

/** Builds the whole understanding: classifier plus language detection. */
export function createNlu(
  localesDir: string,
  recognizers: Recognizers,
): { nlu: Nlu; detector: HybridLanguageDetector } {
  const detector = new HybridLanguageDetector((text) => recognizers.languagesOfWords(text));
  return { nlu: new Nlu(createClassifier(localesDir), detector), detector };
}
