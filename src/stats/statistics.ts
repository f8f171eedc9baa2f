import { DEFAULT_TIME_ZONE } from '../content/hours';
import { DateTime } from 'luxon';
import type { RedisClient } from '../storage';

/** Daily counts are kept this long (project reports cover years, and they hold nothing personal). */
export const STATS_TTL_DAYS = 3 * 366;
/** Counts are gathered in memory and written this often (one write for many turns). */
export const STATS_FLUSH_MS = 10_000;
/** Longest period a report may cover. */
export const MAX_REPORT_DAYS = 3 * 366;

/** What is counted. */
export const STAT_METRICS = [
  'conversations',
  'answers',
  'unanswered',
  'handoverRequested',
  'handoverAccepted',
  'handoverAcceptSeconds',
  'callbacks',
  'referrals',
  'appointments',
  'helpfulYes',
  'helpfulNo',
] as const;
/** One of {@link STAT_METRICS}. */
export type StatMetric = (typeof STAT_METRICS)[number];

/** The only dimensions a count has: no user, no conversation, no text. */
export interface StatDimensions {
  language?: string;
  audience?: string;
  topic?: string;
}

/** One row of a report or the CSV export. */
export interface StatRow extends Required<StatDimensions> {
  day: string;
  metric: StatMetric;
  count: number;
}

/** Where daily counts live: field → count per day. */
export interface StatsStore {
  increment(day: string, counts: Map<string, number>): Promise<void>;
  read(days: string[]): Promise<Map<string, Record<string, number>>>;
}

/** Counts within one process (the embedded default). */
export class MemoryStatsStore implements StatsStore {
  private readonly days = new Map<string, Record<string, number>>();

  async increment(day: string, counts: Map<string, number>): Promise<void> {
    const fields = this.days.get(day) ?? {};
    for (const [field, by] of counts) fields[field] = (fields[field] ?? 0) + by;
    this.days.set(day, fields);
  }

  async read(days: string[]): Promise<Map<string, Record<string, number>>> {
    return new Map(
      days.flatMap((day) => (this.days.has(day) ? [[day, { ...this.days.get(day) }]] : [])),
    );
  }
}

/** Counts in Redis: one hash per day, `<ns>::stats:<YYYY-MM-DD>`, expiring after {@link STATS_TTL_DAYS}. */
export class RedisStatsStore implements StatsStore {
  constructor(
    private readonly client: RedisClient,
    private readonly namespace: string,
  ) {}

  async increment(day: string, counts: Map<string, number>): Promise<void> {
    const key = `${this.namespace}::stats:${day}`;
    const multi = this.client.multi();
    for (const [field, by] of counts) multi.hIncrBy(key, field, by);
    await multi.expire(key, STATS_TTL_DAYS * 24 * 3600).exec();
  }

  async read(days: string[]): Promise<Map<string, Record<string, number>>> {
    const result = new Map<string, Record<string, number>>();
    for (const day of days) {
      const fields = await this.client.hGetAll(`${this.namespace}::stats:${day}`);
      if (Object.keys(fields).length > 0) {
        result.set(
          day,
          Object.fromEntries(
            Object.entries(fields).map(([field, count]) => [field, Number(count)]),
          ),
        );
      }
    }
    return result;
  }
}

const SEPARATOR = '|';
const fieldOf = (metric: StatMetric, dimensions: StatDimensions) =>
  [metric, dimensions.language ?? '', dimensions.audience ?? '', dimensions.topic ?? ''].join(
    SEPARATOR,
  );

/** A CSV cell: quoted when it holds a separator, quote or line break. */
const cell = (value: string | number) => {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/**
 * Anonymous statistics for the service point's reports: counts per day ×
 * metric × language × audience × topic, nothing else. Counts gather in memory
 * and are added to the store every {@link STATS_FLUSH_MS} (and before every
 * report and at shutdown), so a turn never waits for them.
 */
export class Statistics {
  private pending = new Map<string, Map<string, number>>();
  private timer: NodeJS.Timeout | undefined;
  /** Today in the service point's zone, and when it ends (epoch ms): counting needs no date maths. */
  private today = { day: '', endsAt: 0 };

  constructor(
    private readonly store: StatsStore,
    private readonly timeZone = DEFAULT_TIME_ZONE,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one event (or `by`, e.g. seconds waited) for today. */
  count(metric: StatMetric, dimensions: StatDimensions = {}, by = 1): void {
    const now = this.now();
    if (now >= this.today.endsAt || now < this.today.endsAt - 2 * 24 * 3600 * 1000) {
      const local = DateTime.fromMillis(now, { zone: this.timeZone });
      this.today = { day: local.toISODate() ?? '', endsAt: local.endOf('day').toMillis() + 1 };
    }
    const { day } = this.today;
    const fields = this.pending.get(day) ?? new Map<string, number>();
    const field = fieldOf(metric, dimensions);
    fields.set(field, (fields.get(field) ?? 0) + by);
    this.pending.set(day, fields);
  }

  /** Writes what was counted since the last flush. */
  async flush(): Promise<void> {
    const pending = this.pending;
    this.pending = new Map();
    for (const [day, counts] of pending) {
      try {
        await this.store.increment(day, counts);
      } catch (error) {
        // Not written: keep the counts for the next flush.
        for (const [field, by] of counts) {
          const fields = this.pending.get(day) ?? new Map<string, number>();
          fields.set(field, (fields.get(field) ?? 0) + by);
          this.pending.set(day, fields);
        }
        throw error;
      }
    }
  }

  start(): void {
    this.timer ??= setInterval(() => this.flush().catch(() => undefined), STATS_FLUSH_MS).unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.flush().catch(() => undefined);
  }

  /** Every count from `from` to `to` (YYYY-MM-DD, inclusive), one row each. */
  async report(from: string, to: string): Promise<StatRow[]> {
    await this.flush().catch(() => undefined);
    const start = DateTime.fromISO(from, { zone: this.timeZone });
    const end = DateTime.fromISO(to, { zone: this.timeZone });
    if (!start.isValid || !end.isValid || end < start)
      throw new RangeError('from and to are dates YYYY-MM-DD, from ≤ to');
    const days: string[] = [];
    for (
      let day = start;
      day <= end && days.length < MAX_REPORT_DAYS;
      day = day.plus({ days: 1 })
    ) {
      days.push(day.toISODate() ?? '');
    }
    const stored = await this.store.read(days);
    const rows: StatRow[] = [];
    for (const day of days) {
      for (const [field, count] of Object.entries(stored.get(day) ?? {})) {
        const [metric = '', language = '', audience = '', topic = ''] = field.split(SEPARATOR);
        if (!(STAT_METRICS as readonly string[]).includes(metric)) continue;
        rows.push({ day, metric: metric as StatMetric, language, audience, topic, count });
      }
    }
    return rows.sort((a, b) => a.day.localeCompare(b.day) || a.metric.localeCompare(b.metric));
  }

  /** The report as CSV for spreadsheets: day, metric, language, audience, topic, count. */
  async csv(from: string, to: string): Promise<string> {
    const rows = await this.report(from, to);
    const lines = ['day,metric,language,audience,topic,count'];
    for (const row of rows) {
      lines.push(
        [row.day, row.metric, row.language, row.audience, row.topic, row.count].map(cell).join(','),
      );
    }
    return `${lines.join('\r\n')}\r\n`;
  }
}
