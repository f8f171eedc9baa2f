import { nameOf, type CounsellorAccount, type CounsellorDirectory } from './counsellors';
import type { HandoverService } from './service';
import type { RelayedMessage, Ticket, TicketStatus } from './ticket';
import { contactView, view, type TicketView } from './ticketView';

export type { TicketView } from './ticketView';
import { CounsellorApiError } from './counsellorAuth';
import type { ConsoleLanguage } from '../content/consoleStrings';
import type { Handover } from '.';
import type { Translator } from '../translation/libreTranslate';
import { userTexts } from './consoleTranscript';
import { ConsoleTranslation } from './consoleTranslation';
import { ConsoleQuickReplies } from './consoleQuickReplies';
import type { QuickReplyStore } from './quickReplies';
import type { QuickReplyProblem } from '../content/quickReplyCheck';

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
  /** A ticket's summary and its conversation's lines in a console language. */
  read: Handover['read'];
  /** The service point's own translation engine (`TRANSLATION_URL`), when it runs one. */
  translator?: Translator;
  /** Where each counsellor's own quick replies are kept. */
  quickReplies: QuickReplyStore;
  /** The content check of a counsellor's own quick reply. */
  checkQuickReply(texts: Record<string, unknown>): QuickReplyProblem[];
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
  private readonly translation: ConsoleTranslation | undefined;
  /** The caller's own quick replies. */
  readonly own: ConsoleQuickReplies;

  constructor(private readonly deps: CounsellorConsoleDeps) {
    this.now = deps.now ?? Date.now;
    this.translation = deps.translator
      ? new ConsoleTranslation(deps.translator, deps.service.queue)
      : undefined;
    this.own = new ConsoleQuickReplies({
      store: deps.quickReplies,
      check: deps.checkQuickReply,
      ...(deps.translator ? { translator: deps.translator } : {}),
      ...(deps.now ? { now: deps.now } : {}),
    });
  }

  /** The caller's own account as the console shows it. */
  me(account: CounsellorAccount) {
    return {
      username: account.username,
      name: nameOf(account),
      role: account.role,
      languages: account.languages,
      audiences: account.audiences,
      /** Whether machine translation is offered (the service point runs an engine). */
      translation: this.translation !== undefined,
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

  /**
   * The conversation so far and the messages relayed since the handover, with
   * what the console shows of them in its language: the summary of the
   * request and each message's lines (gists, the bot's words, originals).
   */
  async transcript(account: CounsellorAccount, id: string, language: ConsoleLanguage = 'de') {
    const ticket = await this.ticket(account, id);
    const relayed: RelayedMessage[] = await this.deps.service.queue.messages(ticket.id);
    const activities = await this.deps.service.channel.transcript(ticket, relayed);
    return {
      activities,
      messages: relayed,
      ...(await this.deps.read(ticket, activities, relayed, language)),
    };
  }

  /** The user's messages of a ticket machine-translated into the console's language. */
  async translations(account: CounsellorAccount, id: string, language: ConsoleLanguage) {
    const ticket = await this.ticket(account, id);
    if (!this.translation) throw noSuch('translation engine');
    const relayed = await this.deps.service.queue.messages(ticket.id);
    const activities = await this.deps.service.channel.transcript(ticket, relayed);
    return this.translation.userMessages(ticket, userTexts(activities), language);
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

  /**
   * Sends the counsellor's message to the user (as typed, never as markup) and
   * keeps it in the transcript. With `translateFrom` (the language they wrote
   * in) it goes machine-translated into the user's language, the original
   * kept, and the user is told it was translated; a failed translation sends
   * nothing (a 502).
   */
  async reply(
    account: CounsellorAccount,
    id: string,
    written: string,
    translateFrom?: ConsoleLanguage,
  ): Promise<{ sent: true; text: string }> {
    const ticket = await this.active(account, id);
    const translated = translateFrom !== undefined && ticket.language !== translateFrom;
    if (translated && !this.translation) throw noSuch('translation engine');
    const text =
      translated && this.translation
        ? await this.translation.counsellorMessage(ticket, written, translateFrom)
        : written;
    await this.deps.service.channel.notify(ticket, {
      kind: 'message',
      counsellor: nameOf(account),
      text,
      ...(translated ? { translated: true } : {}),
    });
    await this.deps.service.queue.record(ticket.id, {
      from: 'counsellor',
      counsellor: account.username,
      text,
      at: this.now(),
      ...(translated ? { original: { text: written, language: translateFrom } } : {}),
    });
    return { sent: true, text };
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
