import type { RedisClient } from '../storage';

/** A counsellor counts as online this long after their console last said so. */
export const PRESENCE_TTL_MS = 60_000;

/**
 * Which counsellors have a console open right now. A console's live-update
 * stream says so on connect and at every heartbeat; an entry not renewed
 * within {@link PRESENCE_TTL_MS} lapses, so a closed laptop does not keep
 * users waiting for someone who is gone.
 */
export interface Presence {
  /** Marks `username` online until `ttlMs` from now. */
  touch(username: string, ttlMs?: number): Promise<void>;
  /** Marks `username` offline (their console closed). */
  leave(username: string): Promise<void>;
  /** Usernames online now, sorted. */
  online(): Promise<string[]>;
  close(): Promise<void>;
}

/** Presence within one process (the embedded default). */
export class MemoryPresence implements Presence {
  private readonly until = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  async touch(username: string, ttlMs = PRESENCE_TTL_MS): Promise<void> {
    this.until.set(username, this.now() + ttlMs);
  }

  async leave(username: string): Promise<void> {
    this.until.delete(username);
  }

  async online(): Promise<string[]> {
    const now = this.now();
    for (const [username, until] of this.until) if (until <= now) this.until.delete(username);
    return [...this.until.keys()].sort();
  }

  async close(): Promise<void> {
    this.until.clear();
  }
}

/**
 * Presence shared by every instance: one sorted set `<ns>::ho:online`,
 * username → time the entry lapses. The key itself expires with its last entry.
 */
export class RedisPresence implements Presence {
  private readonly key: string;

  constructor(
    private readonly client: RedisClient,
    namespace: string,
    private readonly now: () => number = Date.now,
  ) {
    this.key = `${namespace}::ho:online`;
  }

  async touch(username: string, ttlMs = PRESENCE_TTL_MS): Promise<void> {
    await this.client
      .multi()
      .zAdd(this.key, { score: this.now() + ttlMs, value: username })
      .pExpire(this.key, ttlMs)
      .exec();
  }

  async leave(username: string): Promise<void> {
    await this.client.zRem(this.key, username);
  }

  async online(): Promise<string[]> {
    const now = this.now();
    await this.client.zRemRangeByScore(this.key, '-inf', now);
    return (await this.client.zRange(this.key, 0, -1)).sort();
  }

  async close(): Promise<void> {}
}
