import { expect } from 'chai';
import type { Reader } from '../../src/content/register';
import { botAdapter, reply, tap, tr, unanswered, welcomed } from '../support/bot';

/** Each question, and who the bot knows it is answering (`unknown`, unless the text shows it: "şirketim"). */
const questions: Array<{ language: string; text: string; topic: string; reader: Reader }> = [
  {
    language: 'de',
    text: 'wie viel verdient man als azubi',
    topic: 'training-pay',
    reader: 'unknown',
  },
  { language: 'en', text: 'how much money azubi', topic: 'training-pay', reader: 'unknown' },
  {
    language: 'ar',
    text: 'ممكن اعمل اوسبيلدونغ مع دولدونغ؟',
    topic: 'residence-and-permission',
    reader: 'unknown',
  },
  { language: 'fa', text: 'معاش آوسبیلدونگ چقدر است', topic: 'training-pay', reader: 'unknown' },
  {
    language: 'tr',
    text: 'şirketim çırak yetiştirebilir mi',
    topic: 'company-eligibility',
    reader: 'company',
  },
];

describe('dialogs: free-text questions', function () {
  for (const { language, text, topic, reader } of questions) {
    it(`answers "${text}" with ${topic} in ${language}`, async function () {
      await welcomed(language, text)
        .assertReply(reply(language, tr(language, reader)(`topics:${topic}.answer`)))
        .startTest();
    });
  }

  it('answers in the language of the question even when the page is German', async function () {
    const ar = tr('ar', 'unknown');
    await botAdapter('de-DE')
      .send('ممكن اعمل اوسبيلدونغ مع دولدونغ؟')
      .assertReply(reply('ar', ar('welcome.hello')))
      .assertReply(reply('ar', ar('welcome.privacy', { days: 30 })))
      .assertReply(reply('ar', ar('topics:residence-and-permission.answer')))
      .startTest();
  });

  it('greets a user who types "hi" on an Arabic page in Arabic', async function () {
    const ar = tr('ar', 'unknown');
    await botAdapter('ar-SY')
      .send('hi')
      .assertReply(reply('ar', ar('welcome.hello')))
      .assertReply(reply('ar', ar('welcome.privacy', { days: 30 })))
      .assertReply(reply('ar', ar('audience.ask')))
      .startTest();
  });

  it('asks "did you mean" with the two likely topics when a question is vague', async function () {
    const t = tr('de', 'unknown');
    await welcomed('de', 'geld')
      .assertReply(
        reply('de', t('nlu.didYouMean'), [
          { topic: 'financial-support' },
          { topic: 'training-pay' },
          { action: 'menu' },
        ]),
      )
      .send({
        type: 'message',
        text: t('topics:training-pay.title'),
        value: { topic: 'training-pay' },
      })
      .assertReply(reply('de', t('topics:training-pay.answer')))
      .startTest();
  });

  it('says honestly when it does not understand, and offers the counsellor first after two misses', async function () {
    const t = tr('de', 'unknown');
    await welcomed('de', 'wie wird das wetter morgen')
      .assertReply(reply('de', t('nlu.notSure'), [{ action: 'menu' }, { action: 'counsellor' }]))
      .send('wer hat gestern beim fussball gewonnen')
      .assertReply(reply('de', t('nlu.twoMisses'), [{ action: 'counsellor' }, { action: 'menu' }]))
      .send('wie viel verdient man als azubi')
      .assertReply(reply('de', t('topics:training-pay.answer')))
      .send('wie wird das wetter morgen')
      // Understood in between: the count starts again.
      .assertReply(reply('de', t('nlu.notSure')))
      .startTest();
    const recorded = (await unanswered.top(100)).map((entry) => entry.text);
    expect(recorded).to.include('wie wird das wetter morgen');
  });

  it('acts on intents: a counsellor, thanks and a greeting', async function () {
    const t = tr('en', 'unknown');
    await welcomed('en', 'I want to talk to a person')
      // Nobody is at the console in this test: the bot says so and offers a callback.
      .assertReply(reply('en', t('handover:nobody')))
      .assertReply(reply('en', t('handover:callback.offer')))
      .send(tap({ choice: 'no' }))
      .assertReply(reply('en', t('handover:callback.declined')))
      .send('thank you')
      .assertReply(reply('en', t('nlu.thanks'), [{ action: 'menu' }]))
      .startTest();
  });
});
