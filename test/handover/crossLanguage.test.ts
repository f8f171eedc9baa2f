import { expect } from 'chai';
import type { Activity } from 'botbuilder';
import type { RunningApp } from '../../src/index';
import { startTestApp } from '../support/app';
import { CALL_BACK_TOMORROW } from '../support/quickReplies';
import { tr } from '../support/bot';
import { connect, widgetToken, type Client } from '../support/directLine';
import { startFakeLibreTranslate, type FakeLibreTranslate } from '../support/fakeLibreTranslate';
import {
  addCounsellor,
  botSays,
  counsellorApi,
  fromBot,
  login,
  openEvents,
  type EventStream,
} from '../support/handover';

const PASSWORD = 'nur-deutsch-2026';

interface Reading {
  summary: Array<{ field: string; label: string; value: string; lang?: string }>;
  lines: Array<{
    role: string;
    text: string;
    gist?: { id: string; confidence: number; text: string };
    gloss?: string;
    original?: { text: string; language: string };
  }>;
}

const field = (reading: Reading, name: string) =>
  reading.summary.find((line) => line.field === name)?.value;

/**
 * A German-only counsellor takes an Arabic request: the summary, the gists and
 * the bot's words in German, the user's messages machine-translated on the
 * service point's own engine (a local server with LibreTranslate's API), and
 * a German reply that reaches the user in Arabic with a note.
 */
describe('a counsellor across languages (summary, gists, machine translation)', function () {
  let engine: FakeLibreTranslate;
  let app: RunningApp;
  let token: string;
  let desk: EventStream;
  let user: Client;
  let ticketId: string;
  const t = tr('ar', 'youth');
  const question = 'كم لازم ادفع للمدرسة المهنية';
  const need = 'ابني عمره 19 وعنده دولدونغ';
  const api = (method: 'GET' | 'POST', path: string, body?: unknown) =>
    counsellorApi(app.url, method, path, token, body);

  /** Posts and waits for the bot's message that begins with `answer`. */
  async function say(activity: Partial<Activity>, answer: string): Promise<void> {
    const from = user.received.length;
    await user.post({ type: 'message', text: '', locale: 'ar', ...activity });
    await user.next((reply) => fromBot(reply) && (reply.text ?? '').startsWith(answer), from);
  }

  before(async function () {
    engine = await startFakeLibreTranslate();
    // Requests go to everyone at once: nobody here speaks Arabic.
    app = await startTestApp({ TRANSLATION_URL: engine.url, HANDOVER_ESCALATE_MINUTES: '0' });
    await addCounsellor(app, {
      username: 'jana',
      name: 'Jana',
      languages: ['de'],
      password: PASSWORD,
    });
    token = await login(app.url, 'jana', PASSWORD);
    desk = await openEvents(app.url, token);
    const widget = await widgetToken(app.url);
    user = connect(app.url, { ...widget, webSocket: true, locale: 'ar' });

    // A young person does the readiness check, typing yes and no in Arabic, asks a question, then asks for a person.
    await say({ value: { audience: 'youth' } }, t('menu.ask'));
    await say({ value: { action: 'readiness' } }, t('readiness.askAge'));
    await say({ text: '19' }, t('readiness.askCertificate'));
    await say({ text: 'نعم' }, t('readiness.askAbroad'));
    await say({ text: 'نعم' }, t('readiness.askEvaluated'));
    await say({ text: 'لا' }, t('readiness.askGerman'));
    await say({ value: { choice: 'a' } }, t('readiness.askResidence'));
    await say({ value: { choice: 'duldung' } }, t('readiness.result'));
    let from = user.received.length;
    await user.post({ type: 'message', text: question, locale: 'ar' });
    await user.next((activity) => fromBot(activity) && /\S/.test(activity.text ?? ''), from);
    await say({ value: { action: 'counsellor' } }, t('handover:consent.ask'));
    await say({ text: 'نعم' }, t('handover:describe.ask'));
    from = user.received.length;
    await user.post({ type: 'message', text: need, locale: 'ar' });
    const handoff = await user.next((activity) => activity.name === 'handoff.initiate', from);
    ticketId = String((handoff.value as { ticketId: string }).ticketId);
  });

  after(async function () {
    user?.end();
    desk?.close();
    await app?.close();
    await engine?.close();
  });

  it('sums the request up in German from what the bot knows, with titles, not ids', async function () {
    const reading = (await api('GET', `/tickets/${ticketId}/transcript?lang=de`)).body as Reading;
    expect(field(reading, 'audience')).to.equal('Junge Person');
    expect(field(reading, 'language')).to.equal('Arabisch');
    expect(field(reading, 'topics'))
      .to.contain('Berufsschule')
      .and.not.contain('vocational-school');
    expect(field(reading, 'readiness.age')).to.equal('19');
    expect(field(reading, 'readiness.certificate')).to.equal('ja');
    expect(field(reading, 'readiness.evaluated')).to.equal('nein');
    expect(field(reading, 'readiness.german')).to.equal('A1 oder A2');
    expect(field(reading, 'readiness.residence')).to.equal('Duldung');
    const description = reading.summary.find((line) => line.field === 'description');
    expect(description).to.include({ value: need, lang: 'ar' });
    // The English console says the same in English.
    const english = (await api('GET', `/tickets/${ticketId}/transcript?lang=en`)).body as Reading;
    expect(field(english, 'audience')).to.equal('Young person');
    expect(field(english, 'readiness.evaluated')).to.equal('no');
  });

  it('shows the gist of every user message and the bot’s words in German', async function () {
    const { lines } = (await api('GET', `/tickets/${ticketId}/transcript?lang=de`)).body as Reading;
    const asked = lines.find((line) => line.role === 'user' && line.text === question);
    expect(asked?.gist?.id).to.match(/^vocational-school/);
    expect(asked?.gist?.text).to.match(/^Verstanden: .*Berufsschule.*\(\d+ %\)$/);
    const consent = lines.find((line) => line.text === t('handover:consent.ask'));
    expect(consent?.gloss).to.equal(tr('de', 'youth')('handover:consent.ask'));
    const age = lines.find((line) => line.role === 'user' && line.text === '19');
    expect(age, 'the typed age is in the transcript').to.not.equal(undefined);
    expect(age?.gist, 'a number alone is about no topic: no gist').to.equal(undefined);
  });

  it('translates the user’s messages into German once, kept with the ticket', async function () {
    const path = `/tickets/${ticketId}/translations?lang=de`;
    const first = (await api('GET', path)).body as {
      translations: Array<{ text: string; translation: string }>;
      problem?: string;
    };
    expect(first.problem).to.equal(undefined);
    expect(first.translations).to.deep.include({
      text: question,
      translation: 'Wie viel muss ich für die Berufsschule bezahlen?',
    });
    const asked = engine.requests.filter((request) => request.path === '/translate').length;
    await api('GET', path);
    expect(
      engine.requests.filter((request) => request.path === '/translate').length,
      'the second time comes from the ticket',
    ).to.equal(asked);
  });

  it('sends a German reply in Arabic with a note, and keeps both texts', async function () {
    expect((await api('POST', `/tickets/${ticketId}/accept`)).status).to.equal(200);
    let from = user.received.length;
    const sent = await api('POST', `/tickets/${ticketId}/messages`, {
      text: 'Guten Tag, ich schaue mir Ihre Frage an.',
      translateFrom: 'de',
    });
    expect(sent.status).to.equal(201);
    await botSays(user, 'مرحباً، سأنظر في سؤالك.', from);
    await botSays(user, t('handover:translated'), from);
    const { lines } = (await api('GET', `/tickets/${ticketId}/transcript?lang=de`)).body as Reading;
    expect(lines.find((line) => line.role === 'counsellor')).to.deep.include({
      text: 'مرحباً، سأنظر في سؤالك.',
      original: { text: 'Guten Tag, ich schaue mir Ihre Frage an.', language: 'de' },
    });

    // The engine fails: nothing is sent, the counsellor is told, the chat goes on.
    engine.set({ mode: 'down' });
    from = user.received.length;
    const failed = await api('POST', `/tickets/${ticketId}/messages`, {
      text: 'Die Berufsschule kostet kein Schulgeld.',
      translateFrom: 'de',
    });
    expect(failed.status).to.equal(502);
    expect((failed.body as { code: string }).code).to.equal('TranslationFailed');
    await user.post({ type: 'message', text: 'شكراً جزيلاً', locale: 'ar' });
    await desk.next(
      ({ event, data }) =>
        event === 'message' && (data.message as { text?: string }).text === 'شكراً جزيلاً',
    );
    const translations = (await api('GET', `/tickets/${ticketId}/translations?lang=de`)).body as {
      translations: Array<{ text: string }>;
      problem?: string;
    };
    expect(translations.problem).to.equal('unavailable');
    expect(
      translations.translations.map((entry) => entry.text),
      'kept ones still shown',
    ).to.include(question);
    const plain = await api('POST', `/tickets/${ticketId}/messages`, {
      text: 'Einen Moment bitte.',
    });
    expect(plain.status, 'without translation the chat goes on').to.equal(201);
    await botSays(user, 'Einen Moment bitte.', from);
    engine.set({ mode: 'ok' });
  });

  it('hands an agent hub the summary and gists with handoff.initiate', async function () {
    const handoff = user.received.find((activity) => activity.name === 'handoff.initiate');
    const transcript = handoff?.attachments?.[0]?.content as { activities: Activity[] };
    const [summary, ...messages] = transcript.activities;
    expect(summary?.text)
      .to.contain('Zielgruppe: Junge Person')
      .and.contain('Aufenthaltsstatus: Duldung');
    const asked = messages.find((activity) => activity.text === question);
    expect((asked?.channelData as { gist?: { text: string } }).gist?.text).to.contain(
      'Berufsschule',
    );
  });

  it('keeps her own quick replies in all 8 languages, checked, drafted by the engine from German', async function () {
    const refused = await api('POST', '/quick-replies', {
      texts: { ...CALL_BACK_TOMORROW, de: 'Ich melde mich morgen bei dir, {{name}}' },
    });
    expect(refused.status).to.equal(400);
    expect((refused.body as { message: string }).message).to.contain('de: use the polite form');
    const kept = await api('POST', '/quick-replies', { texts: CALL_BACK_TOMORROW });
    expect(kept.status).to.equal(201);
    const own = (await api('GET', '/quick-replies')).body as Array<{ id: string; texts: object }>;
    expect(own.map((reply) => reply.texts)).to.deep.equal([CALL_BACK_TOMORROW]);
    const draft = await api('POST', '/quick-replies/draft', {
      text: 'Guten Tag, ich schaue mir Ihre Frage an.',
      from: 'de',
    });
    expect((draft.body as { texts: Record<string, string> }).texts).to.deep.include({
      de: 'Guten Tag, ich schaue mir Ihre Frage an.',
      ar: 'مرحباً، سأنظر في سؤالك.',
      fa: 'سلام، سوال شما را بررسی می‌کنم.',
    });
    const deleted = await counsellorApi(app.url, 'DELETE', `/quick-replies/${own[0]!.id}`, token);
    expect(deleted.status).to.equal(200);
    expect((await api('GET', '/quick-replies')).body).to.deep.equal([]);
  });

  it('deletes the translations with the user’s data', async function () {
    const forgotten = await api('POST', `/tickets/${ticketId}/forget`);
    expect(forgotten.status).to.equal(200);
    expect((await app.handover.queue.translations(ticketId, 'de', [question])).size).to.equal(0);
  });
});
