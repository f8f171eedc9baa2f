import type { Activity } from 'botbuilder';
import { expect } from 'chai';
import { tr } from './bot';
import { connect, widgetToken, type Client } from './directLine';
import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import type { RunningApp } from '../../src/index';
import { startTestApp } from './app';
import { ARTIFACTS_DIR, launchChromium } from './browser';
import { hashPassword, type CounsellorAccount } from '../../src/handover';
import { RedisCounsellorDirectory } from '../../src/handover/counsellors';
import type { RedisClient } from '../../src/storage';
import { rawRedis, TEST_REDIS_URL } from './redis';
import type { Language } from '../../src/language/languages';

/** A counsellor account for the tests: name, languages and password. */
export interface TestCounsellor {
  username: string;
  name: string;
  languages: Language[];
  password: string;
}

/** The account as stored (role counsellor, every audience, argon2id hash). */
async function accountOf(account: TestCounsellor): Promise<CounsellorAccount> {
  return {
    username: account.username,
    displayName: account.name,
    passwordHash: await hashPassword(account.password),
    languages: account.languages,
    audiences: [],
    role: 'counsellor',
    disabled: false,
    createdAt: Date.now(),
  };
}

/** Adds a counsellor account to a running app. */
export async function addCounsellor(app: RunningApp, account: TestCounsellor): Promise<void> {
  await app.handover.directory.put(await accountOf(account));
}

/** Adds a counsellor account to a Redis, as `npm run counsellor -- add` does, for bot processes on it. */
export async function addCounsellorToRedis(
  namespace: string,
  account: TestCounsellor,
  url = TEST_REDIS_URL,
): Promise<void> {
  const redis = await rawRedis(url);
  try {
    await new RedisCounsellorDirectory(redis as unknown as RedisClient, namespace).put(
      await accountOf(account),
    );
  } finally {
    await redis.close();
  }
}

/** A call to the counsellor API. */
export async function counsellorApi(
  baseUrl: string,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  token?: string,
  body?: unknown,
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const response = await fetch(`${baseUrl}/api/counsellor${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json(), headers: response.headers };
}

/** Logs a counsellor in and resolves the session token. */
export async function login(baseUrl: string, username: string, password: string): Promise<string> {
  const session = await counsellorApi(baseUrl, 'POST', '/session', undefined, {
    username,
    password,
  });
  expect(session.status, `login of ${username}`).to.equal(200);
  return (session.body as { token: string }).token;
}

/** An open event stream of the console: what it has received, parsed. */
export interface EventStream {
  events: Array<{ event: string; data: Record<string, unknown> }>;
  /** Resolves with the first event matching `match` (received before or after the call). */
  next(
    match: (event: { event: string; data: Record<string, unknown> }) => boolean,
  ): Promise<{ event: string; data: Record<string, unknown> }>;
  close(): void;
}

/** Opens the console's live updates (server-sent events), as the console does with fetch. */
export async function openEvents(baseUrl: string, token: string): Promise<EventStream> {
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}/api/counsellor/events`, {
    headers: { authorization: `Bearer ${token}` },
    signal: controller.signal,
  });
  expect(response.status).to.equal(200);
  expect(response.headers.get('content-type')).to.match(/^text\/event-stream/);
  const events: EventStream['events'] = [];
  const waiters = new Set<() => void>();
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (event && data) events.push({ event, data: JSON.parse(data) });
          for (const wake of waiters) wake();
        }
      }
    } catch {
      // aborted by close()
    }
  })();
  return {
    events,
    next: (match) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const found = events.find(match);
          if (!found) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error('no matching event within 8 s'));
        }, 8000);
        waiters.add(check);
        check();
      }),
    close: () => controller.abort(),
  };
}

export const fromBot = (activity: Activity) => activity.from?.role === 'bot';

/** Resolves with the next bot message after `from` whose text is `text`. */
export async function botSays(client: Client, text: string, from: number): Promise<Activity> {
  try {
    return await client.next((activity) => fromBot(activity) && activity.text === text, from);
  } catch (error) {
    const got = client.received.slice(from).map((activity) => activity.text ?? activity.type);
    throw new Error(`"${text}" did not arrive; got ${JSON.stringify(got)}`, { cause: error });
  }
}

/** Where the scenario runs: the user's widget and the counsellor's console may be on different instances. */
export interface HandoverScenario {
  /** The instance serving the user's widget. */
  userUrl: string;
  /** The instance serving the counsellor's console. */
  counsellorUrl: string;
  /** A session of a counsellor who speaks Arabic. */
  counsellorToken: string;
  /** The name the user is told. */
  counsellorName: string;
}

/**
 * The whole handover as the two people see it: an Arabic-speaking young
 * person asks for a counsellor in the widget, consents and describes the
 * need; the counsellor (console open, so online) sees the ticket, accepts,
 * reads the transcript; messages go both ways; the counsellor closes; the
 * bot answers again. Checks every message on both sides.
 */
export async function runHandoverScenario(where: HandoverScenario): Promise<void> {
  // The user never says who they are: the bot and the ticket know nobody (Arabic has one form anyway).
  const t = tr('ar', 'unknown');
  const { userUrl, counsellorUrl, counsellorToken, counsellorName } = where;
  const desk = await openEvents(counsellorUrl, counsellorToken);
  const { token, conversationId } = await widgetToken(userUrl);
  const user = connect(userUrl, { token, conversationId, webSocket: true, locale: 'ar' });
  try {
    // The user taps "talk to a counsellor" as the first thing.
    let from = user.received.length;
    await user.post({ type: 'message', text: '', locale: 'ar', value: { action: 'counsellor' } });
    const consent = await botSays(user, t('handover:consent.ask'), from);
    expect(consent.locale).to.equal('ar');

    from = user.received.length;
    await user.post({ type: 'message', text: 'نعم', locale: 'ar' });
    await botSays(user, t('handover:describe.ask'), from);
    from = user.received.length;
    const need = 'شهادتي من سوريا، هل يعترفون بها هنا؟';
    await user.post({ type: 'message', text: need, locale: 'ar' });
    // Its place and wait depend on who else is waiting: the message's shape is checked.
    const template = t('handover:queued', { position: '§P', wait: '§W' })
      .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      .replace('§P', '\\d+')
      .replace('§W', '.+');
    const queued = await user.next(
      (activity) => fromBot(activity) && new RegExp(`^${template}$`).test(activity.text ?? ''),
      from,
    );
    expect(queued.locale).to.equal('ar');

    // The console hears of the ticket and lists it with the language and the need.
    const announced = await desk.next(
      ({ event, data }) =>
        event === 'ticket' && data.status === 'waiting' && data.language === 'ar',
    );
    const ticketId = String(announced.data.id);
    const waiting = (
      await counsellorApi(counsellorUrl, 'GET', '/tickets?status=waiting', counsellorToken)
    ).body as Array<Record<string, unknown>>;
    expect(waiting.find((ticket) => ticket.id === ticketId)).to.deep.include({
      language: 'ar',
      summary: need,
      escalated: false,
    });

    from = user.received.length;
    const accepted = await counsellorApi(
      counsellorUrl,
      'POST',
      `/tickets/${ticketId}/accept`,
      counsellorToken,
    );
    expect(accepted.status).to.equal(200);
    await botSays(user, t('handover:accepted', { name: counsellorName }), from);

    const transcript = (
      await counsellorApi(counsellorUrl, 'GET', `/tickets/${ticketId}/transcript`, counsellorToken)
    ).body as { activities: Activity[] };
    expect(transcript.activities.map((activity) => activity.text)).to.include.members([
      t('handover:consent.ask'),
      need,
    ]);

    // The user writes: the counsellor gets it live; the bot does not answer.
    const question = 'هل أنت هنا؟';
    from = user.received.length;
    await user.post({ type: 'message', text: question, locale: 'ar' });
    const relayed = await desk.next(
      ({ event, data }) =>
        event === 'message' &&
        data.ticketId === ticketId &&
        (data.message as { text?: string }).text === question,
    );
    expect((relayed.data.message as { from: string }).from).to.equal('user');

    // The counsellor answers: it reaches the widget as written, from the counsellor.
    const answer = 'نعم، أنا هنا. أرسل لي صورة شهادتك <b>لاحقاً</b>.';
    const sent = await counsellorApi(
      counsellorUrl,
      'POST',
      `/tickets/${ticketId}/messages`,
      counsellorToken,
      {
        text: answer,
      },
    );
    expect(sent.status).to.equal(201);
    const delivered = await botSays(user, answer, from);
    expect(delivered.textFormat).to.equal('plain');
    expect(delivered.from.name).to.equal(counsellorName);
    const between = user.received
      .slice(from)
      .filter((activity) => fromBot(activity) && activity.type === 'message');
    expect(
      between.map((activity) => activity.text),
      'the bot stayed silent',
    ).to.deep.equal([answer]);

    // The counsellor closes: the user is told and asked for feedback; the bot answers again.
    from = user.received.length;
    const closed = await counsellorApi(
      counsellorUrl,
      'POST',
      `/tickets/${ticketId}/close`,
      counsellorToken,
    );
    expect(closed.status).to.equal(200);
    await botSays(user, t('handover:counsellorLeft', { name: counsellorName }), from);
    await botSays(user, t('handover:helpful.ask'), from);
    from = user.received.length;
    await user.post({ type: 'message', text: 'القائمة', locale: 'ar' });
    await botSays(user, t('audience.ask'), from);
  } finally {
    user.end();
    desk.close();
  }
}

/** An app for the browser tests with one counsellor account, and headless Chromium beside it. */
export async function appWithBrowser(
  env: Record<string, string>,
  account: TestCounsellor,
): Promise<{ app: RunningApp; browser: Browser; close(): Promise<void> }> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const app = await startTestApp(env);
  await addCounsellor(app, account);
  const browser = await launchChromium();
  return {
    app,
    browser,
    close: async () => {
      await browser.close();
      await app.close();
    },
  };
}
