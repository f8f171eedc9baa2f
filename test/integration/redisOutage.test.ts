import { expect } from 'chai';
import { tr } from '../support/bot';
import { message, post, spawnBot, waitFor, type BotProcess } from '../support/http';
import { rawRedis } from '../support/redis';
import { OwnRedis } from '../support/redisServer';
import { addCounsellorToRedis, counsellorApi, login, openEvents } from '../support/handover';
import { call, widgetToken } from '../support/directLine';

/** A user must hear back within this time even when Redis is gone. */
const REPLY_DEADLINE_MS = 2000;

describe('integration: Redis goes away mid-conversation', function () {
  this.timeout(60_000);
  let redis: OwnRedis;
  let bot: BotProcess;
  const conversation = 'outage-1';
  // Nobody in these conversations says who they are.
  const de = tr('de', 'unknown');
  const en = tr('en', 'unknown');
  /**
   * The apology is written before anything of the conversation can be read
   * (src/adapter.ts): to a reader not known, so politely.
   */
  const apology = (language: string) => tr(language, 'unknown')('error.unavailable');

  before(async function () {
    redis = await OwnRedis.start();
    bot = await spawnBot({ STORAGE_URL: redis.url, STORAGE_NAMESPACE: 'outage' });
    await waitFor(async () => (await fetch(`${bot.url}/readyz`)).ok, 10_000, 'readyz');
  });

  after(async function () {
    await bot?.stop();
    await redis?.dispose();
  });

  it('apologises within 2 s, reports 503, and carries on once Redis is back', async function () {
    const first = await post(bot.url, message('hallo', conversation, { locale: 'de' }));
    expect(first.replies[0]?.text).to.equal(de('welcome.hello'));
    const second = await post(
      bot.url,
      message('was ist eine duale ausbildung', conversation, { locale: 'de' }),
    );
    expect(second.replies[0]?.text).to.equal(de('topics:dual-training-basics.answer'));

    await redis.kill();

    const started = Date.now();
    const during = await post(bot.url, message('bist du noch da?', conversation, { locale: 'de' }));
    const elapsed = Date.now() - started;
    expect(during.status).to.equal(200);
    expect(during.replies.map((reply) => reply.text)).to.deep.equal([apology('de')]);
    expect(elapsed, 'reply time in ms').to.be.below(REPLY_DEADLINE_MS);
    expect((await fetch(`${bot.url}/readyz`)).status).to.equal(503);

    await redis.restart();
    await waitFor(
      async () => (await fetch(`${bot.url}/readyz`)).ok,
      15_000,
      'readyz after restart',
    );

    // Same process, no restart: the conversation continues where it was.
    const after = await post(
      bot.url,
      message('wie viel geld bekommt man als azubi', conversation, { locale: 'de' }),
    );
    expect(after.replies[0]?.text).to.equal(de('topics:training-pay.answer'));

    // The failed turn saved nothing: three counted turns, not four.
    const client = await rawRedis(redis.url);
    try {
      const raw = await client.get(`outage::test/conversations/${conversation}/`);
      expect(JSON.parse(raw ?? 'null')?.value?.conversation).to.include({
        turnCount: 3,
        welcomed: true,
      });
    } finally {
      await client.close();
    }
  });

  it('apologises within 2 s when Redis hangs without answering, and recovers', async function () {
    const hung = 'outage-2';
    const first = await post(bot.url, message('hello', hung, { locale: 'en' }));
    expect(first.replies[0]?.text).to.equal(en('welcome.hello'));

    redis.pause();
    try {
      const started = Date.now();
      const during = await post(bot.url, message('still there?', hung, { locale: 'en' }));
      const elapsed = Date.now() - started;
      expect(during.replies.map((reply) => reply.text)).to.deep.equal([apology('en')]);
      expect(elapsed, 'reply time in ms').to.be.below(REPLY_DEADLINE_MS);
      expect((await fetch(`${bot.url}/readyz`)).status).to.equal(503);
    } finally {
      redis.resume();
    }

    await waitFor(async () => (await fetch(`${bot.url}/readyz`)).ok, 15_000, 'readyz after resume');
    const after = await post(
      bot.url,
      message('how much is the training pay', hung, { locale: 'en' }),
    );
    expect(after.replies[0]?.text).to.equal(en('topics:training-pay.answer'));
  });

  it('answers Direct Line, widget and console requests within 2 s while Redis hangs (503, Retry-After), keeps the message, and recovers', async function () {
    await addCounsellorToRedis(
      'outage',
      { username: 'mia', name: 'Mia', languages: ['de'], password: 'ausfallsicher-2026' },
      redis.url,
    );
    const session = await login(bot.url, 'mia', 'ausfallsicher-2026');
    const { token, conversationId } = await widgetToken(bot.url);
    await call(bot.url, 'POST', '/conversations', token, { locale: 'de' });
    const activities = `/conversations/${conversationId}/activities`;

    redis.pause();
    try {
      const timed = async <T extends { status: number }>(request: Promise<T>) => {
        const started = Date.now();
        const answer = await request;
        return { answer, ms: Date.now() - started };
      };
      const [posted, read, fresh, tickets] = await Promise.all([
        timed(
          call(bot.url, 'POST', activities, token, {
            type: 'message',
            text: 'Bist du da, Störung?',
          }),
        ),
        timed(call(bot.url, 'GET', activities, token)),
        timed(fetch(`${bot.url}/widget/token`, { method: 'POST' })),
        timed(counsellorApi(bot.url, 'GET', '/tickets?status=waiting', session)),
      ]);
      for (const [what, { answer, ms }] of Object.entries({ posted, read, fresh, tickets })) {
        expect(ms, `${what}: answer time in ms`).to.be.below(REPLY_DEADLINE_MS);
        expect(answer.status, `${what}: status`).to.equal(503);
        expect(Number(answer.headers.get('retry-after')), `${what}: Retry-After`).to.be.above(0);
      }
    } finally {
      redis.resume();
    }

    // Same process: the message sent during the stall was kept and is answered; everything works again.
    await waitFor(
      async () => {
        const log = await call(bot.url, 'GET', activities, token);
        const texts = (log.body.activities as Array<{ text?: string; from: { role?: string } }>)
          .filter((activity) => activity.from.role === 'user')
          .map((activity) => activity.text);
        return texts.includes('Bist du da, Störung?');
      },
      10_000,
      'the message sent during the stall',
    );
    expect((await fetch(`${bot.url}/widget/token`, { method: 'POST' })).status).to.equal(200);
    expect(
      (await counsellorApi(bot.url, 'GET', '/tickets?status=waiting', session)).status,
    ).to.equal(200);
  });

  it('keeps a queued handover ticket through a Redis restart, and the counsellor takes it afterwards', async function () {
    await addCounsellorToRedis(
      'outage',
      { username: 'ali', name: 'Ali', languages: ['de'], password: 'ausfallsicher-2026' },
      redis.url,
    );
    const token = await login(bot.url, 'ali', 'ausfallsicher-2026');
    const desk = await openEvents(bot.url, token);
    try {
      const waiting = 'outage-3';
      const tap = (value: object) => ({ ...message('', waiting, { locale: 'de' }), value });
      await post(bot.url, tap({ action: 'counsellor' }));
      await post(bot.url, tap({ choice: 'yes' }));
      const queued = await post(bot.url, tap({ choice: 'skip' }));
      expect(queued.replies.map((reply) => reply.type)).to.include('event'); // handoff.initiate
      const before = (await counsellorApi(bot.url, 'GET', '/tickets?status=waiting', token))
        .body as Array<{ id: string }>;
      expect(before).to.have.length(1);

      await redis.kill();
      expect(
        (await counsellorApi(bot.url, 'GET', '/tickets?status=waiting', token)).status,
      ).to.equal(503);
      await redis.restart();
      await waitFor(
        async () => (await fetch(`${bot.url}/readyz`)).ok,
        15_000,
        'readyz after restart',
      );

      // The ticket survived (AOF), the counsellor takes it, and the user's next message reaches them.
      const after = (await counsellorApi(bot.url, 'GET', '/tickets?status=waiting', token))
        .body as Array<{ id: string }>;
      expect(after.map((ticket) => ticket.id)).to.deep.equal(before.map((ticket) => ticket.id));
      expect(
        (await counsellorApi(bot.url, 'POST', `/tickets/${after[0]!.id}/accept`, token)).status,
      ).to.equal(200);
      await waitFor(
        async () => {
          await post(bot.url, message('Hallo, sind Sie da?', waiting, { locale: 'de' }));
          return desk.events.some(
            ({ event, data }) => event === 'message' && data.ticketId === after[0]!.id,
          );
        },
        10_000,
        'the relayed message',
      );
    } finally {
      desk.close();
    }
  });
});
