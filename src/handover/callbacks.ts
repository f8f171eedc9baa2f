import { randomBytes } from 'node:crypto';
import type { Audience, TopicId } from '../content/topics';
import type { Language } from '../language/languages';
import type { RedisClient } from '../storage';

/** A callback request is deleted when a counsellor marks it done, or after this time at the latest. */
export const CALLBACK_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/** A user's request to be called or written to, given with explicit consent. */
export interface CallbackRequest {
  id: string;
  conversationId: string;
  language: Language;
  audience?: Audience;
  topics: TopicId[];
  description?: string;
  /** The phone number or e-mail address, as the user typed it. */
  contact: string;
  contactType: 'phone' | 'email';
  /** Epoch ms. */
  createdAt: number;
}

/** What a new callback request is made of (the store assigns id and time). */
export type NewCallbackRequest = Omit<CallbackRequest, 'id' | 'createdAt'>;

/** Where callback requests live until they are done or expire. */
export interface CallbackStore {
  add(request: NewCallbackRequest): Promise<CallbackRequest>;
  /** All requests not yet done, oldest first. */
  list(): Promise<CallbackRequest[]>;
  /** Deletes a request (done); false when it was already gone. */
  remove(id: string): Promise<boolean>;
  /** Deletes every request of a conversation ("delete my data"). */
  removeConversation(conversationId: string): Promise<void>;
  close(): Promise<void>;
}

function create(request: NewCallbackRequest, now: number): CallbackRequest {
  return { ...request, id: randomBytes(12).toString('base64url'), createdAt: now };
}

/** Callback requests within one process (the embedded default). */
export class MemoryCallbackStore implements CallbackStore {
  private readonly requests = new Map<string, string>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly ttlMs = CALLBACK_TTL_MS,
  ) {}

  async add(request: NewCallbackRequest): Promise<CallbackRequest> {
    const stored = create(request, this.now());
    this.requests.set(stored.id, JSON.stringify(stored));
    return stored;
  }

  async list(): Promise<CallbackRequest[]> {
    const limit = this.now() - this.ttlMs;
    const all = [...this.requests.values()].map((json) => JSON.parse(json) as CallbackRequest);
    for (const request of all) if (request.createdAt <= limit) this.requests.delete(request.id);
    return all.filter((request) => request.createdAt > limit).sort(byAge);
  }

  async remove(id: string): Promise<boolean> {
    return this.requests.delete(id);
  }

  async removeConversation(conversationId: string): Promise<void> {
    for (const request of await this.list()) {
      if (request.conversationId === conversationId) this.requests.delete(request.id);
    }
  }

  async close(): Promise<void> {
    this.requests.clear();
  }
}

const byAge = (a: CallbackRequest, b: CallbackRequest) => a.createdAt - b.createdAt;

/**
 * Callback requests in Redis: a JSON string per request (`<ns>::cb:<id>`,
 * expiring after {@link CALLBACK_TTL_MS}), a sorted set of ids by time
 * (`<ns>::cb:all`) and a set per conversation (`<ns>::cb:c:<id>`); index
 * entries of expired requests are dropped when read.
 */
export class RedisCallbackStore implements CallbackStore {
  private readonly prefix: string;

  constructor(
    private readonly client: RedisClient,
    namespace: string,
    private readonly now: () => number = Date.now,
    private readonly ttlMs = CALLBACK_TTL_MS,
  ) {
    this.prefix = `${namespace}::cb:`;
  }

  async add(request: NewCallbackRequest): Promise<CallbackRequest> {
    const stored = create(request, this.now());
    const conversation = this.conversationKey(stored.conversationId);
    await this.client
      .multi()
      .set(this.requestKey(stored.id), JSON.stringify(stored), { PX: this.ttlMs })
      .zAdd(this.indexKey(), { score: stored.createdAt, value: stored.id })
      .pExpire(this.indexKey(), this.ttlMs)
      .sAdd(conversation, stored.id)
      .pExpire(conversation, this.ttlMs)
      .exec();
    return stored;
  }

  async list(): Promise<CallbackRequest[]> {
    const ids = await this.client.zRange(this.indexKey(), 0, -1);
    if (ids.length === 0) return [];
    const values = await this.client.mGet(ids.map((id) => this.requestKey(id)));
    const gone = ids.filter((_, position) => values[position] === null);
    if (gone.length > 0) await this.client.zRem(this.indexKey(), gone);
    return values
      .flatMap((json) => (json === null ? [] : [JSON.parse(json) as CallbackRequest]))
      .sort(byAge);
  }

  async remove(id: string): Promise<boolean> {
    const json = await this.client.get(this.requestKey(id));
    if (json === null) return false;
    const { conversationId } = JSON.parse(json) as CallbackRequest;
    const [deleted] = await this.client
      .multi()
      .del(this.requestKey(id))
      .zRem(this.indexKey(), id)
      .sRem(this.conversationKey(conversationId), id)
      .exec();
    return Number(deleted) === 1;
  }

  async removeConversation(conversationId: string): Promise<void> {
    const key = this.conversationKey(conversationId);
    const ids = await this.client.sMembers(key);
    const multi = this.client.multi();
    for (const id of ids) multi.del(this.requestKey(id)).zRem(this.indexKey(), id);
    await multi.del(key).exec();
  }

  async close(): Promise<void> {}

  private requestKey(id: string): string {
    return `${this.prefix}${id}`;
  }

  private indexKey(): string {
    return `${this.prefix}all`;
  }

  private conversationKey(conversationId: string): string {
    return `${this.prefix}c:${conversationId}`;
  }
}
