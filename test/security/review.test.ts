import { expect } from 'chai';
import type { RunningApp } from '../../src/index';
import { hashPassword } from '../../src/handover';
import { createStorage } from '../../src/storage';
import { createLogger, MAX_LOGGED_CHARS } from '../../src/logger';
import { capturingLogger, startTestApp } from '../support/app';
import { call, widgetToken } from '../support/directLine';
import { counsellorApi } from '../support/handover';
import {
  countingListener as listener,
  message,
  post,
  rawUpgrade as upgrade,
  spawnBot,
  type BotProcess,
  type CountingListener,
} from '../support/http';
import { dropNamespace, TEST_REDIS_URL, uniqueNamespace } from '../support/redis';

// Each `describe` reproduces one finding of the security review of December 2026
// (../shared/reviews/security-review-2026-12.md) as the attacker sent it.

/** A widget conversation in which the user wrote `text`. */
async function widgetConversation(app: RunningApp, text: string) {
  const { token, conversationId } = await widgetToken(app.url);
  await call(app.url, 'POST', '/conversations', token, { locale: 'de' });
  const posted = await call(app.url, 'POST', `/conversations/${conversationId}/activities`, token, {
    type: 'message',
    text,
  });
  expect(posted.status).to.equal(200);
  return { token, conversationId };
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('security review 2026-12: anonymous requests against the running bot', function () {
  this.timeout(60_000);

  describe('F1: a malformed WebSocket stream path', function () {
    let bot: BotProcess;
    before(async function () {
      bot = await spawnBot({});
    });
    after(async function () {
      await bot?.stop();
    });

    it('is refused with an HTTP error, and the process (same PID) stays healthy', async function () {
      const pid = bot.child.pid;
      const paths = ['%', '%zz', '%E0%A4%A', '%C0%AF', '%uD800', '%ED%A0%80', '%25', '..%2F..%2Fx'];
      for (const id of paths) {
        const status = await upgrade(bot.url, `/v3/directline/conversations/${id}/stream?t=x`);
        expect(status, `upgrade of ${id}`).to.match(/^HTTP\/1\.1 (400|403|404) /);
      }
      expect(bot.child.exitCode, 'exit code').to.equal(null);
      expect(bot.child.pid).to.equal(pid);
      expect((await fetch(`${bot.url}/healthz`)).status).to.equal(200);
    });
  });

  describe('F2, F4, F13: /api/messages without Bot Framework credentials', function () {
    let app: RunningApp;
    let target: CountingListener;
    before(async function () {
      target = await listener();
      app = await startTestApp({ API_MESSAGES_PER_MINUTE: '20' });
    });
    after(async function () {
      await app?.close();
      await target?.close();
    });

    it('never calls the serviceUrl a caller names: only expectReplies is answered', async function () {
      const activity = {
        ...message('what does a trainee earn?', 'ssrf-1', { locale: 'en' }),
        serviceUrl: `${target.url}/internal/admin?x=`,
        deliveryMode: 'normal',
      };
      const refused = await post(app.url, activity);
      expect(refused.status).to.equal(400);
      expect(refused.body).to.have.property('code', 'ExpectRepliesOnly');

      const answered = await post(app.url, { ...activity, deliveryMode: 'expectReplies' });
      expect(answered.status).to.equal(200);
      expect(answered.replies.length).to.be.greaterThan(0);
      await settle(300);
      expect(target.hits).to.deep.equal([]);
    });

    it('never sends a proactive message (a counsellor reply) to a caller-named serviceUrl', async function () {
      const reference = {
        channelId: 'test',
        serviceUrl: target.url,
        conversation: { id: 'ssrf-proactive' },
        user: { id: 'u' },
        bot: { id: 'kausa-bot' },
      };
      // A proactive turn's failure goes to the adapter's turn-error handler: catch it there.
      const { adapter } = app.botFramework;
      const handler = adapter.onTurnError;
      let failure: unknown;
      adapter.onTurnError = async (_context, error) => {
        failure = error;
      };
      try {
        await adapter.continueConversationAsync('', reference as never, async (context) => {
          await context.sendActivity('hello');
        });
      } finally {
        adapter.onTurnError = handler;
      }
      expect(failure).to.be.instanceOf(Error);
      expect((failure as Error).name).to.equal('OutboundRefusedError');
      expect(target.hits).to.deep.equal([]);
    });

    it("cannot reach a widget conversation: no transcript, no deletion, the widget's log intact", async function () {
      const victim = await widgetConversation(app, 'meine Nummer ist 0170 9998887');
      const before = await call(
        app.url,
        'GET',
        `/conversations/${victim.conversationId}/activities`,
        victim.token,
      );
      const count = (before.body.activities as unknown[]).length;
      for (const [channelId, serviceUrl] of [
        ['directline', 'urn:kausa:directline'],
        ['directline', 'http://127.0.0.1:9/'],
        ['test', 'urn:kausa:directline'],
        ['test', 'http://127.0.0.1:9/'],
      ]) {
        for (const extra of [
          { text: 'I want to talk to a person' },
          { text: 'delete my data' },
          { text: '', value: { action: 'deleteConfirm' } },
        ]) {
          const attack = {
            ...message('', victim.conversationId),
            ...extra,
            channelId,
            serviceUrl,
            from: { id: 'attacker' },
          };
          const answer = await post(app.url, attack);
          expect(answer.status, `${channelId} ${serviceUrl} ${JSON.stringify(extra)}`).to.equal(
            403,
          );
          expect(JSON.stringify(answer.body)).not.to.include('9998887');
        }
      }
      const after = await call(
        app.url,
        'GET',
        `/conversations/${victim.conversationId}/activities`,
        victim.token,
      );
      expect((after.body.activities as unknown[]).length).to.equal(count);
    });

    it('limits requests per address and says when to retry', async function () {
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let index = 0; index < 25; index += 1) {
        const response = await fetch(`${app.url}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(message('hallo', `limit-${index}`)),
        });
        statuses.push(response.status);
        if (response.status === 429) retryAfter = response.headers.get('retry-after');
        await response.arrayBuffer();
      }
      expect(statuses.filter((status) => status === 429).length).to.be.at.least(1);
      expect(Number(retryAfter)).to.be.greaterThan(0);
    });

    it('marks JSON answers nosniff (healthz, Direct Line, counsellor API, /api/messages)', async function () {
      const answers = await Promise.all([
        fetch(`${app.url}/healthz`),
        fetch(`${app.url}/v3/directline/conversations/x/activities`),
        fetch(`${app.url}/api/counsellor/me`),
        fetch(`${app.url}/api/messages`, { method: 'POST', body: '{' }),
      ]);
      for (const answer of answers) {
        expect(answer.headers.get('x-content-type-options'), answer.url).to.equal('nosniff');
      }
    });
  });

  describe('F2 (development mode): the Emulator on this machine only', function () {
    let app: RunningApp;
    let target: CountingListener;
    before(async function () {
      target = await listener();
      app = await startTestApp({ DEV_MODE: 'true' });
    });
    after(async function () {
      await app?.close();
      await target?.close();
    });

    it('sends replies to a loopback serviceUrl (the Emulator) and refuses any other', async function () {
      const local = {
        ...message('hallo', 'dev-1', { locale: 'de' }),
        serviceUrl: target.url,
        deliveryMode: 'normal',
      };
      expect((await post(app.url, local)).status).to.be.oneOf([200, 201, 202]);
      expect(target.hits.length).to.be.greaterThan(0);
      expect(target.hits[0]).to.match(/^POST \/v3\/conversations\/dev-1\/activities/);

      const elsewhere = { ...local, serviceUrl: 'http://internal.example:8080/admin' };
      const refused = await post(app.url, elsewhere);
      expect(refused.status).to.equal(400);
      expect(refused.body).to.have.property('code', 'LoopbackOnly');
    });
  });

  describe('F3, F11: caller-chosen channel ids', function () {
    let app: RunningApp;
    const logs = capturingLogger();
    before(async function () {
      app = await startTestApp(
        { METRICS_TOKEN: 'metrics-token-for-tests', API_MESSAGES_PER_MINUTE: '100000' },
        logs.logger,
      );
    });
    after(async function () {
      await app?.close();
    });

    it('never become metric labels: 300 distinct channel ids are counted as "other"', async function () {
      const scrape = async () =>
        (
          await fetch(`${app.url}/metrics`, {
            headers: { authorization: 'Bearer metrics-token-for-tests' },
          })
        ).text();
      const before = (await scrape()).length;
      for (let index = 0; index < 300; index += 1) {
        const activity = {
          ...message('hallo', `cardinality-${index}`),
          channelId: `ch-${index}-x`,
        };
        expect((await post(app.url, activity)).status).to.equal(200);
      }
      const text = await scrape();
      expect(text).not.to.include('ch-1-x');
      expect(text).to.match(/kausa_turns_total\{channel="other",outcome="ok"\} 300/);
      expect(text.length - before).to.be.below(5_000);
    });

    it('is cut to a named maximum when it reaches a log', async function () {
      const channel = 'a'.repeat(5000);
      await post(app.url, { ...message('hallo', 'long-channel'), channelId: channel });
      app.botFramework.adapter.onTurnError!(
        { activity: { channelId: channel }, sendActivity: async () => undefined } as never,
        new Error('boom'),
      );
      await settle(50);
      const longest = Math.max(
        ...logs.lines.map((line) => (/"a{10,}"/.exec(line)?.[0] ?? '').length),
      );
      expect(longest, 'longest run of the channel id in a log line').to.be.at.most(
        MAX_LOGGED_CHARS + 2,
      );
    });
  });

  describe('F11: any text a log line holds', function () {
    it('is cut to a named maximum, without control or bidirectional characters', function () {
      const lines: string[] = [];
      const logger = createLogger('info', { write: (line: string) => lines.push(line) });
      logger.error(
        { channel: `\u202e${'a'.repeat(5000)}`, err: { type: 'Error', code: 'b'.repeat(300) } },
        'turn failed',
      );
      const line = JSON.parse(lines[0]!) as { channel: string; err: { code: string } };
      expect(line.channel.length).to.be.at.most(MAX_LOGGED_CHARS + 20);
      expect(line.channel).not.to.include('\u202e');
      expect(line.err.code.length).to.be.at.most(MAX_LOGGED_CHARS + 20);
    });
  });

  describe('F9, F12: what a widget user may post', function () {
    let app: RunningApp;
    const logs = capturingLogger();
    before(async function () {
      app = await startTestApp({}, logs.logger);
    });
    after(async function () {
      await app?.close();
    });

    it('refuses handoff.status events (they are for an agent hub) and leaves the ticket waiting', async function () {
      const { token, conversationId } = await widgetConversation(app, 'hallo');
      const ticket = await app.handover.queue.request({
        reference: {
          conversation: { id: conversationId } as never,
          channelId: 'directline',
          serviceUrl: 'urn:kausa:directline',
        },
        language: 'de',
        topics: [],
      });
      for (const state of ['accepted', 'completed']) {
        const forged = await call(
          app.url,
          'POST',
          `/conversations/${conversationId}/activities`,
          token,
          {
            type: 'event',
            name: 'handoff.status',
            value: { state },
          },
        );
        expect(forged.status).to.equal(400);
        expect(forged.body).to.have.nested.property('error.code', 'BadArgument');
      }
      expect((await app.handover.queue.get(ticket.id))?.status).to.equal('waiting');
    });

    it('refuses a deeply nested value with 400 (no 503, no storage warning), and the chat goes on', async function () {
      const { token, conversationId } = await widgetConversation(app, 'hallo');
      // As the reviewer sent it: 5,000 nested arrays (built as text; JSON.stringify would overflow).
      const nested = `${'['.repeat(5000)}"x"${']'.repeat(5000)}`;
      const deep = await call(
        app.url,
        'POST',
        `/conversations/${conversationId}/activities`,
        token,
        `{"type":"message","text":"x","value":${nested}}`,
      );
      expect(deep.status).to.equal(400);
      expect(deep.body).to.have.nested.property('error.code', 'BadArgument');
      const activity = JSON.stringify(message('x', 'deep-api'));
      const viaApi = await fetch(`${app.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: `${activity.slice(0, -1)},"value":${nested}}`,
      });
      expect(viaApi.status).to.equal(400);
      expect(logs.lines.join('\n')).not.to.include('storage failed');
      const next = await call(
        app.url,
        'POST',
        `/conversations/${conversationId}/activities`,
        token,
        {
          type: 'message',
          text: 'Wie viel verdiene ich?',
        },
      );
      expect(next.status).to.equal(200);
    });
  });

  describe('F5, F10: counsellor logins, memory and Redis', function () {
    for (const backend of ['memory', 'redis'] as const) {
      describe(backend, function () {
        let app: RunningApp;
        const namespace = uniqueNamespace('logins');
        const password = 'richtig-geheim-2026';
        before(async function () {
          app = await startTestApp(
            backend === 'redis'
              ? { STORAGE_URL: TEST_REDIS_URL, STORAGE_NAMESPACE: namespace }
              : {},
          );
          for (const username of ['carol', 'dana']) {
            await app.handover.directory.put({
              username,
              passwordHash: await hashPassword(password),
              languages: ['de'],
              audiences: [],
              role: 'counsellor',
              disabled: false,
              createdAt: Date.now(),
            });
          }
        });
        after(async function () {
          await app?.close();
          if (backend === 'redis') await dropNamespace(namespace);
        });

        const attempt = (username: string, secret: string) =>
          counsellorApi(app.url, 'POST', '/session', undefined, { username, password: secret });

        it('checks no more passwords in a parallel burst than the limit allows, even the right one', async function () {
          const burst = await Promise.all(
            Array.from({ length: 60 }, (_, index) =>
              attempt('carol', index === 44 ? password : `falsch-${index}`),
            ),
          );
          const statuses = burst.map((answer) => answer.status);
          expect(statuses.filter((status) => status === 401).length).to.be.at.most(5);
          expect(statuses.filter((status) => status === 200).length).to.equal(0);
          expect(statuses[44]).to.equal(429);
        });

        it('stops spraying one password over many user names from one address', async function () {
          const statuses: number[] = [];
          for (let index = 0; index < 30; index += 1) {
            statuses.push((await attempt(`user-${index}`, 'Sommer2026!')).status);
          }
          expect(statuses.filter((status) => status === 429).length).to.be.at.least(5);
        });
      });
    }
  });

  describe('F6: a spoofed X-Forwarded-For behind the shipped proxy (one trusted hop)', function () {
    let app: RunningApp;
    before(async function () {
      app = await startTestApp({ TRUST_PROXY: '1' });
      await app.handover.directory.put({
        username: 'carol',
        passwordHash: await hashPassword('richtig-geheim-2026'),
        languages: ['de'],
        audiences: [],
        role: 'counsellor',
        disabled: false,
        createdAt: Date.now(),
      });
    });
    after(async function () {
      await app?.close();
    });

    // nginx's $proxy_add_x_forwarded_for appends the real client after what the client sent.
    const spoofed = (index: number) => ({ 'x-forwarded-for': `198.51.100.${index}, 203.0.113.9` });

    it('keeps counting logins for the real client', async function () {
      const statuses: number[] = [];
      for (let index = 0; index < 12; index += 1) {
        const response = await fetch(`${app.url}/api/counsellor/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...spoofed(index) },
          body: JSON.stringify({ username: 'carol', password: `falsch-${index}` }),
        });
        statuses.push(response.status);
      }
      expect(statuses.slice(0, 5)).to.deep.equal([401, 401, 401, 401, 401]);
      expect(statuses.slice(5).every((status) => status === 429)).to.equal(true);
    });

    it('keeps counting widget conversations for the real client', async function () {
      const statuses: number[] = [];
      for (let index = 0; index < 65; index += 1) {
        const response = await fetch(`${app.url}/widget/token`, {
          method: 'POST',
          headers: spoofed(index),
        });
        statuses.push(response.status);
        await response.arrayBuffer();
      }
      expect(statuses.filter((status) => status === 429).length).to.equal(5);
    });
  });

  describe('F8: tickets routing did not offer', function () {
    let app: RunningApp;
    const tokens: Record<string, string> = {};
    before(async function () {
      app = await startTestApp({ HANDOVER_ESCALATE_MINUTES: '5' });
      for (const [username, languages, role] of [
        ['carol', ['de'], 'counsellor'],
        ['samir', ['ar', 'de'], 'counsellor'],
        ['lena', ['de'], 'lead'],
      ] as const) {
        await app.handover.directory.put({
          username,
          passwordHash: await hashPassword('richtig-geheim-2026'),
          languages: [...languages],
          audiences: [],
          role,
          disabled: false,
          createdAt: Date.now(),
        });
        const session = await counsellorApi(app.url, 'POST', '/session', undefined, {
          username,
          password: 'richtig-geheim-2026',
        });
        tokens[username] = (session.body as { token: string }).token;
      }
    });
    after(async function () {
      await app?.close();
    });

    const arabicTicket = (id: string) =>
      app.handover.queue.request({
        reference: {
          conversation: { id } as never,
          channelId: 'directline',
          serviceUrl: 'urn:kausa:directline',
        },
        language: 'ar',
        topics: [],
      });

    it('are neither readable, acceptable nor deletable by a counsellor they were not offered to', async function () {
      const ticket = await arabicTicket('f8-1');
      for (const [method, path] of [
        ['GET', `/tickets/${ticket.id}/transcript`],
        ['POST', `/tickets/${ticket.id}/forget`],
        ['POST', `/tickets/${ticket.id}/accept`],
      ] as const) {
        const answer = await counsellorApi(app.url, method, path, tokens.carol);
        expect(answer.status, `${method} ${path}`).to.equal(403);
      }
      expect((await app.handover.queue.get(ticket.id))?.status).to.equal('waiting');
      const offered = await counsellorApi(
        app.url,
        'GET',
        `/tickets/${ticket.id}/transcript`,
        tokens.samir,
      );
      expect(offered.status).to.equal(200);
      const lead = await counsellorApi(
        app.url,
        'GET',
        `/tickets/${ticket.id}/transcript`,
        tokens.lena,
      );
      expect(lead.status).to.equal(200);
    });
  });

  describe('library use: a Redis storage used at once', function () {
    it('waits for its first connection instead of failing with "client is offline"', async function () {
      const namespace = uniqueNamespace('first-call');
      const storage = createStorage(TEST_REDIS_URL, { namespace });
      try {
        await storage.write({ greeting: { text: 'hallo', eTag: '*' } });
        expect(await storage.read(['greeting'])).to.have.nested.property('greeting.text', 'hallo');
      } finally {
        await storage.close();
        await dropNamespace(namespace);
      }
    });
  });
});
