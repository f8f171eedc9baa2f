import { createHmac } from 'node:crypto';
import pino, { type Logger } from 'pino';
import type { LogLevel } from './config';
import { ETagConflictError, StorageUnavailableError } from './storage';

export type { Logger } from 'pino';

/** A JSON logger on standard output. Never give it what a user typed. */
export function createLogger(level: LogLevel): Logger {
  return pino({ name: 'kausa-bot', level, base: { pid: process.pid } });
}

/**
 * What may be logged of an error: its type and, for our own storage errors,
 * the message. Other messages can quote input (a user's text), so they stay out.
 */
export function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const safe = error instanceof StorageUnavailableError || error instanceof ETagConflictError;
  const code = (error as { code?: unknown }).code;
  return {
    type: error.name,
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    ...(safe ? { message: error.message } : {}),
  };
}

/**
 * An id as logs may show it: a keyed hash (HMAC-SHA-256, 12 hex characters),
 * the same for the same id within a deployment, so one conversation's lines can
 * be followed, but not the id itself, nor reversible by guessing.
 */
export function logId(id: string, key: string): string {
  return createHmac('sha256', key).update(id).digest('hex').slice(0, 12);
}
