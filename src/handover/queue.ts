import { randomBytes } from 'node:crypto';
import type { ConversationReference } from 'botbuilder';
import type { Audience, TopicId } from '../content/topics';
import type { Language } from '../language/languages';
import type { HandoverEvents } from './events';
import type { CounsellorProfile, Offer, ReadinessAnswers, RelayedMessage, Ticket } from './ticket';
import type { TicketStore } from './ticketStore';

/** After this wait a ticket is offered to every counsellor, not only those who speak its language. */
export const DEFAULT_ESCALATE_AFTER_MS = 5 * 60 * 1000;
/** A ticket nobody accepted within this time is cancelled (the user is offered a callback). */
export const DEFAULT_MAX_WAIT_MS = 30 * 60 * 1000;
/** Assumed time until a ticket is accepted while there is no history to go by. */
export const DEFAULT_ACCEPT_MS = 4 * 60 * 1000;
/** Accepted tickets that inform the estimate. */
const ESTIMATE_SAMPLE = 20;

/** What the handover dialog knows when it asks for a person. */
export interface HandoverRequest {
  reference: Partial<ConversationReference>;
  language: Language;
  audience?: Audience;
  topics: TopicId[];
  description?: string;
  readiness?: ReadinessAnswers;
}

/** Where a waiting user stands. */
export interface QueuePlace {
  /** 1 for the next ticket to be taken. */
  position: number;
  /** Rounded up to whole minutes, at least 1. */
  estimatedWaitMinutes: number;
}

/** Options of {@link HandoverQueue}. */
export interface QueueOptions {
  /** Where changes are announced (the consoles' live updates). */
  events?: HandoverEvents;
  escalateAfterMs?: number;
  maxWaitMs?: number;
  now?: () => number;
}

// Routing: who is offered which waiting ticket.

/** Whether a counsellor speaks the ticket's language and advises its audience. */
export function matches(ticket: Ticket, counsellor: CounsellorProfile): boolean {
  const speaks = counsellor.languages.includes(ticket.language);
  const advises =
    counsellor.audiences.length === 0 ||
    ticket.audience === undefined ||
    counsellor.audiences.includes(ticket.audience);
  return speaks && advises;
}

/**
 * Whether a waiting ticket is offered to a counsellor: they speak its
 * language and advise its audience, or it has waited `escalateAfterMs`.
 */
export function isOffered(
  ticket: Ticket,
  counsellor: CounsellorProfile,
  now: number,
  escalateAfterMs: number,
): boolean {
  return matches(ticket, counsellor) || now - ticket.createdAt >= escalateAfterMs;
}

/**
 * The waiting tickets a counsellor is offered, in the order to take them: a
 * ticket goes first to counsellors who speak its language (and advise its
 * audience); once it has waited `escalateAfterMs`, to everyone, marked as
 * escalated so the console shows the language. Matching tickets come first,
 * each group oldest first.
 */
export function offersFor(
  waiting: readonly Ticket[],
  counsellor: CounsellorProfile,
  now: number,
  escalateAfterMs: number,
): Offer[] {
  const matching: Offer[] = [];
  const escalated: Offer[] = [];
  for (const ticket of [...waiting].sort((a, b) => a.createdAt - b.createdAt)) {
    if (matches(ticket, counsellor)) matching.push({ ticket, escalated: false });
    else if (isOffered(ticket, counsellor, now, escalateAfterMs)) {
      escalated.push({ ticket, escalated: true });
    }
  }
  return [...matching, ...escalated];
}

/**
 * The handover queue: requests become waiting tickets, counsellors are
 * offered them by language and audience, one counsellor wins an accept, and
 * tickets end closed (by the counsellor) or cancelled (by the user, or after
 * waiting too long). All state is in the {@link TicketStore}.
 */
export class HandoverQueue {
  readonly escalateAfterMs: number;
  readonly maxWaitMs: number;
  private readonly now: () => number;
  private readonly events: HandoverEvents | undefined;

  constructor(
    private readonly store: TicketStore,
    options: QueueOptions = {},
  ) {
    this.escalateAfterMs = options.escalateAfterMs ?? DEFAULT_ESCALATE_AFTER_MS;
    this.maxWaitMs = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
    this.now = options.now ?? Date.now;
    this.events = options.events;
  }

  /** Opens a ticket, or returns the conversation's open one (a second request does not queue twice). */
  async request(request: HandoverRequest): Promise<Ticket> {
    const conversationId = request.reference.conversation?.id;
    if (!conversationId)
      throw new TypeError('HandoverQueue.request: the reference has no conversation');
    const open = await this.store.openFor(conversationId);
    if (open) return open;
    const ticket: Ticket = {
      id: randomBytes(12).toString('base64url'),
      status: 'waiting',
      reference: request.reference,
      conversationId,
      language: request.language,
      ...(request.audience ? { audience: request.audience } : {}),
      topics: request.topics,
      ...(request.description ? { description: request.description } : {}),
      ...(request.readiness ? { readiness: request.readiness } : {}),
      createdAt: this.now(),
    };
    await this.store.add(ticket);
    await this.announce(ticket);
    return ticket;
  }

  get(id: string): Promise<Ticket | undefined> {
    return this.store.get(id);
  }

  /** The conversation's waiting or active ticket. */
  openFor(conversationId: string): Promise<Ticket | undefined> {
    return this.store.openFor(conversationId);
  }

  /** Tickets in a status, oldest first. */
  list(status: Ticket['status']): Promise<Ticket[]> {
    return this.store.list(status);
  }

  /** The waiting tickets this counsellor is offered, in order. */
  async offers(counsellor: CounsellorProfile): Promise<Offer[]> {
    return offersFor(
      await this.store.list('waiting'),
      counsellor,
      this.now(),
      this.escalateAfterMs,
    );
  }

  /** Whether routing offers this waiting ticket to the counsellor (now). */
  isOfferedTo(ticket: Ticket, counsellor: CounsellorProfile): boolean {
    return isOffered(ticket, counsellor, this.now(), this.escalateAfterMs);
  }

  /** Where a waiting ticket stands, and roughly how long until someone takes it. */
  async place(ticketId: string): Promise<QueuePlace | undefined> {
    const waiting = await this.store.list('waiting');
    const index = waiting.findIndex((ticket) => ticket.id === ticketId);
    if (index < 0) return undefined;
    const accepted = [...(await this.store.list('active')), ...(await this.store.list('closed'))]
      .filter((ticket) => ticket.acceptedAt !== undefined)
      .sort((a, b) => (b.acceptedAt ?? 0) - (a.acceptedAt ?? 0))
      .slice(0, ESTIMATE_SAMPLE);
    const typicalMs =
      accepted.length === 0
        ? DEFAULT_ACCEPT_MS
        : accepted.reduce((sum, ticket) => sum + (ticket.acceptedAt! - ticket.createdAt), 0) /
          accepted.length;
    const position = index + 1;
    return {
      position,
      estimatedWaitMinutes: Math.max(1, Math.ceil((typicalMs * position) / 60_000)),
    };
  }

  /** Gives a waiting ticket to `counsellor`; undefined when another counsellor was faster or it ended. */
  accept(ticketId: string, counsellor: string): Promise<Ticket | undefined> {
    return this.move(ticketId, ['waiting'], {
      status: 'active',
      counsellor,
      acceptedAt: this.now(),
    });
  }

  /** Hands an active ticket to another counsellor. */
  transfer(ticketId: string, to: string): Promise<Ticket | undefined> {
    return this.move(ticketId, ['active'], { counsellor: to });
  }

  /** Ends an active ticket; the bot takes the conversation back. */
  close(ticketId: string): Promise<Ticket | undefined> {
    return this.move(ticketId, ['active'], { status: 'closed', closedAt: this.now() });
  }

  /** The user no longer wants a person ("never mind", a menu action) — waiting or during the chat. */
  cancel(ticketId: string): Promise<Ticket | undefined> {
    return this.move(ticketId, ['waiting', 'active'], {
      status: 'cancelled',
      closedAt: this.now(),
    });
  }

  /** Cancels tickets that have waited longer than {@link maxWaitMs}; resolves them (to tell their users). */
  async expireWaiting(): Promise<Ticket[]> {
    const limit = this.now() - this.maxWaitMs;
    const expired: Ticket[] = [];
    for (const ticket of await this.store.list('waiting')) {
      if (ticket.createdAt > limit) continue;
      const cancelled = await this.cancelIfWaiting(ticket.id);
      if (cancelled) expired.push(cancelled);
    }
    return expired;
  }

  /** Keeps a message of the user or the counsellor with the ticket. */
  async record(ticketId: string, message: RelayedMessage): Promise<void> {
    await this.store.appendMessage(ticketId, message);
    const ticket = await this.store.get(ticketId);
    await this.events?.publish({
      type: 'message',
      ticketId,
      ...(ticket?.counsellor ? { counsellor: ticket.counsellor } : {}),
      message,
    });
  }

  /** Keeps machine translations of the ticket's texts into `language`, as long as the ticket. */
  saveTranslations(ticketId: string, language: string, translations: Map<string, string>) {
    return this.store.saveTranslations(ticketId, language, translations);
  }

  /** The kept translations into `language` of those of `texts` that have one. */
  translations(ticketId: string, language: string, texts: string[]) {
    return this.store.translations(ticketId, language, texts);
  }

  /** The messages between user and counsellor, oldest first. */
  messages(ticketId: string): Promise<RelayedMessage[]> {
    return this.store.messages(ticketId);
  }

  /** Removes every ticket of a conversation ("delete my data"). */
  forget(conversationId: string): Promise<void> {
    return this.store.removeConversation(conversationId);
  }

  private cancelIfWaiting(ticketId: string): Promise<Ticket | undefined> {
    return this.move(ticketId, ['waiting'], { status: 'cancelled', closedAt: this.now() });
  }

  /** A status move that, when it happened, is announced to every console. */
  private async move(
    ticketId: string,
    from: readonly Ticket['status'][],
    changes: Partial<Omit<Ticket, 'id'>>,
  ): Promise<Ticket | undefined> {
    const moved = await this.store.transition(ticketId, from, changes);
    if (moved) await this.announce(moved);
    return moved;
  }

  private async announce(ticket: Ticket): Promise<void> {
    await this.events?.publish({
      type: 'ticket',
      id: ticket.id,
      status: ticket.status,
      language: ticket.language,
      ...(ticket.counsellor ? { counsellor: ticket.counsellor } : {}),
    });
  }
}
