import type { StoreItem } from 'botbuilder';
import { Keyv } from 'keyv';
import { KeyedSerializer } from '../util/keyedSerializer';
import { deserialize, serialize, type Envelope, type KeyvBackend } from './keyvBackend';

/** How often expired items are dropped from memory (Keyv only drops them when read). */
export const MEMORY_SWEEP_INTERVAL_MS = 60_000;

/**
 * The embedded backend: a Map inside Keyv. It is not a mock: it keeps the same
 * rules as Redis. Atomicity comes from running the writes of one key one after
 * another, so an eTag check and its write cannot interleave with another write.
 */
export class MemoryBackend implements KeyvBackend {
  readonly keyv: Keyv<StoreItem>;
  private readonly map = new Map<string, string>();
  private readonly writes = new KeyedSerializer();
  private readonly sweeper: NodeJS.Timeout;

  constructor(namespace: string) {
    this.keyv = new Keyv<StoreItem>({
      store: this.map,
      namespace,
      serialize,
      deserialize,
      throwOnErrors: true,
    });
    this.sweeper = setInterval(() => this.sweep(), MEMORY_SWEEP_INTERVAL_MS);
    this.sweeper.unref();
  }

  set(key: string, item: StoreItem, ttlMs: number): Promise<void> {
    return this.serialized(key, async () => {
      await this.keyv.set(key, item, ttlMs);
    });
  }

  setIfETag(key: string, expectedETag: string, item: StoreItem, ttlMs: number): Promise<boolean> {
    return this.serialized(key, async () => {
      const current = await this.keyv.get(key);
      if (current !== undefined && current.eTag !== expectedETag) return false;
      await this.keyv.set(key, item, ttlMs);
      return true;
    });
  }

  async whenReady(): Promise<boolean> {
    return true;
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    this.map.clear();
  }

  /** Runs `work` after every earlier write of the same key has finished. */
  private serialized<T>(key: string, work: () => Promise<T>): Promise<T> {
    return this.writes.run(key, work);
  }

  private sweep(): void {
    const now = Date.now();
    for (const [key, raw] of this.map) {
      const { expires } = JSON.parse(raw) as Envelope;
      if (expires !== undefined && expires <= now) this.map.delete(key);
    }
  }
}
