import type { StoreItem } from 'botbuilder';
import { Keyv } from 'keyv';
import KeyvRedis from '@keyv/redis';
import { createClient, defineScript, type CommandParser } from '@redis/client';
import { deserialize, serialize, type Envelope, type KeyvBackend } from './keyvBackend';

/** A connection attempt that takes longer than this is abandoned and retried. */
export const REDIS_CONNECT_TIMEOUT_MS = 1000;
/** Longest pause between reconnection attempts while Redis is down. */
export const REDIS_MAX_RECONNECT_DELAY_MS = 1000;

/**
 * Atomic eTag check and write: the stored envelope's `value.eTag` must equal
 * ARGV[1] (or nothing is stored) for ARGV[2] to be written with TTL ARGV[3] ms.
 */
const SET_IF_ETAG = defineScript({
  NUMBER_OF_KEYS: 1,
  SCRIPT: `
local current = redis.call('GET', KEYS[1])
if current then
  local ok, envelope = pcall(cjson.decode, current)
  if not ok or type(envelope) ~= 'table' or type(envelope.value) ~= 'table'
     or envelope.value.eTag ~= ARGV[1] then
    return 0
  end
end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1`,
  parseCommand(parser: CommandParser, key: string, eTag: string, value: string, ttlMs: number) {
    parser.pushKey(key);
    parser.push(eTag, value, String(ttlMs));
  },
  transformReply: (reply: unknown) => reply === 1,
});

/** Creates the node-redis client with the fail-fast settings the bot needs. */
function createRedisClient(url: string, onError: (error: Error) => void) {
  const client = createClient({
    url,
    // While disconnected, commands fail at once instead of waiting in a queue. No command
    // timeout here: node-redis's counts only the wait before a command is sent, and costs an
    // AbortSignal timer per command (2 % of a turn); KeyvStorage and the HTTP routes set
    // deadlines of their own, which also cover a Redis that hangs.
    disableOfflineQueue: true,
    socket: {
      connectTimeout: REDIS_CONNECT_TIMEOUT_MS,
      // Keep retrying forever so the bot recovers without a restart.
      reconnectStrategy: (retries: number) =>
        Math.min(50 * 2 ** Math.min(retries, 10), REDIS_MAX_RECONNECT_DELAY_MS),
    },
    scripts: { setIfETag: SET_IF_ETAG },
  });
  client.on('error', onError);
  return client;
}

/** The node-redis client of the Redis backend. */
export type RedisClient = ReturnType<typeof createRedisClient>;
type Client = RedisClient;

/** Options of {@link RedisBackend}. */
export interface RedisBackendOptions {
  /** Prefix of every key, followed by `::`. */
  namespace: string;
  /** Called with connection errors (already handled: for logging only). */
  onError?: (error: Error) => void;
}

/** The Redis backend: Keyv over @keyv/redis, plus a Lua script for the eTag check. */
export class RedisBackend implements KeyvBackend {
  readonly keyv: Keyv<StoreItem>;
  /** The connection Keyv uses; other Redis-backed stores share it. */
  readonly client: Client;
  private readonly store: KeyvRedis<StoreItem>;
  private readonly connecting: Promise<unknown>;
  /** See {@link KeyvBackend.opening}. */
  opening?: Promise<unknown>;

  constructor(url: string, options: RedisBackendOptions) {
    const onError = options.onError ?? (() => undefined);
    this.client = createRedisClient(url, onError);
    this.store = new KeyvRedis<StoreItem>(this.client as never, {
      namespace: options.namespace,
      throwOnConnectError: true,
      throwOnErrors: true,
    });
    this.store.on('error', () => undefined); // already reported by the client's listener
    this.keyv = new Keyv<StoreItem>({
      store: this.store,
      namespace: options.namespace,
      useKeyPrefix: false,
      serialize,
      deserialize,
      throwOnErrors: true,
    });
    this.keyv.on('error', () => undefined); // errors are thrown to the caller as well
    this.connecting = this.client.connect().catch(onError);
    this.opening = this.connecting.finally(() => (this.opening = undefined));
  }

  async whenReady(timeoutMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.connecting,
      new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs))),
    ]);
    clearTimeout(timer);
    return this.client.isReady;
  }

  async set(key: string, item: StoreItem, ttlMs: number): Promise<void> {
    await this.keyv.set(key, item, ttlMs);
  }

  async setIfETag(
    key: string,
    expectedETag: string,
    item: StoreItem,
    ttlMs: number,
  ): Promise<boolean> {
    const envelope: Envelope = { value: item, expires: Date.now() + ttlMs };
    const redisKey = this.store.createKeyPrefix(key, this.store.namespace);
    return this.client.setIfETag(redisKey, expectedETag, JSON.stringify(envelope), ttlMs);
  }

  async ping(): Promise<void> {
    await this.client.ping();
  }

  async close(): Promise<void> {
    if (this.client.isReady) {
      await this.client.close();
    } else if (this.client.isOpen) {
      this.client.destroy();
    }
  }
}
