import type { Audience } from '../content/topics';
import type { Language } from '../language/languages';
import type { RedisClient } from '../storage';

/** What a counsellor may do: `lead` also sees the statistics and every ticket. */
export type CounsellorRole = 'counsellor' | 'lead';

/** A counsellor's account: who they are, what they can take, and the hash of their password. */
export interface CounsellorAccount {
  username: string;
  /** The name users see ("Leyla from … is now with you"); the username when not set. */
  displayName?: string;
  /** argon2id hash; the password itself is never stored. */
  passwordHash: string;
  languages: Language[];
  /** Empty: every audience. */
  audiences: Audience[];
  role: CounsellorRole;
  disabled: boolean;
  createdAt: number;
}

/**
 * The counsellor accounts. They are the service point's configuration, not
 * users' data, so they do not expire; `disable` ends an account's access.
 */
export interface CounsellorDirectory {
  /** Creates or replaces an account. */
  put(account: CounsellorAccount): Promise<void>;
  get(username: string): Promise<CounsellorAccount | undefined>;
  /** All accounts, by username. */
  list(): Promise<CounsellorAccount[]>;
  close(): Promise<void>;
}

/** The name a user is told: the display name, else the username. */
export function nameOf(account: Pick<CounsellorAccount, 'username' | 'displayName'>): string {
  return account.displayName ?? account.username;
}

/** Usernames: letters, digits and . _ - (they appear in tickets and logs of the console). */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,39}$/;

/** The embedded directory (tests, a local try). */
export class MemoryCounsellorDirectory implements CounsellorDirectory {
  private readonly accounts = new Map<string, string>();

  async put(account: CounsellorAccount): Promise<void> {
    this.accounts.set(account.username, JSON.stringify(account));
  }

  async get(username: string): Promise<CounsellorAccount | undefined> {
    const json = this.accounts.get(username);
    return json === undefined ? undefined : (JSON.parse(json) as CounsellorAccount);
  }

  async list(): Promise<CounsellorAccount[]> {
    return [...this.accounts.values()]
      .map((json) => JSON.parse(json) as CounsellorAccount)
      .sort((a, b) => a.username.localeCompare(b.username));
  }

  async close(): Promise<void> {
    this.accounts.clear();
  }
}

/** Accounts in one Redis hash, `<ns>::counsellors`, username → account JSON. */
export class RedisCounsellorDirectory implements CounsellorDirectory {
  private readonly key: string;

  constructor(
    private readonly client: RedisClient,
    namespace: string,
  ) {
    this.key = `${namespace}::counsellors`;
  }

  async put(account: CounsellorAccount): Promise<void> {
    await this.client.hSet(this.key, account.username, JSON.stringify(account));
  }

  async get(username: string): Promise<CounsellorAccount | undefined> {
    const json = await this.client.hGet(this.key, username);
    return json == null ? undefined : (JSON.parse(json) as CounsellorAccount);
  }

  async list(): Promise<CounsellorAccount[]> {
    const all = await this.client.hGetAll(this.key);
    return Object.values(all)
      .map((json) => JSON.parse(json) as CounsellorAccount)
      .sort((a, b) => a.username.localeCompare(b.username));
  }

  async close(): Promise<void> {}
}
