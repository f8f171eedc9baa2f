import { createHash } from 'node:crypto';
import type { RelayedMessage, Ticket, TicketStatus } from './ticket';

/** How long a ticket is kept after its last change (closed tickets feed nothing else). */
export const TICKET_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Where tickets live. The changes that must not race are single atomic
 * steps: a ticket moves from one status to another only if it still has the
 * expected one, so of two counsellors accepting the same ticket one wins.
 */
export interface TicketStore {
  /** Stores a new waiting ticket and indexes it by conversation. */
  add(ticket: Ticket): Promise<void>;
  get(id: string): Promise<Ticket | undefined>;
  /** Tickets with `status`, oldest first. */
  list(status: TicketStatus): Promise<Ticket[]>;
  /** The ticket of a conversation that is still waiting or active. */
  openFor(conversationId: string): Promise<Ticket | undefined>;
  /**
   * Applies `changes` only if the ticket's status is one of `from`; resolves
   * the changed ticket, or undefined when the ticket is missing or its status
   * was another (someone else was faster).
   */
  transition(
    id: string,
    from: readonly TicketStatus[],
    changes: Partial<Omit<Ticket, 'id'>>,
  ): Promise<Ticket | undefined>;
  /** Adds a message to the ticket's conversation with the counsellor (kept as long as the ticket). */
  appendMessage(ticketId: string, message: RelayedMessage): Promise<void>;
  /** The ticket's messages, oldest first. */
  messages(ticketId: string): Promise<RelayedMessage[]>;
  /**
   * Keeps machine translations of the ticket's texts into `language` (text →
   * translation), as long as the ticket; nothing is kept for a ticket that is gone.
   */
  saveTranslations(
    ticketId: string,
    language: string,
    translations: Map<string, string>,
  ): Promise<void>;
  /** The kept translations into `language` of those of `texts` that have one. */
  translations(ticketId: string, language: string, texts: string[]): Promise<Map<string, string>>;
  /** Removes every ticket of a conversation, with its messages and translations ("delete my data"). */
  removeConversation(conversationId: string): Promise<void>;
  close(): Promise<void>;
}

/** The field a translation of `text` into `language` is kept under (a hash: the text itself is not a key). */
export function translationField(language: string, text: string): string {
  return `${language}:${createHash('sha256').update(text).digest('base64url').slice(0, 22)}`;
}
