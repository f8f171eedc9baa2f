import restify, { type Request, type Response, type Server } from 'restify';
import type { Logger } from '../../logger';
import { streamOrigin, type PublicAddress } from '../../http/address';
import { sendHttpError } from '../../util/httpError';
import { DirectLineError } from './errors';
import { parseWatermark, type DirectLineGateway } from './gateway';
import { MAX_ACTIVITY_BYTES } from './limits';
import { respond, type Answer, type ErrorFormat } from '../../http/respond';

/** Where the gateway's routes live, as with Azure's `https://directline.botframework.com/v3/directline`. */
export const DIRECT_LINE_BASE = '/v3/directline';

/** The `watermark` of the query string (restify leaves the query unparsed). */
function watermarkOf(req: Request): number {
  return parseWatermark(new URLSearchParams(req.getQuery()).get('watermark') ?? undefined);
}

/** Sends a Direct Line error: status, Retry-After when given, `{error: {code, message}}`. */
export function sendDirectLineError(res: Response, error: DirectLineError): void {
  sendHttpError(res, error, error.toBody());
}

/** Direct Line's error body: `{error: {code, message}}` (an internal error is a `ServiceError`). */
export const directLineError: ErrorFormat = (error) => ({
  error:
    error.status >= 500 && error.status !== 503
      ? { code: 'ServiceError', message: 'Internal error.' }
      : { code: error.code, message: error.message },
});

/**
 * Wraps a route: its result is sent as JSON within the route deadline (else
 * 503 with Retry-After); errors become Direct Line error bodies.
 */
function handler(
  logger: Logger,
  work: (req: Request) => Promise<Answer>,
): (req: Request, res: Response) => Promise<void> {
  return async (req, res) =>
    respond(res, () => work(req), {
      logger,
      what: 'direct line request failed',
      format: directLineError,
    });
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
