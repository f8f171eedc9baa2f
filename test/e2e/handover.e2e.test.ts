import path from 'node:path';
import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import type { RunningApp } from '../../src/index';
import { addCounsellor, appWithBrowser } from '../support/handover';
import { content, tr } from '../support/bot';
import { ARTIFACTS_DIR, loginToConsole, tapButton, type, waitForBubble } from '../support/browser';

/**
 * The user asks for a person without saying who she is: the bot, the ticket
 * (no audience) and so the console's quick replies address her formally (شما).
 */
const fa = tr('fa', 'unknown');
const de = content.i18n.getFixedT('de', 'console');
const PASSWORD = 'dari-beratung-2026';

describe('handover in two browsers: a Dari speaker in the widget, a Dari-speaking counsellor in the console', function () {
  this.timeout(120_000);
  let app: RunningApp;
  let browser: Browser;
  let close: () => Promise<void>;
  const pageErrors: string[] = [];

  before(async function () {
    ({ app, browser, close } = await appWithBrowser(
      {},
      {
        username: 'mariam',
        name: 'Mariam',
        languages: ['fa', 'de'],
        password: PASSWORD,
      },
    ));
  });

  after(async function () {
    await close?.();
  });

  it('routes the request to her, she accepts and answers, both see each other, she closes and the bot takes over', async function () {
    const desk = await (
      await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'de-DE' })
    ).newPage();
    const phone = await (
      await browser.newContext({
        viewport: { width: 390, height: 844 },
        locale: 'fa-AF',
        hasTouch: true,
      })
    ).newPage();
    for (const page of [desk, phone])
      page.on('pageerror', (error) => pageErrors.push(error.message));
    desk.on('dialog', (dialog) => void dialog.accept());

    // The counsellor logs in; her console's live connection makes her available.
    await loginToConsole(desk, app.url, 'mariam', PASSWORD);
    expect(await desk.textContent('#presence')).to.equal(de('online'));

    // The user asks for a person in Dari, without saying who she is.
    await phone.goto(`${app.url}/?lang=fa`);
    await waitForBubble(phone, fa('welcome.hello'));
    await type(phone, 'می‌خواهم با یک مشاور صحبت کنم');
    await waitForBubble(phone, fa('handover:consent.ask'));
    await tapButton(phone, fa('handover:consent.yes'));
    await waitForBubble(phone, fa('handover:describe.ask'));
    const need = 'مدرک دیپلمم از افغانستان است. آیا اینجا قبول می‌شود؟';
    await type(phone, need);
    await waitForBubble(
      phone,
      fa('handover:queued', { position: 1, wait: fa('handover:minutes', { count: 4 }) }),
    );

    // It appears in her list without a reload: Dari, the need as text.
    const item = desk.locator('#list button[data-ticket]', { hasText: need });
    await item.waitFor({ timeout: 15_000 });
    expect(await item.locator('.badge').first().textContent()).to.equal('Dari / Persisch');
    expect(
      await item.locator('.summary').evaluate((node) => getComputedStyle(node).direction),
    ).to.equal('rtl');
    await item.click();
    await desk.click('#accept');
    await waitForBubble(phone, fa('handover:accepted', { name: 'Mariam' }));
    // A notice about the handover, shown apart; "cancel request" gives way to "end the chat".
    const joined = phone.locator('#transcript .msg.bot.status', {
      hasText: fa('handover:accepted', { name: 'Mariam' }),
    });
    expect(await joined.count()).to.equal(1);
    expect(await phone.locator('#actions .action').allTextContents()).to.deep.equal([
      fa('handover:leave'),
    ]);
    // Her lists follow: the request has moved from "waiting" to her chats.
    await desk.waitForFunction(
      (label) => document.querySelector('[data-tab="active"]')?.textContent === label,
      de('tabs.active', { count: 1 }),
    );
    expect(await desk.textContent('[data-tab="waiting"]')).to.equal(
      de('tabs.waiting', { count: 0 }),
    );

    // The transcript so far is there, the user's words right to left.
    await desk.locator('.msg.user', { hasText: need }).waitFor();

    // The user writes, also something that looks like HTML: it arrives as text.
    const hostile = 'سلام؟ <img src=x onerror="window.hacked=1"> <b>؟</b>';
    await type(phone, hostile);
    const relayed = desk.locator('.msg.user', { hasText: 'سلام؟' });
    await relayed.waitFor();
    expect(await relayed.textContent()).to.contain(hostile);
    expect(await desk.locator('.msg img').count(), 'no element from user text').to.equal(0);
    expect(await desk.evaluate(() => (window as { hacked?: number }).hacked)).to.equal(undefined);
    expect(await desk.locator('.msg b').count()).to.equal(0);
    expect(
      await relayed.locator('.body').evaluate((node) => getComputedStyle(node).direction),
    ).to.equal('rtl');

    // She answers with a quick reply in Dari, in the form of address for the ticket's reader (unknown: formal).
    const hello = fa('handover:quick.hello', { name: 'Mariam' });
    await desk
      .locator('.quick button', { hasText: hello.slice(0, 12) })
      .first()
      .click();
    await desk.locator('#reply').press('Enter');
    await waitForBubble(phone, hello);
    await desk.locator('.msg.counsellor', { hasText: hello.slice(0, 12) }).waitFor();
    // On the phone she is a person: her name above her words, a style of her own.
    const said = phone.locator('#transcript .msg.counsellor', { hasText: hello.slice(0, 12) });
    expect(await said.locator('.who').textContent()).to.equal(
      `Mariam · ${fa('widget:counsellor')}`,
    );
    expect(await said.evaluate((node) => node.classList.contains('status'))).to.equal(false);

    await desk.screenshot({ path: path.join(ARTIFACTS_DIR, 'handover-console-de.png') });
    await phone.screenshot({ path: path.join(ARTIFACTS_DIR, 'handover-widget-fa.png') });

    // She closes: the user is told and asked for feedback; the bot answers again.
    await desk.click('#close');
    await waitForBubble(phone, fa('handover:counsellorLeft', { name: 'Mariam' }));
    await waitForBubble(phone, fa('handover:helpful.ask'));
    await desk.locator('.note', { hasText: de('status.closed') }).waitFor();
    await tapButton(phone, fa('handover:helpful.yes'));
    await waitForBubble(phone, fa('handover:helpful.thanks'));
    expect(pageErrors).to.deep.equal([]);
  });

  it("shows the lead the day's anonymous numbers of that scenario, with charts", async function () {
    await addCounsellor(app, {
      username: 'leitung',
      name: 'Leitung',
      languages: ['de'],
      password: PASSWORD,
    });
    const lead = await app.handover.directory.get('leitung');
    await app.handover.directory.put({ ...lead!, role: 'lead' });
    const page = await (
      await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'de-DE' })
    ).newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await loginToConsole(page, app.url, 'leitung', PASSWORD);
    await page.click('[data-tab="stats"]');
    const total = (metric: string) =>
      page.locator(`#stats-totals tr[data-metric="${metric}"] td`).textContent();
    await page.locator('#stats-totals').waitFor();
    // The Dari scenario above: one conversation, one handover requested and accepted, one "helpful".
    expect(await total('conversations')).to.equal('1');
    expect(await total('handoverRequested')).to.equal('1');
    expect(await total('handoverAccepted')).to.equal('1');
    expect(await total('helpfulYes')).to.equal('1');
    expect(await page.locator('canvas').count()).to.equal(4);
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'statistics-console-de.png') });
    const download = page.waitForEvent('download');
    await page.click('#stats-csv');
    const csv = await download;
    expect(csv.suggestedFilename()).to.match(
      /^kausa-statistik-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/,
    );
    // At the person's request, the lead deletes everything of that chat from the console.
    page.on('dialog', (dialog) => void dialog.accept());
    await page.click('[data-tab="closed"]');
    await page.locator('#list button[data-ticket]').first().click();
    await page.click('#forget');
    await page.locator('#list li.empty').waitFor();
    expect(await app.handover.queue.list('closed')).to.deep.equal([]);
    expect(pageErrors).to.deep.equal([]);
  });
});
