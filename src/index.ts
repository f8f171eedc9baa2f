import { startApp } from './app';
import { ConfigError, loadConfig } from './config';
import { createLogger, describeError } from './logger';

/** Longest a graceful shutdown may take before the process exits anyway (orchestrators wait 10 s). */
const SHUTDOWN_GRACE_MS = 8000;

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

main().catch((error: unknown) => {
  const message =
    error instanceof ConfigError
      ? error.message
      : `kausa-bot failed to start: ${String((error as Error)?.stack ?? error)}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
