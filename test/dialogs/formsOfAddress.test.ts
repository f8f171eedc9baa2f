/**
 * Whom the bot speaks to, and how (issue 16, "Who is asking is ignored"):
 * young people informally, parents, companies and anyone who has not yet
 * said who they are formally, in every language that has both forms
 * (`locales/registers.json`); a parent reads about their child; a message
 * with two questions gets the first answered and the second one tap away.
 */
import type { Activity } from 'botbuilder';
import { expect } from 'chai';
import { botAdapter, reply, tap, tr } from '../support/bot';

const DELETE_BUTTONS = [{ action: 'deleteConfirm' }, { action: 'deleteKeep' }];

const values = (activity: Partial<Activity>) =>
  (activity.suggestedActions?.actions ?? []).map((action) => action.value as unknown);

describe('dialogs: each reader is addressed in their form (du/Sie, ти/ви, sen/siz, تو/شما)', function () {
  it('uk: the mother who writes "мій син" reads "ви" and about her son, and her "видали мої дані" is confirmed formally', async function () {
    const anyone = tr('uk', 'unknown');
    const parent = tr('uk', 'parent');
    await botAdapter('uk')
      .send('Доброго дня, мій син хоче робити аусбільдунг. Що йому потрібно?')
      .assertReply(reply('uk', anyone('welcome.hello')))
      .assertReply(reply('uk', anyone('welcome.privacy', { days: 30 })))
      .assertReply(reply('uk', parent('answer.forParent')))
      .assertReply(reply('uk', parent('topics:entry-requirements.answer')))
      .send('видали мої дані')
      .assertReply((activity: Partial<Activity>) => {
        reply('uk', parent('privacy.confirm'))(activity);
        expect(activity.text).to.include(' вас ');
        expect(activity.text).not.to.include(' тебе ');
        expect(values(activity)).to.deep.equal(DELETE_BUTTONS);
      })
      .startTest();
  });

  it('de: "Sie" until a young person says who they are, "du" from the next reply on', async function () {
    const anyone = tr('de', 'unknown');
    const youth = tr('de', 'youth');
    await botAdapter('de')
      .send('hallo')
      .assertReply(reply('de', anyone('welcome.hello')))
      .assertReply(reply('de', anyone('welcome.privacy', { days: 30 })))
      .assertReply((activity: Partial<Activity>) => {
        reply('de', anyone('audience.ask'))(activity);
        expect(activity.text).to.match(/\bSie\b/);
      })
      .send(tap({ audience: 'youth' }))
      .assertReply((activity: Partial<Activity>) => {
        reply('de', youth('menu.ask'))(activity);
        expect(activity.text).to.match(/\bdu\b/);
      })
      .startTest();
  });

  it('tr: the restaurant owner typing without Turkish letters is asked in "siz", and his typed "evet" deletes', async function () {
    const company = tr('tr', 'company');
    await botAdapter('tr')
      .send(tap({ audience: 'company' }))
      .assertReply(reply('tr', company('welcome.hello')))
      .assertReply(reply('tr', company('welcome.privacy', { days: 30 })))
      .assertReply(reply('tr', company('menu.ask')))
      .send('verilerimi sil')
      .assertReply((activity: Partial<Activity>) => {
        reply('tr', company('privacy.confirm'))(activity);
        expect(activity.text).not.to.equal(tr('tr', 'youth')('privacy.confirm'));
      })
      .send('evet')
      .assertReply(reply('tr', company('privacy.deleted')))
      .startTest();
  });

  it('ar (right to left): one form for everybody, so a parent reads the same prompts as a young person', async function () {
    const parent = tr('ar', 'parent');
    expect(parent('privacy.confirm')).to.equal(tr('ar', 'youth')('privacy.confirm'));
    await botAdapter('ar')
      .send(tap({ audience: 'parent' }))
      .assertReply(reply('ar', parent('welcome.hello')))
      .assertReply(reply('ar', parent('welcome.privacy', { days: 30 })))
      .assertReply(reply('ar', parent('menu.ask')))
      .send('احذف بياناتي')
      .assertReply(reply('ar', parent('privacy.confirm')))
      .startTest();
  });
});

describe('dialogs: a message with two questions', function () {
  it('de: answers the first (pay) and names the second (Berufsschule), its button first', async function () {
    const t = tr('de');
    await botAdapter('de')
      .send(tap({ audience: 'youth' }))
      .assertReply(reply('de', tr('de', 'unknown')('welcome.hello')))
      .assertReply(reply('de', tr('de', 'unknown')('welcome.privacy', { days: 30 })))
      .assertReply(reply('de', t('menu.ask')))
      .send(
        'Wie viel verdient man in der Ausbildung? Und muss ich für die Berufsschule etwas bezahlen?',
      )
      .assertReply(reply('de', t('topics:training-pay.answer')))
      .assertReply((activity: Partial<Activity>) => {
        reply(
          'de',
          t('answer.alsoAsked', { topic: t('topics:vocational-school.title') }),
        )(activity);
        expect(values(activity)[0]).to.deep.equal({ topic: 'vocational-school' });
      })
      .startTest();
  });

  it('ar: answers the first (pay) and names the second (Berufsschule)', async function () {
    const t = tr('ar');
    await botAdapter('ar')
      .send(tap({ audience: 'youth' }))
      .assertReply(reply('ar', t('welcome.hello')))
      .assertReply(reply('ar', t('welcome.privacy', { days: 30 })))
      .assertReply(reply('ar', t('menu.ask')))
      .send('كم راتب الازوبي؟ وهل المدرسة المهنية مجانية؟')
      // The pay question is one of the topic's specific questions: its short answer comes.
      .assertReply(
        reply(
          'ar',
          `${t('topics:training-pay.questions.how-much-pay.question')}\n${t('topics:training-pay.questions.how-much-pay.answer')}`,
        ),
      )
      .assertReply((activity: Partial<Activity>) => {
        reply(
          'ar',
          t('answer.alsoAsked', { topic: t('topics:vocational-school.title') }),
        )(activity);
        expect(values(activity)[0]).to.deep.equal({ topic: 'vocational-school' });
      })
      .startTest();
  });
});
