import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'restify';
import { apologiseOnTurnError, createAdapter } from './adapter';
import { createDirectLine, DIRECT_LINE_SERVICE_URL, type DirectLine } from './channels/directline';
import { createKausaBot, loadContent } from './botFactory';
import type { Config } from './config';
import { createNlu } from './nlu';
import { createUnansweredLog } from './nlu/unanswered';
import { describeError, logId, type Logger } from './logger';
import { LOCALES_DIR } from './paths';
import { createServer } from './server';
import { createHandover, hashPassword, type Handover } from './handover';
import { SUPPORTED_LANGUAGES } from './language/languages';
import { channelProactive, channelTranscript, createDelivery } from './handover/delivery';
import { Ui } from './ui/ui';
import { createStorage } from './storage';
import { buildWidgetConfig } from './widget/widgetConfig';
import { buildConsoleStrings } from './handover/consoleStrings';
import { channelLabel, Metrics, startMetricsServer } from './metrics';
import { MemoryStatsStore, RedisStatsStore, Statistics } from './stats/statistics';
import { metricsObserver, statisticsObserver } from './stats/observers';
import type { CloudAdapter, TurnContext } from 'botbuilder';
import { ApiMessagesPolicy, endpointModeOf } from './channels/botFramework';
import { isGatewayConversationId } from './channels/directline/gateway';

const DAY_MS = 24 * 60 * 60 * 1000;
/** The console account a local try (memory storage) starts with. */
export const DEMO_COUNSELLOR = 'demo';
/** The bot's id in its own channel (Direct Line). */
export const BOT_ID = 'kausa-bot';
/** How long start-up waits for Redis before serving anyway (readyz says 503 until it answers). */
export const STORAGE_STARTUP_WAIT_MS = 1500;

/** A running bot: its HTTP server and how to stop it. */
export interface RunningApp {
  server: Server;
  /** Base URL, e.g. http://127.0.0.1:3978. */
  url: string;
  /** The self-hosted Direct Line channel (its adapter sends proactive messages to the widget). */
  directLine: DirectLine;
  /** The handover queue and the counsellor accounts. */
  handover: Handover;
  /** The anonymous statistics. */
  stats: Statistics;
  /** The Prometheus metrics. */
  metrics: Metrics;
  /** The Bot Framework side: the adapter of `/api/messages` and its admission policy. */
  botFramework: { adapter: CloudAdapter; policy: ApiMessagesPolicy };
  close(): Promise<void>;
}

/**
 * With the embedded memory storage (a local try, no Redis for the account
 * command), a counsellor account `demo` with a fresh password, printed once,
 * so the console can be tried at once. Never with Redis.
 */
async function addDemoCounsellor(handover: Handover, logger: Logger): Promise<void> {
  if ((await handover.directory.list()).length > 0) return;
  const password = randomBytes(9).toString('base64url');
  await handover.directory.put({
    username: DEMO_COUNSELLOR,
    displayName: 'Demo',
    passwordHash: await hashPassword(password),
    languages: [...SUPPORTED_LANGUAGES],
    audiences: [],
    role: 'lead',
    disabled: false,
    createdAt: Date.now(),
  });
  logger.info(
    `counsellor console: log in at /counsellor/ as "${DEMO_COUNSELLOR}" with password "${password}" (memory storage only; with Redis use npm run counsellor)`,
  );
}

/** Where state lives, without credentials, for the start-up log line. */
function describeStorage(url: string): string {
  const parsed = new URL(url);
  return parsed.protocol === 'memory:'
    ? 'memory'
    : `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
}

/** Wires configuration → storage → adapter → bot → server and starts listening. */
export async function startApp(config: Config, logger: Logger): Promise<RunningApp> {
  const content = loadContent(LOCALES_DIR, config.dataDir);
  const storage = createStorage(config.storageUrl, {
    namespace: config.storageNamespace,
    ttlMs: config.stateTtlDays * DAY_MS,
    onError: (error) => logger.warn({ err: describeError(error) }, 'storage connection problem'),
  });
  if (!(await storage.whenReady(STORAGE_STARTUP_WAIT_MS))) {
    logger.warn('storage not reachable yet; serving anyway, /readyz reports 503 until it answers');
  }
  const adapter = createAdapter(config, content.i18n, logger);
  const nlu = createNlu(LOCALES_DIR, content.recognizers);
  const handover = createHandover(
    storage.redisClient,
    config.storageNamespace,
    config.directLine.secret,
    {
      ...(content.hours ? { hours: content.hours } : {}),
      logger,
      escalateAfterMs: config.handover.escalateMinutes * 60_000,
      maxWaitMs: config.handover.maxWaitMinutes * 60_000,
    },
  );
  const timeZone = content.offers.consultations?.schedule.timeZone ?? 'Europe/Berlin';
  const stats = new Statistics(
    storage.redisClient
      ? new RedisStatsStore(storage.redisClient, config.storageNamespace)
      : new MemoryStatsStore(),
    timeZone,
  );
  stats.start();
  handover.service.observers.push(statisticsObserver(stats));
  const bot = createKausaBot(storage, content, {
    stats,
    stateTtlDays: config.stateTtlDays,
    understander: nlu.understander,
    unanswered: createUnansweredLog(storage.redisClient, config.storageNamespace),
    // "Delete my data" in the widget also empties the transcript a reload would show.
    forget: async (context) => {
      if (context.activity.serviceUrl === DIRECT_LINE_SERVICE_URL) {
        await directLine.log.clear(context.activity.conversation.id);
      }
    },
    publicUrl: config.publicUrl,
    handover: {
      service: handover.service,
      // The widget's conversation so far, handed on with `handoff.initiate`.
      transcript: async (context) => {
        if (context.activity.serviceUrl !== DIRECT_LINE_SERVICE_URL) return [];
        const set = await directLine.log.read(context.activity.conversation.id, 0);
        return set.activities.map(({ activity }) => activity);
      },
    },
  });
  // Every turn, on every channel, counted and timed; at debug level, logged with hashed ids only.
  const runTurn = async (context: TurnContext) => {
    const started = performance.now();
    await metrics.timeTurn(context.activity.channelId, () => bot.run(context));
    if (logger.isLevelEnabled('debug')) {
      logger.debug(
        {
          channel: channelLabel(context.activity.channelId),
          conversation: logId(context.activity.conversation?.id ?? '', config.directLine.secret),
          type: context.activity.type,
          ms: Math.round(performance.now() - started),
        },
        'turn',
      );
    }
  };
  const directLine = createDirectLine({
    redis: storage.redisClient,
    namespace: config.storageNamespace,
    ttlMs: config.stateTtlDays * DAY_MS,
    secret: config.directLine.secret,
    tokenLifetimeSeconds: config.directLine.tokenLifetimeSeconds,
    botAccount: { id: BOT_ID, name: content.organisation.name },
    runBot: (context) => runTurn(context),
    logger,
  });
  directLine.adapter.onTurnError = apologiseOnTurnError(content.i18n, logger);
  const metrics = new Metrics({
    tickets: async () => ({
      waiting: (await handover.queue.list('waiting')).length,
      active: (await handover.queue.list('active')).length,
    }),
    streams: () => directLine.streams.size,
    storageUp: () =>
      storage.ping().then(
        () => true,
        () => false,
      ),
  });
  handover.service.observers.push(metricsObserver(metrics));
  const metricsServer =
    config.metrics.port > 0
      ? await startMetricsServer(metrics, config.metrics.port, config.metrics.token)
      : undefined;
  if (config.directLine.secretGenerated) {
    logger.info('DIRECT_LINE_SECRET not set: widget tokens are signed with a key of this process');
  }
  const address = { publicUrl: config.publicUrl, trustProxy: config.trustProxy };
  const shutdown = new AbortController();
  const delivery = createDelivery(
    channelProactive(adapter, directLine, config.botAuth.MicrosoftAppId),
    new Ui(content.i18n),
    channelTranscript(directLine),
  );
  handover.service.delivery = delivery;
  handover.service.start();
  const apiMessages = new ApiMessagesPolicy({
    mode: endpointModeOf(config),
    perMinute: config.apiMessagesPerMinute,
    isWidgetConversation: isGatewayConversationId,
  });
  const server = createServer({
    adapter,
    apiMessages,
    address,
    bot: { run: runTurn },
    ...(config.metrics.port === 0 && config.metrics.token !== ''
      ? { metrics: { metrics, token: config.metrics.token } }
      : {}),
    ping: () => storage.ping(),
    logger,
    directLine: {
      gateway: directLine.gateway,
      streams: directLine.streams,
      address,
      widget: {
        config: buildWidgetConfig(content.i18n, content.organisation, config.stateTtlDays),
        frameAncestors: config.frameAncestors,
        contentSecurityPolicy: config.contentSecurityPolicy,
        consoleStrings: buildConsoleStrings(content.i18n),
      },
    },
    counsellor: {
      auth: handover.auth,
      service: handover.service,
      directory: handover.directory,
      delivery,
      partners: content.partners,
      timeZone: content.offers.consultations?.schedule.timeZone ?? 'Europe/Berlin',
      shutdown: shutdown.signal,
      stats,
      forgetConversation: async (ticket) => {
        const { channelId, user } = ticket.reference;
        // The keys ConversationState and UserState use (their namespace is empty).
        const keys = [`${channelId}/conversations/${ticket.conversationId}/`];
        if (user?.id) keys.push(`${channelId}/users/${user.id}/`);
        await Promise.all([
          storage.delete(keys),
          handover.service.forget(ticket.conversationId),
          ticket.reference.serviceUrl === DIRECT_LINE_SERVICE_URL
            ? directLine.log.clear(ticket.conversationId)
            : undefined,
        ]);
      },
      address,
      logger,
    },
    calendar: {
      events: content.offers.events,
      appointments: handover.service.appointments,
      organisationName: content.organisation.name,
      logger,
    },
  });

  if (!storage.redisClient) await addDemoCounsellor(handover, logger);
  await new Promise<void>((resolve) => server.listen(config.port, '::', resolve));
  const { port } = server.address() as AddressInfo;
  // Serving first: the language model and the classifier load beside the bot now.
  nlu.start();
  logger.info(
    {
      port,
      storage: describeStorage(config.storageUrl),
      apiMessages: apiMessages.mode,
    },
    `kausa-bot listening on http://localhost:${port} (web chat at /)`,
  );
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    directLine,
    handover,
    stats,
    metrics,
    botFramework: { adapter, policy: apiMessages },
    // In-flight requests (turns) finish; streams close with a reconnect hint first.
    close: async () => {
      directLine.streams.close();
      shutdown.abort();
      metricsServer?.closeAllConnections();
      metricsServer?.close();
      const closing = new Promise<void>((resolve) => server.close(() => resolve()));
      // Idle keep-alive connections would hold the close open until they time out.
      server.server.closeIdleConnections();
      await closing;
      await directLine.close();
      await handover.close();
      await nlu.close();
      await stats.stop();
      await storage.close();
    },
  };
}
