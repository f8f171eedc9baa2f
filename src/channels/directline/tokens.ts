import { createHash, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { forbidden } from './errors';

/** How long a stream URL may be used to open its WebSocket. */
export const STREAM_TOKEN_LIFETIME_S = 120;
const AUDIENCE = 'kausa-directline';

/** What a token grants: one user, in one conversation. */
export interface TokenClaims {
  conversationId: string;
  userId: string;
}

/** A token and its lifetime, as Direct Line returns them. */
export interface IssuedToken {
  token: string;
  /** Seconds until the token expires. */
  expiresIn: number;
}

type Purpose = 'conversation' | 'stream';

/**
 * Signs and checks Direct Line tokens: HS256 JWTs bound to one conversation
 * and user, signed with the configured Direct Line secret. They hold nothing
 * else and need no storage; a token for a conversation that was deleted
 * still fails, with 404, because the conversation is gone.
 */
export class DirectLineTokens {
  private readonly secretDigest: Buffer;
  /** The secret as a key object: jsonwebtoken then signs and verifies in 0.02 ms instead of 0.4 ms. */
  private readonly key: KeyObject;

  constructor(
    secret: string,
    /** Lifetime of a conversation token in seconds. */
    readonly lifetimeSeconds: number,
  ) {
    this.secretDigest = digest(secret);
    this.key = createSecretKey(Buffer.from(secret, 'utf8'));
  }

  /** A token for the conversation, valid for {@link lifetimeSeconds}. */
  issue(claims: TokenClaims): IssuedToken {
    return {
      token: this.sign(claims, 'conversation', this.lifetimeSeconds),
      expiresIn: this.lifetimeSeconds,
    };
  }

  /** A short-lived token for the stream URL (URLs end up in proxy logs; a conversation token should not). */
  issueStream(claims: TokenClaims): string {
    return this.sign(claims, 'stream', STREAM_TOKEN_LIFETIME_S);
  }

  /**
   * The claims of a valid token of `purpose`.
   * @throws DirectLineError 403 (`TokenExpired` or `Forbidden`)
   */
  verify(token: string, purpose: Purpose = 'conversation'): TokenClaims {
    let payload: jwt.JwtPayload | string;
    try {
      payload = jwt.verify(token, this.key, { algorithms: ['HS256'], audience: AUDIENCE });
    } catch (error) {
      if (error instanceof jwt.TokenExpiredError) {
        throw forbidden('TokenExpired', 'Token expired.');
      }
      throw forbidden('Forbidden', 'Invalid token.');
    }
    if (
      typeof payload === 'string' ||
      payload.pur !== purpose ||
      typeof payload.conv !== 'string' ||
      typeof payload.usr !== 'string'
    ) {
      throw forbidden('Forbidden', 'Invalid token.');
    }
    return { conversationId: payload.conv, userId: payload.usr };
  }

  /** True when `candidate` is the Direct Line secret (compared in constant time). */
  isSecret(candidate: string): boolean {
    return timingSafeEqual(digest(candidate), this.secretDigest);
  }

  private sign(claims: TokenClaims, purpose: Purpose, seconds: number): string {
    return jwt.sign({ conv: claims.conversationId, usr: claims.userId, pur: purpose }, this.key, {
      algorithm: 'HS256',
      audience: AUDIENCE,
      expiresIn: seconds,
    });
  }
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
