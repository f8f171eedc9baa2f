import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { PROJECT_ROOT } from '../../src/paths';

/** Where screenshots go: CI keeps this folder as the tests' artifacts. */
export const ARTIFACTS_DIR = path.join(PROJECT_ROOT, 'test-artifacts');

/** Debian's Chromium: the browser of the end-to-end tests (nothing is downloaded). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Launches headless Chromium; fails with what to install when it is missing. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: install Debian's "chromium" package (apt-get install chromium) or set CHROMIUM_PATH`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // Without the background-networking flags Chromium tries to reach Google's hosts.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** The widget's messages: the bot's, counsellors' and handover notices (`.bot`) and the user's (`.user`). */
export const BUBBLES = '#transcript .msg:not(.typing)';

/** Waits until a bubble's text contains `text` (the user's when `user`). */
export async function waitForBubble(page: Page, text: string, user = false): Promise<void> {
  await page.waitForFunction(
    ([selector, wanted, fromUser]) =>
      [...document.querySelectorAll(selector as string)].some(
        (node) =>
          node.classList.contains('user') === fromUser &&
          (node.textContent ?? '').includes(wanted as string),
      ),
    [BUBBLES, text, user] as const,
    { timeout: 15_000 },
  );
}

/** Taps the newest button (under the last message, or in a card) whose label contains `label`. */
export async function tapButton(page: Page, label: string): Promise<void> {
  await page
    .locator('#actions .action, #transcript .card button.action', { hasText: label })
    .last()
    .click();
}

/** Types a message into the widget and sends it. */
export async function type(page: Page, text: string): Promise<void> {
  const input = page.locator('#message');
  await input.fill(text);
  await input.press('Enter');
}

/** Opens the counsellor console and logs in; resolves once the console is connected (online). */
export async function loginToConsole(
  page: Page,
  baseUrl: string,
  username: string,
  password: string,
): Promise<void> {
  await page.goto(`${baseUrl}/counsellor/`);
  await page.fill('#username', username);
  await page.fill('#password', password);
  await page.click('button[type="submit"]');
  await page.locator('#presence:not(.off)').waitFor();
}
