import { expect } from 'chai';
import {
  checkQuickReply,
  describeProblem,
  MAX_QUICK_REPLY_CHARS,
} from '../../src/content/quickReplyCheck';
import { content } from '../support/bot';
import { CALL_BACK_TOMORROW } from '../support/quickReplies';

const check = (texts: Record<string, unknown>) =>
  checkQuickReply(texts, content.registers).map(describeProblem);

describe('a counsellor’s own quick reply, checked as content is', function () {
  it('keeps a polite text in all 8 languages, each in its script', function () {
    expect(check(CALL_BACK_TOMORROW)).to.deep.equal([]);
  });

  it('names each problem with its language', function () {
    const withoutUkrainian: Record<string, string> = { ...CALL_BACK_TOMORROW };
    delete withoutUkrainian.uk;
    expect(check(withoutUkrainian)).to.deep.equal(['uk: missing']);
    expect(check({ ...CALL_BACK_TOMORROW, ar: 'Ich melde mich morgen, {{name}}' })).to.deep.equal([
      'ar: not written in its script',
    ]);
    expect(check({ ...CALL_BACK_TOMORROW, ru: 'Я свяжусь с <b>Вами</b>, {{name}}' })).to.deep.equal(
      ['ru: markup is shown as text; write plain text'],
    );
    expect(check({ ...CALL_BACK_TOMORROW, en: 'x'.repeat(MAX_QUICK_REPLY_CHARS + 1) })).to.include(
      `en: longer than ${MAX_QUICK_REPLY_CHARS} characters`,
    );
    expect(check({ ...CALL_BACK_TOMORROW, xx: 'hallo' })).to.include(
      'xx: not a language of the bot',
    );
  });

  it('asks for the polite form wherever a language has two (it may go to a company)', function () {
    const problems = check({
      ...CALL_BACK_TOMORROW,
      de: 'Ich melde mich morgen wieder bei dir. Viele Grüße, {{name}}',
      tr: 'Yarın sana tekrar yazacağım. Selamlar, {{name}}',
    });
    expect(problems).to.have.length(2);
    expect(
      checkQuickReply(
        { ...CALL_BACK_TOMORROW, de: 'Bis morgen, dein {{name}}' },
        content.registers,
      ),
      'the console names the word in its own language',
    ).to.deep.equal([{ language: 'de', problem: 'informal', word: 'dein' }]);
    expect(problems[0]).to.match(/^de: use the polite form \(not "dir"\)/);
    expect(problems[1]).to.match(/^tr: use the polite form/);
  });

  it('fills in only the counsellor’s name, and in every language alike', function () {
    expect(check({ ...CALL_BACK_TOMORROW, fa: 'فردا دوباره با شما تماس می‌گیرم.' })).to.deep.equal([
      'all: {{name}} in some languages but not in others',
    ]);
    expect(check({ ...CALL_BACK_TOMORROW, en: 'Call {{phone}}, {{name}}' })).to.deep.equal([
      'en: only {{name}} (your name) may be filled in',
    ]);
  });
});
