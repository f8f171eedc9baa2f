import { randomBytes } from 'node:crypto';
import { SUPPORTED_LANGUAGES } from '../language/languages';
import type { Logger } from '../logger';
import { hashPassword } from './counsellorAuth';
import type { CounsellorDirectory } from './counsellors';

/** The console account a local try (memory storage) starts with. */
export const DEMO_COUNSELLOR = 'demo';

/**
 * With the embedded memory storage (a local try, no Redis for the account
 * command), a counsellor account `demo` with a fresh password, printed once,
 * so the console can be tried at once. Never with Redis.
 */
export async function addDemoCounsellor(
  directory: CounsellorDirectory,
  logger: Logger,
): Promise<void> {
  if ((await directory.list()).length > 0) return;
  const password = randomBytes(9).toString('base64url');
  await directory.put({
    username: DEMO_COUNSELLOR,
    displayName: 'Demo',
    passwordHash: await hashPassword(password),
    languages: [...SUPPORTED_LANGUAGES],
    audiences: [],
    role: 'lead',
    disabled: false,
    createdAt: Date.now(),
  });
  logger.info(
    `counsellor console: log in at /counsellor/ as "${DEMO_COUNSELLOR}" with password "${password}" (memory storage only; with Redis use npm run counsellor)`,
  );
}
