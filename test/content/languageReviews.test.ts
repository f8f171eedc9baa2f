/**
 * Languages no native speaker has reviewed (issue 20, "honest quality"): the
 * metadata says so, the bot tells the user once in that language, and a
 * reviewer's approval (`content:review --approve`) ends it.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Activity } from 'botbuilder';
import { expect } from 'chai';
import { approveLanguage, loadLanguageReviews } from '../../src/content/languageReviews';
import { LOCALES_DIR } from '../../src/paths';
import { content, handoverBot, reply, tap, tr } from '../support/bot';

describe('content: languages no native speaker has reviewed yet', function () {
  it('marks the five languages added in December 2026 as unreviewed, and only them', function () {
    const { unreviewed, approved } = loadLanguageReviews(LOCALES_DIR);
    expect([...unreviewed].sort()).to.deep.equal(['fr', 'kmr', 'ps', 'ti', 'vi']);
    expect(approved).to.deep.equal({});
  });

  it("records a reviewer's approval of a language: it is no longer unreviewed", function () {
    const dir = mkdtempSync(path.join(tmpdir(), 'kausa-languages-'));
    try {
      copyFileSync(path.join(LOCALES_DIR, 'languages.json'), path.join(dir, 'languages.json'));
      approveLanguage(dir, 'ti', 'Selam T.', '2026-12-06');
      const { unreviewed, approved } = loadLanguageReviews(dir);
      expect(unreviewed.has('ti')).to.equal(false);
      expect(unreviewed.has('ps')).to.equal(true);
      expect(approved.ti).to.deep.equal({ by: 'Selam T.', on: '2026-12-06' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says it once, in the language, when a user switches to it, and not again after switching back and forth', async function () {
    const vi = tr('vi', 'unknown');
    const { adapter } = handoverBot('de', { online: false });
    const turn = async (activity: Partial<Activity>) => {
      await adapter.receiveActivity(activity);
      return adapter.activeQueue.splice(0).map((reply) => reply.text);
    };
    const notice = vi('unreviewedLanguage');
    expect(await turn(tap({ topic: 'training-pay' }))).not.to.include(notice);
    const switched = await turn(tap({ language: 'vi' }, vi('language.name')));
    expect(switched.slice(0, 2)).to.deep.equal([notice, vi('language.switched')]);
    await turn(tap({ language: 'de' }, 'Deutsch'));
    const again = await turn(tap({ language: 'vi' }, vi('language.name')));
    expect(again[0]).to.equal(vi('language.switched'));
    expect(again).not.to.include(notice);
  });

  it('says nothing of the kind once the language is approved', async function () {
    const ps = tr('ps', 'unknown');
    const approvedContent = { ...content, unreviewed: new Set<never>() };
    await handoverBot('ps', { online: false, content: approvedContent })
      .adapter.send('سلام، زه یوه پوښتنه لرم')
      .assertReply(reply('ps', ps('welcome.hello')))
      .assertReply(reply('ps', ps('welcome.privacy', { days: 30 })))
      .assertReply(reply('ps', ps('audience.ask')))
      .startTest();
  });
});
