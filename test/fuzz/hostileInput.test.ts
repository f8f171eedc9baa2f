import { expect } from 'chai';
import fc from 'fast-check';
import type { RunningApp } from '../../src/index';
import { capturingLogger, startTestApp } from '../support/app';
import { tr } from '../support/bot';
import { call, widgetToken } from '../support/directLine';
import { readFileSync } from 'node:fs';
import {
  countingListener,
  message,
  post,
  rawUpgrade,
  spawnBot,
  type BotProcess,
  type CountingListener,
} from '../support/http';

/** Malformed activities and Direct Line requests sent per run. */
const RUNS = 1500;

/** What a hostile or broken client may put anywhere: wrong types, huge or odd text, nesting. */
const anyValue = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ minLength: 2100, maxLength: 40_000 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\u202e\u202d',
    '👩🏽‍🔧',
    'ا\u200dل',
    '%s%n',
    '${7*7}',
    '<script>alert(1)</script>',
  ),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }),
  fc.dictionary(
    fc.constantFrom(
      '__proto__',
      'constructor',
      'prototype',
      'action',
      'topic',
      'choice',
      'language',
    ),
    fc.jsonValue({ maxDepth: 2 }),
  ),
);

/** A message activity with any of its fields replaced by something wrong. */
const hostileActivity = fc
  .record(
    {
      type: fc.oneof(
        fc.constantFrom(
          'message',
          'conversationUpdate',
          'event',
          'invoke',
          'typing',
          'messageReaction',
        ),
        anyValue,
      ),
      text: anyValue,
      value: anyValue,
      locale: anyValue,
      attachments: anyValue,
      membersAdded: anyValue,
      channelData: anyValue,
      name: anyValue,
      from: fc.oneof(fc.record({ id: fc.string({ maxLength: 40 }) }), anyValue),
      conversationId: fc.uuid(),
    },
    { requiredKeys: ['conversationId'] },
  )
  .map(({ conversationId, ...fields }) => ({
    ...message('x', `fuzz-${conversationId}`),
    ...fields,
  }));

/** Raw request bodies: hostile activities as JSON, broken JSON, and prototype-pollution attempts. */
const hostileBody = fc.oneof(
  hostileActivity.map((activity) => JSON.stringify(activity)),
  fc.string({ maxLength: 300 }),
  fc.constant(
    '{"type":"message","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}',
  ),
  fc.constant('{"type":'),
);

describe('hostile input (fast-check): no crash, no stack, other conversations untouched', function () {
  this.timeout(180_000);
  let app: RunningApp;

  /** What the app logs meanwhile: never a request dump (bodies are what users typed). */
  const logs = capturingLogger();

  before(async function () {
    // Malformed input is what is tested here, not the request rate.
    app = await startTestApp({ API_MESSAGES_PER_MINUTE: '10000000' }, logs.logger);
  });

  after(async function () {
    await app?.close();
  });

  /** A conversation that is not fuzzed: an Arabic speaker who chose "young person". */
  async function victimAt(expected: string, text: string, value?: object) {
    const activity = { ...message(text, 'victim', { locale: 'ar' }), ...(value ? { value } : {}) };
    const { status, replies } = await post(app.url, activity);
    expect(status).to.equal(200);
    expect(replies.map((reply) => reply.text)).to.include(expected);
  }

  it(`answers ${RUNS} malformed activities on /api/messages with a reply or a clear error, and another conversation goes on as before`, async function () {
    const ar = tr('ar');
    await victimAt(ar('menu.ask'), '', { audience: 'youth' });
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(hostileBody, async (body) => {
        const response = await fetch(`${app.url}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        const text = await response.text();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        expect(response.status, text.slice(0, 200)).to.be.below(500);
        expect(text).to.not.match(/\n\s+at .+\(.+:\d+:\d+\)/);
      }),
      { numRuns: RUNS },
    );
    expect((await fetch(`${app.url}/healthz`)).status).to.equal(200);
    expect(
      logs.lines.filter((line) => line.includes('rawBody') || line.includes('"body"')),
    ).to.deep.equal([]);
    expect(({} as Record<string, unknown>).polluted, 'Object.prototype untouched').to.equal(
      undefined,
    );
    // The victim's state survived: it still knows its audience and its language.
    await victimAt(ar('menu.ask'), 'القائمة');
    this.test!.title += ` — statuses ${JSON.stringify(Object.fromEntries(statuses))}`;
  });

  it(`answers ${RUNS} malformed Direct Line requests with documented errors, never a 500`, async function () {
    const { token, conversationId } = await widgetToken(app.url);
    await call(app.url, 'POST', '/conversations', token, { locale: 'de' });
    const statuses = new Map<number, number>();
    const request = fc.record({
      method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'),
      path: fc.oneof(
        fc.constantFrom(
          `/conversations/${conversationId}/activities`,
          `/conversations/${conversationId}`,
          `/conversations/${conversationId}/upload`,
          '/conversations',
          '/tokens/refresh',
          '/tokens/generate',
        ),
        fc
          .string({ maxLength: 80 })
          .map((tail) => `/conversations/${encodeURIComponent(tail)}/activities`),
      ),
      query: fc.oneof(
        fc.constant(''),
        fc.string({ maxLength: 30 }).map((value) => `?watermark=${encodeURIComponent(value)}`),
      ),
      authorization: fc.oneof(
        fc.constant(`Bearer ${token}`),
        fc.string({ maxLength: 60 }).map((value) => `Bearer ${value}`),
        fc.constant(undefined),
      ),
      body: hostileBody,
    });
    await fc.assert(
      fc.asyncProperty(request, async ({ method, path, query, authorization, body }) => {
        const response = await fetch(`${app.url}/v3/directline${path}${query}`, {
          method,
          headers: {
            'content-type': 'application/json',
            ...(authorization ? { authorization } : {}),
          },
          ...(method === 'GET' ? {} : { body }),
        });
        const text = await response.text();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        expect(response.status, `${method} ${path}: ${text.slice(0, 200)}`).to.be.below(500);
        expect(text).to.not.match(/\n\s+at .+\(.+:\d+:\d+\)/);
      }),
      { numRuns: RUNS },
    );
    expect((await fetch(`${app.url}/healthz`)).status).to.equal(200);
    this.test!.title += ` — statuses ${JSON.stringify(Object.fromEntries(statuses))}`;
  });
});

/** The resident memory of a process in MB (Linux), for the report. */
function residentMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

describe('hostile requests against a bot process: the same process stays up and healthy', function () {
  this.timeout(240_000);
  let bot: BotProcess;
  let target: CountingListener;
  const metricsToken = 'fuzz-metrics-token';

  before(async function () {
    target = await countingListener();
    bot = await spawnBot({ METRICS_TOKEN: metricsToken, API_MESSAGES_PER_MINUTE: '10000000' });
  });

  after(async function () {
    await bot?.stop();
    await target?.close();
  });

  const stillTheSameHealthyProcess = async (pid: number | undefined) => {
    expect(bot.child.exitCode, 'the bot exited').to.equal(null);
    expect(bot.child.pid).to.equal(pid);
    expect((await fetch(`${bot.url}/healthz`)).status).to.equal(200);
  };

  it(`refuses ${RUNS} malformed WebSocket stream upgrades with an HTTP error`, async function () {
    const pid = bot.child.pid;
    const statuses = new Map<string, number>();
    const segment = fc.oneof(
      fc.string({ maxLength: 40 }).map((text) => encodeURIComponent(text)),
      fc.constantFrom('%', '%zz', '%E0%A4%A', '%C0%AF', '%uD800', '%ED%A0%80', '%00', '..%2F', ''),
      fc
        .array(fc.constantFrom('%', 'a', 'Z', '0', 'f', 'G', '/', '.', '-', '_', '~'), {
          maxLength: 30,
        })
        .map((chars) => chars.join('')),
    );
    const upgradePath = fc
      .record({
        id: segment,
        token: fc.oneof(
          fc.constant(''),
          segment.map((value) => `t=${value}`),
        ),
        watermark: fc.oneof(
          fc.constant(''),
          segment.map((value) => `&watermark=${value}`),
        ),
      })
      .map(
        ({ id, token, watermark }) =>
          `/v3/directline/conversations/${id}/stream?${token}${watermark}`,
      );
    await fc.assert(
      fc.asyncProperty(upgradePath, async (path) => {
        const status = await rawUpgrade(bot.url, path);
        const code = status.split(' ')[1] ?? 'none';
        statuses.set(code, (statuses.get(code) ?? 0) + 1);
        expect(code, path).to.match(/^4\d\d$/);
      }),
      { numRuns: RUNS },
    );
    await stillTheSameHealthyProcess(pid);
    this.test!.title += ` — statuses ${JSON.stringify(Object.fromEntries(statuses))}`;
  });

  it(`answers ${RUNS} activities with random channel ids, service URLs and deep nesting without calling out, growing or crashing`, async function () {
    const pid = bot.child.pid;
    const scrape = async () =>
      (
        await fetch(`${bot.url}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } })
      ).text();
    const metricsBefore = (await scrape()).length;
    const memoryBefore = residentMb(pid!);
    const statuses = new Map<number, number>();
    const request = fc.record({
      channelId: fc.oneof(
        fc.string({ maxLength: 40 }),
        fc.string({ minLength: 1000, maxLength: 5000 }),
        fc.constantFrom('directline', 'DirectLine', 'test', 'emulator', '__proto__', ''),
      ),
      serviceUrl: fc.oneof(
        fc.string({ maxLength: 30 }).map((tail) => `${target.url}/${encodeURIComponent(tail)}`),
        fc.constantFrom(
          'urn:kausa:directline',
          'http://10.255.255.1:9/',
          'http://localhost:1/',
          'file:///etc/passwd',
          'x',
          '',
        ),
        fc.string({ maxLength: 60 }),
      ),
      deliveryMode: fc.constantFrom('expectReplies', 'normal', undefined, 'junk'),
      conversationId: fc.oneof(fc.uuid(), fc.stringMatching(/^[A-Za-z0-9_-]{22}$/)),
      depth: fc.oneof(
        fc.constant(0),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1000, max: 20_000 }),
      ),
    });
    await fc.assert(
      fc.asyncProperty(
        request,
        async ({ channelId, serviceUrl, deliveryMode, conversationId, depth }) => {
          const activity = JSON.stringify({
            ...message('Wie viel verdiene ich?', conversationId),
            channelId,
            serviceUrl,
            deliveryMode,
          });
          const value = `${'['.repeat(Math.max(0, depth))}1${']'.repeat(Math.max(0, depth))}`;
          const response = await fetch(`${bot.url}/api/messages`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: `${activity.slice(0, -1)},"value":${value}}`,
          });
          const text = await response.text();
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          expect(response.status, text.slice(0, 200)).to.be.below(500);
          expect(text).to.not.match(/\n\s+at .+\(.+:\d+:\d+\)/);
        },
      ),
      { numRuns: RUNS },
    );
    await stillTheSameHealthyProcess(pid);
    expect(target.hits, 'requests the bot sent to caller-named service URLs').to.deep.equal([]);
    const metrics = await scrape();
    expect(metrics.length - metricsBefore, 'growth of /metrics in bytes').to.be.below(10_000);
    const memoryAfter = residentMb(pid!);
    this.test!.title += ` — statuses ${JSON.stringify(Object.fromEntries(statuses))}, RSS ${memoryBefore} → ${memoryAfter} MB, /metrics ${metricsBefore} → ${metrics.length} B`;
  });
});
