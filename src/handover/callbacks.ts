import type { Audience, TopicId } from '../content/topics';
import type { Language } from '../language/languages';
import type { RedisClient } from '../storage';
import {
  MemoryRecordStore,
  RECORD_TTL_MS,
  RedisRecordStore,
  type NewRecord,
  type RecordStore,
} from './records';

/** A callback request is deleted when a counsellor marks it done, or after this time at the latest. */
export const CALLBACK_TTL_MS = RECORD_TTL_MS;

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
