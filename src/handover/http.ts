import restify, { type Request, type Response, type Server } from 'restify';
import { clientAddress, streamOrigin, type PublicAddress } from '../channels/directline/http';
import { describeError, type Logger } from '../logger';
import { sendHttpError } from '../util/httpError';
import { RETRY_AFTER_SECONDS, ROUTE_DEADLINE_MS, within } from '../util/deadline';
import { isUnavailable } from '../storage/errors';
import { OutboundRefusedError } from '../channels/botFramework';
import { CounsellorApiError, type CounsellorAuth } from './counsellorAuth';
import { nameOf, type CounsellorAccount, type CounsellorDirectory } from './counsellors';
import type { Delivery } from './delivery';
import type { HandoverEvent } from './events';
import { localizedAttachments, partnerCard, type Partner } from '../partners/partners';
import { ActionTypes, CardFactory } from 'botbuilder';
import type { HandoverService } from './service';
import type { ContactRequest } from './records';
import type { Statistics } from '../stats/statistics';
import type { Ticket, TicketStatus } from './ticket';

/** Largest request body of the counsellor API (a message is short). */
export const MAX_COUNSELLOR_BODY_BYTES = 16 * 1024;
/** How often an open event stream gets a keep-alive comment (and the account is checked again). */
export const EVENT_STREAM_HEARTBEAT_MS = 25_000;
/** Longest message a counsellor can send in one go (as long as a user's). */
export const MAX_COUNSELLOR_MESSAGE_CHARS = 2000;
const LISTED: readonly TicketStatus[] = ['waiting', 'active', 'closed'];

/** What the counsellor API needs. */
export interface CounsellorApiDeps {
  auth: CounsellorAuth;
  service: HandoverService;
  directory: CounsellorDirectory;
  delivery: Delivery;
  /** The network partners a counsellor can refer a user to. */
  partners: readonly Partner[];
  /** The service point's time zone, for times told to users. */
  timeZone: string;
  /** The anonymous statistics (the lead's reports). */
  stats?: Statistics;
  /** Aborted when the process shuts down: open event streams end (the console reconnects). */
  shutdown?: AbortSignal;
  /** Deletes everything stored of a ticket's user and conversation (state, transcript, requests). */
  forgetConversation(ticket: Ticket): Promise<void>;
  address: PublicAddress;
  logger: Logger;
}

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

/**
 * Answers a failed console request: a refusal as it is; storage that did not
 * answer (or answered too late) 503 with Retry-After; a channel the bot may
 * not send to 409; anything else 500, with the cause in the log only.
 */
function fail(res: Response, error: unknown, logger: Logger, what: string): void {
  if (error instanceof CounsellorApiError) {
    sendHttpError(res, error, { code: error.code, message: error.message });
  } else if (isUnavailable(error)) {
    logger.warn({ err: describeError(error) }, `${what}: storage did not answer`);
    const unavailable = new CounsellorApiError(
      503,
      'ServiceUnavailable',
      'The service is unavailable; try again shortly.',
      RETRY_AFTER_SECONDS,
    );
    sendHttpError(res, unavailable, { code: unavailable.code, message: unavailable.message });
  } else if (error instanceof OutboundRefusedError) {
    res.send(409, {
      code: 'Unreachable',
      message: "This user's channel cannot receive messages from this bot.",
    });
  } else {
    logger.error({ err: describeError(error) }, what);
    res.send(500, { code: 'InternalError', message: 'Internal error' });
  }
}

/**
 * The counsellor console's REST API under `/api/counsellor`: JSON in and
 * out, `Authorization: Bearer <session token>` on everything but the login.
 */
export function registerCounsellorRoutes(server: Server, deps: CounsellorApiDeps): void {
  const body = restify.plugins.bodyParser({
    maxBodySize: MAX_COUNSELLOR_BODY_BYTES,
    mapParams: false,
    mapFiles: false,
  });
  const handle =
    (
      work: (
        req: Request,
        account: CounsellorAccount,
      ) => Promise<{ status?: number; body: unknown }>,
    ) =>
    async (req: Request, res: Response) => {
      try {
        const answer = (async () => {
          const account = await deps.auth.authenticate(req.header('authorization'));
          return work(req, account);
        })();
        const result = await within(answer, ROUTE_DEADLINE_MS);
        res.send(result.status ?? 200, result.body);
      } catch (error) {
        fail(res, error, deps.logger, 'counsellor request failed');
      }
    };
  const { service } = deps;
  /**
   * The ticket, if the caller may see it: a lead any; a counsellor their own,
   * and a waiting one only when routing offers it to them (their languages and
   * audiences, or after escalation).
   */
  const ticketOf = async (req: Request, account: CounsellorAccount): Promise<Ticket> => {
    const ticket = await service.queue.get(String(req.params.id ?? ''));
    if (!ticket) throw new CounsellorApiError(404, 'NotFound', 'No such ticket.');
    if (account.role === 'lead' || ticket.counsellor === account.username) return ticket;
    if (ticket.status !== 'waiting') {
      throw new CounsellorApiError(403, 'Forbidden', 'This ticket belongs to another counsellor.');
    }
    const profile = {
      id: account.username,
      languages: account.languages,
      audiences: account.audiences,
    };
    if (!service.queue.isOfferedTo(ticket, profile)) {
      throw new CounsellorApiError(
        403,
        'Forbidden',
        'This request waits for a colleague with its language; it comes to you if it waits longer.',
      );
    }
    return ticket;
  };
  /** The ticket, active and the caller's own (the lead may act on any). */
  const ownActive = async (req: Request, account: CounsellorAccount): Promise<Ticket> => {
    const ticket = await ticketOf(req, account);
    if (ticket.status !== 'active') {
      throw new CounsellorApiError(409, 'Conflict', 'The ticket is not active.');
    }
    return ticket;
  };
  const notActive = () => new CounsellorApiError(409, 'Conflict', 'The ticket is not active.');

  server.post('/api/counsellor/session', body, async (req: Request, res: Response) => {
    const { username, password } = (req.body ?? {}) as Record<string, unknown>;
    if (typeof username !== 'string' || typeof password !== 'string') {
      res.send(400, { code: 'BadRequest', message: 'Send {"username", "password"}.' });
      return;
    }
    try {
      const session = deps.auth.login(username, password, clientAddress(req, deps.address));
      res.send(200, await within(session, ROUTE_DEADLINE_MS));
    } catch (error) {
      fail(res, error, deps.logger, 'counsellor login failed');
    }
  });

  server.get(
    '/api/counsellor/me',
    handle(async (_req, account) => ({
      body: {
        username: account.username,
        name: nameOf(account),
        role: account.role,
        languages: account.languages,
        audiences: account.audiences,
      },
    })),
  );

  // Live updates as server-sent events: every ticket change (id, status and language only),
  // callback requests, and the messages of the counsellor's own tickets (a lead's: all).
  // An open stream also marks its counsellor as online, so users are not queued for nobody.
  server.get('/api/counsellor/events', async (req: Request, res: Response) => {
    let account: CounsellorAccount;
    try {
      const opening = (async () => {
        const who = await deps.auth.authenticate(req.header('authorization'));
        await service.presence.touch(who.username);
        return who;
      })();
      account = await within(opening, ROUTE_DEADLINE_MS);
    } catch (error) {
      fail(res, error, deps.logger, 'counsellor event stream failed');
      return;
    }
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      'x-accel-buffering': 'no',
    });
    res.write(': connected\n\n');
    const visible = (event: HandoverEvent) =>
      event.type !== 'message' || account.role === 'lead' || event.counsellor === account.username;
    const stop = service.events.subscribe((event) => {
      if (visible(event)) res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
    });
    const heartbeat = setInterval(() => {
      void deps.auth
        .authenticate(req.header('authorization'))
        .then(async () => {
          await service.presence.touch(account.username);
          res.write(': keep-alive\n\n');
        })
        .catch(() => res.end()); // logged out, expired or disabled meanwhile, or storage gone
    }, EVENT_STREAM_HEARTBEAT_MS);
    const end = () => res.end();
    deps.shutdown?.addEventListener('abort', end, { once: true });
    req.on('close', () => {
      deps.shutdown?.removeEventListener('abort', end);
      stop();
      clearInterval(heartbeat);
      service.presence.leave(account.username).catch(() => undefined);
    });
  });

  server.get(
    '/api/counsellor/tickets',
    handle(async (req, account) => {
      const status = (new URLSearchParams(req.getQuery()).get('status') ??
        'waiting') as TicketStatus;
      if (!LISTED.includes(status)) {
        throw new CounsellorApiError(400, 'BadRequest', 'status is waiting, active or closed.');
      }
      const now = Date.now();
      if (status === 'waiting') {
        const profile = {
          id: account.username,
          languages: account.languages,
          audiences: account.audiences,
        };
        const offers =
          account.role === 'lead'
            ? (await service.queue.list('waiting')).map((ticket) => ({ ticket, escalated: false }))
            : await service.queue.offers(profile);
        return { body: offers.map((offer) => view(offer.ticket, now, offer.escalated)) };
      }
      const tickets = (await service.queue.list(status)).filter(
        (ticket) => account.role === 'lead' || ticket.counsellor === account.username,
      );
      return { body: tickets.map((ticket) => view(ticket, now)) };
    }),
  );

  server.get(
    '/api/counsellor/tickets/:id/transcript',
    handle(async (req, account) => {
      const ticket = await ticketOf(req, account);
      const relayed = await service.queue.messages(ticket.id);
      return {
        body: {
          activities: await deps.delivery.transcript(ticket, relayed),
          messages: relayed,
        },
      };
    }),
  );

  server.post(
    '/api/counsellor/tickets/:id/accept',
    handle(async (req, account) => {
      const ticket = await ticketOf(req, account);
      const accepted = await service.accept(ticket.id, account.username, nameOf(account));
      if (!accepted) {
        throw new CounsellorApiError(409, 'Conflict', 'Another counsellor has taken this ticket.');
      }
      return { body: view(accepted, Date.now()) };
    }),
  );

  server.post(
    '/api/counsellor/tickets/:id/messages',
    body,
    handle(async (req, account) => {
      const text = (req.body as { text?: unknown } | undefined)?.text;
      if (
        typeof text !== 'string' ||
        text.trim() === '' ||
        text.length > MAX_COUNSELLOR_MESSAGE_CHARS
      ) {
        throw new CounsellorApiError(
          400,
          'BadRequest',
          `Send {"text"} with 1–${MAX_COUNSELLOR_MESSAGE_CHARS} characters.`,
        );
      }
      const ticket = await ownActive(req, account);
      // Plain text: what a counsellor types is shown as typed, never as markup.
      await deps.delivery.send(ticket, [
        {
          type: 'message',
          text,
          textFormat: 'plain',
          channelData: { counsellor: nameOf(account) },
        },
      ]);
      await service.queue.record(ticket.id, {
        from: 'counsellor',
        counsellor: account.username,
        text,
        at: Date.now(),
      });
      return { status: 201, body: { sent: true } };
    }),
  );

  server.post(
    '/api/counsellor/tickets/:id/close',
    handle(async (req, account) => {
      const ticket = await ownActive(req, account);
      const closed = await service.close(ticket.id, nameOf(account));
      if (!closed) throw notActive();
      return { body: view(closed, Date.now()) };
    }),
  );

  // To another counsellor ({"to": "<username>"}), or to a network partner
  // ({"to": "partner:<id>"}): the user gets the partner's card and the chat ends.
  server.post(
    '/api/counsellor/tickets/:id/transfer',
    body,
    handle(async (req, account) => {
      const to = (req.body as { to?: unknown } | undefined)?.to;
      const partner =
        typeof to === 'string' && to.startsWith('partner:')
          ? deps.partners.find((candidate) => `partner:${candidate.id}` === to)
          : undefined;
      if (partner) {
        const ticket = await ownActive(req, account);
        await service.say(ticket, [
          { key: 'handover:referred', args: { name: nameOf(account), partner: partner.name } },
        ]);
        await deps.delivery.sendLocalized(ticket, (t) => [
          partnerCard(partner, t, ticket.language),
        ]);
        const closed = await service.close(ticket.id, nameOf(account));
        if (!closed) throw notActive();
        return { body: view(closed, Date.now()) };
      }
      const target =
        typeof to === 'string' && !to.startsWith('partner:')
          ? await deps.directory.get(to)
          : undefined;
      if (!target || target.disabled) {
        throw new CounsellorApiError(
          400,
          'BadRequest',
          'Send {"to"} with an active counsellor or "partner:<id>".',
        );
      }
      const ticket = await ownActive(req, account);
      const moved = await service.queue.transfer(ticket.id, target.username);
      if (!moved) throw notActive();
      await service.say(moved, [{ key: 'handover:transferred', args: { name: nameOf(target) } }]);
      return { body: view(moved, Date.now()) };
    }),
  );

  // Who a ticket can go to: the counsellors (with their languages and whether
  // they are online) and the network partners.
  server.get(
    '/api/counsellor/counsellors',
    handle(async () => {
      const online = new Set(await service.presence.online());
      const accounts = (await deps.directory.list()).filter((account) => !account.disabled);
      return {
        body: accounts.map((account) => ({
          username: account.username,
          name: nameOf(account),
          languages: account.languages,
          audiences: account.audiences,
          online: online.has(account.username),
        })),
      };
    }),
  );

  server.get(
    '/api/counsellor/partners',
    handle(async () => ({
      body: deps.partners.map((partner) => ({
        id: `partner:${partner.id}`,
        name: partner.name,
        topics: partner.topics,
        regions: partner.regions,
      })),
    })),
  );

  server.get(
    '/api/counsellor/callbacks',
    handle(async () => {
      const requests = await service.callbacks.list();
      return {
        body: requests.map((request) => ({
          ...contactView(request),
          topics: request.topics,
          ...(request.description ? { summary: request.description } : {}),
        })),
      };
    }),
  );

  // Done (called back; forwarded to the partner): the request, with the contact, is deleted.
  for (const [kind, done] of [
    ['callbacks', (id: string) => service.callbackDone(id)],
    ['referrals', (id: string) => service.referralDone(id)],
  ] as const) {
    server.post(
      `/api/counsellor/${kind}/:id/done`,
      handle(async (req) => {
        if (!(await done(String(req.params.id ?? '')))) {
          throw new CounsellorApiError(404, 'NotFound', 'No such request.');
        }
        return { body: { deleted: true } };
      }),
    );
  }

  server.get(
    '/api/counsellor/referrals',
    handle(async () => ({
      body: (await service.referrals.list()).map((referral) => ({
        ...contactView(referral),
        partner: referral.partnerName,
        partnerId: referral.partnerId,
        topics: referral.topics,
        ...(referral.description ? { summary: referral.description } : {}),
      })),
    })),
  );

  server.get(
    '/api/counsellor/appointments',
    handle(async () => ({
      body: (await service.appointments.list()).map((appointment) => ({
        ...contactView(appointment),
        start: new Date(appointment.start).toISOString(),
        minutes: appointment.minutes,
        place: appointment.place,
        status: appointment.status,
      })),
    })),
  );

  // Confirm or decline a requested appointment: the user hears it in the chat,
  // a confirmation with a link to its calendar file.
  for (const decision of ['confirm', 'decline'] as const) {
    server.post(
      `/api/counsellor/appointments/:id/${decision}`,
      handle(async (req) => {
        const id = String(req.params.id ?? '');
        const request = await service.appointments.get(id);
        if (!request) throw new CounsellorApiError(404, 'NotFound', 'No such appointment request.');
        if (request.status !== 'requested') {
          throw new CounsellorApiError(
            409,
            'Conflict',
            `The appointment is already ${request.status}.`,
          );
        }
        const status = decision === 'confirm' ? 'confirmed' : 'declined';
        const changed = await service.appointments.update(id, { status });
        if (!changed) throw new CounsellorApiError(404, 'NotFound', 'No such appointment request.');
        await service.events.publish({ type: 'appointment', id, status });
        const time = { time: changed.start, timeZone: deps.timeZone };
        const base = streamOrigin(req, deps.address).replace(/^ws/, 'http');
        await service.say(
          changed,
          decision === 'confirm'
            ? [
                {
                  key: 'offers:appointment.confirmed',
                  args: {
                    time,
                    place: changed.place,
                    link: `${base}/calendar/appointments/${id}.ics`,
                  },
                },
              ]
            : [{ key: 'offers:appointment.declined', args: { time } }],
          decision === 'confirm' ? [] : [{ value: { action: 'appointment' } }],
        );
        if (decision === 'confirm') {
          // A button too: a plain-text link is not clickable in every chat.
          await deps.delivery
            .sendLocalized(changed, (t) => [
              localizedAttachments(
                [
                  CardFactory.heroCard('', undefined, [
                    {
                      type: ActionTypes.OpenUrl,
                      title: t('offers:events.calendar'),
                      value: `${base}/calendar/appointments/${id}.ics`,
                    },
                  ]),
                ],
                changed.language,
              ),
            ])
            .catch((error: unknown) =>
              deps.logger.warn({ err: describeError(error) }, 'calendar button not delivered'),
            );
        }
        return { body: { id, status } };
      }),
    );
  }

  // At the user's request (by phone, in person): everything of the ticket's
  // user and conversation is deleted, and the user is told in the chat.
  server.post(
    '/api/counsellor/tickets/:id/forget',
    handle(async (req, account) => {
      const ticket = await ticketOf(req, account);
      await deps.forgetConversation(ticket);
      await service.say(ticket, [{ key: 'privacy.deletedByCounsellor' }]);
      return { body: { deleted: true } };
    }),
  );

  // The anonymous statistics, for leads: JSON rows, or CSV for a project report.
  const period = (req: Request, account: CounsellorAccount) => {
    if (account.role !== 'lead') {
      throw new CounsellorApiError(403, 'Forbidden', 'The statistics are for leads.');
    }
    if (!deps.stats) throw new CounsellorApiError(404, 'NotFound', 'No statistics here.');
    const query = new URLSearchParams(req.getQuery());
    const from = query.get('from') ?? '';
    const to = query.get('to') ?? '';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to) || to < from) {
      throw new CounsellorApiError(400, 'BadRequest', 'Send ?from=YYYY-MM-DD&to=YYYY-MM-DD.');
    }
    return { stats: deps.stats, from, to };
  };
  server.get(
    '/api/counsellor/stats',
    handle(async (req, account) => {
      const { stats, from, to } = period(req, account);
      return { body: { from, to, rows: await stats.report(from, to) } };
    }),
  );
  server.get('/api/counsellor/stats.csv', async (req: Request, res: Response) => {
    try {
      const exporting = (async () => {
        const account = await deps.auth.authenticate(req.header('authorization'));
        const { stats, from, to } = period(req, account);
        return { from, to, csv: await stats.csv(from, to) };
      })();
      const { from, to, csv } = await within(exporting, ROUTE_DEADLINE_MS);
      res.setHeader('content-type', 'text/csv; charset=utf-8');
      res.setHeader(
        'content-disposition',
        `attachment; filename="kausa-statistik-${from}-${to}.csv"`,
      );
      res.writeHead(200);
      res.end(csv);
    } catch (error) {
      fail(res, error, deps.logger, 'statistics export failed');
    }
  });
}
