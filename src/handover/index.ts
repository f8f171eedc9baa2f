import type { Activity } from 'botbuilder';
import type { ConsoleLabels, ConsoleLanguage } from '../content/consoleStrings';
import type { RedisClient } from '../storage';
import { readTicket, type TicketReading } from './consoleTranscript';
import { MemoryQuickReplyStore, RedisQuickReplyStore, type QuickReplyStore } from './quickReplies';
import type { Gist, RelayedMessage, Ticket } from './ticket';
import { CounsellorAuth } from './counsellorAuth';
import {
  MemoryCounsellorDirectory,
  RedisCounsellorDirectory,
  type CounsellorDirectory,
} from './counsellors';
import { MemoryHandoverEvents, RedisHandoverEvents, type HandoverEvents } from './events';
import { MemoryTicketStore } from './memoryTicketStore';
import { HandoverQueue } from './queue';
import { RedisTicketStore } from './redisTicketStore';
import type { TicketStore } from './ticketStore';
import type { OpeningHours } from '../content/hours';
import type { Logger } from '../logger';
import { MemoryCallbackStore, RedisCallbackStore } from './callbacks';
import { MemoryPresence, RedisPresence } from './presence';
import { HandoverService, type HandoverObserver } from './service';
import type { UserChannel } from './notices';
import type { Registry } from 'prom-client';
import { handoverMetrics } from './metrics';
import { MemoryRecordStore, RedisRecordStore } from './records';
import type { AppointmentRequest, Referral } from './records';

export { HandoverQueue } from './queue';
export { CounsellorAuth, hashPassword } from './counsellorAuth';
export type { CounsellorAccount, CounsellorDirectory } from './counsellors';

/** The handover's parts on one storage backend. */
export interface Handover {
  service: HandoverService;
  queue: HandoverQueue;
  events: HandoverEvents;
  directory: CounsellorDirectory;
  auth: CounsellorAuth;
  /** Each counsellor's own quick replies. */
  quickReplies: QuickReplyStore;
  /** A ticket's summary and its conversation's lines in a console language (console, `handoff.initiate`). */
  read(
    ticket: Ticket,
    activities: Array<Partial<Activity>>,
    relayed: RelayedMessage[],
    language: ConsoleLanguage,
  ): Promise<TicketReading>;
  close(): Promise<void>;
}

/** Settings of the handover. */
export interface HandoverOptions {
  /** Prefix of the handover's Redis keys. */
  namespace: string;
  /** Signs console sessions (under a key derived from it). */
  secret: string;
  /** Counselling hours; undefined when the organisation keeps none. */
  hours?: OpeningHours;
  /** After this wait a request is offered to every counsellor. */
  escalateAfterMs?: number;
  /** A request nobody accepted within this time ends. */
  maxWaitMs?: number;
}

/** What the handover works with. */
export interface HandoverDeps {
  /** The storage's Redis connection, or undefined for the in-memory backends. */
  redis: RedisClient | undefined;
  /** How notices reach users (the bot side renders them). */
  channel: UserChannel;
  /** Told of every move (the anonymous statistics). */
  observers?: HandoverObserver[];
  /** Where the handover's Prometheus metrics are registered, when kept. */
  registry?: Registry;
  logger?: Logger;
  /** What the console says in each of its languages (summaries, gists). */
  labels: (language: ConsoleLanguage) => ConsoleLabels;
  /** What a user's message is about (the bot's own understanding), for gists. */
  understand?(text: string, language: string): Promise<Gist | undefined>;
  /** The clock (tests set it). */
  now?: () => number;
}

/** Builds the queue, the requests users leave, presence, the counsellor accounts and their sessions. */
export function createHandover(options: HandoverOptions, deps: HandoverDeps): Handover {
  const { redis } = deps;
  const { namespace } = options;
  const store: TicketStore = redis
    ? new RedisTicketStore(redis, namespace)
    : new MemoryTicketStore();
  const events: HandoverEvents = redis
    ? new RedisHandoverEvents(redis, namespace)
    : new MemoryHandoverEvents();
  const directory: CounsellorDirectory = redis
    ? new RedisCounsellorDirectory(redis, namespace)
    : new MemoryCounsellorDirectory();
  const queue = new HandoverQueue(store, {
    events,
    escalateAfterMs: options.escalateAfterMs,
    maxWaitMs: options.maxWaitMs,
    now: deps.now,
  });
  const service = new HandoverService({
    queue,
    events,
    callbacks: redis ? new RedisCallbackStore(redis, namespace) : new MemoryCallbackStore(),
    referrals: redis
      ? new RedisRecordStore<Referral>(redis, namespace, 'rf')
      : new MemoryRecordStore<Referral>(),
    appointments: redis
      ? new RedisRecordStore<AppointmentRequest>(redis, namespace, 'ap')
      : new MemoryRecordStore<AppointmentRequest>(),
    presence: redis ? new RedisPresence(redis, namespace) : new MemoryPresence(),
    hours: options.hours,
    channel: deps.channel,
    observers: [
      ...(deps.observers ?? []),
      ...(deps.registry ? [handoverMetrics(deps.registry, queue)] : []),
    ],
    logger: deps.logger,
    now: deps.now,
  });
  return {
    service,
    queue,
    events,
    directory,
    auth: new CounsellorAuth(directory, options.secret, redis, namespace),
    quickReplies: redis ? new RedisQuickReplyStore(redis, namespace) : new MemoryQuickReplyStore(),
    read: (ticket, activities, relayed, language) =>
      readTicket(
        { service, labels: deps.labels, understand: deps.understand, timeZone: service.timeZone },
        ticket,
        activities,
        relayed,
        language,
      ),
    close: async () => {
      service.stop();
      await events.close();
      await store.close();
      await directory.close();
    },
  };
}
