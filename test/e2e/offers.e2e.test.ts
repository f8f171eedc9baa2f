import path from 'node:path';
import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import type { RunningApp } from '../../src/index';
import { appWithBrowser } from '../support/handover';
import { OFFERS_DATA_DIR, offersContent, translator } from '../support/bot';
import { ARTIFACTS_DIR, loginToConsole, tapButton, type, waitForBubble } from '../support/browser';

const PASSWORD = 'angebote-pruefen-2026';

const tap = tapButton;

describe('service point offers in the browser: a Turkish restaurant owner and an Arabic-speaking parent', function () {
  this.timeout(120_000);
  let app: RunningApp;
  let browser: Browser;
  let close: () => Promise<void>;
  const pageErrors: string[] = [];

  before(async function () {
    ({ app, browser, close } = await appWithBrowser(
      { DATA_DIR: OFFERS_DATA_DIR },
      {
        username: 'ayse',
        name: 'Ayşe',
        languages: ['tr', 'de', 'ar'],
        password: PASSWORD,
      },
    ));
  });

  after(async function () {
    await close?.();
  });

  it('checks whether a company can train, refers to the IHK with consent, books an appointment, and the console shows both', async function () {
    const phone = async (locale: string) =>
      (
        await browser.newContext({ viewport: { width: 390, height: 844 }, locale, hasTouch: true })
      ).newPage();
    const owner = await phone('tr-TR');
    owner.on('pageerror', (error) => pageErrors.push(error.message));
    // Welcomed before anything is said; "Restoranım" then shows a company is asking.
    const anyone = translator(offersContent, 'tr', 'unknown');
    const t = translator(offersContent, 'tr', 'company');

    // The company check, reached from the answer to a typed question.
    await owner.goto(`${app.url}/?lang=tr`);
    await waitForBubble(owner, anyone('welcome.hello'));
    await type(owner, 'Restoranım Ausbildung verebilir mi?');
    await waitForBubble(owner, t('topics:company-eligibility.answer').slice(0, 40));
    await tap(owner, t('offers:buttons.companyCheck'));
    await waitForBubble(owner, t('offers:company.chamber.ask'));
    await tap(owner, t('offers:company.chamber.ihk'));
    await waitForBubble(owner, t('offers:company.field.ask'));
    await type(owner, 'Aşçı');
    await waitForBubble(owner, t('offers:company.trainer.ask'));
    await tap(owner, t('offers:company.yes'));
    await waitForBubble(owner, t('offers:company.workers.ask'));
    await type(owner, '2');
    await waitForBubble(owner, t('offers:company.contents.ask'));
    await tap(owner, t('offers:company.no'));
    await waitForBubble(owner, t('offers:company.contentsMissing'));
    await waitForBubble(
      owner,
      t('offers:company.fulfilled', { text: t('offers:company.trainerOk') }),
    );

    // Referral to the chamber, with consent.
    await tap(owner, t('offers:partners.refer'));
    await waitForBubble(owner, t('offers:referral.consent', { partner: 'IHK zu Leipzig' }));
    await tap(owner, t('offers:referral.agree'));
    await waitForBubble(owner, t('offers:referral.askContact', { partner: 'IHK zu Leipzig' }));
    await type(owner, '0176 5551234');
    await waitForBubble(owner, t('handover:describe.ask'));
    await tap(owner, t('handover:describe.skip'));
    await waitForBubble(owner, t('offers:referral.saved', { partner: 'IHK zu Leipzig' }));
    await owner.screenshot({ path: path.join(ARTIFACTS_DIR, 'offers-widget-tr.png') });

    // An Arabic-speaking parent books a consultation slot.
    const parent = await phone('ar');
    parent.on('pageerror', (error) => pageErrors.push(error.message));
    // She does not say who she is (Arabic has one form of address for everybody).
    const ar = translator(offersContent, 'ar', 'unknown');
    await parent.goto(`${app.url}/?lang=ar`);
    await waitForBubble(parent, ar('welcome.hello'));
    await type(parent, 'هل يمكنني حجز موعد؟');
    await tap(parent, ar('offers:buttons.appointment'));
    await waitForBubble(
      parent,
      ar('offers:appointment.ask', { place: 'Willkommenszentrum (Beispiel)' }),
    );
    await parent.locator('#actions .action').first().click();
    await tap(parent, ar('offers:appointment.agree'));
    await waitForBubble(parent, ar('offers:appointment.askContact'));
    await type(parent, 'amina@example.org');
    await waitForBubble(
      parent,
      ar('offers:appointment.requested', { time: '§', place: '§' }).split('§')[0]!,
    );

    // The counsellor sees the referral and the appointment request, and confirms it.
    const desk = await (
      await browser.newContext({ viewport: { width: 1280, height: 800 } })
    ).newPage();
    desk.on('pageerror', (error) => pageErrors.push(error.message));
    await loginToConsole(desk, app.url, 'ayse', PASSWORD);
    await desk.click('[data-tab="referrals"]');
    const referral = desk.locator('li.request', { hasText: 'IHK zu Leipzig' });
    await referral.waitFor();
    expect(await referral.textContent()).to.contain('0176 5551234');
    await desk.click('[data-tab="appointments"]');
    const appointment = desk.locator('li.request', { hasText: 'amina@example.org' });
    await appointment.waitFor();
    await desk.screenshot({ path: path.join(ARTIFACTS_DIR, 'offers-console-de.png') });
    await appointment.locator('[data-action="confirm"]').click();
    await waitForBubble(
      parent,
      ar('offers:appointment.confirmed', { time: '§', place: '§', link: '§' }).split('§')[0]!,
    );
    await parent.screenshot({ path: path.join(ARTIFACTS_DIR, 'offers-widget-ar.png') });
    expect(pageErrors).to.deep.equal([]);
  });
});
