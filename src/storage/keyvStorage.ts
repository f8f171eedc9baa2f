import { randomUUID } from 'node:crypto';
import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import { ETagConflictError, StorageUnavailableError } from './errors';
import type { KeyvBackend } from './keyvBackend';
import { RedisBackend, type RedisClient } from './redisBackend';

/** Longest a read, write or delete may take before the turn fails (well inside the 2 s a user waits). */
export const STORAGE_TIMEOUT_MS = 1000;

/** Options of {@link KeyvStorage}. */
export interface KeyvStorageOptions {
  /** Retention: every written key expires this long after its last write. */
  ttlMs: number;
  /** Deadline of one storage call; defaults to {@link STORAGE_TIMEOUT_MS}. */
  timeoutMs?: number;
}

/**
 * A botbuilder `Storage` on Keyv with botbuilder's own semantics: unknown keys
 * are absent, every write gets a fresh eTag, a stale eTag is rejected (atomically),
 * `*` or no eTag writes unconditionally, and every key carries the retention TTL.
 * A backend that does not answer within the deadline fails the call with
 * {@link StorageUnavailableError}: nothing is reported as saved that was not.
 */
export class KeyvStorage implements Storage {
  private readonly ttlMs: number;
  private readonly timeoutMs: number;

  constructor(
    private readonly backend: KeyvBackend,
    options: KeyvStorageOptions,
  ) {
    if (!(options.ttlMs > 0)) throw new RangeError('KeyvStorage: ttlMs must be positive');
    this.ttlMs = options.ttlMs;
    this.timeoutMs = options.timeoutMs ?? STORAGE_TIMEOUT_MS;
  }

  /** Reads the given keys; keys that are not stored are absent from the result. */
  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    if (keys.length === 0) return {};
    const values = await this.withDeadline('read', () =>
      this.backend.keyv.getMany<StoreItem>(keys),
    );
    const items: StoreItems = {};
    keys.forEach((key, index) => {
      const value = values[index];
      if (value !== undefined && value !== null) items[key] = value;
    });
    return items;
  }

  /** Writes every change, each with a fresh eTag; rejects with the first conflict. */
  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    const keys = Object.keys(changes);
    if (keys.length === 0) return;
    await this.withDeadline('write', () =>
      Promise.all(keys.map((key) => this.writeOne(key, changes[key] as StoreItem))),
    );
  }

  /** Deletes the given keys; unknown keys are ignored. */
  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    if (keys.length === 0) return;
    await this.withDeadline('delete', () => this.backend.keyv.delete(keys));
  }

  /** Waits up to `timeoutMs` for the backend's first connection; resolves whether it is ready. */
  whenReady(timeoutMs: number): Promise<boolean> {
    return this.backend.whenReady(timeoutMs);
  }

  /** Resolves when the backend answers within the deadline. */
  async ping(): Promise<void> {
    await this.withDeadline('ping', () => this.backend.ping());
  }

  /** The Redis connection of a Redis backend, for stores that share it; undefined in memory. */
  get redisClient(): RedisClient | undefined {
    return this.backend instanceof RedisBackend ? this.backend.client : undefined;
  }

  /** Closes the backend's connections. */
  async close(): Promise<void> {
    await this.backend.close();
  }

  private async writeOne(key: string, change: StoreItem): Promise<void> {
    const expected: unknown = change.eTag;
    const item: StoreItem = { ...change, eTag: randomUUID() };
    if (typeof expected !== 'string' || expected === '' || expected === '*') {
      await this.backend.set(key, item, this.ttlMs);
    } else if (!(await this.backend.setIfETag(key, expected, item, this.ttlMs))) {
      throw new ETagConflictError(key);
    }
  }

  /**
   * Runs `call` within the deadline; a call made while the first connection
   * is being opened waits for it (inside the same deadline) instead of failing.
   */
  private async withDeadline<T>(operation: string, call: () => Promise<T>): Promise<T> {
    const opening = this.backend.opening;
    const work = opening ? opening.then(call) : call();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(new StorageUnavailableError(`${operation} (no answer in ${this.timeoutMs} ms)`)),
        this.timeoutMs,
      );
    });
    try {
      return await Promise.race([work, deadline]);
    } catch (error) {
      if (error instanceof ETagConflictError || error instanceof StorageUnavailableError)
        throw error;
      throw new StorageUnavailableError(operation, error);
    } finally {
      clearTimeout(timer);
      // A late rejection of the raced work must not become an unhandled rejection.
      work.catch(() => undefined);
    }
  }
}
