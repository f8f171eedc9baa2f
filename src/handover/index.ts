import type { RedisClient } from '../storage';
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
import { HandoverService } from './service';
import { MemoryRecordStore, RedisRecordStore } from './records';
import type { AppointmentRequest, Referral } from '../offers/requests';

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
  close(): Promise<void>;
}

/** Builds the queue, the counsellor accounts and their sessions on the bot's storage backend. */
export function createHandover(
  redis: RedisClient | undefined,
  namespace: string,
  secret: string,
  options: {
    hours?: OpeningHours;
    logger?: Logger;
    escalateAfterMs?: number;
    maxWaitMs?: number;
  } = {},
): Handover {
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
    ...(options.escalateAfterMs !== undefined ? { escalateAfterMs: options.escalateAfterMs } : {}),
    ...(options.maxWaitMs !== undefined ? { maxWaitMs: options.maxWaitMs } : {}),
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
    ...(options.logger ? { logger: options.logger } : {}),
  });
  return {
    service,
    queue,
    events,
    directory,
    auth: new CounsellorAuth(directory, secret, redis, namespace),
    close: async () => {
      service.stop();
      await events.close();
      await store.close();
      await directory.close();
    },
  };
}
