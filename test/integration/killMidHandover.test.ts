import type { Activity } from 'botbuilder';
import { expect } from 'chai';
import { tr } from '../support/bot';
import { call, widgetToken } from '../support/directLine';
import { addCounsellorToRedis, counsellorApi, login, openEvents } from '../support/handover';
import { spawnBot, waitFor, type BotProcess } from '../support/http';
import { dropNamespace, TEST_REDIS_URL, uniqueNamespace } from '../support/redis';

const PASSWORD = 'ausfall-testen-2026';

describe('an instance is killed mid-handover', function () {
  this.timeout(60_000);
  const namespace = uniqueNamespace('kill');
  const env = { STORAGE_URL: TEST_REDIS_URL, STORAGE_NAMESPACE: namespace };
  let a: BotProcess;
  let b: BotProcess;

  before(async function () {
    await addCounsellorToRedis(namespace, {
      username: 'lena',
      name: 'Lena',
      languages: ['de'],
      password: PASSWORD,
    });
    [a, b] = await Promise.all([spawnBot(env), spawnBot(env)]);
  });

  after(async function () {
    await Promise.all([a?.stop(), b?.stop()]);
    await dropNamespace(namespace);
  });

  it('loses no message: the user resumes on the other instance from its watermark, both ways', async function () {
    // The user asks for a person without saying who they are: the ticket has no audience.
    const de = tr('de', 'unknown');
    const token = await login(b.url, 'lena', PASSWORD);
    const desk = await openEvents(b.url, token);
    try {
      // The user is on A and asks for a person; the counsellor, on B, accepts.
      const widget = await widgetToken(a.url);
      await call(a.url, 'POST', '/conversations', widget.token, { locale: 'de' });
      const path = `/conversations/${widget.conversationId}/activities`;
      const send = (url: string, activity: object) =>
        call(url, 'POST', path, widget.token, {
          type: 'message',
          text: '',
          locale: 'de',
          ...activity,
        });
      await send(a.url, { value: { action: 'counsellor' } });
      await send(a.url, { value: { choice: 'yes' } });
      await send(a.url, { value: { choice: 'skip' } });
      const waiting = await desk.next(
        ({ event, data }) => event === 'ticket' && data.status === 'waiting',
      );
      const ticketId = String(waiting.data.id);
      expect(
        (await counsellorApi(b.url, 'POST', `/tickets/${ticketId}/accept`, token)).status,
      ).to.equal(200);
      const seen = await call(a.url, 'GET', path, widget.token);
      const watermark = String(seen.body.watermark);

      // A dies without warning.
      a.child.kill('SIGKILL');
      await waitFor(
        async () => a.child.exitCode !== null || a.child.signalCode !== null,
        5000,
        'A to die',
      );

      // The counsellor goes on writing (through B) while the user's widget is cut off.
      const texts = [
        'Bist du noch da?',
        'Ich schicke dir die Adresse.',
        'Willkommenszentrum, Otto-Schill-Straße 2',
      ];
      for (const text of texts) {
        expect(
          (await counsellorApi(b.url, 'POST', `/tickets/${ticketId}/messages`, token, { text }))
            .status,
        ).to.equal(201);
      }

      // The widget reconnects to B with its watermark: every message, in order, none twice.
      const resumed = await call(b.url, 'GET', `${path}?watermark=${watermark}`, widget.token);
      const received = (resumed.body.activities as Activity[]).map((activity) => activity.text);
      expect(received.slice(-texts.length)).to.deep.equal(texts);
      expect(received.filter((text) => text !== undefined && texts.includes(text))).to.have.length(
        texts.length,
      );
      expect(received, 'the accept note came before the kill').to.not.include(
        de('handover:accepted', { name: 'Lena' }),
      );

      // And the user's answer, posted to B, reaches the counsellor.
      await send(b.url, { text: 'Ja, danke!' });
      const relayed = await desk.next(
        ({ event, data }) =>
          event === 'message' && (data.message as { text: string }).text === 'Ja, danke!',
      );
      expect(relayed.data.ticketId).to.equal(ticketId);
      this.test!.title += ` (${texts.length} of ${texts.length} messages after the kill delivered, 0 lost)`;
    } finally {
      desk.close();
    }
  });
});
