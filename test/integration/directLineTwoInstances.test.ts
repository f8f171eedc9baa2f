import { expect } from 'chai';
import type { Activity } from 'botbuilder';
import { WebSocket } from 'ws';
import { tr } from '../support/bot';
import { call, connect, widgetToken, type Client } from '../support/directLine';
import { spawnBot, waitFor, type BotProcess } from '../support/http';
import { dropNamespace, TEST_REDIS_URL, uniqueNamespace } from '../support/redis';

const fromBot = (activity: Activity) => activity.from?.role === 'bot';

describe('direct line across two bot processes sharing Redis', function () {
  const namespace = uniqueNamespace('dl-two');
  const env = { STORAGE_URL: TEST_REDIS_URL, STORAGE_NAMESPACE: namespace };
  let a: BotProcess;
  let b: BotProcess;
  let client: Client | undefined;
  let raw: WebSocket | undefined;

  before(async function () {
    [a, b] = await Promise.all([spawnBot(env), spawnBot(env)]);
  });

  after(async function () {
    client?.end();
    raw?.close();
    await Promise.all([a?.stop(), b?.stop()]);
    await dropNamespace(namespace);
  });

  it('streams from instance B the replies to messages posted on instance A, and the other way round', async function () {
    // The conversation starts on A: token, start and welcome all there.
    const { token, conversationId } = await widgetToken(a.url);
    const started = await call(a.url, 'POST', '/conversations', token, { locale: 'tr-TR' });
    expect(started.status).to.equal(201);

    // A raw stream on B records the frames exactly as the server sends them.
    const reconnected = await call(b.url, 'GET', `/conversations/${conversationId}`, token);
    const frames: Array<{ activities: Activity[]; watermark: string }> = [];
    raw = new WebSocket(String(reconnected.body.streamUrl));
    raw.on('message', (data) => frames.push(JSON.parse(String(data))));
    await new Promise((resolve) => raw?.once('open', resolve));

    // The widget's stream is on B: it gets the history written by A.
    client = connect(b.url, { token, conversationId, webSocket: true });
    const welcome = await client.next(fromBot);
    // A new conversation: nobody has said who they are yet.
    const anyone = tr('tr', 'unknown');
    expect(welcome.text).to.equal(anyone('welcome.hello'));

    // A message posted to A: its echo and A's answer reach the stream on B.
    const fromA = client.received.length;
    const posted = await call(a.url, 'POST', `/conversations/${conversationId}/activities`, token, {
      type: 'message',
      text: 'Ausbildung sırasında ne kadar para kazanırım?',
    });
    expect(posted.status).to.equal(200);
    await client.next((activity) => activity.id === posted.body.id, fromA);
    const answer = await client.next(
      (activity) => fromBot(activity) && activity.replyToId === posted.body.id,
      fromA,
    );
    expect(answer.locale).to.equal('tr');
    expect(answer.text).to.contain(anyone('topics:training-pay.answer').slice(0, 40));

    // A message sent through B (the client's own instance) is answered there and readable on A.
    const id = await client.post({ type: 'message', text: 'başvuru' });
    await client.next((activity) => fromBot(activity) && activity.replyToId === id);
    const onA = await call(a.url, 'GET', `/conversations/${conversationId}/activities`, token);
    const ids = (onA.body.activities as Activity[]).map((activity) => activity.id);
    expect(ids).to.include(id);
    // Every activity exactly once. (botframework-directlinejs emits the activities of a
    // frame on an async scheduler, so two frames close together may interleave; Web Chat
    // orders its transcript itself.)
    expect(client.received.map((activity) => activity.id).sort()).to.deep.equal(ids);
    // The server sends them in order, each once, with rising watermarks.
    const sent = () => frames.flatMap((frame) => frame.activities).length;
    await waitFor(async () => sent() >= ids.length, 5000, 'the raw stream to catch up');
    expect(
      frames.flatMap((frame) => frame.activities.map((activity) => activity.id)),
    ).to.deep.equal(ids);
    const watermarks = frames.map((frame) => Number(frame.watermark));
    expect(watermarks).to.deep.equal([...watermarks].sort((x, y) => x - y));
    expect(watermarks.at(-1)).to.equal(ids.length);
  });
});
