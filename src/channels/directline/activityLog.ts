import type { Activity } from 'botbuilder';

/** Most activities one conversation may hold; a conversation that reaches it takes no more. */
export const MAX_LOG_ACTIVITIES = 2000;

/** A conversation as the gateway knows it. */
export interface ConversationRecord {
  /** The user the conversation's tokens are bound to. */
  userId: string;
  /** When it was created (epoch ms). */
  createdAt: number;
}

/** An activity as clients receive it: everything but the id, which the log assigns. */
export type LoggedActivity = Partial<Activity>;

/** Activities after a watermark, and the watermark to ask with next time. */
export interface ActivitySet {
  activities: Array<{ watermark: number; activity: LoggedActivity }>;
  /** The position of the last activity in the conversation (0 when it has none). */
  watermark: number;
}

/** The conversation does not exist (never created, expired or deleted). */
export class ConversationNotFoundError extends Error {
  constructor() {
    super('conversation not found');
    this.name = 'ConversationNotFoundError';
  }
}

/** The conversation holds {@link MAX_LOG_ACTIVITIES} activities. */
export class ConversationFullError extends Error {
  constructor() {
    super(`conversation holds ${MAX_LOG_ACTIVITIES} activities`);
    this.name = 'ConversationFullError';
  }
}

/** Called with a conversation id after activities were appended to it, on any instance; `undefined` means "any conversation may have changed" (after a lost connection). */
export type AppendListener = (conversationId: string | undefined) => void;

/**
 * The Direct Line activity log: per conversation, a record and an ordered list
 * of activities whose positions (1, 2, 3, …) are the watermarks clients resume
 * from. Appends are atomic and positions never change, so a client that reads
 * after its last watermark sees every later activity exactly once. Every key
 * expires `ttlMs` after the conversation's last append.
 */
export interface ActivityLog {
  /** Creates a conversation; resolves false when the id is taken. */
  create(conversationId: string, record: ConversationRecord): Promise<boolean>;
  /** The conversation's record, or undefined when it does not exist. */
  get(conversationId: string): Promise<ConversationRecord | undefined>;
  /**
   * Marks the conversation started; resolves true only for the call that
   * started it (so the bot's conversationUpdate is sent once).
   * @throws ConversationNotFoundError
   */
  markStarted(conversationId: string): Promise<boolean>;
  /**
   * Appends activities in order and resolves the watermark of the last one.
   * @throws ConversationNotFoundError, ConversationFullError
   */
  append(conversationId: string, activities: LoggedActivity[]): Promise<number>;
  /** Activities after `watermark` (all for 0), in order; an unknown conversation reads as empty. */
  read(conversationId: string, watermark: number): Promise<ActivitySet>;
  /** Subscribes to appends; returns the unsubscribe function. */
  onAppend(listener: AppendListener): () => void;
  /**
   * Forgets the activities so far ("delete my data") but keeps the
   * conversation open: later activities go on from the same watermark, so
   * connected clients notice nothing but a reload shows no history.
   */
  clear(conversationId: string): Promise<void>;
  /** Removes the conversation and its activities. */
  delete(conversationId: string): Promise<void>;
  /** Releases timers and connections. */
  close(): Promise<void>;
}
