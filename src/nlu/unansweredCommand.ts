/** `npm run --silent unanswered [N]`: the N most frequent questions the bot could not answer. */
import { loadConfig } from '../config';
import { createStorage } from '../storage';
import { createUnansweredLog } from './unanswered';

/** How many questions are listed when no number is given. */
const DEFAULT_LIMIT = 50;

async function main(): Promise<void> {
  const config = loadConfig();
  const limit = Number(process.argv[2] ?? DEFAULT_LIMIT) || DEFAULT_LIMIT;
  const storage = createStorage(config.storageUrl, { namespace: config.storageNamespace });
  try {
    if (!(await storage.whenReady(2000))) throw new Error('storage does not answer');
    const log = createUnansweredLog(storage.redisClient, config.storageNamespace);
    for (const question of await log.top(limit)) {
      process.stdout.write(`${JSON.stringify(question)}\n`);
    }
  } finally {
    await storage.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`unanswered failed: ${String((error as Error)?.message ?? error)}\n`);
  process.exit(1);
});
