import type { StoreItem } from 'botbuilder';
import type { Deserialize, Keyv, Serialize } from 'keyv';

/**
 * What a backend adds to a Keyv instance so that `KeyvStorage` can keep
 * botbuilder's rules: an eTag check and write that happen as one step.
 */
export interface KeyvBackend {
  /** Keyv over the backend's store, with JSON (de)serialisation. */
  readonly keyv: Keyv<StoreItem>;
  /** Writes `item` unconditionally. */
  set(key: string, item: StoreItem, ttlMs: number): Promise<void>;
  /**
   * Writes `item` only if no item is stored under `key` or the stored one has
   * `expectedETag`; check and write are atomic. Resolves false on a conflict.
   */
  setIfETag(key: string, expectedETag: string, item: StoreItem, ttlMs: number): Promise<boolean>;
  /** Waits up to `timeoutMs` for the first connection; resolves whether it is ready. */
  whenReady(timeoutMs: number): Promise<boolean>;
  /**
   * While the first connection is being opened: a promise that settles when
   * it is open or has failed; afterwards undefined (calls then go straight through).
   */
  readonly opening?: Promise<unknown>;
  /** Resolves when the backend answers; rejects otherwise. */
  ping(): Promise<void>;
  /** Releases connections and timers. */
  close(): Promise<void>;
}

/** The stored envelope, as Keyv writes it: the item and when it expires (epoch ms). */
export interface Envelope {
  value: StoreItem;
  expires?: number;
}

/** Keyv serialiser: plain JSON is all bot state needs, and much faster than Keyv's default. */
export const serialize: Serialize = (data) => JSON.stringify(data);
/** Keyv deserialiser matching {@link serialize}. */
export const deserialize: Deserialize = (data) => JSON.parse(data);
