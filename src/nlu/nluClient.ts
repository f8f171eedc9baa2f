import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Classification, TextClassifier } from './classifier';
import type { NluRequest, NluResponse, NluWorkerData } from './protocol';

/** A worker that does not answer within this time is skipped for the turn. */
export const NLU_TIMEOUT_MS = 500;
/** Answers kept for the topic that follows a language request (about one per conversation in flight). */
const RECENT_ANSWERS = 256;
/** How long a message waits for the worker to finish loading at start-up. */
export const NLU_STARTUP_WAIT_MS = 5000;

const NOTHING: Classification = { id: 'unknown', confidence: 0, ranked: [] };

/**
 * The main thread's client of the NLU thread (`nluThread.ts`): language scores for the
 * detector and topic classifications, each answered by message. If the worker
 * is slow or gone, callers get "no scores" / `unknown` rather than an error.
 */
export class NluClient implements TextClassifier {
  readonly ready: Promise<void>;
  private worker: Worker | undefined;
  private loaded = false;
  private nextId = 0;
  private readonly pending = new Map<number, (answer: NluResponse | undefined) => void>();
  /**
   * The texts whose scores were asked for lately, with the answers that also
   * hold their topics: a turn asks for the topic right after the language,
   * and other conversations' turns may come in between.
   */
  private readonly recent = new Map<string, Promise<NluResponse | undefined>>();
  private resolveReady!: () => void;

  constructor(private readonly data: NluWorkerData) {
    this.ready = new Promise<void>((resolve) => (this.resolveReady = resolve));
  }

  /**
   * Starts the thread. The bot calls this once it is listening, so loading the
   * model and the classifier does not compete with start-up.
   */
  start(): this {
    if (this.worker) return this;
    const worker = new Worker(path.join(__dirname, 'nluThread.js'), { workerData: this.data });
    this.worker = worker;
    worker.on('message', (message: NluResponse) => {
      if ('ready' in message) {
        this.loaded = true;
        this.resolveReady();
        return;
      }
      this.pending.get(message.id)?.(message);
      this.pending.delete(message.id);
    });
    worker.on('error', () => this.resolveReady());
    worker.on('exit', () => {
      this.loaded = false;
      this.resolveReady();
      for (const answer of this.pending.values()) answer(undefined);
      this.pending.clear();
    });
    return this;
  }

  /**
   * Language scores of eld, or undefined while the model loads. The same
   * round trip classifies the text, since a turn that needs the language of a
   * message usually needs its topic next.
   */
  async scores(text: string): Promise<Record<string, number> | undefined> {
    if (!this.loaded) return undefined;
    const answer = this.request('both', text);
    this.recent.delete(text);
    this.recent.set(text, answer);
    if (this.recent.size > RECENT_ANSWERS) this.recent.delete(this.recent.keys().next().value!);
    const result = await answer;
    return result && 'scores' in result ? result.scores : undefined;
  }

  /** The topic of a message; at start-up it waits for the classifier to be built. */
  async classify(text: string): Promise<Classification> {
    if (!this.loaded) await Promise.race([this.ready, delay(NLU_STARTUP_WAIT_MS)]);
    if (!this.loaded) return NOTHING;
    const pending = this.recent.get(text) ?? this.request('classify', text);
    const answer = await pending;
    return answer && 'classification' in answer ? answer.classification : NOTHING;
  }

  /** Stops the worker thread. */
  async close(): Promise<void> {
    await this.worker?.terminate();
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
      this.worker?.postMessage({ id, kind, text } satisfies NluRequest);
    });
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
