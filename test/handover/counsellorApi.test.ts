import { createHmac, createSecretKey } from 'node:crypto';
import { expect } from 'chai';
import jwt from 'jsonwebtoken';
import type { RunningApp } from '../../src/index';
import { hashPassword, type CounsellorAccount } from '../../src/handover';
import { MAX_FAILED_LOGINS } from '../../src/handover/counsellorAuth';
import type { Activity } from 'botbuilder';
import type { HandoverRequest } from '../../src/handover/queue';
import type { Ticket } from '../../src/handover/ticket';
import { DIRECT_LINE_SERVICE_URL } from '../../src/channels/directline';
import { describeTime } from '../../src/content/hours';
import { startTestApp, TEST_DIRECT_LINE_SECRET } from '../support/app';
import { tr } from '../support/bot';
import { call, widgetToken } from '../support/directLine';
import {
  counsellorApi,
  openEvents as openEventStream,
  runHandoverScenario,
} from '../support/handover';

const PASSWORD = 'sehr-geheim-2026';

const api = (
  app: RunningApp,
  method: 'GET' | 'POST',
  path: string,
  token?: string,
  body?: unknown,
) => counsellorApi(app.url, method, path, token, body);
const openEvents = (app: RunningApp, token: string) => openEventStream(app.url, token);

/**
 * A widget conversation in which the user wrote `text`, with a waiting
 * ticket for it (as the handover dialog opens one).
 */
async function widgetTicket(
  app: RunningApp,
  text: string,
  request: Omit<HandoverRequest, 'reference'>,
): Promise<{ token: string; conversationId: string; ticket: Ticket }> {
  const { token, conversationId } = await widgetToken(app.url);
  await call(app.url, 'POST', '/conversations', token, { locale: request.language });
  const posted = await call(app.url, 'POST', `/conversations/${conversationId}/activities`, token, {
    type: 'message',
    text,
  });
  const log = await call(app.url, 'GET', `/conversations/${conversationId}/activities`, token);
  const echo = (log.body.activities as Activity[]).find(
    (activity) => activity.id === posted.body.id,
  );
  const ticket = await app.handover.queue.request({
    reference: {
      conversation: { id: conversationId } as never,
      channelId: 'directline',
      serviceUrl: DIRECT_LINE_SERVICE_URL,
      user: echo!.from,
      bot: { id: 'kausa-bot', name: '' },
    },
    ...request,
  });
  return { token, conversationId, ticket };
}

describe('counsellor API: sessions, roles and tickets', function () {
  let app: RunningApp;
  const accounts: Array<Omit<CounsellorAccount, 'passwordHash' | 'createdAt' | 'disabled'>> = [
    { username: 'mariam', languages: ['fa', 'de'], audiences: [], role: 'counsellor' },
    {
      username: 'samir',
      displayName: 'Samir',
      languages: ['ar', 'de'],
      audiences: ['youth'],
      role: 'counsellor',
    },
    { username: 'jana', languages: ['de'], audiences: [], role: 'lead' },
    { username: 'ex', languages: ['de'], audiences: [], role: 'counsellor' },
  ];
  const tokens: Record<string, string> = {};
  let conversation = 0;
  const ask = (language: 'fa' | 'ar' | 'de', description?: string) =>
    app.handover.queue.request({
      reference: {
        conversation: { id: `api-${(conversation += 1)}` } as never,
        channelId: 'directline',
        serviceUrl: DIRECT_LINE_SERVICE_URL,
      },
      language,
      topics: ['certificate-recognition'],
      ...(description ? { description } : {}),
    });

  before(async function () {
    app = await startTestApp();
    const passwordHash = await hashPassword(PASSWORD);
    for (const account of accounts) {
      await app.handover.directory.put({
        ...account,
        passwordHash,
        disabled: false,
        createdAt: Date.now(),
      });
      const login = await api(app, 'POST', '/session', undefined, {
        username: account.username,
        password: PASSWORD,
      });
      expect(login.status).to.equal(200);
      tokens[account.username] = (login.body as { token: string }).token;
    }
  });

  after(async function () {
    await app.close();
  });

  it('answers 401 without a token, with a forged or expired one, and for a disabled account', async function () {
    expect((await api(app, 'GET', '/tickets')).status).to.equal(401);
    expect((await api(app, 'GET', '/tickets', 'forged')).status).to.equal(401);
    // Signed correctly, but an hour past its expiry.
    const key = createSecretKey(
      createHmac('sha256', TEST_DIRECT_LINE_SECRET).update('kausa-counsellor').digest(),
    );
    const expired = jwt.sign(
      { role: 'counsellor', exp: Math.floor(Date.now() / 1000) - 3600 },
      key,
      { algorithm: 'HS256', audience: 'kausa-counsellor', subject: 'mariam' },
    );
    expect((await api(app, 'GET', '/tickets', expired)).status).to.equal(401);
    const directLineToken = await (
      await fetch(`${app.url}/widget/token`, { method: 'POST' })
    ).json();
    expect(
      (await api(app, 'GET', '/tickets', (directLineToken as { token: string }).token)).status,
      'a widget token is not a session',
    ).to.equal(401);

    const ex = await app.handover.directory.get('ex');
    await app.handover.directory.put({ ...ex!, disabled: true });
    const refused = await api(app, 'GET', '/tickets', tokens.ex);
    expect(refused.status).to.equal(401);
    expect(refused.body).to.deep.equal({
      code: 'Unauthorized',
      message: 'Log in again (Authorization: Bearer <token>).',
    });
  });

  it(`refuses wrong passwords, and after ${MAX_FAILED_LOGINS} failures answers 429 even to the right one`, async function () {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < MAX_FAILED_LOGINS; attempt += 1) {
      statuses.push(
        (await api(app, 'POST', '/session', undefined, { username: 'jana', password: 'guess' }))
          .status,
      );
    }
    expect(statuses).to.deep.equal(Array(MAX_FAILED_LOGINS).fill(401));
    const locked = await api(app, 'POST', '/session', undefined, {
      username: 'jana',
      password: PASSWORD,
    });
    expect(locked.status).to.equal(429);
    expect(Number(locked.headers.get('retry-after'))).to.be.above(0);
    const unknown = await api(app, 'POST', '/session', undefined, {
      username: 'nobody',
      password: PASSWORD,
    });
    expect(unknown.status).to.equal(401);
    expect(unknown.body).to.deep.equal({
      code: 'Unauthorized',
      message: 'Wrong username or password.',
    });
  });

  it('offers a Dari ticket to the counsellor who speaks Dari, not to the Arabic speaker, and shows the lead everything', async function () {
    const fa = await ask('fa', 'مدرک دیپلمم از افغانستان است');
    const forMariam = (await api(app, 'GET', '/tickets?status=waiting', tokens.mariam))
      .body as Array<Record<string, unknown>>;
    expect(forMariam.map((ticket) => ticket.id)).to.include(fa.id);
    const mine = forMariam.find((ticket) => ticket.id === fa.id);
    expect(mine).to.deep.include({
      language: 'fa',
      summary: 'مدرک دیپلمم از افغانستان است',
      escalated: false,
    });
    expect(mine).to.not.have.property('reference');
    const forSamir = (await api(app, 'GET', '/tickets?status=waiting', tokens.samir))
      .body as Array<{ id: string }>;
    expect(forSamir.map((ticket) => ticket.id)).to.not.include(fa.id);
    const forLead = (await api(app, 'GET', '/tickets?status=waiting', tokens.jana)).body as Array<{
      id: string;
    }>;
    expect(forLead.map((ticket) => ticket.id)).to.include(fa.id);
    expect((await api(app, 'GET', '/tickets?status=everything', tokens.jana)).status).to.equal(400);
  });

  it('lets one counsellor accept a ticket (409 for the second) and shows it only to them and the lead', async function () {
    const ticket = await ask('ar');
    const [first, second] = await Promise.all([
      api(app, 'POST', `/tickets/${ticket.id}/accept`, tokens.samir),
      api(app, 'POST', `/tickets/${ticket.id}/accept`, tokens.jana),
    ]);
    expect([first.status, second.status].sort()).to.deep.equal([200, 409]);
    const winner = first.status === 200 ? 'samir' : 'jana';
    expect((await app.handover.queue.get(ticket.id))?.counsellor).to.equal(winner);
    const active = (await api(app, 'GET', '/tickets?status=active', tokens[winner])).body as Array<{
      id: string;
    }>;
    expect(active.map((entry) => entry.id)).to.include(ticket.id);
    const others = (await api(app, 'GET', '/tickets?status=active', tokens.mariam)).body as Array<{
      id: string;
    }>;
    expect(others.map((entry) => entry.id)).to.not.include(ticket.id);
    const again = await api(app, 'POST', `/tickets/${ticket.id}/accept`, tokens.mariam);
    expect(again.status).to.equal(403);
    expect((await api(app, 'POST', '/tickets/nope/accept', tokens.mariam)).status).to.equal(404);
  });

  it('streams ticket changes to every console and messages only to the counsellor who has the ticket', async function () {
    const mariam = await openEvents(app, tokens.mariam!);
    const samir = await openEvents(app, tokens.samir!);
    try {
      const ticket = await ask('fa', 'سؤال دربارهٔ مدرک');
      for (const stream of [mariam, samir]) {
        await stream.next(
          ({ event, data }) =>
            event === 'ticket' && data.id === ticket.id && data.status === 'waiting',
        );
      }
      expect(JSON.stringify(samir.events), 'no personal data in ticket events').to.not.contain(
        'مدرک',
      );
      await api(app, 'POST', `/tickets/${ticket.id}/accept`, tokens.mariam);
      await samir.next(
        ({ data }) =>
          data.id === ticket.id && data.status === 'active' && data.counsellor === 'mariam',
      );
      await app.handover.queue.record(ticket.id, {
        from: 'user',
        text: 'سلام، هستید؟',
        at: Date.now(),
      });
      await mariam.next(({ event, data }) => event === 'message' && data.ticketId === ticket.id);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(samir.events.filter(({ event }) => event === 'message')).to.deep.equal([]);
      expect(
        (await fetch(`${app.url}/api/counsellor/events`)).status,
        'no stream without a session',
      ).to.equal(401);
    } finally {
      mariam.close();
      samir.close();
    }
  });

  it('carries a whole handover: widget user asks, counsellor accepts, messages both ways, close, the bot answers again', async function () {
    await runHandoverScenario({
      userUrl: app.url,
      counsellorUrl: app.url,
      counsellorToken: tokens.samir!,
      counsellorName: 'Samir',
    });
  });

  it('lists callback requests with their contact to counsellors and deletes one when done', async function () {
    const stored = await app.handover.service.addCallback({
      conversationId: 'cb-1',
      language: 'uk',
      audience: 'parent',
      topics: ['entry-requirements'],
      description: 'Що потрібно моєму синові?',
      contact: 'olena@example.org',
      contactType: 'email',
    });
    const listed = await api(app, 'GET', '/callbacks', tokens.mariam);
    expect(listed.status).to.equal(200);
    expect(listed.body).to.deep.include.members([
      {
        id: stored.id,
        language: 'uk',
        audience: 'parent',
        topics: ['entry-requirements'],
        summary: 'Що потрібно моєму синові?',
        contact: 'olena@example.org',
        contactType: 'email',
        createdAt: new Date(stored.createdAt).toISOString(),
      },
    ]);
    expect((await api(app, 'GET', '/callbacks')).status, 'not without a session').to.equal(401);
    expect((await api(app, 'POST', `/callbacks/${stored.id}/done`, tokens.mariam)).status).to.equal(
      200,
    );
    const after = (await api(app, 'GET', '/callbacks', tokens.mariam)).body as Array<{
      id: string;
    }>;
    expect(after.map((entry) => entry.id)).to.not.include(stored.id);
    expect((await api(app, 'POST', `/callbacks/${stored.id}/done`, tokens.mariam)).status).to.equal(
      404,
    );
  });

  it('shows who is online (console open) among the colleagues, and the partners to refer to', async function () {
    const stream = await openEvents(app, tokens.samir!);
    try {
      const colleagues = (await api(app, 'GET', '/counsellors', tokens.mariam)).body as Array<{
        username: string;
        online: boolean;
        languages: string[];
      }>;
      expect(colleagues.find((entry) => entry.username === 'samir')).to.deep.include({
        online: true,
        languages: ['ar', 'de'],
      });
      expect(colleagues.find((entry) => entry.username === 'jana')?.online).to.equal(false);
      expect(
        colleagues.map((entry) => entry.username),
        'disabled accounts left out',
      ).to.not.include('ex');
    } finally {
      stream.close();
    }
    const partners = (await api(app, 'GET', '/partners', tokens.mariam)).body as Array<{
      id: string;
      name: string;
    }>;
    expect(partners.map((partner) => partner.id)).to.include('partner:ihk-leipzig');
  });

  it("transfers to a network partner: the user gets the partner's card in their language and the chat ends", async function () {
    const { token, conversationId, ticket } = await widgetTicket(app, 'Merhaba', {
      language: 'tr',
      audience: 'company',
      topics: ['company-eligibility'],
    });
    // Nobody speaks Turkish here: the lead takes it (a counsellor is offered it only after escalation).
    await api(app, 'POST', `/tickets/${ticket.id}/accept`, tokens.jana);
    const moved = await api(app, 'POST', `/tickets/${ticket.id}/transfer`, tokens.jana, {
      to: 'partner:ihk-leipzig',
    });
    expect(moved.status).to.equal(200);
    expect(moved.body).to.deep.include({ status: 'closed' });
    const seen = (await call(app.url, 'GET', `/conversations/${conversationId}/activities`, token))
      .body.activities as Activity[];
    // Written to the ticket's reader: a company (formal).
    const trT = tr('tr', 'company');
    const texts = seen.map((activity) => activity.text);
    expect(texts).to.include(trT('handover:referred', { name: 'jana', partner: 'IHK zu Leipzig' }));
    const card = seen.find((activity) => activity.attachments?.length);
    expect(card?.locale).to.equal('tr');
    const hero = card?.attachments?.[0]?.content as {
      title: string;
      buttons: Array<{ type: string; title: string; value: string }>;
    };
    expect(hero.title).to.equal('IHK zu Leipzig');
    expect(hero.buttons.map((button) => [button.title, button.value])).to.deep.equal([
      [trT('handover:partner.website'), 'https://www.leipzig.ihk.de'],
      [
        trT('handover:partner.map'),
        'https://www.openstreetmap.org/search?query=Goerdelerring%205%2C%2004109%20Leipzig',
      ],
    ]);
    expect(texts).to.include(trT('handover:counsellorLeft', { name: 'jana' }));
  });

  it('lists referrals for counsellors to forward, and deletes one when forwarded', async function () {
    const referral = await app.handover.service.addReferral({
      conversationId: 'rf-1',
      partnerId: 'iq-sachsen',
      partnerName: 'IQ Netzwerk Sachsen',
      language: 'ar',
      topics: ['certificate-recognition'],
      contact: '0176 7654321',
      contactType: 'phone',
    });
    const listed = (await api(app, 'GET', '/referrals', tokens.mariam)).body as Array<
      Record<string, unknown>
    >;
    expect(listed.find((entry) => entry.id === referral.id)).to.deep.include({
      partner: 'IQ Netzwerk Sachsen',
      language: 'ar',
      contact: '0176 7654321',
    });
    expect(
      (await api(app, 'POST', `/referrals/${referral.id}/done`, tokens.mariam)).status,
    ).to.equal(200);
    expect(
      (await api(app, 'POST', `/referrals/${referral.id}/done`, tokens.mariam)).status,
    ).to.equal(404);
  });

  it('confirms an appointment: the user gets it in the chat with a calendar file; declining offers another time', async function () {
    const { token, conversationId, ticket } = await widgetTicket(app, 'Termin bitte', {
      language: 'de',
      topics: [],
    });
    const start = Date.parse('2027-01-05T08:00:00Z');
    const request = (extra: number) =>
      app.handover.service.addAppointment({
        conversationId,
        start: start + extra,
        minutes: 30,
        place: 'Willkommenszentrum',
        language: 'de',
        contact: '0176 1234567',
        contactType: 'phone',
        status: 'requested',
        reference: ticket.reference,
      });
    const confirmed = await request(0);
    const declined = await request(30 * 60_000);
    const listed = (await api(app, 'GET', '/appointments', tokens.mariam)).body as Array<{
      id: string;
      status: string;
    }>;
    expect(
      listed
        .filter((entry) => [confirmed.id, declined.id].includes(entry.id))
        .map((entry) => entry.status),
    ).to.deep.equal(['requested', 'requested']);

    expect(
      (await api(app, 'POST', `/appointments/${confirmed.id}/confirm`, tokens.mariam)).body,
    ).to.deep.equal({
      id: confirmed.id,
      status: 'confirmed',
    });
    expect(
      (await api(app, 'POST', `/appointments/${confirmed.id}/confirm`, tokens.mariam)).status,
    ).to.equal(409);
    await api(app, 'POST', `/appointments/${declined.id}/decline`, tokens.mariam);

    const seen = (await call(app.url, 'GET', `/conversations/${conversationId}/activities`, token))
      .body.activities as Activity[];
    // The ticket and the appointments have no audience: written to someone not known (formal).
    const de = tr('de', 'unknown');
    const when = (at: number) => describeTime(new Date(at), 'de', 'Europe/Berlin');
    const link = `${app.url}/calendar/appointments/${confirmed.id}.ics`;
    const texts = seen.map((activity) => activity.text);
    expect(texts).to.include(
      de('offers:appointment.confirmed', { time: when(start), place: 'Willkommenszentrum', link }),
    );
    const no = seen.find(
      (activity) =>
        activity.text === de('offers:appointment.declined', { time: when(start + 30 * 60_000) }),
    );
    expect(no?.suggestedActions?.actions.map((action) => action.value)).to.deep.equal([
      { action: 'appointment' },
    ]);

    const file = await fetch(link);
    expect(file.status).to.equal(200);
    expect(file.headers.get('content-type')).to.match(/^text\/calendar/);
    const ics = await file.text();
    expect(ics).to.contain('DTSTART:20270105T080000Z').and.to.contain('DTEND:20270105T083000Z');
    expect(ics, 'no personal data in the file').to.not.contain('0176');
    expect((await fetch(`${app.url}/calendar/appointments/${declined.id}.ics`)).status).to.equal(
      404,
    );
  });

  it("deletes a user's data at their request (counsellor action): transcript, state and tickets", async function () {
    const secret = 'Mein Name ist Olena Kovalenko';
    const { token, conversationId, ticket } = await widgetTicket(app, secret, {
      language: 'uk',
      topics: [],
    });
    expect((await api(app, 'POST', `/tickets/${ticket.id}/forget`)).status).to.equal(401);
    // Routing offers a waiting Ukrainian request to no counsellor here; the lead may act on it.
    expect((await api(app, 'POST', `/tickets/${ticket.id}/forget`, tokens.mariam)).status).to.equal(
      403,
    );
    const forgotten = await api(app, 'POST', `/tickets/${ticket.id}/forget`, tokens.jana);
    expect(forgotten.body).to.deep.equal({ deleted: true });
    expect(await app.handover.queue.get(ticket.id)).to.equal(undefined);
    const seen = (await call(app.url, 'GET', `/conversations/${conversationId}/activities`, token))
      .body.activities as Activity[];
    expect(JSON.stringify(seen)).to.not.contain('Olena');
    // The ticket has no audience: written to someone not known (formal).
    expect(seen.map((activity) => activity.text)).to.deep.equal([
      tr('uk', 'unknown')('privacy.deletedByCounsellor'),
    ]);
  });

  it("relays a counsellor's messages to the widget, shows the transcript, transfers and closes with a note in the user's language", async function () {
    // A Dari speaker in the widget.
    const question = 'مدرک من از افغانستان است. آیا در آلمان قبول می‌شود؟';
    const { token, conversationId, ticket } = await widgetTicket(app, question, {
      language: 'fa',
      topics: ['certificate-recognition'],
    });

    expect(
      (await api(app, 'POST', `/tickets/${ticket.id}/messages`, tokens.mariam, { text: 'x' }))
        .status,
      'not accepted yet',
    ).to.equal(409);
    expect((await api(app, 'POST', `/tickets/${ticket.id}/accept`, tokens.mariam)).status).to.equal(
      200,
    );
    const reply = 'سلام! من مریم هستم. مدرکت را با خودت بیاور.';
    const sent = await api(app, 'POST', `/tickets/${ticket.id}/messages`, tokens.mariam, {
      text: reply,
    });
    expect(sent.status).to.equal(201);
    expect(
      (await api(app, 'POST', `/tickets/${ticket.id}/messages`, tokens.mariam, { text: '' }))
        .status,
    ).to.equal(400);

    const seen = await call(app.url, 'GET', `/conversations/${conversationId}/activities`, token);
    const delivered = (seen.body.activities as Activity[]).find(
      (activity) => activity.text === reply,
    );
    expect(delivered?.from.role).to.equal('bot');
    expect(delivered?.textFormat).to.equal('plain');

    const transcript = await api(app, 'GET', `/tickets/${ticket.id}/transcript`, tokens.mariam);
    const texts = (transcript.body as { activities: Activity[] }).activities.map(
      (activity) => activity.text,
    );
    expect(texts).to.include.members([question, reply]);
    expect(texts.indexOf(question)).to.be.below(texts.indexOf(reply));
    expect(
      (await api(app, 'GET', `/tickets/${ticket.id}/transcript`, tokens.samir)).status,
      'not theirs',
    ).to.equal(403);

    const moved = await api(app, 'POST', `/tickets/${ticket.id}/transfer`, tokens.mariam, {
      to: 'samir',
    });
    expect((moved.body as { counsellor: string }).counsellor).to.equal('samir');
    expect(
      (
        await api(app, 'POST', `/tickets/${ticket.id}/messages`, tokens.mariam, {
          text: 'still here?',
        })
      ).status,
    ).to.equal(403);
    expect(
      (await api(app, 'POST', `/tickets/${ticket.id}/transfer`, tokens.samir, { to: 'nobody' }))
        .status,
    ).to.equal(400);

    const closed = await api(app, 'POST', `/tickets/${ticket.id}/close`, tokens.samir);
    expect(closed.status).to.equal(200);
    const after = await call(app.url, 'GET', `/conversations/${conversationId}/activities`, token);
    const [left, helpful] = (after.body.activities as Activity[]).slice(-2);
    // The ticket has no audience: written to someone not known (formal).
    const fa = tr('fa', 'unknown');
    expect(left?.text).to.equal(fa('handover:counsellorLeft', { name: 'Samir' }));
    expect(left?.locale).to.equal('fa');
    expect(helpful?.text).to.equal(fa('handover:helpful.ask'));
    expect(helpful?.suggestedActions?.actions.map((action) => action.title)).to.deep.equal([
      fa('handover:helpful.yes'),
      fa('handover:helpful.no'),
    ]);
    expect(
      (await api(app, 'POST', `/tickets/${ticket.id}/messages`, tokens.samir, { text: 'x' }))
        .status,
    ).to.equal(409);
  });
});
