/**
 * Worker thread that loads the eld n-gram model and scores texts, so that
 * loading the model (about a second) never blocks the bot's event loop.
 */
import { parentPort, workerData } from 'node:worker_threads';

interface Eld {
  detect(text: string): { getScores(): Record<string, number> };
  setLanguageSubset(languages: string[]): unknown;
  load(database: string): Promise<void>;
}

/** A scoring request from the main thread. */
export interface ScoreRequest {
  id: number;
  text: string;
}

/** The worker's answers: once `ready`, then one `scores` per request. */
export type WorkerMessage = { ready: true } | { id: number; scores: Record<string, number> };

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) return;
  const { database, languages } = workerData as { database: string; languages: string[] };
  const { eld } = (await import('eld')) as unknown as { eld: { newInstance(): Eld } };
  const detector = eld.newInstance();
  await detector.load(database);
  detector.setLanguageSubset(languages);
  port.on('message', ({ id, text }: ScoreRequest) => {
    port.postMessage({ id, scores: detector.detect(text).getScores() } satisfies WorkerMessage);
  });
  port.postMessage({ ready: true } satisfies WorkerMessage);
}

void main();
