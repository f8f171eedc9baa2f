import restify, { type Request, type Response, type Server, type ServerOptions } from 'restify';
import type { TurnContext } from 'botbuilder';
import { AuthenticationError } from 'botframework-connector';
import type { BotFrameworkAdapter } from './adapter';
import { hasMetricsToken, type Metrics } from './metrics';
import { DIRECT_LINE_BASE, directLineErrorFor } from './channels/directline/http';
import { clientAddress, type PublicAddress } from './http/address';
import { plainError, toHttpError } from './http/respond';
import { describeError, type Logger } from './logger';
import { BadActivityError, checkActivity } from './activityInput';
import type { ApiMessagesPolicy } from './channels/botFramework';
import { within } from './util/deadline';
import { HttpError, sendHttpError } from './util/httpError';

/** Largest request body accepted (Bot Framework channels send at most 256 KB). */
export const MAX_BODY_BYTES = 256 * 1024;
/** `/readyz` reports 503 when storage does not answer within this time. */
export const READY_TIMEOUT_MS = 1000;

/** What the HTTP layer calls into. */
export interface ServerDeps {
  adapter: BotFrameworkAdapter;
  /** Who may use `/api/messages` and how (see `EndpointMode`). */
  apiMessages: ApiMessagesPolicy;
  /** How clients reach the service (for their address behind a proxy). */
  address: PublicAddress;
  /** Runs one turn of the bot. */
  bot: { run(context: TurnContext): Promise<void> };
  /** `/metrics` on this port, behind a bearer token. */
  metrics?: { metrics: Metrics; token: string };
  /** Resolves when the state storage answers. */
  ping(): Promise<void>;
  logger: Logger;
}

/**
 * Creates the restify app with the bot's own routes (`/healthz`, `/readyz`,
 * `/metrics`, `/api/messages`) and one error mapping; the channels and the
 * console register theirs. It maps HTTP to calls and nothing more.
 */
export function createServer(deps: ServerDeps): Server {
  const server = restify.createServer({
    name: 'kausa-bot',
    handleUncaughtExceptions: false,
    // restify's own warnings dump whole requests (bodies included): only its fatal errors.
    // (restify 11 logs with pino; its type definitions still name bunyan's Logger.)
    log: deps.logger.child(
      { component: 'restify' },
      { level: 'fatal' },
    ) as unknown as ServerOptions['log'],
  });
  // Every answer, JSON included: browsers must not guess another type from the content.
  server.pre((_req: Request, res: Response, next: () => void) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    next();
  });
  const activityBody = restify.plugins.bodyParser({
    maxBodySize: MAX_BODY_BYTES,
    mapParams: false,
    mapFiles: false,
  });

  server.get('/healthz', async (_req, res) => {
    res.send(200, { status: 'ok' });
  });

  server.get('/readyz', async (_req, res) => {
    try {
      await within(deps.ping(), READY_TIMEOUT_MS);
      res.send(200, { status: 'ready' });
    } catch (error) {
      deps.logger.warn({ err: describeError(error) }, 'storage not ready');
      res.send(503, { status: 'unavailable', reason: 'storage does not answer' });
    }
  });

  if (deps.metrics) {
    const { metrics, token } = deps.metrics;
    server.get('/metrics', async (req: Request, res: Response) => {
      if (!hasMetricsToken(req.header('authorization'), token)) {
        res.send(401, {
          code: 'Unauthorized',
          message: 'Send Authorization: Bearer <METRICS_TOKEN>.',
        });
        return;
      }
      res.setHeader('content-type', metrics.contentType);
      res.writeHead(200);
      res.end(await metrics.scrape());
    });
  }

  server.post('/api/messages', activityBody, async (req: Request, res: Response) => {
    try {
      req.body = checkActivity(req.body);
      await deps.apiMessages.admit(req.body, clientAddress(req, deps.address));
    } catch (error) {
      if (error instanceof BadActivityError) {
        res.send(400, { code: 'BadArgument', message: error.message });
        return;
      }
      if (!(error instanceof HttpError)) throw error;
      sendHttpError(res, error, plainError(error));
      return;
    }
    try {
      const authorization = req.header('authorization') ?? '';
      const answer = await deps.adapter.runChecked(authorization, req.body, (context) =>
        deps.bot.run(context),
      );
      if (answer?.body === undefined) res.send(answer?.status ?? 200);
      else res.send(answer.status, answer.body);
    } catch (error) {
      const failure =
        error instanceof AuthenticationError
          ? new HttpError(401, 'Unauthorized', 'A Bot Framework channel token is required.')
          : toHttpError(error, deps.logger, 'activity failed');
      sendHttpError(res, failure, plainError(failure));
    }
  });

  // Errors leave as {code, message} JSON ({error: {code, message}} under Direct Line);
  // internal causes and stacks stay in the log.
  server.on(
    'restifyError',
    (
      req: Request,
      res,
      error: Error & { statusCode?: number; toJSON?: () => unknown },
      callback,
    ) => {
      const status = error.statusCode ?? 500;
      if (status >= 500) {
        deps.metrics?.metrics.error('http');
        deps.logger.error({ err: describeError(error) }, 'request failed');
        error.toJSON = () => ({ code: 'InternalError', message: 'Internal error' });
      }
      if (req.path().startsWith(DIRECT_LINE_BASE)) {
        const body = { error: directLineErrorFor(status) };
        error.toJSON = () => body;
      }
      res.setHeader('content-type', 'application/json');
      return callback();
    },
  );

  return server;
}
