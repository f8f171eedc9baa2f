import { isIP } from 'node:net';
import restify, { type Request, type Response, type Server } from 'restify';
import { describeError, type Logger } from '../../logger';
import { sendHttpError } from '../../util/httpError';
import { DirectLineError } from './errors';
import { parseWatermark, type DirectLineGateway } from './gateway';
import { MAX_ACTIVITY_BYTES } from './limits';
import { isUnavailable } from '../../storage/errors';
import { RETRY_AFTER_SECONDS, ROUTE_DEADLINE_MS, within } from '../../util/deadline';

/** Where the gateway's routes live, as with Azure's `https://directline.botframework.com/v3/directline`. */
export const DIRECT_LINE_BASE = '/v3/directline';

/** How the service is reached from outside. */
export interface PublicAddress {
  /** Configured origin (`https://chat.example.org`), or empty to take it from each request. */
  publicUrl: string;
  /** How many reverse proxies in front of the bot are trusted (0: X-Forwarded-* are ignored). */
  trustProxy: number;
}

const HOST_PATTERN = /^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(:\d{1,5})?$/;

function firstHeader(req: Request, name: string): string | undefined {
  const value = req.header(name);
  return value === undefined || value === '' ? undefined : value.split(',')[0]?.trim();
}

/** The origin WebSocket streams are reached at: `wss://host` behind TLS, else `ws://host`. */
export function streamOrigin(req: Request, address: PublicAddress): string {
  if (address.publicUrl !== '') return address.publicUrl.replace(/^http/, 'ws');
  const trusted = address.trustProxy > 0;
  const forwardedHost = trusted ? firstHeader(req, 'x-forwarded-host') : undefined;
  const forwardedProto = trusted ? firstHeader(req, 'x-forwarded-proto') : undefined;
  const host = forwardedHost ?? req.header('host') ?? '';
  const secure = forwardedProto === 'https' || req.isSecure();
  return `${secure ? 'wss' : 'ws'}://${HOST_PATTERN.test(host) ? host : 'localhost'}`;
}

/**
 * The client's IP address. Each trusted proxy appends the address it was
 * reached from to X-Forwarded-For, so with `trustProxy` hops the client is
 * the entry that many places from the right; whatever a client wrote itself
 * stands further left and is never taken.
 */
export function clientAddress(req: Request, address: PublicAddress): string {
  const socketAddress = req.socket.remoteAddress ?? 'unknown';
  if (address.trustProxy === 0) return socketAddress;
  const entries = (req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0) return socketAddress;
  const client = entries[Math.max(0, entries.length - address.trustProxy)] ?? '';
  return isIP(client) ? client : socketAddress;
}

/** The `watermark` of the query string (restify leaves the query unparsed). */
function watermarkOf(req: Request): number {
  return parseWatermark(new URLSearchParams(req.getQuery()).get('watermark') ?? undefined);
}

/** Sends a Direct Line error: status, Retry-After when given, `{error: {code, message}}`. */
export function sendDirectLineError(res: Response, error: DirectLineError): void {
  sendHttpError(res, error, error.toBody());
}

/** The answer while storage does not answer: try again shortly. */
export const serviceUnavailable = () =>
  new DirectLineError(
    503,
    'ServiceUnavailable',
    'The service is unavailable; try again shortly.',
    RETRY_AFTER_SECONDS,
  );

/**
 * Wraps a route: its result is sent as JSON within {@link ROUTE_DEADLINE_MS}
 * (else 503 with Retry-After); errors become Direct Line error bodies.
 */
function handler(
  logger: Logger,
  work: (req: Request) => Promise<{ status?: number; body: unknown }>,
): (req: Request, res: Response) => Promise<void> {
  return async (req, res) => {
    try {
      const { status, body } = await within(work(req), ROUTE_DEADLINE_MS);
      res.send(status ?? 200, body);
    } catch (error) {
      if (error instanceof DirectLineError) return sendDirectLineError(res, error);
      if (isUnavailable(error)) {
        logger.warn({ err: describeError(error) }, 'direct line storage did not answer');
        return sendDirectLineError(res, serviceUnavailable());
      }
      logger.error({ err: describeError(error) }, 'direct line request failed');
      sendDirectLineError(res, new DirectLineError(500, 'ServiceError', 'Internal error.'));
    }
  };
}

/**
 * Maps the Direct Line 3.0 REST API onto the gateway. Request bodies are
 * limited to {@link MAX_ACTIVITY_BYTES}; parse and size errors are turned
 * into Direct Line error bodies by the server's error handler.
 */
export function registerDirectLineRoutes(
  server: Server,
  gateway: DirectLineGateway,
  address: PublicAddress,
  logger: Logger,
): void {
  const body = restify.plugins.bodyParser({
    maxBodySize: MAX_ACTIVITY_BYTES,
    mapParams: false,
    mapFiles: false,
    rejectUnknown: false,
  });
  const auth = (req: Request) => req.header('authorization');
  const id = (req: Request) => String(req.params.conversationId ?? '');

  server.post(
    `${DIRECT_LINE_BASE}/tokens/generate`,
    body,
    handler(logger, async (req) => ({ body: await gateway.generateToken(auth(req), req.body) })),
  );
  server.post(
    `${DIRECT_LINE_BASE}/tokens/refresh`,
    body,
    handler(logger, async (req) => ({ body: await gateway.refreshToken(auth(req)) })),
  );
  server.post(
    `${DIRECT_LINE_BASE}/conversations`,
    body,
    handler(logger, async (req) => {
      const started = await gateway.startConversation(
        auth(req),
        req.body,
        streamOrigin(req, address),
      );
      return { status: started.created ? 201 : 200, body: started.conversation };
    }),
  );
  server.get(
    `${DIRECT_LINE_BASE}/conversations/:conversationId`,
    handler(logger, async (req) => ({
      body: await gateway.reconnect(
        auth(req),
        id(req),
        watermarkOf(req),
        streamOrigin(req, address),
      ),
    })),
  );
  server.get(
    `${DIRECT_LINE_BASE}/conversations/:conversationId/activities`,
    handler(logger, async (req) => ({
      body: await gateway.activities(auth(req), id(req), watermarkOf(req)),
    })),
  );
  server.post(
    `${DIRECT_LINE_BASE}/conversations/:conversationId/activities`,
    body,
    handler(logger, async (req) => ({
      body: await gateway.postActivity(auth(req), id(req), req.body),
    })),
  );
  server.post(
    `${DIRECT_LINE_BASE}/conversations/:conversationId/upload`,
    handler(logger, async () => {
      throw new DirectLineError(
        400,
        'NotSupported',
        'Uploading files is not supported by this service; send text instead.',
      );
    }),
  );
}

/** Direct Line errors for what restify rejects before a route runs (bad JSON, too large, no route). */
export function directLineErrorFor(status: number): { code: string; message: string } {
  switch (status) {
    case 400:
      return { code: 'BadSyntax', message: 'The request body is not valid JSON.' };
    case 404:
      return { code: 'NotFound', message: 'Not found.' };
    case 405:
      return { code: 'MethodNotAllowed', message: 'Method not allowed.' };
    case 413:
      return {
        code: 'MessageSizeTooBig',
        message: `The request is larger than ${MAX_ACTIVITY_BYTES} bytes.`,
      };
    case 415:
      return { code: 'UnsupportedMediaType', message: 'Send application/json.' };
    default:
      return status >= 500
        ? { code: 'ServiceError', message: 'Internal error.' }
        : { code: 'BadArgument', message: 'Bad request.' };
  }
}
