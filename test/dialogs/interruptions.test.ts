import { expect } from 'chai';
import type { Activity } from 'botbuilder';
import { AUDIENCE_BUTTONS, botAdapter, inReadinessCheck, reply, tap, tr } from '../support/bot';

describe('dialogs: what works anywhere', function () {
  it('switches to English mid-answer and shows the same answer again in English', async function () {
    // A topic button says nothing about who is asking.
    const ar = tr('ar', 'unknown');
    const en = tr('en', 'unknown');
    await botAdapter('ar')
      .send(tap({ topic: 'application' }))
      .assertReply(ar('welcome.hello'))
      .assertReply(ar('welcome.privacy', { days: 30 }))
      .assertReply(reply('ar', ar('topics:application.answer')))
      .send('English please')
      .assertReply(reply('en', en('language.switched')))
      .assertReply(reply('en', en('topics:application.answer')))
      .startTest();
  });

  it('switches language by its own name in the middle of the readiness check and keeps the question', async function () {
    const uk = tr('uk');
    await inReadinessCheck('de')
      .send('українська')
      .assertReply(reply('uk', uk('language.switched')))
      .assertReply(reply('uk', uk('readiness.intro')))
      .assertReply(reply('uk', uk('readiness.askAge')))
      .send('19')
      .assertReply(reply('uk', uk('readiness.askCertificate')))
      .startTest();
  });

  it('switches language with a language button from the picker', async function () {
    // Nobody has said who they are: the picker, the switch and the question are for anyone.
    const de = tr('de', 'unknown');
    const fa = tr('fa', 'unknown');
    await botAdapter('de')
      .send('hallo')
      .assertReply(de('welcome.hello'))
      .assertReply(de('welcome.privacy', { days: 30 }))
      .assertReply(reply('de', de('audience.ask'), AUDIENCE_BUTTONS))
      .send(tap({ action: 'chooseLanguage' }))
      .assertReply((activity: Partial<Activity>) => {
        expect(activity.text).to.equal(de('language.choose'));
        const actions = activity.suggestedActions?.actions ?? [];
        expect(actions).to.have.length.at.most(6);
        expect(actions.map((action) => action.title)).to.include.members([
          'Deutsch',
          fa('language.name'),
        ]);
      })
      .send(tap({ action: 'chooseLanguage', page: 1 }))
      .assertReply((activity: Partial<Activity>) => {
        const titles = (activity.suggestedActions?.actions ?? []).map((action) => action.title);
        expect(titles).to.include.members(['Українська', 'Türkçe']);
      })
      .send(tap({ language: 'fa' }, fa('language.name')))
      .assertReply(reply('fa', fa('language.switched')))
      .assertReply(reply('fa', fa('audience.ask'), AUDIENCE_BUTTONS))
      .startTest();
  });

  it('answers an old topic button tapped in the middle of the readiness check', async function () {
    const t = tr('ru');
    await inReadinessCheck('ru')
      .send(tap({ topic: 'training-pay' }))
      .assertReply(reply('ru', t('topics:training-pay.answer')))
      .startTest();
  });

  for (const word of ['menu', 'start over', 'Menü']) {
    it(`goes back to the menu on "${word}" during the readiness check`, async function () {
      const t = tr('en');
      await inReadinessCheck('en')
        .send(word)
        .assertReply(reply('en', t('menu.ask')))
        .startTest();
    });
  }

  it('explains itself on "help" and shows the menu', async function () {
    const t = tr('en');
    await inReadinessCheck('en')
      .send('help')
      .assertReply(reply('en', t('help.text')))
      .assertReply(reply('en', t('menu.ask')))
      .startTest();
  });

  it('treats a typed button label like a tap', async function () {
    const anyone = tr('tr', 'unknown');
    const t = tr('tr', 'company');
    await botAdapter('tr')
      .send('merhaba')
      .assertReply(anyone('welcome.hello'))
      .assertReply(anyone('welcome.privacy', { days: 30 }))
      .assertReply(anyone('audience.ask'))
      // The label as the button showed it.
      .send(anyone('audience.company'))
      .assertReply((activity: Partial<Activity>) => {
        expect(activity.text).to.equal(t('menu.ask'));
        expect(activity.suggestedActions?.actions[0]?.value).to.deep.equal({ group: 'company' });
      })
      .startTest();
  });

  it('starts afresh when a saved conversation names a dialog this version does not have', async function () {
    const { MemoryStorage } = await import('botbuilder');
    const storage = new MemoryStorage();
    await storage.write({
      'test/conversations/Convo1/': {
        conversation: { turnCount: 3, welcomed: true, language: 'uk' },
        dialog: {
          dialogStack: [
            {
              id: 'mainDialog',
              state: { dialogs: { dialogStack: [{ id: 'retiredDialog', state: {} }] } },
            },
          ],
        },
      },
    });
    // The saved conversation has no user profile: nobody has said who they are.
    const t = tr('uk', 'unknown');
    await botAdapter('uk', storage)
      // A hello is answered without leaving the conversation's place …
      .send('привіт')
      .assertReply(reply('uk', t('nlu.greeting'), [{ action: 'menu' }]))
      // … and the next step finds nothing of the retired dialog: it starts afresh.
      .send('меню')
      .assertReply(reply('uk', t('audience.ask'), AUDIENCE_BUTTONS))
      .startTest();
  });

  it('deletes what it stored when asked, and starts afresh', async function () {
    const anyone = tr('en', 'unknown');
    const t = tr('en');
    await botAdapter('en')
      .send(tap({ audience: 'youth' }))
      .assertReply(anyone('welcome.hello'))
      .assertReply(anyone('welcome.privacy', { days: 30 }))
      .assertReply(t('menu.ask'))
      .send('delete my data')
      .assertReply(
        reply('en', t('privacy.confirm'), [{ action: 'deleteConfirm' }, { action: 'deleteKeep' }]),
      )
      .send(tap({ action: 'deleteKeep' }))
      .assertReply(reply('en', t('privacy.kept'), [{ action: 'menu' }]))
      .send(tap({ action: 'delete' }))
      .assertReply(reply('en', t('privacy.confirm')))
      .send(tap({ action: 'deleteConfirm' }))
      .assertReply(reply('en', t('privacy.deleted')))
      // Everything is forgotten: the next conversation starts with someone not known yet.
      .send('hello')
      .assertReply(anyone('welcome.hello'))
      .assertReply(anyone('welcome.privacy', { days: 30 }))
      .assertReply(reply('en', anyone('audience.ask'), AUDIENCE_BUTTONS))
      .startTest();
  });
});
