import type { Activity } from 'botbuilder';
import type { RelayedMessage, Ticket } from './ticket';

/** Whom a notice goes to: a ticket, an appointment request — anything with a conversation reference. */
export type Addressee = Pick<Ticket, 'reference' | 'language' | 'conversationId' | 'audience'>;

/**
 * What the handover tells a user, as facts; the bot side renders each one in
 * the user's language (texts, buttons, cards: `src/ui/notices.ts`).
 */
export type Notice =
  /** A counsellor has taken the request and is now in the chat. */
  | { kind: 'accepted'; counsellor: string }
  /** The user's place in line changed. */
  | { kind: 'place'; position: number; estimatedWaitMinutes: number }
  /** The counsellor ended the chat: the bot is back and asks whether it helped. */
  | { kind: 'closed'; counsellor: string }
  /** Nobody took the request in time: a callback is offered. */
  | { kind: 'timeout' }
  /** Another counsellor has the chat now. */
  | { kind: 'transferred'; counsellor: string }
  /** The counsellor referred the user to a network partner (the partner's card follows) and left. */
  | { kind: 'referred'; counsellor: string; partnerId: string }
  /** A requested appointment was confirmed (with its calendar file) or declined. */
  | {
      kind: 'appointment';
      status: 'confirmed' | 'declined';
      start: number;
      timeZone: string;
      place: string;
      calendarUrl: string;
    }
  /** A counsellor deleted the user's data at their request. */
  | { kind: 'deletedByCounsellor' }
  /** A counsellor's own message, shown as they typed it. */
  | { kind: 'message'; counsellor: string; text: string; translated?: boolean };

/** How the handover reaches users and reads their conversation (implemented on the bot side). */
export interface UserChannel {
  /** Tells the addressee a {@link Notice} in their language, on their channel. */
  notify(to: Addressee, notice: Notice): Promise<void>;
  /** The conversation so far as the console shows it: the widget's transcript, else the relayed messages. */
  transcript(ticket: Ticket, relayed: RelayedMessage[]): Promise<Array<Partial<Activity>>>;
  /** A bot message of the transcript in another language (the bot knows its source), if it can tell. */
  gloss(activity: Partial<Activity>, language: string): string | undefined;
}
