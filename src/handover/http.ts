import restify, { type Request, type Response, type Server } from 'restify';
import { clientAddress, type PublicAddress } from '../channels/directline/http';
import { describeError, type Logger } from '../logger';
import { sendHttpError } from '../util/httpError';
import { CounsellorApiError, type CounsellorAuth } from './counsellorAuth';
import type { CounsellorAccount, CounsellorDirectory } from './counsellors';
import type { Delivery } from './delivery';
import type { HandoverEvent, HandoverEvents } from './events';
import type { HandoverQueue } from './queue';
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
  queue: HandoverQueue;
  events: HandoverEvents;
  directory: CounsellorDirectory;
  delivery: Delivery;
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

function fail(res: Response, error: CounsellorApiError): void {
  sendHttpError(res, error, { code: error.code, message: error.message });
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
        const account = await deps.auth.authenticate(req.header('authorization'));
        const result = await work(req, account);
        res.send(result.status ?? 200, result.body);
      } catch (error) {
        if (error instanceof CounsellorApiError) return fail(res, error);
        deps.logger.error({ err: describeError(error) }, 'counsellor request failed');
        res.send(500, { code: 'InternalError', message: 'Internal error' });
      }
    };
  const ticketOf = async (req: Request, account: CounsellorAccount): Promise<Ticket> => {
    const ticket = await deps.queue.get(String(req.params.id ?? ''));
    if (!ticket) throw new CounsellorApiError(404, 'NotFound', 'No such ticket.');
    const own = ticket.counsellor === account.username;
    if (ticket.status !== 'waiting' && !own && account.role !== 'lead') {
      throw new CounsellorApiError(403, 'Forbidden', 'This ticket belongs to another counsellor.');
    }
    return ticket;
  };

  server.post('/api/counsellor/session', body, async (req: Request, res: Response) => {
    const { username, password } = (req.body ?? {}) as Record<string, unknown>;
    if (typeof username !== 'string' || typeof password !== 'string') {
      return res.send(400, { code: 'BadRequest', message: 'Send {"username", "password"}.' });
    }
    try {
      res.send(200, await deps.auth.login(username, password, clientAddress(req, deps.address)));
    } catch (error) {
      if (error instanceof CounsellorApiError) return fail(res, error);
      deps.logger.error({ err: describeError(error) }, 'counsellor login failed');
      res.send(500, { code: 'InternalError', message: 'Internal error' });
    }
  });

  // Live updates as server-sent events: every ticket change (id, status and language only),
  // and the messages of the counsellor's own tickets (a lead's: all).
  server.get('/api/counsellor/events', async (req: Request, res: Response) => {
    let account: CounsellorAccount;
    try {
      account = await deps.auth.authenticate(req.header('authorization'));
    } catch (error) {
      if (error instanceof CounsellorApiError) return fail(res, error);
      throw error;
    }
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      'x-accel-buffering': 'no',
    });
    res.write(': connected\n\n');
    const visible = (event: HandoverEvent) =>
      event.type === 'ticket' || account.role === 'lead' || event.counsellor === account.username;
    const stop = deps.events.subscribe((event) => {
      if (visible(event)) res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
    });
    const heartbeat = setInterval(() => {
      void deps.auth.authenticate(req.header('authorization')).then(
        () => res.write(': keep-alive\n\n'),
        () => res.end(), // logged out, expired or disabled meanwhile
      );
    }, EVENT_STREAM_HEARTBEAT_MS);
    req.on('close', () => {
      stop();
      clearInterval(heartbeat);
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
            ? (await deps.queue.list('waiting')).map((ticket) => ({ ticket, escalated: false }))
            : await deps.queue.offers(profile);
        return { body: offers.map((offer) => view(offer.ticket, now, offer.escalated)) };
      }
      const tickets = (await deps.queue.list(status)).filter(
        (ticket) => account.role === 'lead' || ticket.counsellor === account.username,
      );
      return { body: tickets.map((ticket) => view(ticket, now)) };
    }),
  );

  /** The ticket, active and the caller's own (the lead may act on any). */
  const ownActive = async (req: Request, account: CounsellorAccount): Promise<Ticket> => {
    const ticket = await ticketOf(req, account);
    if (ticket.status !== 'active') {
      throw new CounsellorApiError(409, 'Conflict', 'The ticket is not active.');
    }
    return ticket;
  };

  server.get(
    '/api/counsellor/tickets/:id/transcript',
    handle(async (req, account) => {
      const ticket = await ticketOf(req, account);
      const relayed = await deps.queue.messages(ticket.id);
      return { body: { activities: await deps.delivery.transcript(ticket, relayed) } };
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
      await deps.delivery.send(ticket, {
        type: 'message',
        text,
        textFormat: 'plain',
        channelData: { counsellor: account.username },
      });
      await deps.queue.record(ticket.id, {
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
      const closed = await deps.queue.close(ticket.id);
      if (!closed) throw new CounsellorApiError(409, 'Conflict', 'The ticket is not active.');
      await deps.delivery.send(
        closed,
        deps.delivery.note(closed, 'counsellorLeft', { name: account.username }),
      );
      return { body: view(closed, Date.now()) };
    }),
  );

  server.post(
    '/api/counsellor/tickets/:id/transfer',
    body,
    handle(async (req, account) => {
      const to = (req.body as { to?: unknown } | undefined)?.to;
      const target = typeof to === 'string' ? await deps.directory.get(to) : undefined;
      if (!target || target.disabled) {
        throw new CounsellorApiError(400, 'BadRequest', 'Send {"to"} with an active counsellor.');
      }
      const ticket = await ownActive(req, account);
      const moved = await deps.queue.transfer(ticket.id, target.username);
      if (!moved) throw new CounsellorApiError(409, 'Conflict', 'The ticket is not active.');
      return { body: view(moved, Date.now()) };
    }),
  );

  server.post(
    '/api/counsellor/tickets/:id/accept',
    handle(async (req, account) => {
      const ticket = await ticketOf(req, account);
      const accepted = await deps.queue.accept(ticket.id, account.username);
      if (!accepted) {
        throw new CounsellorApiError(409, 'Conflict', 'Another counsellor has taken this ticket.');
      }
      return { body: view(accepted, Date.now()) };
    }),
  );
}
