import { randomBytes } from 'node:crypto';
import type { ConversationReference } from 'botbuilder';
import type { Audience, TopicId } from '../content/topics';
import type { Language } from '../language/languages';
import type { RedisClient } from '../storage';

/** Requests a user leaves for the counsellors are kept at most this long (deleted earlier when done). */
export const RECORD_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/** What every kept request has: an id, its conversation and when it was made. */
export interface StoredRecord {
  id: string;
  conversationId: string;
  /** Epoch ms. */
  createdAt: number;
}

/** A request a user left with consent, with how to reach them. */
export interface ContactRequest extends StoredRecord {
  /** The language to answer in. */
  language: Language;
  audience?: Audience;
  /** The phone number or e-mail address, as the user typed it. */
  contact: string;
  contactType: 'phone' | 'email';
}

/** A referral to a network partner, given with consent; a counsellor forwards it. */
export interface Referral extends ContactRequest {
  partnerId: string;
  partnerName: string;
  topics: TopicId[];
  description?: string;
}

/** An appointment request for the consultation hours. */
export interface AppointmentRequest extends ContactRequest {
  /** Start of the slot, epoch ms. */
  start: number;
  minutes: number;
  place: string;
  status: 'requested' | 'confirmed' | 'declined';
  /** How to tell the user when a counsellor confirms or declines. */
  reference: Partial<ConversationReference>;
}

/** A new request: the store assigns id and time. */
export type NewRecord<T extends StoredRecord> = Omit<T, 'id' | 'createdAt'>;

/**
 * Where a kind of request lives (callbacks, referrals, appointments) until it
 * is done, withdrawn or expires after {@link RECORD_TTL_MS}.
 */
export interface RecordStore<T extends StoredRecord> {
  add(record: NewRecord<T>): Promise<T>;
  get(id: string): Promise<T | undefined>;
  /** All, oldest first. */
  list(): Promise<T[]>;
  /** Changes fields of a kept request; undefined when it is gone. */
  update(
    id: string,
    changes: Partial<Omit<T, 'id' | 'conversationId' | 'createdAt'>>,
  ): Promise<T | undefined>;
  /** Deletes one (done or withdrawn); false when it was already gone. */
  remove(id: string): Promise<boolean>;
  /** Deletes every request of a conversation ("delete my data"). */
  removeConversation(conversationId: string): Promise<void>;
  close(): Promise<void>;
}

function create<T extends StoredRecord>(record: NewRecord<T>, now: number): T {
  return { ...record, id: randomBytes(12).toString('base64url'), createdAt: now } as T;
}

const byAge = (a: StoredRecord, b: StoredRecord) => a.createdAt - b.createdAt;

/** Requests within one process (the embedded default). */
export class MemoryRecordStore<T extends StoredRecord> implements RecordStore<T> {
  private readonly records = new Map<string, string>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly ttlMs = RECORD_TTL_MS,
  ) {}

  async add(record: NewRecord<T>): Promise<T> {
    const stored = create<T>(record, this.now());
    this.records.set(stored.id, JSON.stringify(stored));
    return stored;
  }

  async get(id: string): Promise<T | undefined> {
    return (await this.list()).find((record) => record.id === id);
  }

  async list(): Promise<T[]> {
    const limit = this.now() - this.ttlMs;
    const all = [...this.records.values()].map((json) => JSON.parse(json) as T);
    for (const record of all) if (record.createdAt <= limit) this.records.delete(record.id);
    return all.filter((record) => record.createdAt > limit).sort(byAge);
  }

  async update(id: string, changes: Partial<T>): Promise<T | undefined> {
    const record = await this.get(id);
    if (!record) return undefined;
    const changed = { ...record, ...changes, id, conversationId: record.conversationId };
    this.records.set(id, JSON.stringify(changed));
    return changed;
  }

  async remove(id: string): Promise<boolean> {
    return this.records.delete(id);
  }

  async removeConversation(conversationId: string): Promise<void> {
    for (const record of await this.list()) {
      if (record.conversationId === conversationId) this.records.delete(record.id);
    }
  }

  async close(): Promise<void> {
    this.records.clear();
  }
}

/**
 * Requests in Redis under `<ns>::<kind>:`: a JSON string per request
 * (`<id>`, expiring after {@link RECORD_TTL_MS}), a sorted set of ids by time
 * (`all`) and a set per conversation (`c:<id>`); index entries of expired
 * requests are dropped when read.
 */
export class RedisRecordStore<T extends StoredRecord> implements RecordStore<T> {
  private readonly prefix: string;

  constructor(
    private readonly client: RedisClient,
    namespace: string,
    kind: string,
    private readonly now: () => number = Date.now,
    private readonly ttlMs = RECORD_TTL_MS,
  ) {
    this.prefix = `${namespace}::${kind}:`;
  }

  async add(record: NewRecord<T>): Promise<T> {
    const stored = create<T>(record, this.now());
    const conversation = this.conversationKey(stored.conversationId);
    await this.client
      .multi()
      .set(this.recordKey(stored.id), JSON.stringify(stored), { PX: this.ttlMs })
      .zAdd(this.indexKey(), { score: stored.createdAt, value: stored.id })
      .pExpire(this.indexKey(), this.ttlMs)
      .sAdd(conversation, stored.id)
      .pExpire(conversation, this.ttlMs)
      .exec();
    return stored;
  }

  async get(id: string): Promise<T | undefined> {
    const json = await this.client.get(this.recordKey(id));
    return json === null ? undefined : (JSON.parse(json) as T);
  }

  async list(): Promise<T[]> {
    const ids = await this.client.zRange(this.indexKey(), 0, -1);
    if (ids.length === 0) return [];
    const values = await this.client.mGet(ids.map((id) => this.recordKey(id)));
    const gone = ids.filter((_, position) => values[position] === null);
    if (gone.length > 0) await this.client.zRem(this.indexKey(), gone);
    return values.flatMap((json) => (json === null ? [] : [JSON.parse(json) as T])).sort(byAge);
  }

  async update(id: string, changes: Partial<T>): Promise<T | undefined> {
    const record = await this.get(id);
    if (!record) return undefined;
    const changed = { ...record, ...changes, id, conversationId: record.conversationId };
    // KEEPTTL: a change does not extend how long the request is kept.
    const set = await this.client.set(this.recordKey(id), JSON.stringify(changed), {
      KEEPTTL: true,
      XX: true,
    });
    return set === null ? undefined : changed;
  }

  async remove(id: string): Promise<boolean> {
    const record = await this.get(id);
    if (!record) return false;
    const [deleted] = await this.client
      .multi()
      .del(this.recordKey(id))
      .zRem(this.indexKey(), id)
      .sRem(this.conversationKey(record.conversationId), id)
      .exec();
    return Number(deleted) === 1;
  }

  async removeConversation(conversationId: string): Promise<void> {
    const key = this.conversationKey(conversationId);
    const ids = await this.client.sMembers(key);
    const multi = this.client.multi();
    for (const id of ids) multi.del(this.recordKey(id)).zRem(this.indexKey(), id);
    await multi.del(key).exec();
  }

  async close(): Promise<void> {}

  private recordKey(id: string): string {
    return `${this.prefix}${id}`;
  }

  private indexKey(): string {
    return `${this.prefix}all`;
  }

  private conversationKey(conversationId: string): string {
    return `${this.prefix}c:${conversationId}`;
  }
}
