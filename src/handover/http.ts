import restify, { type Request, type Response, type Server } from 'restify';
import { consoleLanguageOf } from '../content/consoleStrings';
import { clientAddress, streamOrigin, type PublicAddress } from '../http/address';
import { respond, toHttpError, plainError } from '../http/respond';
import type { Logger } from '../logger';
import { sendHttpError } from '../util/httpError';
import { ROUTE_DEADLINE_MS, within } from '../util/deadline';
import type { CounsellorAuth } from './counsellorAuth';
import type { CounsellorAccount } from './counsellors';
import type { CounsellorConsole } from './console';
import type { HandoverEvent } from './events';
import { EVENT_STREAM_HEARTBEAT_MS, MAX_COUNSELLOR_BODY_BYTES } from './limits';
import {
  DraftBody,
  LoginBody,
  MessageBody,
  parse,
  QuickReplyBody,
  StatsQuery,
  TicketsQuery,
  TransferBody,
} from './schemas';
import type { HandoverService } from './service';

export {
  MAX_COUNSELLOR_BODY_BYTES,
  EVENT_STREAM_HEARTBEAT_MS,
  MAX_COUNSELLOR_MESSAGE_CHARS,
} from './limits';

/** What the counsellor API needs. */
export interface CounsellorApiDeps {
  auth: CounsellorAuth;
  console: CounsellorConsole;
  /** For the live updates: ticket events and presence. */
  service: HandoverService;
  /** Aborted when the process shuts down: open event streams end (the console reconnects). */
  shutdown?: AbortSignal;
  address: PublicAddress;
  logger: Logger;
}

const query = (req: Request) => Object.fromEntries(new URLSearchParams(req.getQuery()));
const id = (req: Request) => String(req.params.id ?? '');

/**
 * The counsellor console's REST API under `/api/counsellor`: JSON in and
 * out, `Authorization: Bearer <session token>` on everything but the login.
 * Each route authenticates, parses its input with a schema and calls the
 * {@link CounsellorConsole}; errors are mapped in one place (`respond`).
 */
export function registerCounsellorRoutes(server: Server, deps: CounsellorApiDeps): void {
  const { console: desk, logger } = deps;
  const body = restify.plugins.bodyParser({
    maxBodySize: MAX_COUNSELLOR_BODY_BYTES,
    mapParams: false,
    mapFiles: false,
  });
  const options = { logger, what: 'counsellor request failed' };
  /** An authenticated route: `work` gets the request and the caller's account. */
  const route =
    (work: (req: Request, me: CounsellorAccount) => Promise<unknown> | unknown, status = 200) =>
    async (req: Request, res: Response) =>
      respond(
        res,
        async () => {
          const me = await deps.auth.authenticate(req.header('authorization'));
          return { status, body: await work(req, me) };
        },
        options,
      );
  const api = '/api/counsellor';

  server.post(`${api}/session`, body, async (req: Request, res: Response) =>
    respond(
      res,
      async () => {
        const login = parse(LoginBody, req.body, 'Send {"username", "password"}.');
        const address = clientAddress(req, deps.address);
        return { body: await deps.auth.login(login.username, login.password, address) };
      },
      { logger, what: 'counsellor login failed' },
    ),
  );
  server.get(
    `${api}/me`,
    route((_req, me) => desk.me(me)),
  );
  server.get(`${api}/events`, async (req: Request, res: Response) =>
    openEventStream(req, res, deps),
  );

  const statusQuery = 'status is waiting, active or closed.';
  server.get(
    `${api}/tickets`,
    route((req, me) => desk.tickets(me, parse(TicketsQuery, query(req), statusQuery).status)),
  );
  server.get(
    `${api}/tickets/:id/transcript`,
    route((req, me) => desk.transcript(me, id(req), consoleLanguageOf(query(req).lang))),
  );
  server.get(
    `${api}/tickets/:id/translations`,
    route((req, me) => desk.translations(me, id(req), consoleLanguageOf(query(req).lang))),
  );
  // The caller's own quick replies (in every language, checked as content is).
  server.get(
    `${api}/quick-replies`,
    route((_req, me) => desk.own.list(me)),
  );
  server.post(
    `${api}/quick-replies`,
    body,
    route((req, me) => {
      const { texts } = parse(QuickReplyBody, req.body, 'Send {"texts": {"<language>": "…"}}.');
      return desk.own.add(me, texts);
    }, 201),
  );
  server.post(
    `${api}/quick-replies/check`,
    body,
    route((req) => {
      const { texts } = parse(QuickReplyBody, req.body, 'Send {"texts": {"<language>": "…"}}.');
      return desk.own.check(texts);
    }),
  );
  server.post(
    `${api}/quick-replies/draft`,
    body,
    route((req) => {
      const draft = parse(DraftBody, req.body, 'Send {"text", "from": "de" | "en"}.');
      return desk.own.draft(draft.text, draft.from);
    }),
  );
  server.del(
    `${api}/quick-replies/:id`,
    route((req, me) => desk.own.remove(me, id(req))),
  );
  server.post(
    `${api}/tickets/:id/accept`,
    route((req, me) => desk.accept(me, id(req))),
  );
  server.post(
    `${api}/tickets/:id/messages`,
    body,
    route((req, me) => {
      const message = parse(
        MessageBody,
        req.body,
        'Send {"text"} with 1–2000 characters (and {"translateFrom": "de" | "en"} to send it translated).',
      );
      return desk.reply(me, id(req), message.text, message.translateFrom);
    }, 201),
  );
  server.post(
    `${api}/tickets/:id/close`,
    route((req, me) => desk.close(me, id(req))),
  );
  // To another counsellor ({"to": "<username>"}), or to a network partner
  // ({"to": "partner:<id>"}): the user gets the partner's card and the chat ends.
  server.post(
    `${api}/tickets/:id/transfer`,
    body,
    route((req, me) => {
      const expected = 'Send {"to"} with an active counsellor or "partner:<id>".';
      return desk.transfer(me, id(req), parse(TransferBody, req.body, expected).to);
    }),
  );
  // At the user's request (by phone, in person): everything of the ticket's user is deleted.
  server.post(
    `${api}/tickets/:id/forget`,
    route((req, me) => desk.forget(me, id(req))),
  );

  server.get(
    `${api}/counsellors`,
    route(() => desk.counsellors()),
  );
  server.get(
    `${api}/partners`,
    route(() => desk.partners()),
  );
  server.get(
    `${api}/callbacks`,
    route(() => desk.callbacks()),
  );
  server.get(
    `${api}/referrals`,
    route(() => desk.referrals()),
  );
  server.get(
    `${api}/appointments`,
    route(() => desk.appointments()),
  );
  for (const kind of ['callbacks', 'referrals'] as const) {
    server.post(
      `${api}/${kind}/:id/done`,
      route((req) => desk.requestDone(kind, id(req))),
    );
  }
  for (const decision of ['confirm', 'decline'] as const) {
    server.post(
      `${api}/appointments/:id/${decision}`,
      route((req) => {
        const base = streamOrigin(req, deps.address).replace(/^ws/, 'http');
        return desk.decideAppointment(id(req), decision, base);
      }),
    );
  }

  const period = (req: Request) =>
    parse(StatsQuery, query(req), 'Send ?from=YYYY-MM-DD&to=YYYY-MM-DD.');
  server.get(
    `${api}/stats`,
    route((req, me) => {
      const { from, to } = period(req);
      return desk.stats(me, from, to);
    }),
  );
  server.get(`${api}/stats.csv`, async (req: Request, res: Response) => {
    try {
      const exporting = (async () => {
        const me = await deps.auth.authenticate(req.header('authorization'));
        const { from, to } = period(req);
        return { from, to, csv: await desk.statsCsv(me, from, to) };
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
      const failure = toHttpError(error, logger, 'statistics export failed');
      sendHttpError(res, failure, plainError(failure));
    }
  });
}

/**
 * Live updates as server-sent events: every ticket change (id, status and
 * language only), requests users left, and the messages of the counsellor's
 * own tickets (a lead's: all). An open stream also marks its counsellor as
 * online, so users are not queued for nobody.
 */
async function openEventStream(req: Request, res: Response, deps: CounsellorApiDeps) {
  const { service } = deps;
  let account: CounsellorAccount;
  try {
    const opening = (async () => {
      const who = await deps.auth.authenticate(req.header('authorization'));
      await service.presence.touch(who.username);
      return who;
    })();
    account = await within(opening, ROUTE_DEADLINE_MS);
  } catch (error) {
    const failure = toHttpError(error, deps.logger, 'counsellor event stream failed');
    sendHttpError(res, failure, plainError(failure));
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
}
