import { nameOf, type CounsellorAccount, type CounsellorDirectory } from './counsellors';
import type { HandoverService } from './service';
import type { ContactRequest } from './records';
import type { RelayedMessage, Ticket, TicketStatus } from './ticket';
import { CounsellorApiError } from './counsellorAuth';

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

function view(ticket: Ticket, now: number, escalated?: boolean): TicketView {
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
function contactView(request: ContactRequest) {
  return {
    id: request.id,
    language: request.language,
    ...(request.audience ? { audience: request.audience } : {}),
    contact: request.contact,
    contactType: request.contactType,
    createdAt: new Date(request.createdAt).toISOString(),
  };
}

/** The network partners a counsellor can refer to (their id and name are enough here). */
export interface ConsolePartner {
  id: string;
  name: string;
  topics: readonly string[];
  regions: readonly string[];
}

/** The lead's anonymous reports (the statistics). */
export interface Reports {
  report(from: string, to: string): Promise<unknown>;
  csv(from: string, to: string): Promise<string>;
}

/** What {@link CounsellorConsole} works with. */
export interface CounsellorConsoleDeps {
  service: HandoverService;
  directory: CounsellorDirectory;
  partners: readonly ConsolePartner[];
  /** The service point's time zone, for times told to users. */
  timeZone: string;
  /** Deletes everything stored of a ticket's user and conversation (state, transcript, requests). */
  forgetConversation(ticket: Ticket): Promise<void>;
  /** The anonymous statistics, when kept. */
  reports?: Reports;
  now?: () => number;
}

const notActive = () => new CounsellorApiError(409, 'Conflict', 'The ticket is not active.');
const noSuch = (what: string) => new CounsellorApiError(404, 'NotFound', `No such ${what}.`);

/**
 * What a counsellor can do at the console, independent of HTTP: list and
 * read tickets routing offers them, accept, reply, transfer (to a colleague
 * or a network partner), close, delete a user's data on request, handle the
 * requests users left, and (leads) read the statistics. Who may act on what
 * is decided here: a lead on anything; a counsellor on their own tickets,
 * and on a waiting one only when routing offers it to them.
 */
export class CounsellorConsole {
  private readonly now: () => number;

  constructor(private readonly deps: CounsellorConsoleDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** The caller's own account as the console shows it. */
  me(account: CounsellorAccount) {
    return {
      username: account.username,
      name: nameOf(account),
      role: account.role,
      languages: account.languages,
      audiences: account.audiences,
    };
  }

  /** Waiting tickets as routing offers them (a lead: all); active and closed ones of the caller (a lead: all). */
  async tickets(account: CounsellorAccount, status: TicketStatus): Promise<TicketView[]> {
    const { queue } = this.deps.service;
    const now = this.now();
    if (status === 'waiting') {
      const offers =
        account.role === 'lead'
          ? (await queue.list('waiting')).map((ticket) => ({ ticket, escalated: false }))
          : await queue.offers(profileOf(account));
      return offers.map((offer) => view(offer.ticket, now, offer.escalated));
    }
    const tickets = (await queue.list(status)).filter(
      (ticket) => account.role === 'lead' || ticket.counsellor === account.username,
    );
    return tickets.map((ticket) => view(ticket, now));
  }

  /** The conversation so far and the messages relayed since the handover. */
  async transcript(account: CounsellorAccount, id: string) {
    const ticket = await this.ticket(account, id);
    const relayed: RelayedMessage[] = await this.deps.service.queue.messages(ticket.id);
    return {
      activities: await this.deps.service.channel.transcript(ticket, relayed),
      messages: relayed,
    };
  }

  /** Takes a waiting ticket; the user hears who is with them. */
  async accept(account: CounsellorAccount, id: string): Promise<TicketView> {
    const ticket = await this.ticket(account, id);
    const accepted = await this.deps.service.accept(ticket.id, account.username, nameOf(account));
    if (!accepted) {
      throw new CounsellorApiError(409, 'Conflict', 'Another counsellor has taken this ticket.');
    }
    return view(accepted, this.now());
  }

  /** Sends the counsellor's message to the user (as typed, never as markup) and keeps it in the transcript. */
  async reply(account: CounsellorAccount, id: string, text: string): Promise<{ sent: true }> {
    const ticket = await this.active(account, id);
    await this.deps.service.channel.notify(ticket, {
      kind: 'message',
      counsellor: nameOf(account),
      text,
    });
    await this.deps.service.queue.record(ticket.id, {
      from: 'counsellor',
      counsellor: account.username,
      text,
      at: this.now(),
    });
    return { sent: true };
  }

  /** Ends the chat: the bot takes over again and asks whether it helped. */
  async close(account: CounsellorAccount, id: string): Promise<TicketView> {
    const ticket = await this.active(account, id);
    const closed = await this.deps.service.close(ticket.id, nameOf(account));
    if (!closed) throw notActive();
    return view(closed, this.now());
  }

  /**
   * To another counsellor (`to` is their username), or to a network partner
   * (`partner:<id>`): the user gets the partner's card and the chat ends.
   */
  async transfer(account: CounsellorAccount, id: string, to: string): Promise<TicketView> {
    const { service } = this.deps;
    const partner = to.startsWith('partner:')
      ? this.deps.partners.find((candidate) => `partner:${candidate.id}` === to)
      : undefined;
    if (partner) {
      const ticket = await this.active(account, id);
      await service.tell(ticket, {
        kind: 'referred',
        counsellor: nameOf(account),
        partnerId: partner.id,
      });
      const closed = await service.close(ticket.id, nameOf(account));
      if (!closed) throw notActive();
      return view(closed, this.now());
    }
    const target = to.startsWith('partner:') ? undefined : await this.deps.directory.get(to);
    if (!target || target.disabled) {
      throw new CounsellorApiError(
        400,
        'BadRequest',
        'Send {"to"} with an active counsellor or "partner:<id>".',
      );
    }
    const ticket = await this.active(account, id);
    const moved = await service.queue.transfer(ticket.id, target.username);
    if (!moved) throw notActive();
    await service.tell(moved, { kind: 'transferred', counsellor: nameOf(target) });
    return view(moved, this.now());
  }

  /** At the user's request (by phone, in person): everything of the ticket's user and conversation is deleted. */
  async forget(account: CounsellorAccount, id: string): Promise<{ deleted: true }> {
    const ticket = await this.ticket(account, id);
    await this.deps.forgetConversation(ticket);
    await this.deps.service.tell(ticket, { kind: 'deletedByCounsellor' });
    return { deleted: true };
  }

  /** The colleagues a ticket can go to, with their languages and whether they are online. */
  async counsellors() {
    const online = new Set(await this.deps.service.presence.online());
    const accounts = (await this.deps.directory.list()).filter((account) => !account.disabled);
    return accounts.map((account) => ({
      username: account.username,
      name: nameOf(account),
      languages: account.languages,
      audiences: account.audiences,
      online: online.has(account.username),
    }));
  }

  /** The network partners a ticket can go to. */
  partners() {
    return this.deps.partners.map((partner) => ({
      id: `partner:${partner.id}`,
      name: partner.name,
      topics: partner.topics,
      regions: partner.regions,
    }));
  }

  /** The callback requests (shared by all counsellors). */
  async callbacks() {
    return (await this.deps.service.callbacks.list()).map((request) => ({
      ...contactView(request),
      topics: request.topics,
      ...(request.description ? { summary: request.description } : {}),
    }));
  }

  /** The referrals to forward to partners. */
  async referrals() {
    return (await this.deps.service.referrals.list()).map((referral) => ({
      ...contactView(referral),
      partner: referral.partnerName,
      partnerId: referral.partnerId,
      topics: referral.topics,
      ...(referral.description ? { summary: referral.description } : {}),
    }));
  }

  /** The appointment requests and their status. */
  async appointments() {
    return (await this.deps.service.appointments.list()).map((appointment) => ({
      ...contactView(appointment),
      start: new Date(appointment.start).toISOString(),
      minutes: appointment.minutes,
      place: appointment.place,
      status: appointment.status,
    }));
  }

  /** A callback made or a referral forwarded: the request, with the contact, is deleted. */
  async requestDone(kind: 'callbacks' | 'referrals', id: string): Promise<{ deleted: true }> {
    const { service } = this.deps;
    const done = kind === 'callbacks' ? service.callbackDone(id) : service.referralDone(id);
    if (!(await done)) throw noSuch('request');
    return { deleted: true };
  }

  /**
   * Confirms or declines a requested appointment; the user hears it in the
   * chat, a confirmation with a link to its calendar file under `base`.
   */
  async decideAppointment(id: string, decision: 'confirm' | 'decline', base: string) {
    const { service } = this.deps;
    const request = await service.appointments.get(id);
    if (!request) throw noSuch('appointment request');
    if (request.status !== 'requested') {
      throw new CounsellorApiError(
        409,
        'Conflict',
        `The appointment is already ${request.status}.`,
      );
    }
    const status = decision === 'confirm' ? 'confirmed' : 'declined';
    const changed = await service.appointments.update(id, { status });
    if (!changed) throw noSuch('appointment request');
    await service.events.publish({ type: 'appointment', id, status });
    await service.tell(changed, {
      kind: 'appointment',
      status,
      start: changed.start,
      timeZone: this.deps.timeZone,
      place: changed.place,
      calendarUrl: `${base}/calendar/appointments/${id}.ics`,
    });
    return { id, status };
  }

  /** The anonymous statistics of a period, for leads. */
  async stats(account: CounsellorAccount, from: string, to: string) {
    return { from, to, rows: await this.reports(account).report(from, to) };
  }

  /** The same as CSV, for a project report. */
  async statsCsv(account: CounsellorAccount, from: string, to: string): Promise<string> {
    return this.reports(account).csv(from, to);
  }

  private reports(account: CounsellorAccount): Reports {
    if (account.role !== 'lead') {
      throw new CounsellorApiError(403, 'Forbidden', 'The statistics are for leads.');
    }
    if (!this.deps.reports) throw noSuch('statistics');
    return this.deps.reports;
  }

  /** The ticket, if the caller may act on it (see the class comment). */
  private async ticket(account: CounsellorAccount, id: string): Promise<Ticket> {
    const ticket = await this.deps.service.queue.get(id);
    if (!ticket) throw noSuch('ticket');
    if (account.role === 'lead' || ticket.counsellor === account.username) return ticket;
    if (ticket.status !== 'waiting') {
      throw new CounsellorApiError(403, 'Forbidden', 'This ticket belongs to another counsellor.');
    }
    if (!this.deps.service.queue.isOfferedTo(ticket, profileOf(account))) {
      throw new CounsellorApiError(
        403,
        'Forbidden',
        'This request waits for a colleague with its language; it comes to you if it waits longer.',
      );
    }
    return ticket;
  }

  /** The ticket, active and the caller's own (a lead may act on any). */
  private async active(account: CounsellorAccount, id: string): Promise<Ticket> {
    const ticket = await this.ticket(account, id);
    if (ticket.status !== 'active') throw notActive();
    return ticket;
  }
}

function profileOf(account: CounsellorAccount) {
  return { id: account.username, languages: account.languages, audiences: account.audiences };
}
