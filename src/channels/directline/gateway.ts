import { randomBytes } from 'node:crypto';
import { ActivityTypes, type Activity, type TurnContext } from 'botbuilder';
import { describeError, type Logger } from '../../logger';
import { KeyedSerializer } from '../../util/keyedSerializer';
import {
  ConversationFullError,
  ConversationNotFoundError,
  type ActivityLog,
  type LoggedActivity,
} from './activityLog';
import {
  activityId,
  DIRECT_LINE_CHANNEL_ID,
  DIRECT_LINE_SERVICE_URL,
  type DirectLineAdapter,
} from './adapter';
import { conversationNotFound, DirectLineError, forbidden } from './errors';
import type { DirectLineLimits } from './limits';
import type { DirectLineTokens, TokenClaims } from './tokens';
import { clientActivity, ID_PATTERN, localeFrom, userIdFrom } from './clientInput';
import { RETRY_AFTER_SECONDS, within } from '../../util/deadline';

/** What `tokens/generate`, `tokens/refresh` and the widget's token endpoint return. */
export interface TokenResponse {
  conversationId: string;
  token: string;
  expires_in: number;
}

/** What `POST /conversations` and `GET /conversations/{id}` return. */
export interface ConversationResponse extends TokenResponse {
  streamUrl: string;
}

/** Activities after a watermark, as `GET …/activities` returns them. */
export interface ActivityGroup {
  activities: LoggedActivity[];
  watermark: string;
}

/** Who is calling: the holder of the Direct Line secret (a trusted server) or a token's user. */
type Caller = { kind: 'secret' } | { kind: 'token'; claims: TokenClaims };

/** What the gateway is built from. */
export interface DirectLineGatewayDeps {
  log: ActivityLog;
  tokens: DirectLineTokens;
  adapter: DirectLineAdapter;
  /** Runs one bot turn (the bot's `run`). */
  runBot(context: TurnContext): Promise<void>;
  limits: DirectLineLimits;
  logger: Logger;
}

/**
 * How long a post waits for the bot's answer before it resolves anyway: the
 * message is logged by then, and the answer follows on the stream.
 */
export const POST_TURN_WAIT_MS = 1200;
/** Bytes of randomness in a conversation id the gateway creates. */
const CONVERSATION_ID_BYTES = 16;
/** The shape of every id the gateway creates: 16 random bytes in base64url. */
const GATEWAY_CONVERSATION_ID = /^[A-Za-z0-9_-]{22}$/;

/**
 * Whether an id has the shape of the gateway's own conversation ids. The
 * shape is reserved: other channels (`/api/messages` without credentials)
 * may not use it, so they can never name a widget conversation.
 */
export function isGatewayConversationId(id: string): boolean {
  return GATEWAY_CONVERSATION_ID.test(id);
}

/** A watermark from a query string: digits, else the start. */
export function parseWatermark(raw: unknown): number {
  return typeof raw === 'string' && /^\d{1,9}$/.test(raw) ? Number(raw) : 0;
}

/**
 * The Direct Line 3.0 protocol, independent of HTTP: tokens, conversations,
 * the echo of each posted activity with its `clientActivityID`, watermarks,
 * and the bot turn each posted activity starts. Turns of one conversation run
 * one after another on an instance.
 */
export class DirectLineGateway {
  private readonly turns = new KeyedSerializer();

  constructor(private readonly deps: DirectLineGatewayDeps) {}

  /** `POST /tokens/generate`: only for the secret's holder; creates a conversation for the token. */
  async generateToken(authorization: string | undefined, body: unknown): Promise<TokenResponse> {
    const caller = this.authorize(authorization);
    if (caller.kind !== 'secret') {
      throw forbidden('Forbidden', 'Generating a token needs the Direct Line secret.');
    }
    const conversationId = await this.createConversation(userIdFrom(body));
    return this.tokenFor((await this.record(conversationId)).claims);
  }

  /** A token for the widget page: a new conversation, counted against the caller's address. */
  async widgetToken(clientAddress: string): Promise<TokenResponse> {
    return this.tokenFor(await this.widgetClaims(clientAddress));
  }

  /** A new widget conversation's claims, counted against the caller's address. */
  private async widgetClaims(clientAddress: string): Promise<TokenClaims> {
    await this.deps.limits.consume('conversation', clientAddress);
    return (await this.record(await this.createConversation(undefined))).claims;
  }

  /**
   * The widget page's start in one request (one round trip less on a slow
   * phone network): a new conversation for the caller's address, started in
   * `locale`, with the bot's opening messages and a stream URL that continues
   * after them.
   */
  async widgetConversation(
    clientAddress: string,
    locale: string | undefined,
    streamOrigin: string,
  ): Promise<ConversationResponse & ActivityGroup> {
    const claims = await this.widgetClaims(clientAddress);
    let created: boolean;
    try {
      created = await this.deps.log.markStarted(claims.conversationId);
    } catch (error) {
      throw this.translate(error);
    }
    if (created) await this.startTurn(claims, localeFrom({ locale }));
    const opening = await this.read(claims.conversationId, 0);
    return {
      ...this.conversationFor(claims, streamOrigin, Number(opening.watermark)),
      ...opening,
    };
  }

  /** `POST /tokens/refresh`: a fresh token for the same conversation and user. */
  async refreshToken(authorization: string | undefined): Promise<TokenResponse> {
    const caller = this.authorize(authorization);
    if (caller.kind !== 'token') throw forbidden('Forbidden', 'Refreshing needs a token.');
    await this.record(caller.claims.conversationId);
    return this.tokenFor(caller.claims);
  }

  /**
   * `POST /conversations`: starts the token's conversation (or, with the
   * secret, a new one); the bot gets its conversationUpdate only the first
   * time. `created` tells 201 from 200.
   */
  async startConversation(
    authorization: string | undefined,
    body: unknown,
    streamOrigin: string,
  ): Promise<{ created: boolean; conversation: ConversationResponse }> {
    const caller = this.authorize(authorization);
    const conversationId =
      caller.kind === 'secret'
        ? await this.createConversation(userIdFrom(body))
        : caller.claims.conversationId;
    const { claims } = await this.record(conversationId);
    let created: boolean;
    try {
      created = await this.deps.log.markStarted(conversationId);
    } catch (error) {
      throw this.translate(error);
    }
    if (created) await this.startTurn(claims, localeFrom(body));
    return { created, conversation: this.conversationFor(claims, streamOrigin, 0) };
  }

  /** `GET /conversations/{id}?watermark=`: a new token and a stream URL that resumes after `watermark`. */
  async reconnect(
    authorization: string | undefined,
    conversationId: string,
    watermark: number,
    streamOrigin: string,
  ): Promise<ConversationResponse> {
    const caller = this.authorize(authorization, conversationId);
    const { claims } = await this.record(conversationId, caller);
    return this.conversationFor(claims, streamOrigin, watermark);
  }

  /** `GET /conversations/{id}/activities?watermark=`: every activity after `watermark`. */
  async activities(
    authorization: string | undefined,
    conversationId: string,
    watermark: number,
  ): Promise<ActivityGroup> {
    const caller = this.authorize(authorization, conversationId);
    await this.deps.limits.consume('read', conversationId);
    await this.record(conversationId, caller);
    return this.read(conversationId, watermark);
  }

  /** Activities after `watermark` with their ids, for GET and for streams. */
  async read(conversationId: string, watermark: number): Promise<ActivityGroup> {
    let set;
    try {
      set = await this.deps.log.read(conversationId, watermark);
    } catch (error) {
      throw this.translate(error);
    }
    return {
      activities: set.activities.map(({ watermark: position, activity }) => ({
        ...activity,
        id: activityId(conversationId, position),
      })),
      watermark: String(set.watermark),
    };
  }

  /**
   * `POST /conversations/{id}/activities`: logs the activity (so every stream
   * echoes it with its `clientActivityID`), runs the bot's turn, and resolves
   * the activity's id once the bot has answered, or after {@link POST_TURN_WAIT_MS}.
   */
  async postActivity(
    authorization: string | undefined,
    conversationId: string,
    body: unknown,
  ): Promise<{ id: string }> {
    const caller = this.authorize(authorization, conversationId);
    await this.deps.limits.consume('post', conversationId);
    // A token names its user (bound when the conversation was created); the append
    // below fails for a conversation that no longer exists, so only the secret's
    // holder needs the record read.
    const claims =
      caller.kind === 'token' && ID_PATTERN.test(conversationId)
        ? caller.claims
        : (await this.record(conversationId, caller)).claims;
    const { echo, attachments } = clientActivity(body, claims);
    let watermark: number;
    try {
      watermark = await this.deps.log.append(conversationId, [echo]);
    } catch (error) {
      throw this.translate(error);
    }
    const id = activityId(conversationId, watermark);
    const turn = this.turn(conversationId, {
      ...echo,
      id,
      attachments,
      serviceUrl: DIRECT_LINE_SERVICE_URL,
      recipient: this.deps.adapter.botAccount,
    });
    // The message is kept (logged); a turn that takes longer (storage slow) answers on the stream later.
    await within(turn, POST_TURN_WAIT_MS).catch(() => undefined);
    return { id };
  }

  /** Checks a stream URL's token; resolves the claims of a conversation that exists. */
  async authorizeStream(streamToken: string, conversationId: string): Promise<TokenClaims> {
    const claims = this.deps.tokens.verify(streamToken, 'stream');
    if (claims.conversationId !== conversationId) {
      throw forbidden('Forbidden', 'The token is for another conversation.');
    }
    await this.record(conversationId);
    return claims;
  }

  /** Reads the Authorization header: the secret, or a valid token (for `conversationId` if given). */
  private authorize(header: string | undefined, conversationId?: string): Caller {
    const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
    if (!match?.[1]) throw forbidden('Forbidden', 'Authorization: Bearer <token> is required.');
    if (this.deps.tokens.isSecret(match[1])) return { kind: 'secret' };
    const claims = this.deps.tokens.verify(match[1]);
    if (conversationId !== undefined && claims.conversationId !== conversationId) {
      throw forbidden('Forbidden', 'The token is for another conversation.');
    }
    return { kind: 'token', claims };
  }

  /** The conversation's claims (user from the record); 404 when it does not exist. */
  private async record(conversationId: string, caller?: Caller): Promise<{ claims: TokenClaims }> {
    if (!ID_PATTERN.test(conversationId)) throw conversationNotFound();
    let record;
    try {
      record = await this.deps.log.get(conversationId);
    } catch (error) {
      throw this.translate(error);
    }
    if (!record) throw conversationNotFound();
    if (caller?.kind === 'token' && caller.claims.userId !== record.userId) {
      throw forbidden('Forbidden', 'The token is for another user.');
    }
    return { claims: { conversationId, userId: record.userId } };
  }

  private async createConversation(userId: string | undefined): Promise<string> {
    const conversationId = randomBytes(CONVERSATION_ID_BYTES).toString('base64url');
    try {
      await this.deps.log.create(conversationId, {
        userId: userId ?? `dl_${randomBytes(12).toString('base64url')}`,
        createdAt: Date.now(),
      });
    } catch (error) {
      throw this.translate(error);
    }
    return conversationId;
  }

  private tokenFor(claims: TokenClaims): TokenResponse {
    const { token, expiresIn } = this.deps.tokens.issue(claims);
    return { conversationId: claims.conversationId, token, expires_in: expiresIn };
  }

  private conversationFor(
    claims: TokenClaims,
    streamOrigin: string,
    watermark: number,
  ): ConversationResponse {
    const query = new URLSearchParams({
      watermark: watermark > 0 ? String(watermark) : '',
      t: this.deps.tokens.issueStream(claims),
    });
    const path = `/v3/directline/conversations/${encodeURIComponent(claims.conversationId)}/stream`;
    return { ...this.tokenFor(claims), streamUrl: `${streamOrigin}${path}?${query}` };
  }

  /** The bot's conversationUpdate for a new conversation (it is never shown to clients). */
  private async startTurn(claims: TokenClaims, locale: string | undefined): Promise<void> {
    await this.turn(claims.conversationId, {
      type: ActivityTypes.ConversationUpdate,
      id: `${claims.conversationId}|start`,
      channelId: DIRECT_LINE_CHANNEL_ID,
      serviceUrl: DIRECT_LINE_SERVICE_URL,
      timestamp: new Date(),
      conversation: { id: claims.conversationId } as Activity['conversation'],
      from: { id: claims.userId, name: '', role: 'user' },
      recipient: this.deps.adapter.botAccount,
      membersAdded: [{ id: claims.userId, name: '' }],
      locale,
    });
  }

  /** Runs a bot turn after the conversation's earlier turns; a failed turn was already answered with an apology. */
  private async turn(conversationId: string, activity: Partial<Activity>): Promise<void> {
    await this.turns.run(conversationId, async () => {
      try {
        await this.deps.adapter.processActivity(activity, (context) => this.deps.runBot(context));
      } catch (error) {
        this.deps.logger.error({ err: describeError(error) }, 'direct line turn failed');
      }
    });
  }

  /** Storage errors become protocol errors; nothing of the cause reaches the client. */
  private translate(error: unknown): Error {
    if (error instanceof DirectLineError) return error;
    if (error instanceof ConversationNotFoundError) return conversationNotFound();
    if (error instanceof ConversationFullError) {
      return new DirectLineError(
        403,
        'ConversationFull',
        'This conversation is full; start a new one.',
      );
    }
    this.deps.logger.warn({ err: describeError(error) }, 'direct line storage failed');
    return new DirectLineError(
      503,
      'ServiceUnavailable',
      'The service is unavailable; try again shortly.',
      RETRY_AFTER_SECONDS,
    );
  }
}
