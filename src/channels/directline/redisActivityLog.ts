import type { RedisClient } from '../../storage';
import { LuaScript } from '../../storage/lua';
import {
  ConversationFullError,
  ConversationNotFoundError,
  MAX_LOG_ACTIVITIES,
  type ActivityLog,
  type ActivitySet,
  type AppendListener,
  type ConversationRecord,
  type LoggedActivity,
} from './activityLog';

/**
 * Appends to an existing conversation, refreshes both keys' TTL and tells
 * every instance, in one atomic step. KEYS: record, list. ARGV: ttl ms,
 * max length, channel, conversation id, activities… Returns the new length,
 * -1 for an unknown conversation, -2 when full.
 */
const APPEND = new LuaScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
local base = tonumber(redis.call('HGET', KEYS[1], 'base') or '0')
if redis.call('LLEN', KEYS[2]) + #ARGV - 4 > tonumber(ARGV[2]) then return -2 end
local length = redis.call('RPUSH', KEYS[2], unpack(ARGV, 5))
redis.call('PEXPIRE', KEYS[2], ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[1])
redis.call('PUBLISH', ARGV[3], ARGV[4])
return base + length`);

/** Activities after watermark ARGV[1]. KEYS: record, list. Returns {base, json…}. */
const READ = new LuaScript(`
local base = tonumber(redis.call('HGET', KEYS[1], 'base') or '0')
local from = math.max(0, tonumber(ARGV[1]) - base)
local items = redis.call('LRANGE', KEYS[2], from, -1)
table.insert(items, 1, tostring(base))
return items`);

/** Moves the base past every activity so far and drops them. KEYS: record, list. */
const CLEAR = new LuaScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HINCRBY', KEYS[1], 'base', redis.call('LLEN', KEYS[2]))
redis.call('DEL', KEYS[2])
return 1`);

/** Creates the record only if absent. KEYS: record. ARGV: ttl ms, user id, created at. */
const CREATE = new LuaScript(`
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'user', ARGV[2], 'created', ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 1`);

/** Sets `started` once. KEYS: record. Returns 1 for the first call, 0 later, -1 when absent. */
const MARK_STARTED = new LuaScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
return redis.call('HSETNX', KEYS[1], 'started', '1')`);

/**
 * The activity log in Redis, on the connection bot state uses: a hash
 * `<ns>::dl:<id>` (user, created, started) and a list `<ns>::dl:<id>:log` of
 * activity JSON whose 1-based positions are the watermarks. Appends are
 * announced on the channel `<ns>::dl:appended`, which every instance
 * subscribes to with its own connection, so a stream served by one instance
 * receives replies produced on another.
 */
export class RedisActivityLog implements ActivityLog {
  private readonly channel: string;
  private readonly listeners = new Set<AppendListener>();
  private readonly subscriber: RedisClient;
  private readonly subscribing: Promise<unknown>;

  constructor(
    private readonly client: RedisClient,
    private readonly namespace: string,
    private readonly ttlMs: number,
    onError: (error: Error) => void = () => undefined,
  ) {
    this.channel = `${namespace}::dl:appended`;
    this.subscriber = client.duplicate();
    this.subscriber.on('error', onError);
    // After a reconnect, appends announced meanwhile are lost: every stream looks again.
    let connectedBefore = false;
    this.subscriber.on('ready', () => {
      if (connectedBefore) this.notify(undefined);
      connectedBefore = true;
    });
    this.subscribing = this.subscriber
      .connect()
      .then(() => this.subscriber.subscribe(this.channel, (id) => this.notify(id)))
      .catch(onError);
  }

  async create(conversationId: string, record: ConversationRecord): Promise<boolean> {
    const created = await CREATE.run(
      this.client,
      [this.recordKey(conversationId)],
      [String(this.ttlMs), record.userId, String(record.createdAt)],
    );
    return created === 1;
  }

  async get(conversationId: string): Promise<ConversationRecord | undefined> {
    const hash = await this.client.hGetAll(this.recordKey(conversationId));
    if (hash.user === undefined) return undefined;
    return { userId: hash.user, createdAt: Number(hash.created) };
  }

  async markStarted(conversationId: string): Promise<boolean> {
    const result = await MARK_STARTED.run(this.client, [this.recordKey(conversationId)], []);
    if (result === -1) throw new ConversationNotFoundError();
    return result === 1;
  }

  async append(conversationId: string, activities: LoggedActivity[]): Promise<number> {
    const result = (await APPEND.run(
      this.client,
      [this.recordKey(conversationId), this.listKey(conversationId)],
      [
        String(this.ttlMs),
        String(MAX_LOG_ACTIVITIES),
        this.channel,
        conversationId,
        ...activities.map((activity) => JSON.stringify(activity)),
      ],
    )) as number;
    if (result === -1) throw new ConversationNotFoundError();
    if (result === -2) throw new ConversationFullError();
    return result;
  }

  async read(conversationId: string, watermark: number): Promise<ActivitySet> {
    const [baseText, ...items] = (await READ.run(
      this.client,
      [this.recordKey(conversationId), this.listKey(conversationId)],
      [String(Math.max(0, watermark))],
    )) as string[];
    const base = Number(baseText);
    const from = Math.max(0, watermark - base);
    return {
      activities: items.map((json, index) => ({
        watermark: base + from + index + 1,
        activity: JSON.parse(json) as LoggedActivity,
      })),
      watermark: Math.max(watermark, base + from + items.length),
    };
  }

  async clear(conversationId: string): Promise<void> {
    await CLEAR.run(
      this.client,
      [this.recordKey(conversationId), this.listKey(conversationId)],
      [],
    );
  }

  onAppend(listener: AppendListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves once this instance hears appends from every instance. */
  async whenSubscribed(): Promise<void> {
    await this.subscribing;
  }

  async delete(conversationId: string): Promise<void> {
    await this.client.del([this.recordKey(conversationId), this.listKey(conversationId)]);
  }

  async close(): Promise<void> {
    this.listeners.clear();
    if (this.subscriber.isReady) await this.subscriber.close();
    else if (this.subscriber.isOpen) this.subscriber.destroy();
  }

  private notify(conversationId: string | undefined): void {
    for (const listener of this.listeners) listener(conversationId);
  }

  private recordKey(conversationId: string): string {
    return `${this.namespace}::dl:${conversationId}`;
  }

  private listKey(conversationId: string): string {
    return `${this.namespace}::dl:${conversationId}:log`;
  }
}
