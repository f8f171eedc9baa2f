import type { ChannelAccount, TurnContext } from 'botbuilder';
import type { Logger } from '../../logger';
import type { RedisClient } from '../../storage';
import type { ActivityLog } from './activityLog';
import { DirectLineAdapter } from './adapter';
import { DirectLineGateway } from './gateway';
import { createLimits } from './limits';
import { MemoryActivityLog } from './memoryActivityLog';
import { RedisActivityLog } from './redisActivityLog';
import { StreamHub } from './streams';
import { DirectLineTokens } from './tokens';

export { DirectLineAdapter, DIRECT_LINE_SERVICE_URL, activityId } from './adapter';
export { DirectLineGateway } from './gateway';
export { StreamHub } from './streams';
export { MemoryActivityLog } from './memoryActivityLog';
export { RedisActivityLog } from './redisActivityLog';
export type { ActivityLog } from './activityLog';

/** What {@link createDirectLine} needs. */
export interface DirectLineOptions {
  /** The storage's Redis connection, or undefined for the in-memory backend. */
  redis: RedisClient | undefined;
  namespace: string;
  /** Retention of conversations and their activities after the last one. */
  ttlMs: number;
  secret: string;
  tokenLifetimeSeconds: number;
  botAccount: ChannelAccount;
  runBot(context: TurnContext): Promise<void>;
  logger: Logger;
}

/** The self-hosted Direct Line channel: log, adapter, gateway and streams. */
export interface DirectLine {
  log: ActivityLog;
  adapter: DirectLineAdapter;
  gateway: DirectLineGateway;
  streams: StreamHub;
  close(): Promise<void>;
}

/** Builds the Direct Line channel on the storage backend the bot state uses. */
export function createDirectLine(options: DirectLineOptions): DirectLine {
  const log: ActivityLog = options.redis
    ? new RedisActivityLog(options.redis, options.namespace, options.ttlMs, (error) =>
        options.logger.warn({ err: { type: error.name } }, 'direct line subscriber problem'),
      )
    : new MemoryActivityLog(options.ttlMs);
  const adapter = new DirectLineAdapter(log, options.botAccount);
  const gateway = new DirectLineGateway({
    log,
    tokens: new DirectLineTokens(options.secret, options.tokenLifetimeSeconds),
    adapter,
    runBot: options.runBot,
    limits: createLimits(options.redis, options.namespace),
    logger: options.logger,
  });
  const streams = new StreamHub(gateway, log, options.logger);
  return {
    log,
    adapter,
    gateway,
    streams,
    close: async () => {
      streams.close();
      await log.close();
    },
  };
}
