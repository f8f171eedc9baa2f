/**
 * The common questions the user test of December 2026 found missed
 * (../shared/reviews/user-test-2026-12.md, issue 16 "Why" 5 and 7), each
 * typed as the persona typed it, answered with the right topic at once.
 */
import type { Reader } from '../../src/content/register';
import { botAdapter, reply, tap, tr } from '../support/bot';

const CASES: Array<{
  language: string;
  audience: string;
  text: string;
  topic: string;
  question?: string;
}> = [
  {
    language: 'uk',
    audience: 'parent',
    text: 'скільки він буде отримувати грошей',
    topic: 'training-pay',
  },
  { language: 'fa', audience: 'youth', text: 'من A2 دارم بس است؟', topic: 'german-language' },
  { language: 'ar', audience: 'youth', text: 'ممكن ساعدوني بالسي في', topic: 'application' },
  { language: 'ar', audience: 'youth', text: 'خلصت صف تاسع', topic: 'entry-requirements' },
  {
    language: 'de',
    audience: 'youth',
    text: 'ich will azubi werden was brauch ich',
    topic: 'entry-requirements',
  },
  {
    language: 'de',
    audience: 'youth',
    text: 'was kostet die berufsschule',
    topic: 'vocational-school',
    // Answered with the topic's specific question "does the Berufsschule cost money?".
    question: 'berufsschule-cost',
  },
];

describe("dialogs: the user test's missed questions are answered at once", function () {
  for (const { language, audience, text, topic, question } of CASES) {
    it(`answers "${text}" (${language}, ${audience}) with ${topic}`, async function () {
      const t = tr(language, audience as Reader);
      let flow = botAdapter(language)
        .send(tap({ audience }))
        .assertReply(() => undefined)
        .assertReply(() => undefined)
        .assertReply(() => undefined)
        .send(text);
      // A young person's topic asked by a parent first says whom the answer speaks to.
      if (audience === 'parent') flow = flow.assertReply(reply(language, t('answer.forParent')));
      const answer = question
        ? `${t(`topics:${topic}.questions.${question}.question`)}\n${t(`topics:${topic}.questions.${question}.answer`)}`
        : t(`topics:${topic}.answer`);
      await flow.assertReply(reply(language, answer)).startTest();
    });
  }
});
