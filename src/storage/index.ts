import { KeyvStorage } from './keyvStorage';
import { MemoryBackend } from './memoryBackend';
import { RedisBackend } from './redisBackend';

export { KeyvStorage, STORAGE_TIMEOUT_MS, type KeyvStorageOptions } from './keyvStorage';
export { ETagConflictError, isUnavailable, StorageUnavailableError } from './errors';
export type { KeyvBackend } from './keyvBackend';
export { MemoryBackend } from './memoryBackend';
export { RedisBackend, type RedisClient } from './redisBackend';

/** Default retention when none is given: 30 days. */
export const DEFAULT_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/** Options of {@link createStorage}. */
export interface CreateStorageOptions {
  /** Key prefix; defaults to `kausa`. */
  namespace?: string;
  /** Retention of every key; defaults to {@link DEFAULT_TTL_MS}. */
  ttlMs?: number;
  /** Deadline of one storage call in ms. */
  timeoutMs?: number;
  /** Receives backend connection errors (for logging). */
  onError?: (error: Error) => void;
}

/**
 * Creates a botbuilder `Storage` for `memory://` or `redis://host:port/db`
 * (`rediss://` for TLS). The Redis connection is opened in the background and
 * re-opened whenever it drops.
 */
export function createStorage(url: string, options: CreateStorageOptions = {}): KeyvStorage {
  const namespace = options.namespace ?? 'kausa';
  const protocol = new URL(url).protocol;
  const backend =
    protocol === 'memory:'
      ? new MemoryBackend(namespace)
      : protocol === 'redis:' || protocol === 'rediss:'
        ? new RedisBackend(url, { namespace, onError: options.onError })
        : undefined;
  if (backend === undefined)
    throw new TypeError(`createStorage: unsupported URL scheme ${protocol}`);
  return new KeyvStorage(backend, {
    ttlMs: options.ttlMs ?? DEFAULT_TTL_MS,
    timeoutMs: options.timeoutMs,
  });
}

/** Where state lives, without credentials, for the start-up log line. */
export function describeStorageUrl(url: string): string {
  const parsed = new URL(url);
  return parsed.protocol === 'memory:'
    ? 'memory'
    : `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
}
