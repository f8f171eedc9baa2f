import type { Activity } from 'botbuilder';
import { expect } from 'chai';
import type { RunningApp } from '../../src/index';
import { capturingLogger, startTestApp, TEST_DIRECT_LINE_SECRET } from '../support/app';
import { logId } from '../../src/logger';
import { OFFERS_DATA_DIR, offersContent, translator } from '../support/bot';
import { connect, widgetToken, type Client } from '../support/directLine';
import { addCounsellor, counsellorApi, login, openEvents } from '../support/handover';
import { startFakeLibreTranslate, type FakeLibreTranslate } from '../support/fakeLibreTranslate';
import { dropNamespace, rawRedis, TEST_REDIS_URL, uniqueNamespace } from '../support/redis';

/** Keys that are the service point's configuration, not anyone's conversation: kept without expiry. */
const CONFIGURATION_KEYS = [/::counsellors$/];

/** Every key under the namespace, with its TTL (ms; -1 none) and everything it holds as text. */
async function snapshot(
  namespace: string,
): Promise<Array<{ key: string; ttl: number; content: string }>> {
  const client = await rawRedis();
  try {
    const found: Array<{ key: string; ttl: number; content: string }> = [];
    for await (const keys of client.scanIterator({ MATCH: `${namespace}::*`, COUNT: 500 })) {
      for (const key of keys) {
        const type = await client.type(key);
        const content =
          type === 'string'
            ? ((await client.get(key)) ?? '')
            : type === 'hash'
              ? JSON.stringify(await client.hGetAll(key))
              : type === 'list'
                ? JSON.stringify(await client.lRange(key, 0, -1))
                : type === 'zset'
                  ? JSON.stringify(await client.zRange(key, 0, -1))
                  : type === 'set'
                    ? JSON.stringify(await client.sMembers(key))
                    : `(${type})`;
        found.push({ key, ttl: await client.pTTL(key), content });
      }
    }
    return found;
  } finally {
    await client.close();
  }
}

describe('privacy: what Redis holds after a full scenario, and after "delete my data"', function () {
  this.timeout(60_000);
  const namespace = uniqueNamespace('privacy');
  let app: RunningApp;
  let user: Client | undefined;
  /** Everything the app logs during the scenario, at the most detailed level. */
  const logs = capturingLogger();
  /** The user says first that they are a young person: every reply says "du". */
  const t = translator(offersContent, 'de', 'youth');
  const fromBot = (activity: Activity) => activity.from?.role === 'bot';

  /** Posts and waits for the bot's message with `text` (or any message when undefined). */
  async function say(activity: Partial<Activity>, expected: string): Promise<void> {
    const from = user!.received.length;
    await user!.post({ type: 'message', text: '', locale: 'de', ...activity });
    await user!.next((reply) => fromBot(reply) && reply.text === expected, from);
  }

  /** The service point's own translation engine (a local server with LibreTranslate's API). */
  let engine: FakeLibreTranslate;

  before(async function () {
    engine = await startFakeLibreTranslate();
    app = await startTestApp(
      {
        STORAGE_URL: TEST_REDIS_URL,
        STORAGE_NAMESPACE: namespace,
        DATA_DIR: OFFERS_DATA_DIR,
        TRANSLATION_URL: engine.url,
      },
      logs.logger,
    );
  });

  after(async function () {
    user?.end();
    await app?.close();
    await engine?.close();
    await dropNamespace(namespace);
  });

  it('gives every key a retention, except the counsellor accounts, and deletes all of the user at once', async function () {
    await addCounsellor(app, {
      username: 'jonas',
      name: 'Jonas',
      languages: ['de'],
      password: 'geheim-geheim-1',
    });
    expect(
      (
        await counsellorApi(app.url, 'POST', '/session', undefined, {
          username: 'jonas',
          password: 'falsch',
        })
      ).status,
    ).to.equal(401);
    const token = await login(app.url, 'jonas', 'geheim-geheim-1');
    const desk = await openEvents(app.url, token);

    const personal = {
      question: 'Mein Zeugnis aus Aleppo, wird es anerkannt?',
      need: 'Ich heiße Samira Haddad und brauche Hilfe mit der Ausländerbehörde',
      phone: '0176 9876543',
      email: 'samira.haddad@example.org',
      chat: 'Meine Adresse ist Eisenbahnstraße 7',
    };
    const widget = await widgetToken(app.url);
    user = connect(app.url, {
      token: widget.token,
      conversationId: widget.conversationId,
      webSocket: true,
      locale: 'de',
    });
    try {
      // Questions, an unknown one (anonymous statistics), a handover with messages both ways.
      await say({ value: { audience: 'youth' } }, t('menu.ask'));
      await say({ text: personal.question }, t('topics:certificate-recognition.answer'));
      await say({ text: 'xyzzy plugh blorp' }, t('nlu.notSure'));
      await say({ value: { action: 'counsellor' } }, t('handover:consent.ask'));
      await say({ value: { choice: 'yes' } }, t('handover:describe.ask'));
      const from = user.received.length;
      await user.post({ type: 'message', text: personal.need, locale: 'de' });
      await user.next((reply) => reply.type === 'event' && reply.name === 'handoff.initiate', from);
      const [ticket] = await app.handover.queue.list('waiting');
      await counsellorApi(app.url, 'POST', `/tickets/${ticket!.id}/accept`, token);
      await user.post({ type: 'message', text: personal.chat, locale: 'de' });
      await desk.next(
        ({ event, data }) =>
          event === 'message' && (data.message as { text: string }).text === personal.chat,
      );
      await counsellorApi(app.url, 'POST', `/tickets/${ticket!.id}/messages`, token, {
        text: 'Danke, Samira.',
      });
      // An English-speaking colleague reads it machine-translated and answers in English.
      const english = await counsellorApi(
        app.url,
        'GET',
        `/tickets/${ticket!.id}/translations?lang=en`,
        token,
      );
      expect(english.body).to.deep.include({
        translations: [
          { text: personal.question, translation: `[en] ${personal.question}` },
          { text: 'xyzzy plugh blorp', translation: '[en] xyzzy plugh blorp' },
          { text: personal.need, translation: `[en] ${personal.need}` },
          { text: personal.chat, translation: `[en] ${personal.chat}` },
        ],
      });
      const sent = await counsellorApi(app.url, 'POST', `/tickets/${ticket!.id}/messages`, token, {
        text: 'Thank you, Samira.',
        translateFrom: 'en',
      });
      expect(sent.status).to.equal(201);
      await counsellorApi(app.url, 'POST', `/tickets/${ticket!.id}/close`, token);
      // A callback, a referral and an appointment, each with consent.
      await say({ value: { action: 'callback' } }, t('handover:callback.consent'));
      await say({ value: { choice: 'yes' } }, t('handover:callback.ask'));
      await say({ text: personal.phone }, t('handover:describe.ask'));
      await say(
        { value: { choice: 'skip' } },
        t('handover:callback.saved', { deleteCommand: 'daten löschen' }),
      );
      await say(
        { value: { action: 'refer', partner: 'iq-sachsen' } },
        t('offers:referral.consent', { partner: 'IQ Netzwerk Sachsen' }),
      );
      await say(
        { value: { choice: 'yes' } },
        t('offers:referral.askContact', { partner: 'IQ Netzwerk Sachsen' }),
      );
      await say({ text: personal.email }, t('handover:describe.ask'));
      await say(
        { value: { choice: 'skip' } },
        t('offers:referral.saved', { partner: 'IQ Netzwerk Sachsen' }),
      );
      const slots = user.received.length;
      await user.post({
        type: 'message',
        text: '',
        locale: 'de',
        value: { action: 'appointment' },
      });
      const offer = await user.next(
        (reply) => fromBot(reply) && (reply.suggestedActions?.actions.length ?? 0) > 1,
        slots,
      );
      const slot = offer.suggestedActions!.actions[0]!.value as { choice: string };
      const consentFrom = user.received.length;
      await user.post({ type: 'message', text: '', locale: 'de', value: slot });
      await user.next((reply) => fromBot(reply) && /30/.test(reply.text ?? ''), consentFrom);
      await say({ value: { choice: 'yes' } }, t('offers:appointment.askContact'));
      const requestFrom = user.received.length;
      await user.post({ type: 'message', text: personal.email, locale: 'de' });
      await user.next(
        (reply) => fromBot(reply) && (reply.text ?? '').includes('Willkommenszentrum'),
        requestFrom,
      );

      // 1. Every key has a retention, except the accounts (configuration, not a user's data).
      const keys = await snapshot(namespace);
      const without = keys.filter(
        ({ key, ttl }) => ttl < 0 && !CONFIGURATION_KEYS.some((pattern) => pattern.test(key)),
      );
      expect(
        without.map(({ key }) => key),
        'keys without expiry',
      ).to.deep.equal([]);
      expect(keys.length, 'the scenario wrote the keys of every store').to.be.above(15);
      const stores = new Set(
        keys.map(({ key }) => key.slice(namespace.length + 2).split(/[:/]/)[0]),
      );
      for (const store of [
        'directline',
        'dl',
        'ho',
        'cb',
        'rf',
        'ap',
        'unanswered',
        'counsellors',
      ]) {
        expect([...stores], `keys of ${store}`).to.include(store);
      }
      const everything = keys.map(({ content }) => content).join('\n');
      for (const text of Object.values(personal)) expect(everything).to.contain(text);
      // The translations are kept with the ticket, for the ticket's retention.
      const translated = keys.find(({ key }) => key.includes('::ho:tr:'));
      expect(translated?.content, 'translations kept').to.contain(`[en] ${personal.need}`);
      expect(translated?.ttl).to.be.above(0);
      expect(everything).to.contain('Thank you, Samira.');

      // 2. "Delete my data", confirmed: nothing of what the user wrote or left is there any more.
      await say({ value: { action: 'delete' } }, t('privacy.confirm'));
      await say({ value: { action: 'deleteConfirm' } }, t('privacy.deleted'));
      const after = await snapshot(namespace);
      const remaining = after.map(({ key, content }) => `${key} ${content}`).join('\n');
      for (const [what, text] of Object.entries(personal)) {
        expect(remaining, `${what} is gone`).to.not.contain(text);
      }
      expect(remaining, 'translations are gone').to.not.contain('::ho:tr:');
      expect(remaining, 'the translated reply and its original are gone').to.not.contain(
        'Thank you, Samira.',
      );
      const ofConversation = after.filter(({ key, content }) =>
        `${key} ${content}`.includes(widget.conversationId),
      );
      // What stays: the widget's token binding (a random id, no content) so the open chat keeps
      // working, and the transcript from the deletion on: only the bot's "deleted" message.
      expect(ofConversation.map(({ key }) => key).sort()).to.deep.equal([
        `${namespace}::dl:${widget.conversationId}`,
        `${namespace}::dl:${widget.conversationId}:log`,
      ]);
      const log = ofConversation.find(({ key }) => key.endsWith(':log'))!.content;
      const texts = (JSON.parse(log) as string[]).map(
        (entry) => (JSON.parse(entry) as Activity).text,
      );
      expect(texts).to.deep.equal([t('privacy.deleted')]);
      expect(await app.handover.queue.list('closed')).to.deep.equal([]);

      // 3. The logs of the whole scenario, at trace level, hold none of it either.
      expect(logs.lines.length, 'the app did log').to.be.above(0);
      const logged = logs.lines.join('\n');
      for (const [what, text] of Object.entries(personal)) {
        expect(logged, `${what} in the logs`).to.not.contain(text);
      }
      for (const id of [widget.conversationId, ticket!.id]) expect(logged).to.not.contain(id);
      // Turns are logged at debug level with the conversation's id hashed, so they can be followed.
      const turns = logs.lines.filter((line) => line.includes('"msg":"turn"'));
      expect(turns.length).to.be.above(10);
      const hashed = logId(widget.conversationId, TEST_DIRECT_LINE_SECRET);
      expect(turns.some((line) => line.includes(`"conversation":"${hashed}"`))).to.equal(true);
      // The figures for the notes, in the test's title: keys written, keys left (none of the user's).
      this.test!.title += ` (${keys.length} keys checked, ${after.length} left)`;
    } finally {
      desk.close();
    }
  });
});
