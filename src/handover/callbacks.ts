import type { TopicId } from '../content/topics';
import type { RedisClient } from '../storage';
import {
  MemoryRecordStore,
  RECORD_TTL_MS,
  RedisRecordStore,
  type ContactRequest,
  type NewRecord,
  type RecordStore,
} from './records';

/** A callback request is deleted when a counsellor marks it done, or after this time at the latest. */
export const CALLBACK_TTL_MS = RECORD_TTL_MS;

/** A user's request to be called or written to, given with explicit consent. */
export interface CallbackRequest extends ContactRequest {
  topics: TopicId[];
  description?: string;
}

/** What a new callback request is made of (the store assigns id and time). */
export type NewCallbackRequest = NewRecord<CallbackRequest>;

/** Where callback requests live until they are done or expire. */
export type CallbackStore = RecordStore<CallbackRequest>;

/** Callback requests within one process (the embedded default). */
export class MemoryCallbackStore extends MemoryRecordStore<CallbackRequest> {}

/** Callback requests in Redis under `<ns>::cb:` (see {@link RedisRecordStore}). */
export class RedisCallbackStore extends RedisRecordStore<CallbackRequest> {
  constructor(client: RedisClient, namespace: string, now: () => number = Date.now) {
    super(client, namespace, 'cb', now);
  }
}
