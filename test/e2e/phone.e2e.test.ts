/**
 * The widget on a phone, as the user test used it (../shared/reviews/user-test-2026-12.md):
 * 390 and 320 px wide, Arabic, Dari, Ukrainian and Pashto, one run on emulated Slow 3G;
 * Tigrinya's Ge'ez script drawn with a font that has it.
 * Links in answers can be tapped, buttons wrap inside the screen, nothing is
 * wider than the screen, each bubble keeps its own direction after a
 * language switch. Screenshots go to test-artifacts/.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import type { RunningApp } from '../../src/index';
import { startTestApp } from '../support/app';
import { tr } from '../support/bot';
import {
  ARTIFACTS_DIR,
  BUBBLES,
  launchChromium,
  tapButton,
  waitForBubble,
} from '../support/browser';
import { SLOW_3G } from '../bench/slowNetwork';
import { directionOf } from '../../src/language/languages';

/** The smallest tap target people hit reliably (WCAG 2.5.5, Apple's and Google's guidelines). */
const MIN_TAP_PX = 44;

const CASES = [
  { language: 'ar', width: 390, slow: false, other: 'uk' },
  { language: 'ar', width: 320, slow: true, other: 'uk' },
  { language: 'fa', width: 390, slow: false, other: 'de' },
  { language: 'fa', width: 320, slow: false, other: 'de' },
  { language: 'uk', width: 390, slow: false, other: 'ar' },
  { language: 'uk', width: 320, slow: false, other: 'ar' },
  { language: 'ps', width: 390, slow: false, other: 'de' },
  { language: 'ps', width: 320, slow: false, other: 'fa' },
] as const;

const LOCALES: Record<string, string> = {
  ar: 'ar-SY',
  fa: 'fa-AF',
  uk: 'uk-UA',
  ps: 'ps-AF',
  ti: 'ti-ER',
};

/** Elements that reach beyond the screen's left or right edge. */
function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((node) => {
        const box = node.getBoundingClientRect();
        return box.width > 0 && (box.right > window.innerWidth + 0.5 || box.left < -0.5);
      })
      .map((node) => `${node.tagName.toLowerCase()}#${node.id}.${node.className}`),
  );
}

/** The buttons under the last message: their boxes, and whether all lie inside the screen. */
function buttonBoxes(page: Page) {
  return page.$$eval('#actions .action', (nodes) =>
    nodes.map((node) => {
      const box = node.getBoundingClientRect();
      return {
        label: node.textContent ?? '',
        inside: box.left >= 0 && box.right <= window.innerWidth,
        height: box.height,
        top: box.top,
      };
    }),
  );
}

describe('the widget on a phone: Arabic, Dari, Ukrainian and Pashto at 390 and 320 px, Tigrinya', function () {
  this.timeout(120_000);
  let app: RunningApp;
  let browser: Browser;

  before(async function () {
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    app = await startTestApp();
    browser = await launchChromium();
  });

  after(async function () {
    await browser?.close();
    await app?.close();
  });

  for (const { language, width, slow, other } of CASES) {
    it(`${language} at ${width} px${slow ? ' on Slow 3G' : ''}: greeting in ${language} first, tappable links, wrapping buttons, no overflow, directions per bubble`, async function () {
      const anyone = tr(language, 'unknown');
      const t = tr(language, 'youth');
      const context = await browser.newContext({
        viewport: { width, height: 740 },
        locale: LOCALES[language],
        hasTouch: true,
        isMobile: true,
      });
      const errors: string[] = [];
      try {
        const page = await context.newPage();
        page.on('pageerror', (error) => errors.push(error.message));
        if (slow) {
          const cdp = await context.newCDPSession(page);
          await cdp.send('Network.enable');
          await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
        }
        // No ?lang=: the browser's language decides, from the page's first byte.
        await page.goto(`${app.url}/`, { waitUntil: 'commit' });
        await waitForBubble(page, anyone('welcome.hello'));
        // Measured once the style sheet has applied (the browser shows nothing unstyled before).
        await page.waitForLoadState('load');
        const rtl = directionOf(language) === 'rtl';
        expect(await page.getAttribute('html', 'dir')).to.equal(rtl ? 'rtl' : 'ltr');
        expect(await page.getAttribute('html', 'lang')).to.equal(language);
        expect(await page.title()).to.equal(
          anyone('widget:pageTitle', { org: { name: 'KAUSA-Servicestelle Leipzig' } }),
        );

        // The first buttons wrap: every one whole, on screen, big enough for a thumb.
        const first = await buttonBoxes(page);
        expect(first.length).to.equal(5);
        expect(first.every((button) => button.inside)).to.equal(true);
        expect(Math.min(...first.map((button) => button.height))).to.be.at.least(MIN_TAP_PX);
        expect(new Set(first.map((button) => Math.round(button.top))).size).to.be.above(1);
        expect(await overflowing(page)).to.deep.equal([]);

        // Tap through to training pay: its "next step" is a link that can be tapped.
        await tapButton(page, anyone('audience.youth'));
        await tapButton(page, t('menu.group.money'));
        await tapButton(page, t('topics:training-pay.title'));
        const answer = t('topics:training-pay.answer');
        await waitForBubble(page, answer.slice(0, 25));
        const link = page.locator('#transcript .msg.bot a[href^="https://berufenet"]').last();
        expect(await link.getAttribute('target')).to.equal('_blank');
        expect(await link.getAttribute('rel')).to.equal('noopener noreferrer');
        expect(await link.textContent()).to.equal('https://berufenet.arbeitsagentur.de');
        expect(await overflowing(page)).to.deep.equal([]);
        const after = await buttonBoxes(page);
        expect(after.length).to.be.above(2);
        expect(after.every((button) => button.inside)).to.equal(true);
        await page.screenshot({ path: path.join(ARTIFACTS_DIR, `phone-${language}-${width}.png`) });

        // Another language: new bubbles in its direction, the earlier ones keep theirs.
        await page.selectOption('#language', other);
        await waitForBubble(page, tr(other, 'youth')('language.switched'));
        const shown = await page.$$eval(BUBBLES, (nodes) =>
          nodes.map((node) => ({
            text: node.textContent ?? '',
            direction: getComputedStyle(node.querySelector('.text') ?? node).direction,
          })),
        );
        const old = shown.find((bubble) => bubble.text.includes(answer.slice(0, 25)));
        const switched = shown.find((bubble) =>
          bubble.text.includes(tr(other, 'youth')('language.switched')),
        );
        const otherRtl = directionOf(other) === 'rtl';
        expect(old?.direction).to.equal(rtl ? 'rtl' : 'ltr');
        expect(switched?.direction).to.equal(otherRtl ? 'rtl' : 'ltr');
        expect(await page.getAttribute('html', 'dir')).to.equal(otherRtl ? 'rtl' : 'ltr');
        await page.screenshot({
          path: path.join(ARTIFACTS_DIR, `phone-${language}-${width}-then-${other}.png`),
        });
        expect(errors).to.deep.equal([]);
      } finally {
        await context.close();
      }
    });
  }

  it("ti at 390 px: the greeting in Ge'ez, drawn with a font that has Ge'ez (no empty boxes)", async function () {
    const anyone = tr('ti', 'unknown');
    const context = await browser.newContext({
      viewport: { width: 390, height: 740 },
      locale: LOCALES.ti,
      hasTouch: true,
      isMobile: true,
    });
    try {
      const page = await context.newPage();
      await page.goto(`${app.url}/`);
      await waitForBubble(page, anyone('welcome.hello'));
      expect(await page.getAttribute('html', 'lang')).to.equal('ti');
      expect(await page.getAttribute('html', 'dir')).to.equal('ltr');
      // The fonts Chromium drew the first bubble with, and how many glyphs each drew.
      const cdp = await context.newCDPSession(page);
      await cdp.send('DOM.enable');
      await cdp.send('CSS.enable');
      const { root } = await cdp.send('DOM.getDocument');
      const { nodeId } = await cdp.send('DOM.querySelector', {
        nodeId: root.nodeId,
        selector: '#transcript .msg.bot .text',
      });
      const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
      const geez = fonts.filter((font) => /Ethiopic|Nyala|Abyssinica/i.test(font.familyName));
      expect(geez.length, JSON.stringify(fonts)).to.be.above(0);
      expect(geez.reduce((sum, font) => sum + font.glyphCount, 0)).to.be.above(10);
      expect(await overflowing(page)).to.deep.equal([]);
      await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'phone-ti-390.png') });
    } finally {
      await context.close();
    }
  });
});
