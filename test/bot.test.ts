import { expect } from 'chai';
import type { Activity } from 'botbuilder';
import { MAX_MESSAGE_CHARS } from '../src/bot';
import { botAdapter, tr } from './support/bot';

const joined = (): Partial<Activity> => ({
  type: 'conversationUpdate',
  membersAdded: [{ id: 'user', name: 'User' }],
});

function expectReply(language: string, direction: 'ltr' | 'rtl', text: string) {
  return (activity: Partial<Activity>) => {
    expect(activity.text).to.equal(text);
    expect(activity.locale).to.equal(language);
    expect(activity.channelData).to.deep.include({ language, direction });
  };
}

describe('bot: first contact', function () {
  const cases = [
    { locale: 'de-DE', language: 'de', direction: 'ltr' as const },
    { locale: 'ar-SY', language: 'ar', direction: 'rtl' as const },
    { locale: 'uk-UA', language: 'uk', direction: 'ltr' as const },
    { locale: 'prs', language: 'fa', direction: 'rtl' as const },
    { locale: 'tr', language: 'tr', direction: 'ltr' as const },
  ];
  for (const { locale, language, direction } of cases) {
    it(`greets a new ${locale} conversation in ${language} with the privacy notice`, async function () {
      const t = tr(language);
      await botAdapter(locale)
        .send(joined())
        .assertReply(expectReply(language, direction, t('welcome.hello')))
        .assertReply(expectReply(language, direction, t('welcome.about')))
        .assertReply(expectReply(language, direction, t('welcome.privacy', { days: 30 })))
        .startTest();
    });
  }

  it('says in the privacy notice how many days the conversation is kept', async function () {
    await botAdapter('en')
      .send(joined())
      .assertReply(tr('en')('welcome.hello'))
      .assertReply(tr('en')('welcome.about'))
      .assertReply((reply) => expect(reply.text).to.include('30 days'))
      .startTest();
  });

  it('welcomes a user whose first activity is a message, in German when the locale is unknown', async function () {
    const t = tr('de');
    await botAdapter('xx-YY')
      .send('hallo')
      .assertReply(expectReply('de', 'ltr', t('welcome.hello')))
      .assertReply(t('welcome.about'))
      .assertReply(t('welcome.privacy', { days: 30 }))
      .startTest();
  });

  it('does not welcome twice: a later message gets the not-ready answer in Ukrainian', async function () {
    const t = tr('uk');
    await botAdapter('uk-UA')
      .send(joined())
      .assertReply(t('welcome.hello'))
      .assertReply(t('welcome.about'))
      .assertReply(t('welcome.privacy', { days: 30 }))
      .send('що таке аусбільдунг?')
      .assertReply(expectReply('uk', 'ltr', t('reply.notReady')))
      .assertReply(t('welcome.about'))
      .startTest();
  });
});

describe('bot: bad input', function () {
  it('asks politely in Arabic for a shorter message when one is too long', async function () {
    const t = tr('ar');
    await botAdapter('ar')
      .send('ا'.repeat(MAX_MESSAGE_CHARS + 1))
      .assertReply(expectReply('ar', 'rtl', t('error.tooLong', { max: MAX_MESSAGE_CHARS })))
      .send('مرحبا')
      .assertReply(t('welcome.hello'))
      .assertReply(t('welcome.about'))
      .assertReply(t('welcome.privacy', { days: 30 }))
      .startTest();
  });

  it('answers a message without text instead of failing', async function () {
    await botAdapter('en')
      .send({ type: 'message', attachments: [{ contentType: 'image/png', contentUrl: 'x' }] })
      .assertReply(tr('en')('welcome.hello'))
      .assertReply(tr('en')('welcome.about'))
      .assertReply(tr('en')('welcome.privacy', { days: 30 }))
      .startTest();
  });
});
