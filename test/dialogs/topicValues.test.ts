import { expect } from 'chai';
import type { Activity } from 'botbuilder';
import { TOPIC_IDS } from '../../src/content/topics';
import { SUPPORTED_LANGUAGES } from '../../src/language/languages';
import { assertWelcome, botAdapter, content, reply, tap, tr } from '../support/bot';

describe('dialogs: a {"topic": id} value is answered directly', function () {
  for (const language of SUPPORTED_LANGUAGES) {
    for (const topic of TOPIC_IDS) {
      it(`answers ${topic} in ${language}`, async function () {
        // Nobody has said who they are: the welcome is formal where the language has a formal form.
        const t = tr(language, 'unknown');
        await assertWelcome(botAdapter(language).send(tap({ topic })), language)
          .assertReply((activity: Partial<Activity>) => {
            // A topic this organisation cannot offer (a hotline it does not run) says how to reach it.
            const unavailable = content.catalogue.unavailable?.has(topic);
            reply(
              language,
              t(unavailable ? 'answer.notOffered' : `topics:${topic}.answer`),
            )(activity);
            expect(activity.text).not.to.match(/{{|}}/);
          })
          .startTest();
      });
    }
  }
});
