import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Classification } from './classifier';
import type { NluRequest, NluResponse, NluWorkerData } from './nluWorker';

/** A worker that does not answer within this time is skipped for the turn. */
export const NLU_TIMEOUT_MS = 500;
/** How long a message waits for the worker to finish loading at start-up. */
export const NLU_STARTUP_WAIT_MS = 5000;

/** Something that classifies text, here or in a worker thread. */
export interface TextClassifier {
  classify(text: string): Promise<Classification>;
}

const NOTHING: Classification = { id: 'unknown', confidence: 0, ranked: [] };

/**
 * The main thread's side of the NLU worker thread: language scores for the
 * detector and topic classifications, each answered by message. If the worker
 * is slow or gone, callers get "no scores" / `unknown` rather than an error.
 */
export class NluWorker implements TextClassifier {
  readonly ready: Promise<void>;
  private readonly worker: Worker;
  private loaded = false;
  private nextId = 0;
  private readonly pending = new Map<number, (answer: NluResponse | undefined) => void>();

  constructor(data: NluWorkerData) {
    this.worker = new Worker(path.join(__dirname, 'nluWorker.js'), { workerData: data });
    this.worker.unref();
    this.ready = new Promise<void>((resolve) => {
      this.worker.on('message', (message: NluResponse) => {
        if ('ready' in message) {
          this.loaded = true;
          resolve();
          return;
        }
        this.pending.get(message.id)?.(message);
        this.pending.delete(message.id);
      });
      this.worker.on('error', () => resolve());
      this.worker.on('exit', () => {
        this.loaded = false;
        resolve();
        for (const answer of this.pending.values()) answer(undefined);
        this.pending.clear();
      });
    });
  }

  /** Language scores of eld, or undefined while the model loads. */
  async scores(text: string): Promise<Record<string, number> | undefined> {
    if (!this.loaded) return undefined;
    const answer = await this.request('scores', text);
    return answer && 'scores' in answer ? answer.scores : undefined;
  }

  /** The topic of a message; at start-up it waits for the classifier to be built. */
  async classify(text: string): Promise<Classification> {
    if (!this.loaded) await Promise.race([this.ready, delay(NLU_STARTUP_WAIT_MS)]);
    if (!this.loaded) return NOTHING;
    const answer = await this.request('classify', text);
    return answer && 'classification' in answer ? answer.classification : NOTHING;
  }

  /** Stops the worker thread. */
  async close(): Promise<void> {
    await this.worker.terminate();
  }

  private request(kind: NluRequest['kind'], text: string): Promise<NluResponse | undefined> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve(undefined);
      }, NLU_TIMEOUT_MS);
      this.pending.set(id, (answer) => {
        clearTimeout(timer);
        resolve(answer);
      });
      this.worker.postMessage({ id, kind, text } satisfies NluRequest);
    });
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
