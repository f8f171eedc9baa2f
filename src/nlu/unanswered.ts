import type { RedisClient } from '../storage';

/** Longest text kept of an unanswered question. */
export const MAX_UNANSWERED_CHARS = 200;
/** How long an unanswered question is kept after it was last asked. */
export const UNANSWERED_TTL_DAYS = 90;

/** One question the bot could not answer, counted over everyone who asked it. */
export interface UnansweredQuestion {
  /** The question without digits, e-mail addresses or phone numbers, lower case. */
  text: string;
  language: string;
  count: number;
  /** When it was last asked (ISO time). */
  lastAsked: string;
}

/**
 * Questions the bot could not answer, kept anonymously for content editors:
 * no user or conversation id, and the text without digits, e-mail addresses
 * or phone numbers.
 */
export interface UnansweredLog {
  record(text: string, language: string, at?: Date): Promise<void>;
  /** The most frequent questions, most asked first. */
  top(limit: number): Promise<UnansweredQuestion[]>;
}

/** The text as kept: no e-mail addresses, no digits (phone numbers, dates, ids), short. */
export function anonymise(text: string): string {
  return text
    .replace(/\S+@\S+/g, ' ')
    .replace(/[\p{Nd}]+/gu, ' ')
    .replace(/(^|\s)[+()/.,:;\-–]+(?=\s|$)/g, ' ') // what is left of a phone number
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()
    .slice(0, MAX_UNANSWERED_CHARS);
}

const keyOf = (language: string, text: string) => `${language}\u0000${text}`;

/** The embedded log, in memory. */
export class MemoryUnansweredLog implements UnansweredLog {
  private readonly entries = new Map<string, UnansweredQuestion>();

  async record(text: string, language: string, at = new Date()): Promise<void> {
    const clean = anonymise(text);
    if (clean === '') return;
    const key = keyOf(language, clean);
    const entry = this.entries.get(key) ?? { text: clean, language, count: 0, lastAsked: '' };
    entry.count += 1;
    entry.lastAsked = at.toISOString();
    this.entries.set(key, entry);
  }

  async top(limit: number): Promise<UnansweredQuestion[]> {
    return [...this.entries.values()]
      .sort((a, b) => b.count - a.count || b.lastAsked.localeCompare(a.lastAsked))
      .slice(0, limit)
      .map((entry) => ({ ...entry }));
  }
}

/** The log in Redis: a sorted set of counts and a hash of last-asked times, both expiring. */
export class RedisUnansweredLog implements UnansweredLog {
  private readonly counts: string;
  private readonly times: string;

  constructor(
    private readonly client: RedisClient,
    namespace: string,
  ) {
    this.counts = `${namespace}::unanswered:counts`;
    this.times = `${namespace}::unanswered:last`;
  }

  async record(text: string, language: string, at = new Date()): Promise<void> {
    const clean = anonymise(text);
    if (clean === '') return;
    const member = keyOf(language, clean);
    const ttlSeconds = UNANSWERED_TTL_DAYS * 24 * 3600;
    await this.client
      .multi()
      .zIncrBy(this.counts, 1, member)
      .hSet(this.times, member, at.toISOString())
      .expire(this.counts, ttlSeconds)
      .expire(this.times, ttlSeconds)
      .exec();
  }

  async top(limit: number): Promise<UnansweredQuestion[]> {
    const members = await this.client.zRangeWithScores(this.counts, 0, limit - 1, { REV: true });
    if (members.length === 0) return [];
    const times = await this.client.hmGet(
      this.times,
      members.map((member) => member.value),
    );
    return members.map(({ value, score }, index) => {
      const [language = '', text = ''] = value.split('\u0000');
      return { text, language, count: score, lastAsked: times[index] ?? '' };
    });
  }
}

/** The log that fits the state storage: Redis when state is in Redis, else memory. */
export function createUnansweredLog(
  client: RedisClient | undefined,
  namespace: string,
): UnansweredLog {
  return client ? new RedisUnansweredLog(client, namespace) : new MemoryUnansweredLog();
}
