import type { RelayedMessage, Ticket, TicketStatus } from './ticket';
import { TICKET_TTL_MS, translationField, type TicketStore } from './ticketStore';

/** How often expired tickets are dropped from memory. */
export const MEMORY_TICKET_SWEEP_MS = 60_000;

/** The embedded ticket store: one process, the same rules as Redis (atomic transitions, TTL). */
export class MemoryTicketStore implements TicketStore {
  /** Tickets as JSON, so callers never share objects with the store. */
  private readonly tickets = new Map<string, { json: string; expires: number }>();
  private readonly relayed = new Map<string, string[]>();
  private readonly translated = new Map<string, Map<string, string>>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly ttlMs = TICKET_TTL_MS) {
    this.sweeper = setInterval(() => this.sweep(), MEMORY_TICKET_SWEEP_MS);
    this.sweeper.unref();
  }

  async add(ticket: Ticket): Promise<void> {
    this.tickets.set(ticket.id, { json: JSON.stringify(ticket), expires: Date.now() + this.ttlMs });
  }

  async get(id: string): Promise<Ticket | undefined> {
    return this.read(id);
  }

  async list(status: TicketStatus): Promise<Ticket[]> {
    return this.all()
      .filter((ticket) => ticket.status === status)
      .sort((a, b) => a.createdAt - b.createdAt);
  }

  async openFor(conversationId: string): Promise<Ticket | undefined> {
    return this.all().find(
      (ticket) =>
        ticket.conversationId === conversationId &&
        (ticket.status === 'waiting' || ticket.status === 'active'),
    );
  }

  async transition(
    id: string,
    from: readonly TicketStatus[],
    changes: Partial<Omit<Ticket, 'id'>>,
  ): Promise<Ticket | undefined> {
    // Check and write with no await between them: atomic on one event loop.
    const ticket = this.read(id);
    if (!ticket || !from.includes(ticket.status)) return undefined;
    const changed = { ...ticket, ...changes, id };
    this.tickets.set(id, { json: JSON.stringify(changed), expires: Date.now() + this.ttlMs });
    return changed;
  }

  async appendMessage(ticketId: string, message: RelayedMessage): Promise<void> {
    if (!this.read(ticketId)) return;
    const list = this.relayed.get(ticketId) ?? [];
    list.push(JSON.stringify(message));
    this.relayed.set(ticketId, list);
  }

  async messages(ticketId: string): Promise<RelayedMessage[]> {
    if (!this.read(ticketId)) return [];
    return (this.relayed.get(ticketId) ?? []).map((json) => JSON.parse(json) as RelayedMessage);
  }

  async saveTranslations(
    ticketId: string,
    language: string,
    translations: Map<string, string>,
  ): Promise<void> {
    if (!this.read(ticketId)) return;
    const kept = this.translated.get(ticketId) ?? new Map<string, string>();
    for (const [text, translation] of translations) {
      kept.set(translationField(language, text), translation);
    }
    this.translated.set(ticketId, kept);
  }

  async translations(
    ticketId: string,
    language: string,
    texts: string[],
  ): Promise<Map<string, string>> {
    const kept = this.read(ticketId) ? this.translated.get(ticketId) : undefined;
    const found = new Map<string, string>();
    for (const text of texts) {
      const translation = kept?.get(translationField(language, text));
      if (translation !== undefined) found.set(text, translation);
    }
    return found;
  }

  async removeConversation(conversationId: string): Promise<void> {
    for (const ticket of this.all()) {
      if (ticket.conversationId === conversationId) this.drop(ticket.id);
    }
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    this.tickets.clear();
    this.relayed.clear();
    this.translated.clear();
  }

  private drop(id: string): void {
    this.tickets.delete(id);
    this.relayed.delete(id);
    this.translated.delete(id);
  }

  private read(id: string): Ticket | undefined {
    const entry = this.tickets.get(id);
    if (!entry) return undefined;
    if (entry.expires <= Date.now()) {
      this.drop(id);
      return undefined;
    }
    return JSON.parse(entry.json) as Ticket;
  }

  private all(): Ticket[] {
    return [...this.tickets.keys()].flatMap((id) => this.read(id) ?? []);
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, entry] of this.tickets) {
      if (entry.expires > now) continue;
      this.drop(id);
    }
  }
}
