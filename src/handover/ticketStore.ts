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
  /** Removes every ticket of a conversation, with its messages ("delete my data"). */
  removeConversation(conversationId: string): Promise<void>;
  close(): Promise<void>;
}
