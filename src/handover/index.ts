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

export { HandoverQueue } from './queue';
export { CounsellorAuth, hashPassword } from './counsellorAuth';
export type { CounsellorAccount, CounsellorDirectory } from './counsellors';

/** The handover's parts on one storage backend. */
export interface Handover {
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
  return {
    queue: new HandoverQueue(store, { events }),
    events,
    directory,
    auth: new CounsellorAuth(directory, secret, redis, namespace),
    close: async () => {
      await events.close();
      await store.close();
      await directory.close();
    },
  };
}
