import { expect } from 'chai';
import { TurnContext, type Activity } from 'botbuilder';
import { WebSocket } from 'ws';
import type { RunningApp } from '../../../src/index';
import { DIRECT_LINE_SERVICE_URL } from '../../../src/channels/directline';
import {
  MAX_ACTIVITY_BYTES,
  MAX_POSTS_PER_CONVERSATION_PER_MINUTE,
} from '../../../src/channels/directline/limits';
import { startTestApp, TEST_DIRECT_LINE_SECRET } from '../../support/app';
import { tr } from '../../support/bot';
import { call, connect, widgetToken, type Client } from '../../support/directLine';

/** The start of a topic's answer to someone who has not said who they are. */
const answerStart = (language: string, topic: string) =>
  tr(language, 'unknown')(`topics:${topic}.answer`).slice(0, 40);
const fromBot = (activity: Activity) => activity.from?.role === 'bot';
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('direct line gateway with the stock botframework-directlinejs client', function () {
  let app: RunningApp;
  const clients: Client[] = [];
  const open = (options: Parameters<typeof connect>[1]) => {
    const client = connect(app.url, options);
    clients.push(client);
    return client;
  };

  before(async function () {
    app = await startTestApp();
  });

  afterEach(function () {
    while (clients.length > 0) clients.pop()?.end();
  });

  after(async function () {
    await app.close();
  });

  for (const webSocket of [true, false]) {
    const how = webSocket ? 'WebSocket stream' : 'polling';

    it(`greets in the start locale, echoes the user's message and answers it (${how})`, async function () {
      const { token } = await widgetToken(app.url);
      const client = open({ token, webSocket, locale: 'uk-UA' });
      const welcome = await client.next(fromBot);
      expect(welcome.locale).to.equal('uk');
      // A new conversation: nobody has said who they are yet.
      expect(welcome.text).to.equal(tr('uk', 'unknown')('welcome.hello'));

      const before = client.received.length;
      const id = await client.post({
        type: 'message',
        text: 'скільки грошей отримує учень?',
        channelData: { clientActivityID: 'client-1' },
      });
      const echo = await client.next((activity) => activity.id === id, before);
      expect(echo.from.role).to.equal('user');
      expect(echo.text).to.equal('скільки грошей отримує учень?');
      expect(echo.textFormat).to.equal('plain');
      expect((echo.channelData as { clientActivityID?: string }).clientActivityID).to.equal(
        'client-1',
      );

      const answer = await client.next(
        (activity) => fromBot(activity) && activity.replyToId === id,
        before,
      );
      expect(answer.locale).to.equal('uk');
      expect(answer.text).to.contain(answerStart('uk', 'training-pay'));
      expect(client.received.map((activity) => activity.type)).to.not.include('conversationUpdate');
      const ids = client.received.map((activity) => activity.id);
      expect(new Set(ids).size, 'each activity arrives once').to.equal(ids.length);
    });
  }

  it('answers Arabic right to left over the stream', async function () {
    const { token } = await widgetToken(app.url);
    const client = open({ token, webSocket: true, locale: 'ar-SY' });
    await client.next(fromBot);
    const id = await client.post({ type: 'message', text: 'كم راتب التدريب المهني؟' });
    const answer = await client.next((activity) => fromBot(activity) && activity.replyToId === id);
    expect(answer.locale).to.equal('ar');
    expect(answer.channelData).to.deep.include({ direction: 'rtl' });
    expect(answer.text).to.contain(answerStart('ar', 'training-pay'));
  });

  it('lets a client that reconnects with its watermark receive every later activity exactly once', async function () {
    const { token, conversationId } = await widgetToken(app.url);
    const first = open({ token, webSocket: true, locale: 'de' });
    await first.next(fromBot);
    const firstId = await first.post({
      type: 'message',
      text: 'Wie viel verdient man in der Ausbildung?',
    });
    await first.next((activity) => fromBot(activity) && activity.replyToId === firstId);
    const seen = await call(app.url, 'GET', `/conversations/${conversationId}/activities`, token);
    const watermark = String(seen.body.watermark);
    first.end();

    // While the client is away, the conversation goes on.
    const away = await call(app.url, 'POST', `/conversations/${conversationId}/activities`, token, {
      type: 'message',
      text: 'Und wer hilft mir bei der Bewerbung?',
    });
    expect(away.status).to.equal(200);

    const later = await call(
      app.url,
      'GET',
      `/conversations/${conversationId}/activities?watermark=${watermark}`,
      token,
    );
    const laterActivities = later.body.activities as Activity[];
    expect(laterActivities[0]?.id).to.equal(away.body.id);
    expect(laterActivities.length).to.be.greaterThan(1);
    expect(Number(later.body.watermark)).to.equal(Number(watermark) + laterActivities.length);

    for (const webSocket of [false, true]) {
      const back = open({ token, webSocket, conversationId, watermark });
      await back.next((activity) => activity.id === laterActivities.at(-1)?.id);
      await delay(400); // a duplicate would arrive by now (the poll interval is 200 ms)
      expect(back.received.map((activity) => activity.id)).to.deep.equal(
        laterActivities.map((activity) => activity.id),
      );
      back.end();
    }
  });

  it('starts a conversation once: 201, then 200 with the same conversation and no second welcome', async function () {
    const { token, conversationId } = await widgetToken(app.url);
    const first = await call(app.url, 'POST', '/conversations', token, { locale: 'en' });
    expect(first.status).to.equal(201);
    expect(first.body).to.include({ conversationId });
    expect(first.body.streamUrl).to.match(
      /^ws:\/\/127\.0\.0\.1:\d+\/v3\/directline\/conversations\//,
    );
    const again = await call(app.url, 'POST', '/conversations', token, { locale: 'en' });
    expect(again.status).to.equal(200);
    expect(again.body).to.include({ conversationId });
    const log = await call(app.url, 'GET', `/conversations/${conversationId}/activities`, token);
    const welcomes = (log.body.activities as Activity[]).filter(
      (activity) => activity.text === tr('en', 'unknown')('welcome.hello'),
    );
    expect(welcomes).to.have.length(1);
  });

  it('reaches the widget with a proactive message sent later through the adapter', async function () {
    const { token } = await widgetToken(app.url);
    const client = open({ token, webSocket: true, locale: 'de' });
    const welcome = await client.next(fromBot);
    const reference = TurnContext.getConversationReference({
      ...welcome,
      serviceUrl: DIRECT_LINE_SERVICE_URL,
      recipient: welcome.from,
      from: { id: 'dl_user', name: '' },
    } as Activity);
    await app.directLine.adapter.continueConversationAsync('', reference, async (context) => {
      await context.sendActivity('Hallo, hier ist Frau Yilmaz von der Beratung.');
    });
    const proactive = await client.next(
      (activity) => activity.text === 'Hallo, hier ist Frau Yilmaz von der Beratung.',
    );
    expect(proactive.from.role).to.equal('bot');
  });

  it('forgets the transcript on "delete my data": a reload shows only the confirmation, and the chat goes on', async function () {
    const { token, conversationId } = await widgetToken(app.url);
    await call(app.url, 'POST', '/conversations', token, { locale: 'en' });
    const path = `/conversations/${conversationId}/activities`;
    await call(app.url, 'POST', path, token, { type: 'message', text: 'my son Karim is 17' });
    await call(app.url, 'POST', path, token, { type: 'message', text: 'delete my data' });
    const deleted = await call(app.url, 'POST', path, token, {
      type: 'message',
      value: { action: 'deleteConfirm' },
    });
    expect(deleted.status).to.equal(200);
    const history = await call(app.url, 'GET', path, token);
    // Said to the parent "my son" showed, the reader known before the deletion.
    expect((history.body.activities as Activity[]).map((activity) => activity.text)).to.deep.equal([
      tr('en', 'parent')('privacy.deleted'),
    ]);
    expect(JSON.stringify(history.body)).to.not.contain('Karim');
    const next = await call(app.url, 'POST', path, token, { type: 'message', text: 'hello' });
    expect(next.status).to.equal(200);
  });

  it('issues tokens only to the secret, and refreshes a valid token', async function () {
    const refused = await call(app.url, 'POST', '/tokens/generate', 'not-the-secret', {});
    expect(refused.status).to.equal(403);
    expect(refused.body).to.deep.equal({ error: { code: 'Forbidden', message: 'Invalid token.' } });
    const generated = await call(app.url, 'POST', '/tokens/generate', TEST_DIRECT_LINE_SECRET, {
      user: { id: 'dl_amira' },
    });
    expect(generated.status).to.equal(200);
    expect(generated.body.expires_in).to.equal(3600);
    const refreshed = await call(app.url, 'POST', '/tokens/refresh', String(generated.body.token));
    expect(refreshed.status).to.equal(200);
    expect(refreshed.body.conversationId).to.equal(generated.body.conversationId);
    const started = await call(app.url, 'POST', '/conversations', String(refreshed.body.token), {});
    expect(started.status).to.equal(201);
  });

  it('answers 404 for an unknown or deleted conversation and 403 for another conversation', async function () {
    const unknown = await call(
      app.url,
      'GET',
      '/conversations/no-such-id/activities',
      TEST_DIRECT_LINE_SECRET,
    );
    expect(unknown.status).to.equal(404);
    expect(unknown.body).to.deep.equal({
      error: { code: 'NotFound', message: 'Conversation not found.' },
    });

    const a = await widgetToken(app.url);
    const b = await widgetToken(app.url);
    const crossed = await call(
      app.url,
      'GET',
      `/conversations/${b.conversationId}/activities`,
      a.token,
    );
    expect(crossed.status).to.equal(403);

    await app.directLine.log.delete(a.conversationId);
    const gone = await call(
      app.url,
      'POST',
      `/conversations/${a.conversationId}/activities`,
      a.token,
      {
        type: 'message',
        text: 'hallo',
      },
    );
    expect(gone.status).to.equal(404);
  });

  it('refuses malformed JSON, oversized activities, unknown types and uploads with Direct Line errors', async function () {
    const { token, conversationId } = await widgetToken(app.url);
    const path = `/conversations/${conversationId}/activities`;
    const malformed = await call(app.url, 'POST', path, token, '{"type": "message", "text": ');
    expect(malformed.status).to.equal(400);
    expect((malformed.body.error as { code: string }).code).to.equal('BadSyntax');

    const huge = await call(app.url, 'POST', path, token, {
      type: 'message',
      text: 'x'.repeat(MAX_ACTIVITY_BYTES + 1),
    });
    expect(huge.status).to.equal(413);
    expect((huge.body.error as { code: string }).code).to.equal('MessageSizeTooBig');

    const wrongType = await call(app.url, 'POST', path, token, { type: 'invoke', name: 'x' });
    expect(wrongType.status).to.equal(400);
    expect((wrongType.body.error as { code: string }).code).to.equal('BadArgument');

    const upload = await call(
      app.url,
      'POST',
      `/conversations/${conversationId}/upload?userId=x`,
      token,
    );
    expect(upload.status).to.equal(400);
    expect((upload.body.error as { code: string }).code).to.equal('NotSupported');

    const healthy = await call(app.url, 'POST', path, token, { type: 'message', text: 'hallo' });
    expect(healthy.status, 'the conversation still works').to.equal(200);
  });

  it(`answers 429 with Retry-After once a conversation posts more than ${MAX_POSTS_PER_CONVERSATION_PER_MINUTE} times a minute`, async function () {
    const { token, conversationId } = await widgetToken(app.url);
    const path = `/conversations/${conversationId}/activities`;
    const statuses: number[] = [];
    let last;
    for (let index = 0; index <= MAX_POSTS_PER_CONVERSATION_PER_MINUTE; index += 1) {
      last = await call(app.url, 'POST', path, token, { type: 'event', name: 'ping' });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, -1).every((status) => status === 200)).to.equal(true);
    expect(last?.status).to.equal(429);
    expect(Number(last?.headers.get('retry-after'))).to.be.within(1, 60);
    expect((last?.body.error as { code: string }).code).to.equal('TooManyRequests');
    const other = await widgetToken(app.url);
    const unaffected = await call(
      app.url,
      'POST',
      `/conversations/${other.conversationId}/activities`,
      other.token,
      {
        type: 'event',
        name: 'ping',
      },
    );
    expect(unaffected.status, 'other conversations are not limited').to.equal(200);
  });

  it('refuses a stream with a wrong token', async function () {
    const { token } = await widgetToken(app.url);
    const started = await call(app.url, 'POST', '/conversations', token, {});
    const streamUrl = String(started.body.streamUrl);
    const upgrade = (url: string) =>
      new Promise<number>((resolve) => {
        const socket = new WebSocket(url);
        socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
        socket.on('open', () => {
          socket.close();
          resolve(101);
        });
      });
    expect(await upgrade(streamUrl), 'the stream URL as issued').to.equal(101);
    expect(await upgrade(streamUrl.replace(/t=[^&]+/, 't=forged'))).to.equal(403);
    expect(
      await upgrade(streamUrl.replace(/t=[^&]+/, `t=${token}`)),
      'a conversation token is not a stream token',
    ).to.equal(403);
  });
});

describe('direct line tokens expire', function () {
  let app: RunningApp;

  before(async function () {
    app = await startTestApp({ DIRECT_LINE_TOKEN_SECONDS: '1' });
  });

  after(async function () {
    await app.close();
  });

  it('answers 403 TokenExpired once the token has expired, for reads, posts and refresh', async function () {
    const { token, conversationId, expires_in: expiresIn } = await widgetToken(app.url);
    expect(expiresIn).to.equal(1);
    const fresh = await call(app.url, 'GET', `/conversations/${conversationId}/activities`, token);
    expect(fresh.status).to.equal(200);
    await delay(2100);
    for (const [method, path] of [
      ['GET', `/conversations/${conversationId}/activities`],
      ['POST', `/conversations/${conversationId}/activities`],
      ['POST', '/tokens/refresh'],
    ] as const) {
      const expired = await call(
        app.url,
        method,
        path,
        token,
        method === 'POST' ? { type: 'message', text: 'hi' } : undefined,
      );
      expect(expired.status, `${method} ${path}`).to.equal(403);
      expect(expired.body).to.deep.equal({
        error: { code: 'TokenExpired', message: 'Token expired.' },
      });
    }
  });
});
