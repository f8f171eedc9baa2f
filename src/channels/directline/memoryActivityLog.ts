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

/** How often expired conversations are dropped from memory. */
export const MEMORY_LOG_SWEEP_INTERVAL_MS = 60_000;

interface Entry {
  record: ConversationRecord;
  started: boolean;
  /** Activities as JSON, so a reader never shares objects with the writer. */
  activities: string[];
  /** Watermark of the last activity cleared: positions go on after it. */
  base: number;
  expires: number;
}

/** The embedded activity log: one process, same rules as the Redis one (TTL, order, positions). */
export class MemoryActivityLog implements ActivityLog {
  private readonly entries = new Map<string, Entry>();
  private readonly listeners = new Set<AppendListener>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly ttlMs: number) {
    this.sweeper = setInterval(() => this.sweep(), MEMORY_LOG_SWEEP_INTERVAL_MS);
    this.sweeper.unref();
  }

  async create(conversationId: string, record: ConversationRecord): Promise<boolean> {
    if (this.live(conversationId)) return false;
    this.entries.set(conversationId, {
      record: { ...record },
      started: false,
      activities: [],
      base: 0,
      expires: Date.now() + this.ttlMs,
    });
    return true;
  }

  async get(conversationId: string): Promise<ConversationRecord | undefined> {
    const entry = this.live(conversationId);
    return entry && { ...entry.record };
  }

  async markStarted(conversationId: string): Promise<boolean> {
    const entry = this.live(conversationId);
    if (!entry) throw new ConversationNotFoundError();
    const first = !entry.started;
    entry.started = true;
    return first;
  }

  async append(conversationId: string, activities: LoggedActivity[]): Promise<number> {
    const entry = this.live(conversationId);
    if (!entry) throw new ConversationNotFoundError();
    if (entry.activities.length + activities.length > MAX_LOG_ACTIVITIES) {
      throw new ConversationFullError();
    }
    for (const activity of activities) entry.activities.push(JSON.stringify(activity));
    entry.expires = Date.now() + this.ttlMs;
    const watermark = entry.base + entry.activities.length;
    for (const listener of this.listeners) listener(conversationId);
    return watermark;
  }

  async read(conversationId: string, watermark: number): Promise<ActivitySet> {
    const entry = this.live(conversationId);
    if (!entry) return { activities: [], watermark };
    const from = Math.max(0, Math.min(watermark - entry.base, entry.activities.length));
    return {
      activities: entry.activities.slice(from).map((json, index) => ({
        watermark: entry.base + from + index + 1,
        activity: JSON.parse(json) as LoggedActivity,
      })),
      watermark: Math.max(watermark, entry.base + entry.activities.length),
    };
  }

  onAppend(listener: AppendListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async clear(conversationId: string): Promise<void> {
    const entry = this.live(conversationId);
    if (!entry) return;
    entry.base += entry.activities.length;
    entry.activities = [];
  }

  async delete(conversationId: string): Promise<void> {
    this.entries.delete(conversationId);
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    this.entries.clear();
    this.listeners.clear();
  }

  private live(conversationId: string): Entry | undefined {
    const entry = this.entries.get(conversationId);
    if (entry && entry.expires <= Date.now()) {
      this.entries.delete(conversationId);
      return undefined;
    }
    return entry;
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, entry] of this.entries) if (entry.expires <= now) this.entries.delete(id);
  }
}
