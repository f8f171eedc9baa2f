import type { Activity, TestFlow } from 'botbuilder';
import { expect } from 'chai';
import type { OpeningHours } from '../../src/content/hours';
import { handoverBot, reply, tap, tr } from '../support/bot';

const CANCEL = { action: 'cancelHandover' };
const MENU = { action: 'menu' };
const HELPFUL = [
  { action: 'helpful', answer: 'yes' },
  { action: 'helpful', answer: 'no' },
];

/** Where a young person in `language` is once the bot shows the menu. */
function atMenu(language: string, options: Parameters<typeof handoverBot>[1] = {}) {
  // The welcome goes out before the tap is read: nobody has said who they are yet.
  const anyone = tr(language, 'unknown');
  const t = tr(language);
  const bot = handoverBot(language, options);
  const flow = bot.adapter
    .send(tap({ audience: 'youth' }))
    .assertReply(reply(language, anyone('welcome.hello')))
    .assertReply(reply(language, anyone('welcome.privacy', { days: 30 })))
    .assertReply(reply(language, t('menu.ask')));
  return { bot, flow, t };
}

/** The queue message for place `position` with the default estimate (4 minutes each). */
const queued = (t: ReturnType<typeof tr>, key: string, position: number) =>
  t(key, { position, wait: t('handover:minutes', { count: 4 * position }) });

/**
 * Asks for a person, consents (a tap, or `consent` typed), describes the need
 * (or skips): the flow once the request is first in line and the
 * `handoff.initiate` event was sent; `ticket.id` receives the ticket's id.
 */
function requestPerson(
  flow: TestFlow,
  language: string,
  t: ReturnType<typeof tr>,
  options: { consent?: string; need?: string; ticket?: { id: string } } = {},
): TestFlow {
  return flow
    .send(tap({ action: 'counsellor' }))
    .assertReply(reply(language, t('handover:explain')))
    .assertReply(reply(language, t('handover:consent.ask'), [{ choice: 'yes' }, { choice: 'no' }]))
    .send(options.consent ?? tap({ choice: 'yes' }))
    .assertReply(reply(language, t('handover:describe.ask'), [{ choice: 'skip' }]))
    .send(options.need ?? tap({ choice: 'skip' }))
    .assertReply(reply(language, queued(t, 'handover:queued', 1), [CANCEL]))
    .assertReply((activity: Partial<Activity>) => {
      expect(activity.type).to.equal('event');
      expect(activity.name).to.equal('handoff.initiate');
      const value = activity.value as { ticketId: string; language: string };
      expect(value.language).to.equal(language);
      if (options.ticket) options.ticket.id = value.ticketId;
    });
}

/** Closed all week: every request is after hours. */
const CLOSED_HOURS: OpeningHours = {
  timeZone: 'Europe/Berlin',
  alwaysOpen: false,
  weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
  exceptions: {},
};

describe('handover dialog', () => {
  it('an Arabic user asks for a person: consent, description, a ticket in ar, relay both ways, close and feedback', async () => {
    const { bot, flow, t } = atMenu('ar');
    const { service } = bot;
    const ticket = { id: '' };
    await requestPerson(flow, 'ar', t, { need: 'شهادتي من سوريا ولا أعرف أين أبدأ', ticket })
      .then(async () => {
        const stored = await service.queue.get(ticket.id);
        expect(stored).to.include({
          status: 'waiting',
          language: 'ar',
          audience: 'youth',
          description: 'شهادتي من سوريا ولا أعرف أين أبدأ',
        });
        await service.accept(ticket.id, 'leyla', 'Leyla');
      })
      .assertReply(reply('ar', t('handover:accepted', { name: 'Leyla' }), [CANCEL]))
      .send('مرحبا ليلى، هل يمكنك مساعدتي؟')
      .assertNoReply('the bot stays silent while the counsellor has the chat')
      .then(async () => {
        const messages = await service.queue.messages(ticket.id);
        expect(messages.map((message) => [message.from, message.text])).to.deep.equal([
          ['user', 'مرحبا ليلى، هل يمكنك مساعدتي؟'],
        ]);
        await service.close(ticket.id, 'Leyla');
      })
      .assertReply(reply('ar', t('handover:counsellorLeft', { name: 'Leyla' })))
      .assertReply(reply('ar', t('handover:helpful.ask'), HELPFUL))
      .send(tap({ action: 'helpful', answer: 'yes' }))
      .assertReply(reply('ar', t('handover:helpful.thanks')))
      .assertReply(reply('ar', t('menu.ask')))
      .startTest();
    expect((await service.queue.get(ticket.id))?.status).to.equal('closed');
  });

  it('a Ukrainian user cancels while waiting by typing "скасувати"; the ticket is cancelled and the bot is back', async () => {
    const { bot, flow, t } = atMenu('uk');
    await requestPerson(flow, 'uk', t, { consent: 'так' })
      .send('Коли мені чекати?')
      .assertReply(reply('uk', t('handover:stillWaiting')))
      .assertReply(reply('uk', queued(t, 'handover:update', 1), [CANCEL]))
      .send('скасувати')
      .assertReply(reply('uk', t('handover:cancelled')))
      .assertReply(reply('uk', t('answer.followUp'), [MENU]))
      .startTest();
    expect(await bot.service.queue.list('waiting')).to.deep.equal([]);
    const [cancelled] = await bot.service.queue.list('cancelled');
    expect(cancelled).to.include({ language: 'uk', audience: 'youth' });
    expect(cancelled?.description).to.equal(undefined);
    const messages = await bot.service.queue.messages(cancelled!.id);
    expect(messages.map((message) => message.text)).to.deep.equal(['Коли мені чекати?']);
  });

  it('a menu button while waiting cancels the request and does what it says', async () => {
    const { bot, flow, t } = atMenu('de');
    await requestPerson(flow, 'de', t)
      .send(tap({ topic: 'training-pay' }))
      .assertReply(reply('de', t('handover:cancelled')))
      .assertReply(reply('de', t('topics:training-pay.answer')))
      .startTest();
    expect(await bot.service.queue.list('waiting')).to.deep.equal([]);
  });

  it('follows handoff.status events of an agent hub: accepted, then completed hands back to the bot', async function () {
    const { bot, flow, t } = atMenu('en');
    const ticket = { id: '' };
    const status = (state: string): Partial<Activity> => ({
      type: 'event',
      name: 'handoff.status',
      value: { state },
    });
    await requestPerson(flow, 'en', t, { consent: 'yes', ticket })
      .send(status('accepted'))
      .then(async () => {
        expect(await bot.service.queue.get(ticket.id)).to.include({
          status: 'active',
          counsellor: 'agent-hub',
        });
      })
      .send('Are you there?')
      .assertNoReply('relayed, not answered by the bot')
      .send(status('completed'))
      .assertReply(reply('en', t('handover:helpful.ask'), HELPFUL))
      .startTest();
    expect((await bot.service.queue.get(ticket.id))?.status).to.equal('closed');
  });

  it('a failed handoff.status tells the user and offers a callback', async function () {
    const { bot, flow, t } = atMenu('ar');
    await requestPerson(flow, 'ar', t)
      .send({ type: 'event', name: 'handoff.status', value: { state: 'failed' } })
      .assertReply(reply('ar', t('handover:failed'), [{ action: 'callback' }]))
      .startTest();
    expect(await bot.service.queue.list('waiting')).to.deep.equal([]);
    expect(await bot.service.queue.list('cancelled')).to.have.length(1);
  });

  it('"delete my data" while waiting deletes the ticket, its messages and a callback request', async function () {
    const { bot, flow, t } = atMenu('de');
    await requestPerson(flow, 'de', t, { need: 'Mein Zeugnis ist aus Syrien' })
      .send('Meine Nummer ist 0176 1234567')
      .assertReply(reply('de', t('handover:stillWaiting')))
      .assertReply(reply('de', queued(t, 'handover:update', 1)))
      .then(async () => {
        const [ticket] = await bot.service.queue.list('waiting');
        await bot.service.addCallback({
          conversationId: ticket!.conversationId,
          language: 'de',
          topics: [],
          contact: '0176 1234567',
          contactType: 'phone',
        });
      })
      .send('Daten löschen')
      .assertReply(reply('de', t('privacy.confirm')))
      .send(tap({ action: 'deleteConfirm' }))
      .assertReply(reply('de', t('privacy.deleted')))
      .startTest();
    for (const status of ['waiting', 'active', 'closed', 'cancelled'] as const) {
      expect(await bot.service.queue.list(status), status).to.deep.equal([]);
    }
    expect(await bot.callbacks.list()).to.deep.equal([]);
  });

  it('refused consent stores nothing and gives the contact details instead', async () => {
    const { bot, flow, t } = atMenu('tr');
    await flow
      .send(tap({ action: 'counsellor' }))
      .assertReply(reply('tr', t('handover:explain')))
      .assertReply(reply('tr', t('handover:consent.ask')))
      .send(tap({ choice: 'no' }))
      .assertReply(reply('tr', t('handover:consent.refused'), [MENU]))
      .startTest();
    for (const status of ['waiting', 'active', 'closed', 'cancelled'] as const) {
      expect(await bot.service.queue.list(status), status).to.deep.equal([]);
    }
    expect(await bot.callbacks.list()).to.deep.equal([]);
  });

  it('after hours (Turkish): the next opening, then a callback with consent, kept for the counsellors', async () => {
    const hours: OpeningHours = {
      ...CLOSED_HOURS,
      exceptions: { '2099-01-05': [{ from: '09:00', to: '12:00' }] },
    };
    const { bot, flow, t } = atMenu('tr', { hours });
    await flow
      .send(tap({ action: 'counsellor' }))
      .assertReply((activity: Partial<Activity>) => {
        // Nothing opens within the horizon: closed, without a time.
        expect(activity.text).to.equal(t('handover:closed'));
      })
      .assertReply(reply('tr', t('handover:callback.offer'), [{ choice: 'yes' }, { choice: 'no' }]))
      .send('evet')
      .assertReply(reply('tr', t('handover:callback.consent')))
      .send(tap({ choice: 'yes' }))
      .assertReply(reply('tr', t('handover:callback.ask'), [{ choice: 'no' }]))
      .send('0176')
      .assertReply(reply('tr', t('handover:callback.invalid')))
      .send('0176 1234567')
      .assertReply(reply('tr', t('handover:describe.ask')))
      .send('Restoranım çırak yetiştirebilir mi?')
      .assertReply(
        reply('tr', t('handover:callback.saved', { deleteCommand: 'verilerimi sil' }), [MENU]),
      )
      .startTest();
    const [request] = await bot.callbacks.list();
    expect(request).to.include({
      contact: '0176 1234567',
      contactType: 'phone',
      language: 'tr',
      audience: 'youth',
      description: 'Restoranım çırak yetiştirebilir mi?',
    });
    expect(await bot.service.queue.list('waiting')).to.deep.equal([]);
  });

  it("outside the hours it names the next opening in the user's language", async () => {
    const now = new Date();
    const tomorrow = new Date(now.getTime() + 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
    const hours: OpeningHours = {
      ...CLOSED_HOURS,
      exceptions: { [tomorrow]: [{ from: '09:00', to: '12:00' }] },
    };
    const { flow, t } = atMenu('de', { hours });
    await flow
      .send(tap({ action: 'counsellor' }))
      .assertReply((activity: Partial<Activity>) => {
        expect(activity.locale).to.equal('de');
        const day = new Intl.DateTimeFormat('de', {
          day: 'numeric',
          month: 'long',
          timeZone: 'Europe/Berlin',
        }).format(new Date(`${tomorrow}T12:00:00Z`));
        expect(activity.text).to.contain(day).and.to.contain('09:00');
        expect(
          activity.text?.startsWith(t('handover:afterHours', { next: '' }).split(' ')[0]!),
        ).to.equal(true);
      })
      .assertReply(reply('de', t('handover:callback.offer')))
      .startTest();
  });

  it('when nobody is at the console it says so and a refused callback stores nothing (Persian)', async () => {
    const { bot, flow, t } = atMenu('fa', { online: false });
    await flow
      .send(tap({ action: 'counsellor' }))
      .assertReply(reply('fa', t('handover:nobody')))
      .assertReply(reply('fa', t('handover:callback.offer')))
      .send(tap({ choice: 'yes' }))
      .assertReply(reply('fa', t('handover:callback.consent')))
      .send(tap({ choice: 'no' }))
      .assertReply(reply('fa', t('handover:callback.declined'), [MENU]))
      .startTest();
    expect(await bot.callbacks.list()).to.deep.equal([]);
  });

  it('a ticket nobody accepts in time is cancelled and the user is offered a callback', async () => {
    const { bot, flow, t } = atMenu('ru', { maxWaitMs: 0 });
    await requestPerson(flow, 'ru', t)
      .then(async () => {
        const expired = await bot.service.expire();
        expect(expired.map((ticket) => ticket.status)).to.deep.equal(['cancelled']);
      })
      .assertReply(reply('ru', t('handover:timeout'), [{ action: 'callback' }]))
      .send(tap({ action: 'callback' }))
      .assertReply(reply('ru', t('handover:callback.consent')))
      .startTest();
  });

  it('a second user in line hears the new place when the first is taken', async () => {
    const first = atMenu('de');
    const ticket = { id: '' };
    await requestPerson(first.flow, 'de', first.t, { ticket }).startTest();
    // A second conversation on the same queue.
    const { service } = first.bot;
    await service.queue.request({
      reference: { conversation: { id: 'second', isGroup: false, conversationType: '', name: '' } },
      language: 'en',
      topics: [],
    });
    const secondPlace = await service.queue.list('waiting');
    expect(secondPlace.map((ticket) => ticket.conversationId)).to.deep.equal([
      first.bot.adapter.conversation.conversation.id,
      'second',
    ]);
    expect(await service.accept(ticket.id, 'leyla', 'Leyla')).to.include({ status: 'active' });
    const place = await service.queue.place(secondPlace[1]!.id);
    expect(place).to.deep.include({ position: 1 });
  });
});
