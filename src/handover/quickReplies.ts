import { randomBytes } from 'node:crypto';
import type { Language } from '../language/languages';
import type { RedisClient } from '../storage';

/** How many quick replies of their own a counsellor may keep. */
export const MAX_OWN_QUICK_REPLIES = 20;

/** A counsellor's own quick reply, in every language of the bot. */
export interface QuickReply {
  id: string;
  texts: Record<Language, string>;
  /** Epoch ms. */
  createdAt: number;
}

/**
 * Where each counsellor's own quick replies are kept: the service point's
 * working material, like the accounts (no user data, so no retention).
 */
export interface QuickReplyStore {
  /** A counsellor's, oldest first. */
  list(owner: string): Promise<QuickReply[]>;
  add(owner: string, texts: Record<Language, string>, now: number): Promise<QuickReply>;
  /** False when it was already gone. */
  remove(owner: string, id: string): Promise<boolean>;
  close(): Promise<void>;
}

const newReply = (texts: Record<Language, string>, now: number): QuickReply => ({
  id: randomBytes(9).toString('base64url'),
  texts,
  createdAt: now,
});

const byAge = (a: QuickReply, b: QuickReply) => a.createdAt - b.createdAt;

/** Quick replies within one process (the embedded default). */
export class MemoryQuickReplyStore implements QuickReplyStore {
  private readonly owners = new Map<string, Map<string, string>>();

  async list(owner: string): Promise<QuickReply[]> {
    const kept = [...(this.owners.get(owner)?.values() ?? [])];
    return kept.map((json) => JSON.parse(json) as QuickReply).sort(byAge);
  }

  async add(owner: string, texts: Record<Language, string>, now: number): Promise<QuickReply> {
    const reply = newReply(texts, now);
    const kept = this.owners.get(owner) ?? new Map<string, string>();
    kept.set(reply.id, JSON.stringify(reply));
    this.owners.set(owner, kept);
    return reply;
  }

  async remove(owner: string, id: string): Promise<boolean> {
    return this.owners.get(owner)?.delete(id) ?? false;
  }

  async close(): Promise<void> {
    this.owners.clear();
  }
}

/** Quick replies in Redis: a hash per counsellor (`<ns>::ho:qr:<username>`, id → JSON). */
export class RedisQuickReplyStore implements QuickReplyStore {
  constructor(
    private readonly client: RedisClient,
    private readonly namespace: string,
  ) {}

  async list(owner: string): Promise<QuickReply[]> {
    const kept = await this.client.hVals(this.key(owner));
    return kept.map((json) => JSON.parse(json) as QuickReply).sort(byAge);
  }

  async add(owner: string, texts: Record<Language, string>, now: number): Promise<QuickReply> {
    const reply = newReply(texts, now);
    await this.client.hSet(this.key(owner), reply.id, JSON.stringify(reply));
    return reply;
  }

  async remove(owner: string, id: string): Promise<boolean> {
    return (await this.client.hDel(this.key(owner), id)) === 1;
  }

  async close(): Promise<void> {}

  private key(owner: string): string {
    return `${this.namespace}::ho:qr:${owner}`;
  }
}
