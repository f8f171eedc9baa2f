import { createHash, createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import jwt from 'jsonwebtoken';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import type { RedisClient } from '../storage';
import { HttpError } from '../util/httpError';
import type { CounsellorAccount, CounsellorDirectory } from './counsellors';

/** How long a console session lasts: a working day. */
export const COUNSELLOR_SESSION_SECONDS = 8 * 60 * 60;
/** Login attempts per username and address before 429, within {@link LOGIN_WINDOW_SECONDS}. */
export const MAX_FAILED_LOGINS = 5;
/** Login attempts from one address, whatever the username (against spraying one password). */
export const MAX_LOGINS_PER_ADDRESS = 20;
/** Login attempts on one account, from any address (against guessing from many addresses). */
export const MAX_LOGINS_PER_ACCOUNT = 10;
/** Login attempts on the whole console (against spraying from many addresses). */
export const MAX_LOGINS_OVERALL = 200;
/** The window of every login limit. */
export const LOGIN_WINDOW_SECONDS = 15 * 60;
/** Shortest password `npm run counsellor -- add` accepts. */
export const MIN_PASSWORD_CHARS = 10;
const AUDIENCE = 'kausa-counsellor';

/** A refusal of the counsellor API, answered as `{code, message}`. */
export class CounsellorApiError extends HttpError {}

const unauthorized = () =>
  new CounsellorApiError(401, 'Unauthorized', 'Log in again (Authorization: Bearer <token>).');

/** A session token and when it expires (ISO time). */
export interface Session {
  token: string;
  expiresAt: string;
}

/**
 * Hashes a password with argon2id (memory-hard; @node-rs/argon2's defaults,
 * the OWASP minimum: 19 MiB, 2 passes); only the hash is ever stored.
 */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** The login limits, each counted per key within {@link LOGIN_WINDOW_SECONDS}. */
const LOGIN_LIMITS = [
  { name: 'pair', points: MAX_FAILED_LOGINS },
  { name: 'address', points: MAX_LOGINS_PER_ADDRESS },
  { name: 'account', points: MAX_LOGINS_PER_ACCOUNT },
  { name: 'overall', points: MAX_LOGINS_OVERALL },
] as const;
type LimitName = (typeof LOGIN_LIMITS)[number]['name'];

const hashed = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Logins and sessions of the counsellor console: argon2id password check,
 * attempts limited per username and address, per address, per account and
 * overall, and signed session tokens that expire. A disabled account loses
 * access at once, even with a token that has not expired.
 */
export class CounsellorAuth {
  private readonly key: KeyObject;
  private readonly limits: Array<{ name: LimitName; limiter: RateLimiterAbstract }>;
  /** Compared against when the username is unknown, so timing does not tell which names exist. */
  private dummyHash: Promise<string> | undefined;

  constructor(
    private readonly directory: CounsellorDirectory,
    secret: string,
    redis: RedisClient | undefined,
    namespace: string,
  ) {
    // A key of its own, derived from the secret: a Direct Line token is never a session.
    this.key = createSecretKey(createHmac('sha256', secret).update(AUDIENCE).digest());
    // Counted in Redis when state is there (all instances together, atomically), else in memory.
    this.limits = LOGIN_LIMITS.map(({ name, points }) => {
      const rule = {
        points,
        duration: LOGIN_WINDOW_SECONDS,
        keyPrefix: `${namespace}::login-${name}`,
      };
      const limiter = redis
        ? new RateLimiterRedis({
            ...rule,
            storeClient: redis,
            useRedisPackage: true,
            insuranceLimiter: new RateLimiterMemory(rule),
          })
        : new RateLimiterMemory(rule);
      return { name, limiter };
    });
  }

  /**
   * Checks the password and opens a session.
   * @throws CounsellorApiError 401 (wrong name or password, or disabled), 429 (too many failures)
   */
  async login(username: string, password: string, clientAddress: string): Promise<Session> {
    const keys: Record<LimitName, string> = {
      pair: hashed(`${clientAddress}\n${username}`),
      address: hashed(clientAddress),
      account: hashed(username),
      overall: 'all',
    };
    // Each attempt is counted before its password is checked, one limit after the other
    // (each count is atomic): a burst of parallel attempts gets no more checks than the limit.
    for (const { name, limiter } of this.limits) {
      try {
        await limiter.consume(keys[name]);
      } catch (result) {
        if (!(result instanceof RateLimiterRes)) throw result;
        throw new CounsellorApiError(
          429,
          'TooManyAttempts',
          'Too many login attempts; try again later.',
          Math.max(1, Math.ceil(result.msBeforeNext / 1000)),
        );
      }
    }
    const account = await this.directory.get(username);
    const valid = await verify(
      account?.passwordHash ??
        (await (this.dummyHash ??= hashPassword('not a password of anyone'))),
      password,
    ).catch(() => false);
    if (!account || !valid || account.disabled) {
      throw new CounsellorApiError(401, 'Unauthorized', 'Wrong username or password.');
    }
    // A successful login does not count: its attempt is given back to every limit.
    await Promise.all(this.limits.map(({ name, limiter }) => limiter.reward(keys[name], 1)));
    await this.limits[0]!.limiter.delete(keys.pair);
    const token = jwt.sign({ role: account.role }, this.key, {
      algorithm: 'HS256',
      audience: AUDIENCE,
      subject: account.username,
      expiresIn: COUNSELLOR_SESSION_SECONDS,
    });
    return {
      token,
      expiresAt: new Date(Date.now() + COUNSELLOR_SESSION_SECONDS * 1000).toISOString(),
    };
  }

  /**
   * The account behind an `Authorization: Bearer` header.
   * @throws CounsellorApiError 401 (missing, invalid or expired token; account gone or disabled)
   */
  async authenticate(header: string | undefined): Promise<CounsellorAccount> {
    const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
    if (!match?.[1]) throw unauthorized();
    let username: string | undefined;
    try {
      const payload = jwt.verify(match[1], this.key, { algorithms: ['HS256'], audience: AUDIENCE });
      username = typeof payload === 'string' ? undefined : payload.sub;
    } catch {
      throw unauthorized();
    }
    const account = username ? await this.directory.get(username) : undefined;
    if (!account || account.disabled) throw unauthorized();
    return account;
  }
}
