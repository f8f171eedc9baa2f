import { createHmac } from 'node:crypto';
import pino, { type Logger } from 'pino';
import type { LogLevel } from './config';
import { ETagConflictError, StorageUnavailableError } from './storage';

export type { Logger } from 'pino';

/** Longest text a log field keeps: values a caller controls (a channel id…) cannot bloat the log. */
export const MAX_LOGGED_CHARS = 120;

// Control characters and bidirectional overrides: they would garble a terminal or hide text.
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** A text as logs may hold it: printable, and at most {@link MAX_LOGGED_CHARS} characters. */
export function clip(value: string): string {
  const printable = value.replace(UNPRINTABLE, '?');
  return printable.length <= MAX_LOGGED_CHARS
    ? printable
    : `${printable.slice(0, MAX_LOGGED_CHARS)}…(${printable.length} chars)`;
}

/** Every text field of a log line, one level into objects (an error's fields), clipped. */
function clipFields(fields: Record<string, unknown>): Record<string, unknown> {
  const clipped: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value === 'string') clipped[key] = clip(value);
    else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      clipped[key] = Object.fromEntries(
        Object.entries(value).map(([inner, text]) => [
          inner,
          typeof text === 'string' ? clip(text) : text,
        ]),
      );
    } else clipped[key] = value;
  }
  return clipped;
}

/**
 * A JSON logger on standard output (or `destination`). Never give it what a
 * user typed; every field is clipped to {@link MAX_LOGGED_CHARS} all the same.
 */
export function createLogger(level: LogLevel, destination?: pino.DestinationStream): Logger {
  const options = {
    name: 'kausa-bot',
    level,
    base: { pid: process.pid },
    formatters: { log: clipFields },
  };
  return destination ? pino(options, destination) : pino(options);
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
