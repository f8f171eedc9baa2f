import pino, { type Logger } from 'pino';
import { startApp, type RunningApp } from '../../src/index';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';

/** The Direct Line secret the tests' bots share (two instances must sign alike). */
export const TEST_DIRECT_LINE_SECRET = 'test-direct-line-secret-0123456789abcdef';

/** Starts the whole app in this process on a free port, logging nothing. */
export function startTestApp(
  env: Record<string, string> = {},
  logger: Logger = pino({ level: 'silent' }),
): Promise<RunningApp> {
  return startApp(
    loadConfig({ PORT: '0', DIRECT_LINE_SECRET: TEST_DIRECT_LINE_SECRET, ...env }),
    logger,
  );
}

/** The app's logger at the most detailed level, its JSON lines kept in `lines`. */
export function capturingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = createLogger('trace', { write: (line: string) => lines.push(line) });
  return { logger, lines };
}
