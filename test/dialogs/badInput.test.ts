import type { Activity } from 'botbuilder';
import { MAX_MESSAGE_CHARS } from '../../src/bot';
import { botAdapter, reply, tap, tr } from '../support/bot';

/** A conversation in `language` that is waiting in the answer to "training-pay". */
function atAnswer(language: string) {
  const t = tr(language, 'unknown');
  return botAdapter(language)
    .send(tap({ topic: 'training-pay' }))
    .assertReply(t('welcome.hello'))
    .assertReply(t('welcome.privacy', { days: 30 }))
    .assertReply(t('topics:training-pay.answer'));
}

const badInputs: Array<{
  name: string;
  activity: Partial<Activity>;
  key: string;
  args?: Record<string, unknown>;
}> = [
  { name: 'an empty message', activity: { type: 'message', text: '' }, key: 'input.empty' },
  { name: 'spaces only', activity: { type: 'message', text: '   ' }, key: 'input.empty' },
  {
    name: 'a photo',
    activity: {
      type: 'message',
      attachments: [{ contentType: 'image/jpeg', contentUrl: 'https://example.org/a.jpg' }],
    },
    key: 'input.attachment',
  },
  {
    name: 'a sticker',
    activity: {
      type: 'message',
      attachments: [{ contentType: 'image/webp', name: 'sticker.webp' }],
    },
    key: 'input.attachment',
  },
  { name: 'emoji only', activity: { type: 'message', text: '👍🙏😀' }, key: 'input.emojiOnly' },
  {
    name: 'a 5,000-character message',
    activity: { type: 'message', text: 'ب'.repeat(5000) },
    key: 'input.tooLong',
    args: { max: MAX_MESSAGE_CHARS },
  },
];

describe('dialogs: bad input gets a short reply and keeps the position', function () {
  for (const language of ['ar', 'uk', 'de']) {
    for (const { name, activity, key, args } of badInputs) {
      it(`answers ${name} in ${language}, then "more" still continues the answer`, async function () {
        const t = tr(language, 'unknown');
        await atAnswer(language)
          .send(activity)
          .assertReply(reply(language, t(key, args ?? {})))
          .send(tap({ action: 'more', topic: 'training-pay' }))
          .assertReply(reply(language, t('topics:training-pay.more')))
          .startTest();
      });
    }
  }

  it('answers mixed scripts without an error and keeps the position', async function () {
    const t = tr('ar', 'unknown');
    await atAnswer('ar')
      .send('hallo سلام привет 123')
      .assertReply((activity: Partial<Activity>) => {
        if (!activity.text || activity.text.includes('Error')) throw new Error('no polite reply');
      })
      .send(tap({ action: 'more', topic: 'training-pay' }))
      .assertReply((activity: Partial<Activity>) => {
        if (!activity.text?.length) throw new Error('no answer');
      })
      .startTest();
    void t;
  });
});
