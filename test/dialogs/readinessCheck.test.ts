import { expect } from 'chai';
import type { Activity } from 'botbuilder';
import { nextSteps } from '../../dialogs/readinessCheckDialog';
import { content, inReadinessCheck, reply, tap, tr } from '../support/bot';

/** Checks the result message: its lines and its topic buttons. */
function result(language: string, steps: string[], topics: string[]) {
  const t = tr(language);
  return (activity: Partial<Activity>) => {
    const lines = [
      t('readiness.result'),
      ...steps.map((key) => `• ${t(key)}`),
      t('readiness.notLegal'),
    ];
    expect(activity.text).to.equal(lines.join('\n'));
    expect(activity.locale).to.equal(language);
    const values = (activity.suggestedActions?.actions ?? []).map((action) => action.value);
    expect(values).to.deep.equal([
      ...topics.map((topic) => ({ topic })),
      { action: 'counsellor' },
      { action: 'menu' },
    ]);
  };
}

describe('dialogs: readiness check', function () {
  it('reads an age in Arabic-Indic digits and yes/no in Arabic', async function () {
    const t = tr('ar');
    await inReadinessCheck('ar')
      .send('عمري ١٩ سنة')
      .assertReply(reply('ar', t('readiness.askCertificate')))
      .send('نعم')
      .assertReply(reply('ar', t('readiness.askAbroad')))
      .send('ايه')
      .assertReply(reply('ar', t('readiness.askEvaluated')))
      .send('لا')
      .assertReply(reply('ar', t('readiness.askGerman')))
      .send(tap({ choice: 'a' }))
      .assertReply(reply('ar', t('readiness.askResidence')))
      .send(tap({ choice: 'duldung' }))
      .assertReply(
        result(
          'ar',
          [
            'readiness.step.evaluate',
            'readiness.step.german',
            'readiness.step.residence',
            'readiness.step.search',
          ],
          [
            'certificate-recognition',
            'german-language',
            'residence-and-permission',
            'finding-a-place',
          ],
        ),
      )
      .startTest();
  });

  it('reads Persian digits and Persian yes / no / "I don\'t know"', async function () {
    const t = tr('fa');
    await inReadinessCheck('fa')
      .send('۲۳')
      .assertReply(reply('fa', t('readiness.askCertificate')))
      .send('بله')
      .assertReply(reply('fa', t('readiness.askAbroad')))
      .send('نه')
      .assertReply(reply('fa', t('readiness.askGerman')))
      .send('نمی‌دانم')
      .assertReply(reply('fa', t('readiness.askResidence')))
      .send('نمیدونم')
      .assertReply(
        result(
          'fa',
          ['readiness.step.german', 'readiness.step.residenceUnknown', 'readiness.step.search'],
          ['german-language', 'residence-and-permission', 'finding-a-place', 'application'],
        ),
      )
      .startTest();
  });

  it('asks again politely in Ukrainian when the age is not a number, and accepts a number word', async function () {
    const t = tr('uk');
    await inReadinessCheck('uk')
      .send('не скажу')
      .assertReply(reply('uk', t('readiness.retryAge')))
      .send('сімнадцять')
      .assertReply(reply('uk', t('readiness.askCertificate')))
      .startTest();
  });

  for (const { language, age, yes, no } of [
    { language: 'ti', age: '፲፯', yes: 'እወ', no: 'ሕጂ ኣይኮነን' },
    { language: 'ps', age: '۱۷ کلن یم', yes: 'هو', no: 'نه، نه یې لرم' },
    { language: 'kmr', age: 'hivdeh', yes: 'erê', no: 'na, spas' },
    { language: 'fr', age: 'dix-sept', yes: 'oui', no: "non je l'ai eu ici en allemagne" },
    { language: 'vi', age: '17 tuổi', yes: 'vâng', no: 'thôi ko, cảm ơn' },
  ]) {
    it(`reads an age and yes / no as typed in ${language} (Ge'ez numerals, Pashto digits, number words, a no with more words)`, async function () {
      const t = tr(language);
      await inReadinessCheck(language)
        .send(age)
        .assertReply(reply(language, t('readiness.askCertificate')))
        .send(yes)
        .assertReply(reply(language, t('readiness.askAbroad')))
        .send(no)
        .assertReply(reply(language, t('readiness.askGerman')))
        .startTest();
    });
  }

  it('reads "twenty-five" in Kurmanji and French number words', function () {
    expect(content.recognizers.number('bîst û pênc', 'kmr')).to.equal(25);
    expect(content.recognizers.number('vingt-cinq', 'fr')).to.equal(25);
    expect(content.recognizers.number('፳፭', 'ti')).to.equal(25);
  });

  it('accepts "I don\'t know" everywhere', async function () {
    const t = tr('de');
    await inReadinessCheck('de')
      .send(tap({ choice: 'dontKnow' }))
      .assertReply(t('readiness.askCertificate'))
      .send(tap({ choice: 'dontKnow' }))
      .assertReply(t('readiness.askGerman'))
      .send(tap({ choice: 'dontKnow' }))
      .assertReply(t('readiness.askResidence'))
      .send(tap({ choice: 'dontKnow' }))
      .assertReply(
        result(
          'de',
          [
            'readiness.step.noCertificate',
            'readiness.step.german',
            'readiness.step.residenceUnknown',
            'readiness.step.search',
          ],
          ['entry-requirements', 'german-language', 'residence-and-permission', 'finding-a-place'],
        ),
      )
      .startTest();
  });

  it('tells in every language how many questions it asks: 4 to 6', function () {
    // The shortest path is the "I don't know" test above (4 answers), the
    // longest the Arabic one (6: a certificate from abroad). It said "5".
    for (const language of ['de', 'de-simple', 'en', 'ar', 'fa', 'uk', 'ru', 'tr']) {
      const intro = tr(language)('readiness.intro');
      expect(intro, language).to.match(/\b4\b/).and.to.match(/\b6\b/);
      expect(intro, language).not.to.match(/\b5\b/);
    }
  });

  it('gives no residence step to an EU citizen with B2 German', function () {
    expect(
      nextSteps({ age: 20, certificate: 'yes', abroad: 'no', german: 'b2', residence: 'eu' }),
    ).to.deep.equal({
      texts: ['readiness.step.germanOk', 'readiness.step.search'],
      topics: ['finding-a-place', 'application'],
    });
  });

  it('points a 30-year-old to the introductory internship', function () {
    expect(nextSteps({ age: 30 }).topics[0]).to.equal('entry-qualification');
  });
});
