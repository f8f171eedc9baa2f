import type { ContactRequest } from './records';
import type { Ticket, TicketStatus } from './ticket';

/** A ticket as the console shows it: no conversation reference, times readable. */
export interface TicketView {
  id: string;
  status: TicketStatus;
  language: string;
  audience?: string;
  topics: string[];
  /** The user's own one-line description. */
  summary?: string;
  createdAt: string;
  waitingSeconds: number;
  counsellor?: string;
  /** Offered to this counsellor only because it waited too long for one who speaks the language. */
  escalated?: boolean;
}

export function view(ticket: Ticket, now: number, escalated?: boolean): TicketView {
  return {
    id: ticket.id,
    status: ticket.status,
    language: ticket.language,
    ...(ticket.audience ? { audience: ticket.audience } : {}),
    topics: ticket.topics,
    ...(ticket.description ? { summary: ticket.description } : {}),
    createdAt: new Date(ticket.createdAt).toISOString(),
    waitingSeconds: Math.round(((ticket.acceptedAt ?? now) - ticket.createdAt) / 1000),
    ...(ticket.counsellor ? { counsellor: ticket.counsellor } : {}),
    ...(escalated !== undefined ? { escalated } : {}),
  };
}

/** What every request a user left shows in the console: language, audience, contact, time. */
export function contactView(request: ContactRequest) {
  return {
    id: request.id,
    language: request.language,
    ...(request.audience ? { audience: request.audience } : {}),
    contact: request.contact,
    contactType: request.contactType,
    createdAt: new Date(request.createdAt).toISOString(),
  };
}
