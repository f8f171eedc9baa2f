import { createHash } from 'node:crypto';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import type { RedisClient } from '../../storage';
import { DirectLineError } from './errors';

/** Largest activity a client may post (bytes of JSON); a chat message is far smaller. */
export const MAX_ACTIVITY_BYTES = 32 * 1024;
/** Activities one conversation may post per minute before it gets 429. */
export const MAX_POSTS_PER_CONVERSATION_PER_MINUTE = 30;
/** Polls (GET activities) one conversation may make per minute; Web Chat polls once a second. */
export const MAX_READS_PER_CONVERSATION_PER_MINUTE = 150;
/** New widget conversations one IP address may open per hour (a shelter's Wi-Fi is one address). */
export const MAX_CONVERSATIONS_PER_IP_PER_HOUR = 60;
/** Open WebSocket streams per conversation; a further one closes the oldest. */
export const MAX_STREAMS_PER_CONVERSATION = 4;

/** What a client may do how often. */
export interface DirectLineLimits {
  /**
   * Counts one use of `kind` by `key`.
   * @throws DirectLineError 429 with Retry-After when the limit is reached
   */
  consume(kind: 'post' | 'read' | 'conversation', key: string): Promise<void>;
}

/**
 * `shared`: counted in Redis, so instances behind one address count together
 * (new conversations per address). Posts and polls are counted by each
 * instance in memory: they are on every message's path, and a flood is still
 * stopped at the limit times the number of instances.
 */
const RULES = {
  post: { points: MAX_POSTS_PER_CONVERSATION_PER_MINUTE, duration: 60, shared: false },
  read: { points: MAX_READS_PER_CONVERSATION_PER_MINUTE, duration: 60, shared: false },
  conversation: { points: MAX_CONVERSATIONS_PER_IP_PER_HOUR, duration: 3600, shared: true },
} as const;

/**
 * Limits counted with rate-limiter-flexible (see {@link RULES} for where;
 * when Redis fails, each instance counts in memory meanwhile). Keys are
 * hashed: no IP address or conversation id is stored in clear.
 */
export function createLimits(client: RedisClient | undefined, namespace: string): DirectLineLimits {
  const limiters = {} as Record<keyof typeof RULES, RateLimiterAbstract>;
  for (const [kind, rule] of Object.entries(RULES) as [
    keyof typeof RULES,
    (typeof RULES)[keyof typeof RULES],
  ][]) {
    const keyPrefix = `${namespace}::dl-limit:${kind}`;
    const counts = { points: rule.points, duration: rule.duration };
    const memory = new RateLimiterMemory({ ...counts, keyPrefix });
    limiters[kind] =
      client && rule.shared
        ? new RateLimiterRedis({
            ...counts,
            keyPrefix,
            storeClient: client,
            useRedisPackage: true,
            rejectIfRedisNotReady: true,
            insuranceLimiter: memory,
          })
        : memory;
  }
  return {
    async consume(kind, key) {
      const hashed = createHash('sha256').update(key).digest('base64url').slice(0, 22);
      try {
        await limiters[kind].consume(hashed);
      } catch (result) {
        if (!(result instanceof RateLimiterRes)) throw result;
        const seconds = Math.max(1, Math.ceil(result.msBeforeNext / 1000));
        throw new DirectLineError(
          429,
          'TooManyRequests',
          'Too many requests; try again later.',
          seconds,
        );
      }
    },
  };
}
