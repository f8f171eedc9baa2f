/**
 * The composition root of kausa-bot, and its process entry.
 */
import type { AddressInfo } from 'node:net';
import type { Storage, TurnContext } from 'botbuilder';
import { apologiseOnTurnError, createAdapter } from './adapter';
import { KausaBot, UNREVIEWED_NOTICE, welcomeTexts } from './bot';
import type { RunningApp } from './runningApp';
import { ApiMessagesPolicy, endpointModeOf } from './channels/botFramework';
import { createDirectLine } from './channels/directline';
import { isGatewayConversationId } from './channels/directline/gateway';
import { channelProactive, createUserChannel } from './channels/userChannel';
import { createContent, type BotContent } from './botContent';
import { createHandover, type Handover } from './handover';
import { buildConsoleStrings, consoleLabelsOf } from './content/consoleStrings';
import { LibreTranslate } from './translation/libreTranslate';
import { checkQuickReply } from './content/quickReplyCheck';
import { CounsellorConsole } from './handover/console';
import { addDemoCounsellor } from './handover/demo';
import { createLogger, describeError, type Logger } from './logger';
import { ConfigError, loadConfig, type Config } from './config';
import { Metrics, startMetricsServer } from './metrics';
import { createNlu } from './nlu';
import { gistOf, type Understander } from './nlu/understand';
import { createUnansweredLog, type UnansweredLog } from './nlu/unanswered';
import { LOCALES_DIR } from './paths';
import { HandoverGate } from './pipeline/handoverGate';
import { InputGuard } from './pipeline/input';
import { LanguageMiddleware } from './pipeline/language';
import { observedTurns } from './pipeline/observeTurn';
import { TypedAnswers } from './pipeline/typedAnswers';
import { OptimisticTurn } from './pipeline/optimisticTurn';
import { PrivacyMiddleware } from './pipeline/privacy';
import { SerializeTurns } from './pipeline/serializeTurns';
import { BotStates } from './state';
import { Privacy } from './privacy';
import { createServer } from './server';
import { registerDirectLineRoutes } from './channels/directline/http';
import { registerCounsellorRoutes } from './handover/http';
import { registerCalendarRoutes } from './offers/http';
import { registerWidgetRoutes } from './widget/http';
import { MemoryStatsStore, RedisStatsStore, Statistics } from './stats/statistics';
import { statisticsObserver } from './stats/observers';
import { createStorage, describeStorageUrl } from './storage';
import { OptimisticStorage } from './storage/optimistic';
import { Ui } from './ui/ui';
import { lateBound } from './util/lateBound';
import { buildWidgetConfig } from './widget/widgetConfig';
import { AnswerDialog } from '../dialogs/answerDialog';
import { AppointmentDialog } from '../dialogs/appointmentDialog';
import { AudienceDialog, audienceQuestion } from '../dialogs/audienceDialog';
import { CallbackDialog } from '../dialogs/callbackDialog';
import { CompanyCheckDialog } from '../dialogs/companyCheckDialog';
import type { DialogDeps } from '../dialogs/deps';
import { HandoverDialog } from '../dialogs/handoverDialog';
import { MainDialog } from '../dialogs/mainDialog';
import { MenuDialog } from '../dialogs/menuDialog';
import { NAVIGATION } from '../dialogs/navigation';
import { PartnersDialog } from '../dialogs/partnersDialog';
import { ReadinessCheckDialog } from '../dialogs/readinessCheckDialog';
import { ReferralDialog } from '../dialogs/referralDialog';

export { DEMO_COUNSELLOR } from './handover/demo';
export type { RunningApp } from './runningApp';

const DAY_MS = 24 * 60 * 60 * 1000;
/** The bot's id in its own channel (Direct Line). */
export const BOT_ID = 'kausa-bot';
/** How long start-up waits for Redis before serving anyway (readyz says 503 until it answers). */
export const STORAGE_STARTUP_WAIT_MS = 1500;

/** What {@link createBot} builds the bot from. */
export interface BotParts {
  storage: Storage;
  content: BotContent;
  understander: Understander;
  handover: Handover;
  /** Where the widget keeps its transcripts ("delete my data" clears them). */
  transcripts: { clear(conversationId: string): Promise<void> };
  unanswered: UnansweredLog;
  stateTtlDays: number;
  stats?: Statistics;
  /** PUBLIC_URL, for links to the bot's calendar files ("" for relative links). */
  publicUrl?: string;
  /** The dialogs' clock (tests set it). */
  now?: () => number;
}

/**
 * The bot: its state, its dialogs and its turn pipeline (in the order a turn
 * goes through it), with "delete my data" for the console too.
 */
export function createBot(parts: BotParts): { bot: KausaBot; privacy: Privacy } {
  const { content, understander } = parts;
  const { recognizers } = content;
  const service = parts.handover.service;
  const ui = new Ui(content.i18n, content.registers);
  // Each turn writes back the eTag it read: a concurrent turn elsewhere is detected and redone.
  const stateStorage = new OptimisticStorage(parts.storage);
  const states = new BotStates(stateStorage);
  const privacy = new Privacy({
    conversationState: states.conversationState,
    userState: states.userState,
    handover: service,
    transcripts: parts.transcripts,
  });
  const deps: DialogDeps = {
    ui,
    recognizers,
    catalogue: content.catalogue,
    understander,
    unanswered: parts.unanswered,
    handover: parts.handover,
    partners: content.partners,
    offers: content.offers,
    publicUrl: parts.publicUrl ?? '',
    now: parts.now,
    stats: parts.stats,
    userProfile: states.profile,
    lastTopic: states.field('lastTopic'),
    misses: states.field('misses'),
    recentTopics: states.field('recentTopics'),
    openTicket: states.field('handover'),
    readiness: states.field('readiness'),
  };
  // The conversation's dialogs, and what each button action does (dialogs/navigation.ts).
  const dialog = new MainDialog(deps, {
    dialogs: [
      new AudienceDialog(deps),
      new MenuDialog(deps),
      new AnswerDialog(deps),
      new ReadinessCheckDialog(deps),
      new HandoverDialog(deps),
      new CallbackDialog(deps),
      new PartnersDialog(deps),
      new ReferralDialog(deps),
      new AppointmentDialog(deps),
      new CompanyCheckDialog(deps),
    ],
    navigation: NAVIGATION,
  });
  const bot = new KausaBot({
    pipeline: [
      new SerializeTurns(),
      new OptimisticTurn(states),
      new TypedAnswers(states, ui, recognizers),
      new LanguageMiddleware(states, understander, recognizers),
      new InputGuard(states, ui),
      new PrivacyMiddleware(privacy, ui, recognizers),
      new HandoverGate(states, service, ui, recognizers),
    ],
    states,
    dialog,
    ui,
    stateTtlDays: parts.stateTtlDays,
    stats: parts.stats,
    unreviewed: content.unreviewed,
  });
  return { bot, privacy };
}

/**
 * Builds and starts the bot: configuration → storage → content →
 * understanding → channels → handover → bot → server, then listening. It
 * builds and connects; every behaviour lives in the module it names
 * (docs/architecture.md has the map).
 */
export async function startApp(config: Config, logger: Logger): Promise<RunningApp> {
  const namespace = config.storageNamespace;
  const ttlMs = config.stateTtlDays * DAY_MS;
  const storage = createStorage(config.storageUrl, {
    namespace,
    ttlMs,
    onError: (error) => logger.warn({ err: describeError(error) }, 'storage connection problem'),
  });
  if (!(await storage.whenReady(STORAGE_STARTUP_WAIT_MS))) {
    logger.warn('storage not reachable yet; serving anyway, /readyz reports 503 until it answers');
  }
  const redis = storage.redisClient;
  const content = createContent(LOCALES_DIR, config.dataDir);
  const nlu = createNlu(LOCALES_DIR, content.recognizers);

  // The channels are built before the bot they feed: its turns are bound below.
  const turn = lateBound<[TurnContext], Promise<void>>('the bot');
  const adapter = createAdapter(config, content.i18n, content.registers, logger);
  const directLine = createDirectLine({
    redis,
    namespace,
    ttlMs,
    secret: config.directLine.secret,
    tokenLifetimeSeconds: config.directLine.tokenLifetimeSeconds,
    botAccount: { id: BOT_ID, name: content.organisation.name },
    runBot: turn.call,
    logger,
  });
  directLine.adapter.onTurnError = apologiseOnTurnError(content.i18n, content.registers, logger);
  const metrics = new Metrics({
    streams: () => directLine.streams.size,
    storageUp: () =>
      storage.ping().then(
        () => true,
        () => false,
      ),
  });
  const stats = new Statistics(
    redis ? new RedisStatsStore(redis, namespace) : new MemoryStatsStore(),
    content.timeZone,
  );

  const proactive = channelProactive(adapter, directLine.adapter, config.botAuth.MicrosoftAppId);
  const handover = createHandover(
    {
      namespace,
      secret: config.directLine.secret,
      hours: content.hours,
      escalateAfterMs: config.handover.escalateMinutes * 60_000,
      maxWaitMs: config.handover.maxWaitMinutes * 60_000,
    },
    {
      redis,
      channel: createUserChannel({
        proactive,
        ui: new Ui(content.i18n, content.registers),
        partners: content.partners,
        log: directLine.log,
      }),
      observers: [statisticsObserver(stats)],
      labels: consoleLabelsOf(content.i18n),
      understand: gistOf(nlu.understander),
      registry: metrics.registry,
      logger,
    },
  );
  const { bot, privacy } = createBot({
    storage,
    content,
    understander: nlu.understander,
    handover,
    transcripts: directLine.log,
    unanswered: createUnansweredLog(redis, namespace),
    stateTtlDays: config.stateTtlDays,
    stats,
    publicUrl: config.publicUrl,
  });
  const runTurn = observedTurns((context) => bot.run(context), {
    metrics,
    logger,
    logKey: config.directLine.secret,
  });
  turn.bind(runTurn);

  const address = { publicUrl: config.publicUrl, trustProxy: config.trustProxy };
  const apiMessages = new ApiMessagesPolicy({
    mode: endpointModeOf(config),
    perMinute: config.apiMessagesPerMinute,
    isWidgetConversation: isGatewayConversationId,
  });
  const shutdown = new AbortController();
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
  });
  registerDirectLineRoutes(server, directLine.gateway, address, logger);
  directLine.streams.attach(server.server);
  registerWidgetRoutes(server, {
    gateway: directLine.gateway,
    config: buildWidgetConfig(content.i18n, content.organisation, config.stateTtlDays),
    frameAncestors: config.frameAncestors,
    contentSecurityPolicy: config.contentSecurityPolicy,
    consoleStrings: buildConsoleStrings(content.i18n, content.registers),
    page: {
      ui: new Ui(content.i18n, content.registers),
      registers: content.registers,
      // What the bot says first, as the page shows it before the conversation is live.
      opening: [
        { texts: welcomeTexts(config.stateTtlDays) },
        { texts: [UNREVIEWED_NOTICE], languages: content.unreviewed },
        audienceQuestion(),
      ],
    },
    address,
    logger,
  });
  registerCounsellorRoutes(server, {
    auth: handover.auth,
    console: new CounsellorConsole({
      ...handover, // service, directory, read, quickReplies
      checkQuickReply: (texts) => checkQuickReply(texts, content.registers),
      partners: content.partners,
      timeZone: content.timeZone,
      forgetConversation: (ticket) => privacy.forgetReference(ticket.reference),
      reports: stats,
      ...(config.translation ? { translator: new LibreTranslate(config.translation) } : {}),
    }),
    service: handover.service,
    shutdown: shutdown.signal,
    address,
    logger,
  });
  registerCalendarRoutes(server, {
    events: content.offers.events,
    appointments: handover.service.appointments,
    organisationName: content.organisation.name,
    logger,
  });

  stats.start();
  handover.service.start();
  const metricsServer =
    config.metrics.port > 0
      ? await startMetricsServer(metrics, config.metrics.port, config.metrics.token)
      : undefined;
  if (config.directLine.secretGenerated) {
    logger.info('DIRECT_LINE_SECRET not set: widget tokens are signed with a key of this process');
  }
  if (!redis) await addDemoCounsellor(handover.directory, logger);
  await new Promise<void>((resolve) => server.listen(config.port, '::', resolve));
  const { port } = server.address() as AddressInfo;
  // Serving first: the language model and the classifier load beside the bot now.
  nlu.start();
  logger.info(
    { port, storage: describeStorageUrl(config.storageUrl), apiMessages: apiMessages.mode },
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
      for (const part of [directLine, handover, nlu]) await part.close();
      await stats.stop();
      await storage.close();
    },
  };
}

/** Longest a graceful shutdown may take before the process exits anyway (orchestrators wait 10 s). */
const SHUTDOWN_GRACE_MS = 8000;

/** `node dist/src/index.js`: reads the configuration, starts, and stops gracefully on SIGTERM. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const app = await startApp(config, logger);
  // A promise nobody awaited that fails is a bug to fix, not a reason to drop every user's chat.
  process.on('unhandledRejection', (reason) => {
    logger.error({ err: describeError(reason) }, 'unhandled rejection');
  });
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS).unref();
    app.close().finally(() => process.exit(0));
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    const message =
      error instanceof ConfigError
        ? error.message
        : `kausa-bot failed to start: ${String((error as Error)?.stack ?? error)}`;
    process.stderr.write(`${message}\n`);
    process.exit(1);
  });
}
