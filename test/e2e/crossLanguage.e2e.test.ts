import path from 'node:path';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import type { RunningApp } from '../../src/index';
import { appWithBrowser } from '../support/handover';
import { content, tr } from '../support/bot';
import { startFakeLibreTranslate, type FakeLibreTranslate } from '../support/fakeLibreTranslate';
import { ARTIFACTS_DIR, loginToConsole, tapButton, type, waitForBubble } from '../support/browser';

const ar = tr('ar', 'youth');
const fa = tr('fa', 'unknown');
/** Her own quick reply in the languages the local engine does not offer, written by hand. */
const OWN_REPLY_BY_HAND: Record<string, string> = {
  ps: 'سلام، زه ستاسو پوښتنه ګورم.',
  ti: 'ሰላም፡ ሕቶኹም ክርእዮ እየ።',
  kmr: 'Silav, ez li pirsa we dinêrim.',
  fr: 'Bonjour, je regarde votre question.',
  vi: 'Xin chào, tôi đang xem câu hỏi của bạn.',
};
const de = content.i18n.getFixedT('de', 'console');
const PASSWORD = 'nur-deutsch-2026';
const QUESTION = 'كم لازم ادفع للمدرسة المهنية';
const ARABIC_NEED = 'ابني عمره 19 وعنده دولدونغ';
const DARI_NEED = 'من اجازه کار دارم؟ میتوانم آموزش حرفه‌ای شروع کنم';

/** A phone in the user's language, on the widget. */
async function phoneIn(browser: Browser, locale: string): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    locale,
    hasTouch: true,
  });
  return context.newPage();
}

/** The text of one line of the open ticket's summary. */
const summaryField = (desk: Page, field: string) =>
  desk.locator(`.ticket-summary dd[data-field="${field}"]`).textContent();

describe('a German-only counsellor takes an Arabic and a Dari request (summary, gists, translation)', function () {
  this.timeout(180_000);
  let engine: FakeLibreTranslate;
  let app: RunningApp;
  let browser: Browser;
  let close: () => Promise<void>;
  const pageErrors: string[] = [];

  before(async function () {
    engine = await startFakeLibreTranslate();
    ({ app, browser, close } = await appWithBrowser(
      // Nobody here speaks Arabic or Dari: requests go to everyone at once.
      { TRANSLATION_URL: engine.url, HANDOVER_ESCALATE_MINUTES: '0' },
      { username: 'jana', name: 'Jana', languages: ['de'], password: PASSWORD },
    ));
  });

  after(async function () {
    await close?.();
    await engine?.close();
  });

  it('reads both requests in German, answers the Arabic one in German and the user gets Arabic', async function () {
    const desk = await (
      await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'de-DE' })
    ).newPage();
    const arabic = await phoneIn(browser, 'ar-SY');
    const dari = await phoneIn(browser, 'fa-AF');
    for (const page of [desk, arabic, dari]) {
      page.on('pageerror', (error) => pageErrors.push(error.message));
    }
    await loginToConsole(desk, app.url, 'jana', PASSWORD);

    // A young Syrian asks about the vocational school, then for a person.
    await arabic.goto(`${app.url}/?lang=ar`);
    await tapButton(arabic, ar('audience.youth'));
    await waitForBubble(arabic, ar('menu.ask'));
    await type(arabic, QUESTION);
    await waitForBubble(arabic, QUESTION, true);
    await type(arabic, 'أريد التحدث مع مستشار');
    await waitForBubble(arabic, ar('handover:consent.ask'));
    await tapButton(arabic, ar('handover:consent.yes'));
    await waitForBubble(arabic, ar('handover:describe.ask'));
    await type(arabic, ARABIC_NEED);

    // An Afghan user asks for a person in Dari straight away.
    await dari.goto(`${app.url}/?lang=fa`);
    await waitForBubble(dari, fa('welcome.hello'));
    await type(dari, 'می‌خواهم با یک مشاور صحبت کنم');
    await waitForBubble(dari, fa('handover:consent.ask'));
    await tapButton(dari, fa('handover:consent.yes'));
    await waitForBubble(dari, fa('handover:describe.ask'));
    await type(dari, DARI_NEED);

    // Both reach her list; Dari is called what people call it.
    const arabicItem = desk.locator('#list button[data-ticket]', { hasText: ARABIC_NEED });
    const dariItem = desk.locator('#list button[data-ticket]', { hasText: DARI_NEED });
    await arabicItem.waitFor({ timeout: 15_000 });
    await dariItem.waitFor({ timeout: 15_000 });
    expect(await dariItem.locator('.badge').first().textContent()).to.equal('Dari / Persisch');

    // The Arabic request, summed up in German: titles, not ids; the user's own words kept.
    await arabicItem.click();
    await desk.locator('.ticket-summary').waitFor();
    expect(await summaryField(desk, 'audience')).to.equal(de('audience.youth'));
    expect(await summaryField(desk, 'language')).to.equal('Arabisch');
    expect(await summaryField(desk, 'topics')).to.contain('Berufsschule');
    expect(await summaryField(desk, 'description')).to.equal(ARABIC_NEED);
    expect(await desk.textContent('.detail-head')).to.not.contain('vocational-school');

    // Under the question: what the bot understood, and the machine translation.
    const asked = desk.locator('.msg.user', { hasText: QUESTION }).first();
    await asked.locator('.translation').waitFor();
    expect(await asked.locator('.gist').textContent()).to.match(/^Verstanden: .*Berufsschule/);
    expect(await asked.locator('.translation').textContent()).to.equal(
      `${de('transcript.translation')}: Wie viel muss ich für die Berufsschule bezahlen?`,
    );
    // The bot's Arabic words, in German on demand.
    const consent = desk.locator('.msg.bot', { hasText: ar('handover:consent.ask') });
    await consent.locator('summary').click();
    expect(await consent.locator('details span').textContent()).to.equal(
      tr('de', 'youth')('handover:consent.ask'),
    );

    // She takes it: quick replies in Arabic, each with its German meaning.
    await desk.click('#accept');
    await waitForBubble(arabic, ar('handover:accepted', { name: 'Jana' }));
    const hello = desk.locator('.quick button').first();
    await hello.waitFor();
    expect(await hello.locator('.gloss').textContent()).to.equal(
      tr('de', 'youth')('handover:quick.hello', { name: 'Jana' }),
    );
    expect(await hello.locator('span[lang="ar"]').textContent()).to.equal(
      ar('handover:quick.hello', { name: 'Jana' }),
    );

    // She keeps a quick reply of her own: drafted from German by the engine, checked, completed.
    await desk.click('.own-replies summary');
    await desk.fill('.own-field textarea[lang="de"]', 'Guten Tag, ich schaue mir Ihre Frage an.');
    await desk.click('#own-draft');
    await desk.waitForFunction(
      () =>
        (document.querySelector('.own-field textarea[lang="ar"]') as HTMLTextAreaElement).value !==
        '',
    );
    expect(await desk.inputValue('.own-field textarea[lang="fa"]')).to.equal(
      'سلام، سوال شما را بررسی می‌کنم.',
    );
    await desk.click('#own-save');
    // The engine's Ukrainian and Russian drafts here are not in their script: the check says so.
    const refusal = desk.locator('.own-replies .note:not([hidden])');
    await refusal.waitFor();
    expect(await refusal.textContent(), 'in German, naming the languages').to.contain(
      de('own.problem.script', { language: 'Ukrainisch' }),
    );
    expect(await refusal.textContent()).to.contain(
      de('own.problem.script', { language: 'Russisch' }),
    );
    // Languages the engine does not offer stay empty for her to write: the check names them.
    expect(await refusal.textContent()).to.contain(
      de('own.problem.missing', { language: 'Paschtu' }),
    );
    await desk.fill('.own-field textarea[lang="uk"]', 'Добрий день, я перегляну Ваше питання.');
    await desk.fill('.own-field textarea[lang="ru"]', 'Здравствуйте, я посмотрю Ваш вопрос.');
    for (const [language, text] of Object.entries(OWN_REPLY_BY_HAND)) {
      await desk.fill(`.own-field textarea[lang="${language}"]`, text);
    }
    await desk.click('#own-save');
    const own = desk.locator('.quick button.own');
    await own.waitFor();
    expect(await own.locator('span[lang="ar"]').textContent()).to.equal('مرحباً، سأنظر في سؤالك.');
    expect(await own.locator('.gloss').textContent()).to.equal(
      'Guten Tag, ich schaue mir Ihre Frage an.',
    );

    // She writes German; it reaches the phone in Arabic with a note; her words stay in the console.
    expect(await desk.isChecked('#translate')).to.equal(true);
    await desk.fill('#reply', 'Guten Tag, ich schaue mir Ihre Frage an.');
    await desk.locator('#reply').press('Enter');
    await waitForBubble(arabic, 'مرحباً، سأنظر في سؤالك.');
    await waitForBubble(arabic, ar('handover:translated'));
    const reply = desk.locator('.msg.counsellor', { hasText: 'مرحباً، سأنظر في سؤالك.' });
    await reply.locator('.original').waitFor();
    expect(await reply.locator('.original').textContent()).to.equal(
      `${de('transcript.original')}: Guten Tag, ich schaue mir Ihre Frage an.`,
    );
    await desk.screenshot({ path: path.join(ARTIFACTS_DIR, 'console-arabic-for-german.png') });
    await arabic.screenshot({ path: path.join(ARTIFACTS_DIR, 'widget-arabic-translated.png') });

    // The engine goes down: the message is not sent, she is told, the chat goes on.
    engine.set({ mode: 'down' });
    await desk.fill('#reply', 'Die Berufsschule kostet kein Schulgeld.');
    await desk.locator('#reply').press('Enter');
    await desk.locator('.note', { hasText: de('translation.sendFailed') }).waitFor();
    expect(await desk.inputValue('#reply'), 'her text is kept').to.equal(
      'Die Berufsschule kostet kein Schulgeld.',
    );
    engine.set({ mode: 'ok' });

    // The Dari request: its summary names Dari, its message is translated.
    await desk.click('[data-tab="waiting"]');
    await dariItem.click();
    await desk.locator('.ticket-summary').waitFor();
    expect(await summaryField(desk, 'language')).to.equal('Dari / Persisch');
    const need = desk.locator('.msg.user', { hasText: DARI_NEED }).first();
    await need.locator('.translation').waitFor();
    expect(await need.locator('.translation').textContent()).to.contain(
      'Ich habe eine Arbeitserlaubnis',
    );
    await desk.screenshot({ path: path.join(ARTIFACTS_DIR, 'console-dari-for-german.png') });
    expect(pageErrors).to.deep.equal([]);
  });
});
