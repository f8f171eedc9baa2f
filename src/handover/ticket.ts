import type { ConversationReference } from 'botbuilder';
import type { Audience, TopicId } from '../content/topics';
import type { Language } from '../language/languages';

/** Where a ticket is in its life. */
export type TicketStatus = 'waiting' | 'active' | 'closed' | 'cancelled';

/** A request to talk to a person: what a counsellor needs to pick it up, nothing more. */
export interface Ticket {
  id: string;
  status: TicketStatus;
  /** How to reach the user later (proactive messages). */
  reference: Partial<ConversationReference>;
  conversationId: string;
  language: Language;
  audience?: Audience;
  /** The last topics the bot answered, newest last. */
  topics: TopicId[];
  /** The user's own one-line description, if they gave one. */
  description?: string;
  /** The answers of the readiness check, if the user did it in this conversation. */
  readiness?: ReadinessAnswers;
  /** Epoch ms. */
  createdAt: number;
  /** The counsellor who has it (while active, and after closing). */
  counsellor?: string;
  acceptedAt?: number;
  closedAt?: number;
}

/** What a counsellor can take: the languages they speak and the audiences they advise. */
export interface CounsellorProfile {
  id: string;
  languages: Language[];
  /** Empty: every audience. */
  audiences: Audience[];
}

/** A waiting ticket as offered to one counsellor. */
export interface Offer {
  ticket: Ticket;
  /** True when the ticket is offered because it has waited too long for a matching counsellor. */
  escalated: boolean;
}

/** One message of the conversation between a user and a counsellor, kept with the ticket. */
export interface RelayedMessage {
  from: 'user' | 'counsellor';
  /** The counsellor's username, for counsellor messages. */
  counsellor?: string;
  text: string;
  /** Epoch ms. */
  at: number;
  /** What the bot understood a user's message to be about. */
  gist?: Gist;
  /** A counsellor's message sent machine-translated: what they wrote, in their own language. */
  original?: { text: string; language: string };
}

/** The questions of the readiness check. */
export const READINESS_QUESTIONS = [
  'age',
  'certificate',
  'abroad',
  'evaluated',
  'german',
  'residence',
] as const;

/**
 * The readiness check's answers: an age, or a choice's value (`yes`, `no`,
 * `dontKnow`, a German level, a residence status), kept for the counsellor.
 */
export type ReadinessAnswers = Partial<
  Record<(typeof READINESS_QUESTIONS)[number], string | number>
>;

/** What the bot understood a message to be about: a topic, question or intent id and how sure. */
export interface Gist {
  id: string;
  /** 0..1. */
  confidence: number;
}
