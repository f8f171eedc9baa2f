import { expect } from 'chai';
import sinon from 'sinon';
import { ComponentRegistration, TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { DialogContext, DialogSet } from 'botbuilder-dialogs';
import {
  dialogMemoryConfiguration,
  sharedDialogsRegistration,
  useSharedDialogMemory,
} from '../../dialogs/dialogMemory';
import { AUDIENCE_BUTTONS, botAdapter, content, joined, reply, tap, tr } from '../support/bot';

const cases = [
  { locale: 'de-DE', language: 'de' },
  { locale: 'ar-SY', language: 'ar' },
  { locale: 'fa-AF', language: 'fa' },
  { locale: 'uk-UA', language: 'uk' },
];

describe('dialogs: welcome → audience → topic → answer', function () {
  for (const { locale, language } of cases) {
    it(`walks a young person through the tree in ${language}`, async function () {
      // Nobody has said who they are until the audience button is tapped.
      const anyone = tr(language, 'unknown');
      const t = tr(language);
      const youthGroups = content.catalogue.menus.youth;
      const start = youthGroups.find((group) => group.id === 'money');
      expect(start).to.not.equal(undefined);
      const related = content.catalogue.topics.get('training-pay')!.related.slice(0, 3);
      await botAdapter(locale)
        .send(joined())
        .assertReply(reply(language, anyone('welcome.hello')))
        .assertReply(reply(language, anyone('welcome.privacy', { days: 30 })))
        .assertReply(reply(language, anyone('audience.ask'), AUDIENCE_BUTTONS))
        .send(tap({ audience: 'youth' }, anyone('audience.youth')))
        .assertReply(
          reply(language, t('menu.ask'), [
            ...youthGroups.map((group) => ({ group: group.id })),
            { action: 'readiness' },
          ]),
        )
        .send(tap({ group: 'money' }, t('menu.group.money')))
        .assertReply(
          reply(language, t('menu.groupAsk', { group: t('menu.group.money') }), [
            ...start!.topics.map((topic) => ({ topic })),
            { action: 'menu' },
          ]),
        )
        .send(tap({ topic: 'training-pay' }, t('topics:training-pay.title')))
        .assertReply(
          reply(language, t('topics:training-pay.answer'), [
            { action: 'more', topic: 'training-pay' },
            ...related.map((topic) => ({ topic })),
            { action: 'counsellor' },
            { action: 'menu' },
          ]),
        )
        .send(tap({ action: 'more', topic: 'training-pay' }, t('answer.more')))
        .assertReply(reply(language, t('topics:training-pay.more')))
        .startTest();
    });
  }

  it('remembers the audience for the next conversation of the same user', async function () {
    const { MemoryStorage } = await import('botbuilder');
    const storage = new MemoryStorage();
    const anyone = tr('tr', 'unknown');
    const t = tr('tr', 'company');
    await botAdapter('tr', storage)
      .send(joined())
      .assertReply(anyone('welcome.hello'))
      .assertReply(anyone('welcome.privacy', { days: 30 }))
      .assertReply(anyone('audience.ask'))
      .send(tap({ audience: 'company' }))
      .assertReply(reply('tr', t('menu.ask')))
      .startTest();
    // The same user in a new conversation goes straight to the company menu, welcomed as a company.
    const adapter = botAdapter('tr', storage);
    adapter.conversation.conversation = {
      id: 'second-conversation',
      isGroup: false,
      conversationType: '',
      name: '',
    };
    await adapter
      .send('merhaba')
      .assertReply(t('welcome.hello'))
      .assertReply(t('welcome.privacy', { days: 30 }))
      .assertReply((activity: Partial<Activity>) => {
        expect(activity.text).to.equal(t('menu.ask'));
        const values = activity.suggestedActions?.actions.map((action) => action.value);
        expect(values?.[0]).to.deep.equal({ group: 'company' });
      })
      .startTest();
  });

  it('pages a long group: five topics and "more topics", then the rest and "back"', async function () {
    const anyone = tr('en', 'unknown');
    const t = tr('en', 'parent');
    const group = content.catalogue.menus.parent.find((candidate) => candidate.id === 'parents')!;
    expect(group.topics.length).to.be.greaterThan(6);
    await botAdapter('en')
      .send(tap({ audience: 'parent' }))
      .assertReply(anyone('welcome.hello'))
      .assertReply(anyone('welcome.privacy', { days: 30 }))
      .assertReply(t('menu.ask'))
      .send(tap({ group: 'parents' }))
      .assertReply(
        reply('en', t('menu.groupAsk', { group: t('menu.group.parents') }), [
          ...group.topics.slice(0, 5).map((topic) => ({ topic })),
          { group: 'parents', page: 1 },
        ]),
      )
      .send(tap({ group: 'parents', page: 1 }))
      .assertReply(
        reply('en', t('menu.groupAsk', { group: t('menu.group.parents') }), [
          ...group.topics.slice(5).map((topic) => ({ topic })),
          { action: 'menu' },
        ]),
      )
      .startTest();
  });

  it('offers the counsellor first after a residence answer', async function () {
    // A topic button says nothing about who is asking.
    const t = tr('fa', 'unknown');
    await botAdapter('fa')
      .send(tap({ topic: 'residence-and-permission' }))
      .assertReply(t('welcome.hello'))
      .assertReply(t('welcome.privacy', { days: 30 }))
      .assertReply(reply('fa', t('topics:residence-and-permission.answer')))
      .assertReply((activity: Partial<Activity>) => {
        expect(activity.text).to.equal(t('answer.needsCounsellor'));
        expect(activity.suggestedActions?.actions[0]?.value).to.deep.equal({
          action: 'counsellor',
        });
      })
      .send(tap({ action: 'counsellor' }))
      // Nobody is at the console in this test: the bot says so and offers a callback.
      .assertReply(reply('fa', t('handover:nobody')))
      .assertReply(reply('fa', t('handover:callback.offer')))
      .startTest();
  });
});

describe('dialogs: one component registration for all dialog contexts', function () {
  it('hands every DialogContext the same registration instead of building one per context', function () {
    expect(sharedDialogsRegistration()).to.equal(true);
    const added = sinon.spy(ComponentRegistration, 'add');
    try {
      const context = new TurnContext(new TestAdapter(), { type: 'message' } as Activity);
      new DialogContext(new DialogSet(), context, { dialogStack: [] });
      new DialogContext(new DialogSet(), context, { dialogStack: [] });
      // botbuilder-dialogs still registers one per context (where the patch applies) …
      expect(added.callCount).to.equal(2);
      // … and it is the same object both times.
      expect(added.firstCall.args[0]).to.equal(added.secondCall.args[0]);
    } finally {
      added.restore();
    }
  });
});

describe('dialogs: one memory configuration for every turn', function () {
  it('gives each DialogContext of a turn the shared scopes instead of building new ones', function () {
    const context = new TurnContext(new TestAdapter(), { type: 'message' } as Activity);
    useSharedDialogMemory(context);
    const dc = new DialogContext(new DialogSet(), context, { dialogStack: [] });
    const configuration = (dc.state as unknown as { configuration: unknown }).configuration;
    expect(configuration).to.equal(dialogMemoryConfiguration());
    // The same scopes botbuilder-dialogs would build (turn, dialog, conversation, user …).
    const names = dialogMemoryConfiguration().memoryScopes.map((scope) => scope.name);
    expect(names).to.include.members(['turn', 'dialog', 'conversation', 'user', 'this']);
    // And they work: a value set in turn memory is read back through the shared scope.
    dc.state.setValue('turn.checked', 42);
    expect(dc.state.getValue('turn.checked')).to.equal(42);
  });
});
