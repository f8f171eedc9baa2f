import pino from 'pino';
import { startApp, type RunningApp } from '../../src/app';
import { loadConfig } from '../../src/config';

/** Starts the whole app in this process on a free port, logging nothing. */
export function startTestApp(env: Record<string, string> = {}): Promise<RunningApp> {
  return startApp(loadConfig({ PORT: '0', ...env }), pino({ level: 'silent' }));
}
