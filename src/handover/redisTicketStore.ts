import type { RedisClient } from '../storage';
import { LuaScript } from '../storage/lua';
import type { RelayedMessage, Ticket, TicketStatus } from './ticket';
import { TICKET_TTL_MS, translationField, type TicketStore } from './ticketStore';

const STATUSES: readonly TicketStatus[] = ['waiting', 'active', 'closed', 'cancelled'];

/**
 * Moves a ticket to new values if its status is one of the expected ones, in
 * one atomic step, and keeps the per-status indexes in line.
 * KEYS: ticket. ARGV: prefix, ttl ms, changes JSON, expected statuses…
 * Returns the new ticket JSON, or false.
 */
const TRANSITION = new LuaScript(`
local raw = redis.call('GET', KEYS[1])
if not raw then return false end
local ticket = cjson.decode(raw)
local allowed = false
for i = 4, #ARGV do if ticket.status == ARGV[i] then allowed = true end end
if not allowed then return false end
local before = ticket.status
for key, value in pairs(cjson.decode(ARGV[3])) do ticket[key] = value end
local encoded = cjson.encode(ticket)
redis.call('SET', KEYS[1], encoded, 'PX', ARGV[2])
if ticket.status ~= before then
  redis.call('ZREM', ARGV[1] .. 's:' .. before, ticket.id)
  redis.call('ZADD', ARGV[1] .. 's:' .. ticket.status, ticket.createdAt, ticket.id)
  redis.call('PEXPIRE', ARGV[1] .. 's:' .. ticket.status, ARGV[2])
end
return encoded`);

/** Lua's JSON turns empty arrays into objects; put the ticket's arrays back. */
function revive(json: string): Ticket {
  const ticket = JSON.parse(json) as Ticket;
  if (!Array.isArray(ticket.topics)) ticket.topics = [];
  return ticket;
}

/**
 * Tickets in Redis, on the bot's connection: a JSON string per ticket
 * (`<ns>::ho:t:<id>`), a sorted set of ids per status by creation time
 * (`<ns>::ho:s:<status>`), a set per conversation (`<ns>::ho:c:<id>`),
 * a list of relayed messages per ticket (`<ns>::ho:m:<id>`) and a hash of its
 * machine translations (`<ns>::ho:tr:<id>`, text hash → translation).
 * Every key carries the ticket retention; index entries whose ticket has
 * expired are dropped when read.
 */
export class RedisTicketStore implements TicketStore {
  private readonly prefix: string;

  constructor(
    private readonly client: RedisClient,
    namespace: string,
    private readonly ttlMs = TICKET_TTL_MS,
  ) {
    this.prefix = `${namespace}::ho:`;
  }

  async add(ticket: Ticket): Promise<void> {
    const ttl = { PX: this.ttlMs };
    await this.client
      .multi()
      .set(this.ticketKey(ticket.id), JSON.stringify(ticket), ttl)
      .zAdd(this.statusKey(ticket.status), { score: ticket.createdAt, value: ticket.id })
      .pExpire(this.statusKey(ticket.status), this.ttlMs)
      .sAdd(this.conversationKey(ticket.conversationId), ticket.id)
      .pExpire(this.conversationKey(ticket.conversationId), this.ttlMs)
      .exec();
  }

  async get(id: string): Promise<Ticket | undefined> {
    const json = await this.client.get(this.ticketKey(id));
    return json === null ? undefined : revive(json);
  }

  async list(status: TicketStatus): Promise<Ticket[]> {
    const ids = await this.client.zRange(this.statusKey(status), 0, -1);
    return this.load(ids, this.statusKey(status));
  }

  async openFor(conversationId: string): Promise<Ticket | undefined> {
    const key = this.conversationKey(conversationId);
    const tickets = await this.load(await this.client.sMembers(key), key);
    return tickets.find((ticket) => ticket.status === 'waiting' || ticket.status === 'active');
  }

  async transition(
    id: string,
    from: readonly TicketStatus[],
    changes: Partial<Omit<Ticket, 'id'>>,
  ): Promise<Ticket | undefined> {
    const result = await TRANSITION.run(
      this.client,
      [this.ticketKey(id)],
      [this.prefix, String(this.ttlMs), JSON.stringify(changes), ...from],
    );
    return typeof result === 'string' ? revive(result) : undefined;
  }

  async appendMessage(ticketId: string, message: RelayedMessage): Promise<void> {
    const key = this.messagesKey(ticketId);
    await this.client.multi().rPush(key, JSON.stringify(message)).pExpire(key, this.ttlMs).exec();
  }

  async messages(ticketId: string): Promise<RelayedMessage[]> {
    const items = await this.client.lRange(this.messagesKey(ticketId), 0, -1);
    return items.map((json) => JSON.parse(json) as RelayedMessage);
  }

  async saveTranslations(
    ticketId: string,
    language: string,
    translations: Map<string, string>,
  ): Promise<void> {
    if (translations.size === 0) return;
    const ttl = await this.client.pTTL(this.ticketKey(ticketId));
    if (ttl <= 0) return; // the ticket is gone (or never expires, which tickets never do)
    const fields = Object.fromEntries(
      [...translations].map(([text, translation]) => [
        translationField(language, text),
        translation,
      ]),
    );
    const key = this.translationsKey(ticketId);
    // As long as the ticket: its key's remaining time.
    await this.client.multi().hSet(key, fields).pExpire(key, ttl).exec();
  }

  async translations(
    ticketId: string,
    language: string,
    texts: string[],
  ): Promise<Map<string, string>> {
    if (texts.length === 0) return new Map();
    const values = await this.client.hmGet(
      this.translationsKey(ticketId),
      texts.map((text) => translationField(language, text)),
    );
    const found = new Map<string, string>();
    texts.forEach((text, position) => {
      const value = values[position];
      if (typeof value === 'string') found.set(text, value);
    });
    return found;
  }

  async removeConversation(conversationId: string): Promise<void> {
    const key = this.conversationKey(conversationId);
    const ids = await this.client.sMembers(key);
    const multi = this.client.multi();
    for (const id of ids) {
      multi.del([this.ticketKey(id), this.messagesKey(id), this.translationsKey(id)]);
      for (const status of STATUSES) multi.zRem(this.statusKey(status), id);
    }
    await multi.del(key).exec();
  }

  async close(): Promise<void> {}

  /** The tickets of `ids` that still exist, oldest first; expired ids leave the index. */
  private async load(ids: string[], index: string): Promise<Ticket[]> {
    if (ids.length === 0) return [];
    const values = await this.client.mGet(ids.map((id) => this.ticketKey(id)));
    const gone = ids.filter((_, position) => values[position] === null);
    if (gone.length > 0) {
      if (index.includes('::ho:s:')) await this.client.zRem(index, gone);
      else await this.client.sRem(index, gone);
    }
    return values
      .flatMap((json) => (json === null ? [] : [revive(json)]))
      .sort((a, b) => a.createdAt - b.createdAt);
  }

  private ticketKey(id: string): string {
    return `${this.prefix}t:${id}`;
  }

  private messagesKey(id: string): string {
    return `${this.prefix}m:${id}`;
  }

  private translationsKey(id: string): string {
    return `${this.prefix}tr:${id}`;
  }

  private statusKey(status: TicketStatus): string {
    return `${this.prefix}s:${status}`;
  }

  private conversationKey(conversationId: string): string {
    return `${this.prefix}c:${conversationId}`;
  }
}
