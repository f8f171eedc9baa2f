/**
 * `npm run counsellor -- <command>`: the counsellor accounts.
 *   add <username> --languages de,ar [--audiences youth,parent] [--role lead] [--name "Leyla"]
 *   list
 *   disable <username>
 *   enable <username>
 * `add` asks for the password at a terminal (twice, not shown) or reads one
 * line from standard input; only an argon2id hash is stored.
 */
import { createInterface } from 'node:readline';
import { AUDIENCES, type Audience } from '../content/topics';
import { loadConfig } from '../config';
import { isLanguage, type Language } from '../language/languages';
import { createStorage } from '../storage';
import { hashPassword, MIN_PASSWORD_CHARS } from './counsellorAuth';
import { RedisCounsellorDirectory, USERNAME_PATTERN, type CounsellorRole } from './counsellors';

/** A mistake in the command line; the message says what to write instead. */
class UsageError extends Error {}

function option(args: string[], name: string): string | undefined {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : undefined;
}

function list<T extends string>(
  raw: string | undefined,
  valid: (item: string) => boolean,
  what: string,
): T[] {
  const items = (raw ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  for (const item of items) if (!valid(item)) throw new UsageError(`unknown ${what} "${item}"`);
  return items as T[];
}

/** One line from standard input, or at a terminal a prompt whose answer is not shown. */
async function readPassword(prompt: string): Promise<string> {
  const terminal = process.stdin.isTTY === true;
  const lines = createInterface({
    input: process.stdin,
    output: terminal ? process.stdout : undefined,
    terminal,
  });
  if (terminal) {
    // Echo nothing while the password is typed.
    (lines as unknown as { _writeToOutput: (text: string) => void })._writeToOutput = (text) => {
      if (text.includes(prompt)) process.stdout.write(prompt);
    };
  }
  try {
    return await new Promise<string>((resolve, reject) => {
      lines.question(terminal ? prompt : '', (answer) => resolve(answer));
      lines.once('close', () => reject(new UsageError('no password given on standard input')));
    });
  } finally {
    lines.close();
    if (terminal) process.stdout.write('\n');
  }
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  const config = loadConfig();
  if (!config.storageUrl.startsWith('redis')) {
    throw new UsageError(
      'counsellor accounts are stored in Redis: set STORAGE_URL=redis://host:6379/0 (the same as the bot)',
    );
  }
  const storage = createStorage(config.storageUrl, { namespace: config.storageNamespace });
  try {
    if (!(await storage.whenReady(2000))) throw new Error('Redis does not answer');
    const directory = new RedisCounsellorDirectory(storage.redisClient!, config.storageNamespace);
    switch (command) {
      case 'add': {
        const username = args[0] ?? '';
        if (!USERNAME_PATTERN.test(username)) {
          throw new UsageError('username: 2–40 lower-case letters, digits, ".", "_" or "-"');
        }
        const languages = list<Language>(option(args, 'languages'), isLanguage, 'language');
        if (languages.length === 0) throw new UsageError('--languages de,ar is required');
        const audiences = list<Audience>(
          option(args, 'audiences'),
          (item) => (AUDIENCES as readonly string[]).includes(item),
          'audience',
        );
        const role = (option(args, 'role') ?? 'counsellor') as CounsellorRole;
        if (role !== 'counsellor' && role !== 'lead')
          throw new UsageError('--role is counsellor or lead');
        const displayName = option(args, 'name')?.trim();
        if (displayName !== undefined && (displayName === '' || displayName.length > 60)) {
          throw new UsageError('--name: the name users see, 1–60 characters');
        }
        const password = await readPassword('Password: ');
        if (process.stdin.isTTY && (await readPassword('Again: ')) !== password) {
          throw new UsageError('the passwords differ');
        }
        if (password.length < MIN_PASSWORD_CHARS) {
          throw new UsageError(`the password needs at least ${MIN_PASSWORD_CHARS} characters`);
        }
        await directory.put({
          username,
          ...(displayName ? { displayName } : {}),
          passwordHash: await hashPassword(password),
          languages,
          audiences,
          role,
          disabled: false,
          createdAt: Date.now(),
        });
        process.stdout.write(
          `added ${username} (${role}; ${languages.join(', ')}; ${audiences.join(', ') || 'all audiences'})\n`,
        );
        break;
      }
      case 'list':
        for (const account of await directory.list()) {
          process.stdout.write(
            `${account.username}\t${account.displayName ?? ''}\t${account.role}\t${account.languages.join(',')}\t${account.audiences.join(',') || 'all'}\t${account.disabled ? 'disabled' : 'active'}\n`,
          );
        }
        break;
      case 'disable':
      case 'enable': {
        const account = await directory.get(args[0] ?? '');
        if (!account) throw new UsageError(`no counsellor "${args[0] ?? ''}"`);
        await directory.put({ ...account, disabled: command === 'disable' });
        process.stdout.write(`${command}d ${account.username}\n`);
        break;
      }
      default:
        throw new UsageError(
          'commands: add <username> --languages de,ar [--audiences youth] [--role lead] [--name "Leyla"] | list | disable <username> | enable <username>',
        );
    }
  } finally {
    await storage.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`counsellor: ${String((error as Error)?.message ?? error)}\n`);
  process.exit(error instanceof UsageError ? 2 : 1);
});
