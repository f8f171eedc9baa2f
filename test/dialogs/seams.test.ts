/**
 * The seams of a conversation, as the user test of December 2026 found them
 * (../shared/reviews/user-test-2026-12.md): typed answers where a button was
 * expected, questions in the middle of a step, social words that are not
 * goodbyes, choices that must stick. Each case is typed as the persona typed it.
 */
import type { Activity } from 'botbuilder';
import { expect } from 'chai';
import type { Reader } from '../../src/content/register';
import type { Audience } from '../../src/content/topics';
import {
  AUDIENCE_BUTTONS,
  assertWelcome,
  botAdapter,
  handoverBot,
  inReadinessCheck,
  offersContent,
  reply,
  tap,
  tr,
  translator,
} from '../support/bot';

const MENU = { action: 'menu' };
const MENU_GROUPS = [
  { group: 'start' },
  { group: 'papers' },
  { group: 'money' },
  { group: 'during' },
  { group: 'servicePoint' },
  { action: 'readiness' },
];
const DELETE_BUTTONS = [{ action: 'deleteConfirm' }, { action: 'deleteKeep' }];

/** A conversation in `language` that has reached the menu as a user of `audience`. */
/** A first message and the welcome, up to "who are you?". */
function atAudienceQuestion(language: string, hello = 'hi') {
  return assertWelcome(botAdapter(language).send(hello), language).assertReply(
    reply(language, tr(language, 'unknown')('audience.ask'), AUDIENCE_BUTTONS),
  );
}

function atMenu(language: string, audience: Audience = 'youth') {
  // The welcome goes out before the tap is read: nobody has said who they are yet.
  const anyone = tr(language, 'unknown');
  const t = tr(language, audience);
  return botAdapter(language)
    .send(tap({ audience }))
    .assertReply(reply(language, anyone('welcome.hello')))
    .assertReply(reply(language, anyone('welcome.privacy', { days: 30 })))
    .assertReply(reply(language, t('menu.ask')));
}

describe('seams: "delete my data?" answered by typing', function () {
  const cases = [
    { language: 'uk', ask: 'видали мої дані', yes: 'так' },
    { language: 'uk', ask: 'видали мої дані', yes: 'Так, видалити' },
    { language: 'ar', ask: 'احذف بياناتي', yes: 'نعم' },
    { language: 'en', ask: 'delete my data', yes: 'yes' },
    { language: 'tr', ask: 'verilerimi sil', yes: 'evet' },
    { language: 'fa', ask: 'اطلاعاتم را پاک کن', yes: 'بلی' },
  ];
  for (const { language, ask, yes } of cases) {
    it(`deletes on a typed "${yes}" (${language})`, async function () {
      const t = tr(language);
      await atMenu(language)
        .send(ask)
        .assertReply(reply(language, t('privacy.confirm'), DELETE_BUTTONS))
        .send(yes)
        .assertReply(reply(language, t('privacy.deleted')))
        .startTest();
    });
  }

  it('keeps everything on a typed "ні" (uk)', async function () {
    const t = tr('uk');
    await atMenu('uk')
      .send('видали мої дані')
      .assertReply(reply('uk', t('privacy.confirm'), DELETE_BUTTONS))
      .send('ні')
      .assertReply(reply('uk', t('privacy.kept'), [MENU]))
      .startTest();
  });

  it('does not take a later "yes" as the confirmation once other buttons were shown', async function () {
    const t = tr('en');
    await atMenu('en')
      .send('delete my data')
      .assertReply(reply('en', t('privacy.confirm'), DELETE_BUTTONS))
      .send('how much money do azubis get')
      .assertReply(reply('en', t('topics:training-pay.answer')))
      .send('yes')
      .assertReply((activity: Partial<Activity>) => {
        expect(activity.text).to.not.equal(t('privacy.deleted'));
      })
      .startTest();
  });
});

describe('seams: typed answers inside the readiness check (ar)', function () {
  it('takes "اي من سوريا" as yes and "دولدونغ" as the Duldung button', async function () {
    const t = tr('ar');
    await inReadinessCheck('ar')
      .send('١٩')
      .assertReply(reply('ar', t('readiness.askCertificate')))
      .send('اي')
      .assertReply(reply('ar', t('readiness.askAbroad')))
      .send('اي من سوريا')
      .assertReply(reply('ar', t('readiness.askEvaluated')))
      .send('لا')
      .assertReply(reply('ar', t('readiness.askGerman')))
      .send('b1')
      .assertReply(reply('ar', t('readiness.askResidence')))
      .send('دولدونغ')
      .assertReply((activity: Partial<Activity>) => {
        expect(activity.text).to.include(t('readiness.result'));
        expect(activity.text).to.include(t('readiness.step.residence').split('\n')[0]);
      })
      .startTest();
  });

  it('answers a specific question asked in the middle, instead of "choose a button"', async function () {
    // Questions inside topics did not leave a step: only whole topics did.
    const t = tr('ar');
    const cost = 'topics:vocational-school.questions.berufsschule-cost';
    await inReadinessCheck('ar')
      .send('١٩')
      .assertReply(reply('ar', t('readiness.askCertificate')))
      .send('كم لازم ادفع للمدرسة المهنية')
      .assertReply(reply('ar', `${t(`${cost}.question`)}\n${t(`${cost}.answer`)}`))
      .startTest();
  });

  it('answers a real question asked in the middle, instead of "choose a button"', async function () {
    const t = tr('ar');
    await inReadinessCheck('ar')
      .send('١٩')
      .assertReply(reply('ar', t('readiness.askCertificate')))
      .send('كم راتب الاوسبيلدونغ')
      .assertReply(reply('ar', t('topics:training-pay.answer')))
      .startTest();
  });
});

describe('seams: "no" to "did you mean…?" in the middle of a step brings the step back', function () {
  // Found by trying it (stop 25): the typed "no" was taken as the step's answer.
  const cases = [
    {
      language: 'de',
      question: 'muss ich was zahlen',
      offered: [{ topic: 'training-pay' }, { topic: 'vocational-school' }],
      no: 'nein',
    },
    {
      language: 'uk',
      question: 'скільки коштує навчання в школі',
      offered: [{ topic: 'vocational-school' }, { topic: 'dual-training-basics' }],
      no: 'ні',
    },
    {
      language: 'ar',
      question: 'في مصاري بالتدريب يا اخي؟',
      offered: [
        { topic: 'parents-guide', question: 'cost-for-family' },
        { topic: 'financial-support' },
      ],
      no: 'لا',
    },
  ];
  for (const { language, question, offered, no } of cases) {
    it(`asks the step's question again on a typed "${no}" (${language})`, async function () {
      const t = tr(language);
      await inReadinessCheck(language)
        .send('19')
        .assertReply(reply(language, t('readiness.askCertificate')))
        .send(question)
        .assertReply(
          reply(language, t('nlu.didYouMean'), [...offered, { action: 'backToStep' }, MENU]),
        )
        .send(no)
        .assertReply(reply(language, t('readiness.askCertificate')))
        .send(no)
        .assertReply(reply(language, t('readiness.askGerman')))
        .startTest();
    });
  }

  it('answers the tapped topic and leaves the step', async function () {
    const t = tr('de');
    await inReadinessCheck('de')
      .send('19')
      .assertReply(reply('de', t('readiness.askCertificate')))
      .send('muss ich was zahlen')
      .assertReply(reply('de', t('nlu.didYouMean')))
      .send(tap({ topic: 'vocational-school' }))
      .assertReply((activity: Partial<Activity>) => {
        expect(activity.text).to.include(t('topics:vocational-school.answer').slice(0, 40));
      })
      .startTest();
  });
});

describe('seams: the company check and the referral consent (tr, typed without Turkish letters)', function () {
  const WEDNESDAY_1PM = Date.parse('2026-11-25T12:00:00Z');
  const anyone = translator(offersContent, 'tr', 'unknown');
  const t = translator(offersContent, 'tr', 'company');
  const company = () =>
    handoverBot('tr', { content: offersContent, now: () => WEDNESDAY_1PM })
      .adapter.send(tap({ audience: 'company' }))
      .assertReply(reply('tr', anyone('welcome.hello')))
      .assertReply(reply('tr', anyone('welcome.privacy', { days: 30 })))
      .assertReply(reply('tr', t('menu.ask')));

  it('takes a typed "ihk" as the IHK button', async function () {
    await company()
      .send(tap({ action: 'companyCheck' }))
      .assertReply(reply('tr', t('offers:company.intro')))
      .assertReply(reply('tr', t('offers:company.chamber.ask')))
      .send('ihk')
      .assertReply(reply('tr', t('offers:company.field.ask')))
      .startTest();
  });

  it('takes "hayir simdilik" as no in the referral consent', async function () {
    await company()
      .send(tap({ action: 'refer', partner: 'jugendmigrationsdienste' }))
      .assertReply(
        reply('tr', t('offers:referral.consent', { partner: 'Jugendmigrationsdienste (JMD)' })),
      )
      .send('hayir simdilik')
      .assertReply(
        reply('tr', t('offers:referral.refused', { partner: 'Jugendmigrationsdienste (JMD)' }), [
          MENU,
        ]),
      )
      .startTest();
  });

  it('answers a question typed in the consent step instead of losing it', async function () {
    await company()
      .send(tap({ action: 'refer', partner: 'jugendmigrationsdienste' }))
      .assertReply(
        reply('tr', t('offers:referral.consent', { partner: 'Jugendmigrationsdienste (JMD)' })),
      )
      .send('suriyeli bir genci almak istiyorum duldung var, sorun olur mu')
      .assertReply(reply('tr', t('topics:company-hiring-refugees.answer')))
      .startTest();
  });
});

describe('seams: social words are not goodbyes, greetings do not restart', function () {
  it('does not say goodbye to "I finished grade 10 in Kabul" (fa)', async function () {
    const t = tr('fa');
    await atMenu('fa')
      .send('من صنف ۱۰ خلاص کدم در کابل')
      .assertReply((activity: Partial<Activity>) => {
        expect(activity.text).to.not.equal(t('nlu.goodbye'));
        expect(activity.suggestedActions?.actions.length ?? 0).to.be.above(0);
      })
      .startTest();
  });

  it('greets back on "Доброго дня" (uk), without saying goodbye', async function () {
    const t = tr('uk');
    await atMenu('uk')
      .send('Доброго дня')
      // A hello back, with the menu's buttons still there to tap.
      .assertReply(reply('uk', t('nlu.greeting'), MENU_GROUPS))
      .startTest();
  });

  it('answers "مرحبا" right after the welcome without asking "who are you?" again', async function () {
    const anyone = tr('ar', 'unknown');
    const t = tr('ar');
    await botAdapter('ar-SY')
      .send('hi')
      .assertReply(reply('ar', anyone('welcome.hello')))
      .assertReply(reply('ar', anyone('welcome.privacy', { days: 30 })))
      .assertReply(reply('ar', anyone('audience.ask'), AUDIENCE_BUTTONS))
      .send('مرحبا')
      // A hello back, with the same buttons to tap: not the question a second time.
      .assertReply(reply('ar', anyone('nlu.greeting'), AUDIENCE_BUTTONS))
      .send(tap({ audience: 'youth' }))
      .assertReply(reply('ar', t('menu.ask')))
      .startTest();
  });
});

describe('seams: saying who one is answers "who are you?"', function () {
  // Found trying the bot (2026-12-06): "ich bin jung" got the company answer on hiring refugees
  // (Sie), "ich habe ein restaurant" the training pay of a young person (du).
  for (const { language, hello, typed, audience } of [
    { language: 'de', hello: 'hallo', typed: 'ich bin jung', audience: 'youth' },
    { language: 'de', hello: 'hallo', typed: 'ich habe ein restaurant', audience: 'company' },
    { language: 'en', hello: 'hi', typed: "i'm a teacher", audience: 'multiplier' },
    { language: 'ar', hello: 'مرحبا', typed: 'انا صاحب مطعم', audience: 'company' },
    { language: 'ar', hello: 'مرحبا', typed: 'انا شب عمري 19', audience: 'youth' },
    { language: 'ps', hello: 'سلام', typed: 'زه ځوان یم', audience: 'youth' },
    { language: 'uk', hello: 'привіт', typed: 'я соціальна працівниця', audience: 'multiplier' },
    { language: 'tr', hello: 'merhaba', typed: 'ogrenciyim', audience: 'youth' },
  ] as const) {
    it(`takes "${typed}" as the ${audience} button (${language})`, async function () {
      await atAudienceQuestion(language, hello)
        .send(typed)
        .assertReply(reply(language, tr(language, audience)('menu.ask')))
        .startTest();
    });
  }

  it('a restaurant owner says who he is, then asks whether he may train: answered at once (tr, no Turkish letters)', async function () {
    // Found trying the bot: "cirak alabilir miyim" got "did you mean…?" between two company topics.
    const company = tr('tr', 'company');
    await atAudienceQuestion('tr', 'selam')
      .send('restoranim var')
      .assertReply(reply('tr', company('menu.ask')))
      .send('cirak alabilir miyim')
      .assertReply((activity: Partial<Activity>) => {
        expect(activity.text).to.include(company('topics:company-eligibility.answer').slice(0, 40));
      })
      .startTest();
  });

  it('does not take a complaint that names a company for the company button (en)', async function () {
    await atAudienceQuestion('en', 'hi')
      .send("my company doesn't pay me")
      .assertReply((activity: Partial<Activity>) => {
        expect(activity.text).to.not.equal(tr('en', 'company')('menu.ask'));
      })
      .startTest();
  });

  it('still answers a question that says who asks, framed for them (de)', async function () {
    await atAudienceQuestion('de', 'hallo')
      .send('ich habe ein restaurant, was kostet mich ein azubi?')
      .assertReply((activity: Partial<Activity>) => {
        expect(activity.text).to.include(
          tr('de', 'company')('topics:company-formalities.answer').slice(0, 40),
        );
      })
      .startTest();
  });
});

describe("seams: a button's whole label typed with a word or two more is the button", function () {
  // Found trying the bot from a fresh clone: "ich will eine ausbildung machen" at "who are you?"
  // got "did you mean residence or hiring refugees?".
  for (const { language, typed, audience } of [
    { language: 'de', typed: 'ich will eine ausbildung machen', audience: 'youth' },
    { language: 'uk', typed: 'я мама чи тато хлопця 17 років', audience: 'parent' },
    { language: 'ar', typed: 'أريد تدريباً مهنياً من فضلك', audience: 'youth' },
  ] as const) {
    it(`takes "${typed}" as the ${audience} button (${language})`, async function () {
      await atAudienceQuestion(language)
        .send(typed)
        .assertReply(reply(language, tr(language, audience)('menu.ask')))
        .startTest();
    });
  }

  it('still reads a longer message as a question, not as the button (de)', async function () {
    await atAudienceQuestion('de')
      .send('ich will eine ausbildung machen, wie viel verdient man dabei im ersten jahr')
      .assertReply((activity: Partial<Activity>) => {
        expect(activity.text).to.not.equal(tr('de', 'youth')('menu.ask'));
      })
      .startTest();
  });
});

describe('seams: a typed "something else" is the button', function () {
  for (const { language, text, typed } of [
    { language: 'en', text: 'help with papers', typed: 'Something else' },
    {
      language: 'tr',
      text: 'belgelerim icin yardim var mi',
      typed: 'Başka bir şey',
    },
  ]) {
    it(`"${typed}" after "did you mean…?" goes to the menu (${language})`, async function () {
      const t = tr(language);
      let offered: unknown[] = [];
      await atMenu(language)
        .send(text)
        .assertReply((activity: Partial<Activity>) => {
          offered = (activity.suggestedActions?.actions ?? []).map((action) => action.value);
        })
        .send(typed)
        .assertReply((activity: Partial<Activity>) => {
          // Only meaningful where the bot asked "did you mean…?" with the button.
          expect(offered).to.deep.include(MENU);
          expect(activity.text).to.equal(t('menu.ask'));
        })
        .startTest();
    });
  }
});

describe('seams: Einfache Sprache sticks', function () {
  it('stays in simple German after a message that looks English', async function () {
    const anyone = tr('de-simple', 'unknown');
    const t = tr('de-simple');
    await botAdapter('de-simple')
      .send(tap({ audience: 'youth' }))
      .assertReply(reply('de-simple', anyone('welcome.hello')))
      .assertReply(reply('de-simple', anyone('welcome.privacy', { days: 30 })))
      .assertReply(reply('de-simple', t('menu.ask')))
      .send('<img src=x onerror=alert(1)>')
      .assertReply((activity: Partial<Activity>) => expect(activity.locale).to.equal('de-simple'))
      .send('ok und berufsschule wie oft?')
      .assertReply(reply('de-simple', t('topics:vocational-school.answer')))
      .startTest();
  });
});

describe('seams: a typed "yes" or "ok" where nothing was asked', function () {
  // Found trying the bot: "بلی" and "так" after an answer got "I'm not sure I understood your question".
  for (const { language, question, yes } of [
    { language: 'fa', question: 'معاش ازوبی چقدر است', yes: 'بلی' },
    { language: 'uk', question: 'скільки платять на аусбільдунгу', yes: 'так' },
    { language: 'de', question: 'was verdient man in der ausbildung', yes: 'ok' },
  ]) {
    it(`leads on to the menu after an answer (${language}: "${yes}")`, async function () {
      const t = tr(language, 'youth');
      await atMenu(language)
        .send(question)
        .assertReply((activity: Partial<Activity>) => {
          // An answer (the topic's or one of its questions'), not "not sure" or "did you mean".
          expect([t('nlu.notSure'), t('nlu.didYouMean')]).to.not.include(activity.text);
        })
        .send(yes)
        .assertReply(reply(language, t('menu.ask')))
        .startTest();
    });
  }
});

describe('seams: Latin-script writing', function () {
  /** Each message, and who the bot knows it is answering (`unknown`, unless the text shows it: "restoranim"). */
  const cases: Array<{ text: string; language: string; topic: string; reader: Reader }> = [
    { text: 'kam el ratib', language: 'ar', topic: 'training-pay', reader: 'unknown' },
    // Found trying the bot (2026-12-06): answered with what dual training is.
    {
      text: 'kam bya5od el azubi bl shahr',
      language: 'ar',
      topic: 'training-pay',
      reader: 'unknown',
    },
    {
      text: 'ausbildung chand sal tool mikeshe',
      language: 'fa',
      topic: 'dual-training-basics',
      reader: 'unknown',
    },
    { text: 'skolko budet poluchat', language: 'ru', topic: 'training-pay', reader: 'unknown' },
    // Tigrinya in Latin letters was read as German (eval:conversations); the Pashto case guards the new Pashto words.
    {
      text: 'pa ausbildung ke sumra paisey rakawi',
      language: 'ps',
      topic: 'training-pay',
      reader: 'unknown',
    },
    {
      text: 'ab berufsschule kemey yimezgeb do',
      language: 'ti',
      topic: 'vocational-school',
      reader: 'unknown',
    },
    {
      text: 'merhaba restoranim var leipzigde cirak alabilirmiyim',
      language: 'tr',
      topic: 'company-eligibility',
      reader: 'company',
    },
  ];
  for (const { text, language, topic, reader } of cases) {
    it(`answers "${text}" in ${language}, in its own script, on a German page`, async function () {
      // The welcome goes out before the message is read: nobody has said who they are yet.
      const t = tr(language, reader);
      await assertWelcome(botAdapter('de-DE').send(text), language)
        .assertReply(reply(language, t(`topics:${topic}.answer`)))
        .startTest();
    });
  }

  it('keeps the language the user already writes in (German) for a Latin-script Arabic question', async function () {
    const t = tr('de');
    await atMenu('de')
      .send('wie viel verdient man als azubi')
      .assertReply(reply('de', t('topics:training-pay.answer')))
      .send('kam el ratib')
      .assertReply(reply('de', t('topics:training-pay.answer')))
      .startTest();
  });
});

describe('seams: who is asking frames the answer', function () {
  it('tells the Ukrainian mother that the answer speaks to her son', async function () {
    // Welcomed before her message is read; "мій син" then shows a parent is asking.
    const anyone = tr('uk', 'unknown');
    const t = tr('uk', 'parent');
    await botAdapter('uk-UA')
      .send('мій син закінчив 9 класів в Україні, що йому потрібно для навчання')
      .assertReply(reply('uk', anyone('welcome.hello')))
      .assertReply(reply('uk', anyone('welcome.privacy', { days: 30 })))
      .assertReply(reply('uk', t('answer.forParent')))
      .assertReply(reply('uk', t('topics:entry-requirements.answer')))
      .startTest();
  });

  it("tells a restaurant owner that a young person's topic speaks to the trainee (tr)", async function () {
    const t = tr('tr', 'company');
    await atMenu('tr', 'company')
      .send('çırağım ne kadar para alır, aylık ücret ne kadar')
      .assertReply(reply('tr', t('answer.forCompany')))
      .assertReply(reply('tr', t('topics:training-pay.answer')))
      .startTest();
  });
});
