import restify, { type Request, type Response, type Server, type ServerOptions } from 'restify';
import type { CloudAdapter, TurnContext } from 'botbuilder';
import { hasMetricsToken, type Metrics } from './metrics';
import {
  DIRECT_LINE_BASE,
  directLineErrorFor,
  registerDirectLineRoutes,
} from './channels/directline/http';
import { clientAddress, type PublicAddress } from './http/address';
import type { DirectLineGateway, StreamHub } from './channels/directline';
import { registerCounsellorRoutes, type CounsellorApiDeps } from './handover/http';
import { describeError, type Logger } from './logger';
import { registerWidgetRoutes, type WidgetDeps } from './widget/http';
import { registerCalendarRoutes, type CalendarDeps } from './offers/http';
import { BadActivityError, checkActivity } from './activityInput';
import type { ApiMessagesPolicy } from './channels/botFramework';
import { HttpError, sendHttpError } from './util/httpError';

/** Largest request body accepted (Bot Framework channels send at most 256 KB). */
export const MAX_BODY_BYTES = 256 * 1024;
/** `/readyz` reports 503 when storage does not answer within this time. */
export const READY_TIMEOUT_MS = 1000;

/** What the HTTP layer calls into. */
export interface ServerDeps {
  adapter: CloudAdapter;
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
  /** The self-hosted Direct Line gateway and the widget page, when served. */
  directLine?: {
    gateway: DirectLineGateway;
    streams: StreamHub;
    address: PublicAddress;
    widget: Omit<WidgetDeps, 'gateway' | 'address' | 'logger'>;
  };
  /** The counsellor console's API, when served. */
  counsellor?: CounsellorApiDeps;
  /** Calendar files for events and confirmed appointments. */
  calendar?: CalendarDeps;
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    work,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Creates the restify app with the bot's routes; it maps HTTP to calls and nothing more. */
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
      await withTimeout(deps.ping(), READY_TIMEOUT_MS);
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
      sendHttpError(res, error, { code: error.code, message: error.message });
      return;
    }
    await deps.adapter.process(req, res, (context) => deps.bot.run(context));
  });

  if (deps.directLine) {
    const { gateway, streams, address, widget } = deps.directLine;
    registerDirectLineRoutes(server, gateway, address, deps.logger);
    registerWidgetRoutes(server, { ...widget, gateway, address, logger: deps.logger });
    streams.attach(server.server);
  }
  if (deps.counsellor) registerCounsellorRoutes(server, deps.counsellor);
  if (deps.calendar) registerCalendarRoutes(server, deps.calendar);

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
