/**
 * The NLU thread (`nluClient.ts` is its main-thread side) for the expensive parts of understanding: the eld n-gram
 * model (language scores) and the topic classifier. Loading them never blocks
 * the bot's event loop, and scoring runs beside it on the second core.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createClassifier } from './classifier';
import type { NluRequest, NluResponse, NluWorkerData } from './protocol';

interface Eld {
  detect(text: string): { getScores(): Record<string, number> };
  setLanguageSubset(languages: string[]): unknown;
  load(database: string): Promise<void>;
}

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) return;
  const { database, languages, localesDir } = workerData as NluWorkerData;
  const classifier = createClassifier(localesDir);
  const { eld } = (await import('eld')) as unknown as { eld: { newInstance(): Eld } };
  const detector = eld.newInstance();
  await detector.load(database);
  detector.setLanguageSubset(languages);
  port.on('message', ({ id, kind, text }: NluRequest) => {
    try {
      const answer: NluResponse =
        kind === 'scores'
          ? { id, scores: detector.detect(text).getScores() }
          : kind === 'classify'
            ? { id, classification: classifier.classify(text) }
            : {
                id,
                scores: detector.detect(text).getScores(),
                classification: classifier.classify(text),
              };
      port.postMessage(answer);
    } catch (error) {
      port.postMessage({
        id,
        error: String((error as Error)?.message ?? error),
      } satisfies NluResponse);
    }
  });
  port.postMessage({ ready: true } satisfies NluResponse);
}

void main();
