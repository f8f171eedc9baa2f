import type { OpeningHours } from '../content/hours';
import { isOpen, nextOpening, DEFAULT_TIME_ZONE } from '../content/hours';
import { describeError, type Logger } from '../logger';
import type { CallbackRequest, CallbackStore, NewCallbackRequest } from './callbacks';
import type { AppointmentRequest, Referral } from './records';
import type { ContactRequest, NewRecord, RecordStore } from './records';
import type { HandoverEvent, HandoverEvents } from './events';
import type { Addressee, Notice, UserChannel } from './notices';
import type { Presence } from './presence';
import type { HandoverQueue, HandoverRequest, QueuePlace } from './queue';
import type { Ticket } from './ticket';

/** How often each instance looks for tickets that waited too long. */
export const EXPIRY_SWEEP_MS = 30_000;
/** How often each instance purges what a key's TTL cannot cover (past appointments, stale index entries). */
export const PURGE_INTERVAL_MS = 60 * 60 * 1000;
/** An appointment request is deleted this long after its time (the contact is no longer needed). */
export const APPOINTMENT_KEPT_AFTER_MS = 24 * 60 * 60 * 1000;

/** Whether a person can be reached now, and if not, why and when again. */
export type Availability =
  | { status: 'open' }
  /** Outside the opening hours; `next` is the next opening, if there is one within the horizon. */
  | { status: 'closed'; next?: Date }
  /** Within the hours (or no hours kept), but no counsellor has the console open. */
  | { status: 'nobody' };

/** Who wants to know what happens in the handover: metrics and the anonymous statistics. */
export interface HandoverObserver {
  requested?(ticket: Ticket): void;
  accepted?(ticket: Ticket): void;
  ended?(ticket: Ticket, how: 'cancelled' | 'expired' | 'closed'): void;
  request?(kind: 'callback' | 'referral' | 'appointment', language: string): void;
}

/** What {@link HandoverService} is built from. */
export interface HandoverServiceDeps {
  queue: HandoverQueue;
  callbacks: CallbackStore;
  referrals: RecordStore<Referral>;
  appointments: RecordStore<AppointmentRequest>;
  presence: Presence;
  events: HandoverEvents;
  /** Consultation hours; undefined when the organisation keeps none (then presence alone decides). */
  hours: OpeningHours | undefined;
  /** How notices reach users (rendered on the bot side, in their language and channel). */
  channel: UserChannel;
  logger?: Logger;
  now?: () => number;
  observers?: HandoverObserver[];
}

/**
 * The handover as the bot and the console use it: availability (hours and
 * presence), requests, the moves of a ticket with what the user is told at
 * each (accepted, left, place in line, timeout), and callback requests.
 * Whoever makes a move tells the users; other instances only hear the event,
 * so nobody is told twice.
 */
export class HandoverService {
  readonly queue: HandoverQueue;
  readonly callbacks: CallbackStore;
  readonly referrals: RecordStore<Referral>;
  readonly appointments: RecordStore<AppointmentRequest>;
  readonly presence: Presence;
  readonly events: HandoverEvents;
  readonly channel: UserChannel;
  /** Told of every move (metrics, statistics); none of them may fail a move. */
  readonly observers: HandoverObserver[];
  private readonly hours: OpeningHours | undefined;
  private readonly logger: Logger | undefined;
  private readonly now: () => number;
  private sweeper: NodeJS.Timeout | undefined;
  private purger: NodeJS.Timeout | undefined;

  constructor(deps: HandoverServiceDeps) {
    this.queue = deps.queue;
    this.callbacks = deps.callbacks;
    this.referrals = deps.referrals;
    this.appointments = deps.appointments;
    this.presence = deps.presence;
    this.events = deps.events;
    this.hours = deps.hours;
    this.channel = deps.channel;
    this.logger = deps.logger;
    this.now = deps.now ?? Date.now;
    this.observers = deps.observers ?? [];
  }

  private observe(tell: (observer: HandoverObserver) => void): void {
    for (const observer of this.observers) {
      try {
        tell(observer);
      } catch (error) {
        this.logger?.warn({ err: describeError(error) }, 'handover observer failed');
      }
    }
  }

  /** Whether asking for a person makes sense now: open, and someone is at the console. */
  async availability(): Promise<Availability> {
    const now = new Date(this.now());
    if (this.hours && !isOpen(this.hours, now)) {
      const next = nextOpening(this.hours, now);
      return next ? { status: 'closed', next } : { status: 'closed' };
    }
    return (await this.presence.online()).length > 0 ? { status: 'open' } : { status: 'nobody' };
  }

  /** The time zone opening times are told in. */
  get timeZone(): string {
    return this.hours?.timeZone ?? DEFAULT_TIME_ZONE;
  }

  /** Opens a ticket (or returns the conversation's open one) and where it stands. */
  async request(request: HandoverRequest): Promise<{ ticket: Ticket; place?: QueuePlace }> {
    const since = this.now();
    const ticket = await this.queue.request(request);
    if (ticket.createdAt >= since) this.observe((observer) => observer.requested?.(ticket));
    const place = await this.queue.place(ticket.id);
    return place ? { ticket, place } : { ticket };
  }

  /** The user cancels while waiting, or leaves the chat with the counsellor. */
  async cancelByUser(ticketId: string): Promise<Ticket | undefined> {
    const cancelled = await this.queue.cancel(ticketId);
    if (cancelled) this.observe((observer) => observer.ended?.(cancelled, 'cancelled'));
    if (cancelled && cancelled.acceptedAt === undefined) await this.tellPlaces();
    return cancelled;
  }

  /** A counsellor takes a waiting ticket; the user hears who is with them. */
  async accept(ticketId: string, counsellor: string, name: string): Promise<Ticket | undefined> {
    const accepted = await this.queue.accept(ticketId, counsellor);
    if (!accepted) return undefined;
    this.observe((observer) => observer.accepted?.(accepted));
    await this.tell(accepted, { kind: 'accepted', counsellor: name });
    await this.tellPlaces();
    return accepted;
  }

  /** The counsellor ends the chat: the bot takes over again and asks whether it helped. */
  async close(ticketId: string, name: string): Promise<Ticket | undefined> {
    const closed = await this.queue.close(ticketId);
    if (!closed) return undefined;
    this.observe((observer) => observer.ended?.(closed, 'closed'));
    await this.tell(closed, { kind: 'closed', counsellor: name });
    return closed;
  }

  /** Cancels tickets that waited too long; their users hear so and are offered a callback. */
  async expire(): Promise<Ticket[]> {
    const expired = await this.queue.expireWaiting();
    for (const ticket of expired) {
      this.observe((observer) => observer.ended?.(ticket, 'expired'));
      await this.tell(ticket, { kind: 'timeout' });
    }
    if (expired.length > 0) await this.tellPlaces();
    return expired;
  }

  /** Looks for expired tickets every {@link EXPIRY_SWEEP_MS} until {@link stop}. */
  start(): void {
    this.sweeper ??= setInterval(() => {
      this.expire().catch((error: unknown) =>
        this.logger?.warn({ err: describeError(error) }, 'handover expiry sweep failed'),
      );
    }, EXPIRY_SWEEP_MS).unref();
    this.purger ??= setInterval(() => {
      this.purge().catch((error: unknown) =>
        this.logger?.warn({ err: describeError(error) }, 'purge failed'),
      );
    }, PURGE_INTERVAL_MS).unref();
  }

  stop(): void {
    clearInterval(this.sweeper);
    clearInterval(this.purger);
    this.sweeper = undefined;
    this.purger = undefined;
  }

  /**
   * What a TTL cannot cover: appointment requests a day after their time
   * (their contact is no longer needed, though the 30 days are not over), and
   * index entries of requests and tickets that have expired. Returns how many
   * appointment requests were deleted.
   */
  async purge(): Promise<number> {
    const limit = this.now() - APPOINTMENT_KEPT_AFTER_MS;
    let deleted = 0;
    for (const appointment of await this.appointments.list()) {
      if (appointment.start >= limit) continue;
      if (await this.appointments.remove(appointment.id)) deleted += 1;
      await this.events.publish({ type: 'appointment', id: appointment.id, status: 'done' });
    }
    // Reading the lists drops the index entries whose request or ticket has expired.
    await Promise.all([
      this.callbacks.list(),
      this.referrals.list(),
      ...(['waiting', 'active', 'closed', 'cancelled'] as const).map((status) =>
        this.queue.list(status),
      ),
    ]);
    return deleted;
  }

  /** Keeps a callback request (given with consent) for the counsellors. */
  addCallback(request: NewCallbackRequest): Promise<CallbackRequest> {
    return this.keep('callback', this.callbacks, request, 'open');
  }

  /** A counsellor has called back: the request and its contact are deleted. */
  callbackDone(id: string): Promise<boolean> {
    return this.drop('callback', this.callbacks, id);
  }

  /** Keeps a referral (given with consent) for a counsellor to forward. */
  addReferral(referral: NewRecord<Referral>): Promise<Referral> {
    return this.keep('referral', this.referrals, referral, 'open');
  }

  /** The referral is forwarded or withdrawn: it is deleted with the contact. */
  referralDone(id: string): Promise<boolean> {
    return this.drop('referral', this.referrals, id);
  }

  /** Keeps an appointment request for the counsellors to confirm. */
  addAppointment(request: NewRecord<AppointmentRequest>): Promise<AppointmentRequest> {
    return this.keep('appointment', this.appointments, request, request.status);
  }

  /** Keeps a request a user left, counts it, and tells the consoles. */
  private async keep<T extends ContactRequest>(
    kind: 'callback' | 'referral' | 'appointment',
    store: RecordStore<T>,
    record: NewRecord<T>,
    status: 'open' | AppointmentRequest['status'],
  ): Promise<T> {
    const stored = await store.add(record);
    this.observe((observer) => observer.request?.(kind, stored.language));
    await this.events.publish({ type: kind, id: stored.id, status } as HandoverEvent);
    return stored;
  }

  /** Deletes a request that is done, and tells the consoles. */
  private async drop<T extends ContactRequest>(
    kind: 'callback' | 'referral',
    store: RecordStore<T>,
    id: string,
  ): Promise<boolean> {
    const removed = await store.remove(id);
    if (removed) await this.events.publish({ type: kind, id, status: 'done' });
    return removed;
  }

  /** The starts of requested and confirmed appointments: these slots are taken. */
  async takenSlots(): Promise<Set<number>> {
    const all = await this.appointments.list();
    return new Set(all.filter((entry) => entry.status !== 'declined').map((entry) => entry.start));
  }

  /** Removes every ticket and request of a conversation ("delete my data"). */
  async forget(conversationId: string): Promise<void> {
    const open = await this.queue.openFor(conversationId);
    if (open) await this.queue.cancel(open.id);
    await this.queue.forget(conversationId);
    await this.callbacks.removeConversation(conversationId);
    await this.referrals.removeConversation(conversationId);
    await this.appointments.removeConversation(conversationId);
    if (open?.status === 'waiting') await this.tellPlaces();
  }

  /** Tells the addressee a notice; a user who cannot be reached does not fail the move. */
  async tell(to: Addressee, notice: Notice): Promise<void> {
    try {
      await this.channel.notify(to, notice);
    } catch (error) {
      this.logger?.warn({ err: describeError(error) }, 'handover note not delivered');
    }
  }

  /** Tells every waiting user their new place in line. */
  private async tellPlaces(): Promise<void> {
    for (const ticket of await this.queue.list('waiting')) {
      const place = await this.queue.place(ticket.id);
      if (place) await this.tell(ticket, { kind: 'place', ...place });
    }
  }
}
