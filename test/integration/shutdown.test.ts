import { expect } from 'chai';
import { WebSocket } from 'ws';
import { SHUTDOWN_CLOSE_CODE } from '../../src/channels/directline/streams';
import { tr } from '../support/bot';
import { call, widgetToken } from '../support/directLine';
import { message, spawnBot, type BotProcess } from '../support/http';

/** Kubernetes and Docker wait this long after SIGTERM before they kill. */
const SHUTDOWN_LIMIT_MS = 10_000;

describe('graceful shutdown on SIGTERM', function () {
  this.timeout(40_000);
  let bot: BotProcess;

  before(async function () {
    bot = await spawnBot({});
  });

  after(async function () {
    await bot?.stop();
  });

  it('finishes the turn in flight, closes widget streams with a reconnect hint, and exits in time', async function () {
    // A widget with its stream open.
    const { token, conversationId } = await widgetToken(bot.url);
    const started = await call(bot.url, 'POST', '/conversations', token, { locale: 'de' });
    const stream = new WebSocket(String(started.body.streamUrl));
    await new Promise((resolve) => stream.once('open', resolve));
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      stream.once('close', (code, reason) => resolve({ code, reason: String(reason) })),
    );

    // A turn on its way in when SIGTERM arrives.
    const turn = fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(
        message('Wie viel verdiene ich in der Ausbildung?', 'in-flight', { locale: 'de' }),
      ),
    });
    await new Promise((resolve) => setTimeout(resolve, 15));
    const exited = new Promise<number | null>((resolve) =>
      bot.child.once('exit', (code) => resolve(code)),
    );
    const signalledAt = Date.now();
    bot.child.kill('SIGTERM');

    const response = await turn;
    expect(response.status).to.equal(200);
    const { activities } = (await response.json()) as { activities: Array<{ text?: string }> };
    // A new conversation: nobody has said who they are yet.
    expect(activities.map((activity) => activity.text)).to.include(
      tr('de', 'unknown')('welcome.hello'),
    );

    expect(await closed).to.deep.equal({
      code: SHUTDOWN_CLOSE_CODE,
      reason: 'restarting, reconnect',
    });
    expect(await exited).to.equal(0);
    const tookMs = Date.now() - signalledAt;
    expect(tookMs).to.be.below(SHUTDOWN_LIMIT_MS);
    this.test!.title += ` (exited ${tookMs} ms after SIGTERM)`;
    expect(conversationId).to.be.a('string');
  });
});
