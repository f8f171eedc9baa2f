import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect } from 'chai';
import type { Browser, BrowserContext, Page, WebSocketRoute } from 'playwright-core';
import type { RunningApp } from '../../src/index';
import { startTestApp } from '../support/app';
import type { Reader } from '../../src/content/register';
import { content, tr } from '../support/bot';
import {
  ARTIFACTS_DIR,
  BUBBLES,
  launchChromium,
  tapButton,
  type,
  waitForBubble,
} from '../support/browser';
import { freePort } from '../support/http';

/** A translator for `reader`: someone who has not said who they are, unless a test says otherwise. */
const t = (language: string, reader: Reader = 'unknown') => tr(language, reader);
const PHONE = { width: 390, height: 844 };

/** Text of the transcript's bubbles, oldest first. */
function bubbles(page: Page): Promise<Array<{ user: boolean; text: string; direction: string }>> {
  return page.$$eval(BUBBLES, (nodes) =>
    nodes.map((node) => {
      const content = node.querySelector('.text') ?? node;
      return {
        user: node.classList.contains('user'),
        text: (content.textContent ?? '').trim(),
        direction: getComputedStyle(content).direction,
      };
    }),
  );
}

const tap = tapButton;

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.length} nodes`);
}

describe('web widget in a real browser (headless Chromium)', function () {
  this.timeout(90_000);
  let app: RunningApp;
  let browser: Browser;
  let context: BrowserContext;
  const pageErrors: string[] = [];

  let partner: Server;
  let partnerUrl: string;

  before(async function () {
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    // A partner organisation's site on another origin, embedding the widget with one tag.
    const partnerPort = await freePort();
    partnerUrl = `http://127.0.0.1:${partnerPort}`;
    app = await startTestApp({ FRAME_ANCESTORS: `'self' ${partnerUrl}` });
    partner = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(
        `<!doctype html><html lang="de"><head><title>Jugendmigrationsdienst</title></head>` +
          `<body><h1>Beratung</h1><script src="${app.url}/embed.js" async></script></body></html>`,
      );
    });
    await new Promise<void>((resolve) => partner.listen(partnerPort, '127.0.0.1', resolve));
    browser = await launchChromium();
  });

  beforeEach(async function () {
    context = await browser.newContext({ viewport: PHONE, locale: 'en-US', hasTouch: true });
  });

  afterEach(async function () {
    await context.close();
  });

  after(async function () {
    await browser?.close();
    await new Promise((resolve) => partner?.close(resolve));
    await app?.close();
  });

  function watch(page: Page): void {
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy|Refused/.test(message.text())) {
        pageErrors.push(message.text());
      }
    });
  }

  it('lets a young person pick Arabic, tap a topic, type a question, read the answer right to left, and find the history after a reload', async function () {
    const page = await context.newPage();
    watch(page);
    await page.goto(`${app.url}/`);
    await waitForBubble(page, t('en')('welcome.hello'));

    // Pick Arabic: the page turns right to left and the bot goes on in Arabic.
    await page.selectOption('#language', 'ar');
    expect(await page.getAttribute('html', 'dir')).to.equal('rtl');
    expect(await page.getAttribute('html', 'lang')).to.equal('ar');
    await waitForBubble(page, t('ar')('language.switched'));

    // Tap through: who I am → money → training pay (from here on, to a young person).
    await tap(page, t('ar')('audience.youth'));
    await tap(page, t('ar', 'youth')('menu.group.money'));
    await tap(page, t('ar', 'youth')('topics:training-pay.title'));
    const payAnswer = t('ar', 'youth')('topics:training-pay.answer').slice(0, 30);
    await waitForBubble(page, payAnswer);

    // Type a question.
    const question = 'كيف أكتب طلب تقديم؟';
    await type(page, question);
    await waitForBubble(page, question, true);
    const applicationAnswer = t('ar', 'youth')('topics:application.answer').slice(0, 30);
    await waitForBubble(page, applicationAnswer);

    const shown = await bubbles(page);
    const answer = shown.find((bubble) => bubble.text.includes(applicationAnswer));
    expect(answer?.direction).to.equal('rtl');
    expect(shown.find((bubble) => bubble.user && bubble.text.includes(question))).to.not.equal(
      undefined,
    );
    const screenshot = path.join(ARTIFACTS_DIR, 'widget-ar.png');
    await page.screenshot({ path: screenshot });

    // A reload in the same tab shows the conversation so far.
    await page.reload();
    await waitForBubble(page, applicationAnswer);
    await waitForBubble(page, question, true);
    const restored = await bubbles(page);
    expect(restored.map((bubble) => bubble.text)).to.include.members(
      shown.map((bubble) => bubble.text),
    );
    expect(await page.getAttribute('html', 'dir')).to.equal('rtl');
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'widget-ar-reloaded.png') });
    expect(pageErrors).to.deep.equal([]);
  });

  it('greets a Ukrainian phone in Ukrainian, with the picker showing the languages in their own names', async function () {
    const ukrainian = await browser.newContext({ viewport: PHONE, locale: 'uk-UA' });
    try {
      const page = await ukrainian.newPage();
      watch(page);
      await page.goto(`${app.url}/`);
      await waitForBubble(page, t('uk')('welcome.hello'));
      const options = await page.$$eval('#language option', (nodes) =>
        nodes.map((node) => (node as HTMLOptionElement).textContent),
      );
      expect(options).to.include.members(['Deutsch', 'العربية', 'Українська', 'Türkçe']);
      expect(await page.title()).to.equal(
        t('uk')('widget:pageTitle', { org: content.organisation }),
      );
      await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'widget-uk.png') });
      // "Delete my data" under the privacy notice: the bot asks, then deletes.
      await page.click('#delete-data');
      await waitForBubble(page, t('uk')('privacy.confirm'));
      await tap(page, t('uk')('privacy.yes'));
      await waitForBubble(page, t('uk')('privacy.deleted'));
      expect(pageErrors).to.deep.equal([]);
    } finally {
      await ukrainian.close();
    }
  });

  it('tells an Arabic user in Arabic when a message cannot be sent (storage down: 503), and clears the notice once sending works', async function () {
    const arabic = await browser.newContext({ viewport: PHONE, locale: 'ar-SY' });
    try {
      const page = await arabic.newPage();
      watch(page);
      await page.goto(`${app.url}/`);
      await waitForBubble(page, t('ar')('welcome.hello'));
      // What the gateway answers while Redis hangs (its own route deadline).
      const outage = '**/v3/directline/conversations/*/activities';
      await page.route(outage, (route) =>
        route.request().method() === 'POST'
          ? route.fulfill({
              status: 503,
              headers: { 'content-type': 'application/json', 'retry-after': '5' },
              body: '{"error":{"code":"ServiceUnavailable","message":"try again shortly"}}',
            })
          : route.continue(),
      );
      await type(page, 'كم الراتب؟');
      await page
        .locator('#status', { hasText: t('ar')('widget:connectionProblem') })
        .waitFor({ timeout: 15_000 });
      await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'widget-ar-connection-problem.png') });
      await page.unroute(outage);
      await type(page, 'كم راتب التدريب؟');
      await waitForBubble(page, t('ar')('topics:training-pay.answer').slice(0, 30));
      expect((await page.textContent('#status'))?.trim()).to.equal('');
    } finally {
      await arabic.close();
    }
  });

  it('resumes a broken stream without losing or repeating a message (uk)', async function () {
    const ukrainian = await browser.newContext({ viewport: PHONE, locale: 'uk-UA' });
    try {
      const page = await ukrainian.newPage();
      watch(page);
      // The streams pass through here, so the test can break one as a train's tunnel would.
      const streams: WebSocketRoute[] = [];
      await page.routeWebSocket(/\/stream\?/, (stream) => {
        stream.connectToServer();
        streams.push(stream);
      });
      await page.goto(`${app.url}/`);
      await page.locator('#transcript .msg.bot:not([data-prerendered])').first().waitFor();
      await page.waitForFunction(() => document.querySelector('#status')?.textContent === '');
      expect(streams.length).to.equal(1);
      await streams[0]!.close({ code: 1011, reason: 'network gone' });
      // Asked while the stream is down: the answer comes with the next stream, once.
      await type(page, 'скільки платять на аусбільдунгу');
      const answer = t('uk', 'unknown')('topics:training-pay.answer').slice(0, 30);
      await waitForBubble(page, answer);
      expect(streams.length).to.equal(2);
      const shown = await bubbles(page);
      const count = (text: string) => shown.filter((bubble) => bubble.text.includes(text)).length;
      expect(count(answer)).to.equal(1);
      expect(count(t('uk')('welcome.hello'))).to.equal(1);
      expect(count('скільки платять на аусбільдунгу')).to.equal(1);
      expect(pageErrors).to.deep.equal([]);
    } finally {
      await ukrainian.close();
    }
  });

  it('shows what a user types as text, never as HTML', async function () {
    const page = await context.newPage();
    watch(page);
    await page.goto(`${app.url}/?lang=de`);
    await waitForBubble(page, t('de')('welcome.hello'));
    const hostile = '<img src=x onerror="document.title=\'pwned\'"><b>fett</b>';
    await type(page, hostile);
    await waitForBubble(page, '<b>fett</b>', true);
    const injected = await page.$$eval('#transcript img, #transcript b', (nodes) => nodes.length);
    expect(injected).to.equal(0);
    expect(await page.title()).to.not.equal('pwned');
  });

  it('opens from a partner site with one script tag: a button in the page language, the chat in a panel, Escape closes it', async function () {
    const page = await context.newPage();
    watch(page);
    await page.goto(`${partnerUrl}/`);
    const open = page.getByRole('button', { name: t('de')('widget:openChat') });
    await open.click();
    expect(await open.getAttribute('aria-expanded')).to.equal('true');
    const chat = page.frameLocator(
      `iframe[title="${t('de')('widget:chatLabel', { org: content.organisation })}"]`,
    );
    await chat.locator('.msg.bot', { hasText: t('de')('welcome.hello') }).waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'embed-de.png') });
    await page.getByRole('button', { name: t('de')('widget:closeChat') }).focus();
    await page.keyboard.press('Escape');
    expect(await open.getAttribute('aria-expanded')).to.equal('false');
    expect(pageErrors).to.deep.equal([]);
  });

  for (const language of ['de', 'ar'] as const) {
    it(`has no serious or critical accessibility violations in ${language} (axe-core)`, async function () {
      const page = await context.newPage();
      await page.goto(`${app.url}/?lang=${language}`);
      await waitForBubble(page, t(language)('welcome.hello'));
      await page.locator('#actions .action').first().waitFor();
      expect(await seriousViolations(page)).to.deep.equal([]);
    });
  }

  it('can be used with the keyboard alone: picker, buttons and send box are reachable with Tab', async function () {
    const page = await context.newPage();
    await page.goto(`${app.url}/?lang=de`);
    await waitForBubble(page, t('de')('welcome.hello'));
    const reached = new Set<string>();
    for (let step = 0; step < 40; step += 1) {
      await page.keyboard.press('Tab');
      reached.add(
        await page.evaluate(() => {
          const element = document.activeElement;
          if (!element) return '';
          if (element.id) return `#${element.id}`;
          if (element.closest('#actions')) return 'buttons';
          return element.tagName.toLowerCase();
        }),
      );
    }
    expect([...reached]).to.include.members(['#language', '#new-chat', '#message', '#send']);
    // Every button is its own tab stop.
    expect([...reached]).to.include('buttons');
  });
});
