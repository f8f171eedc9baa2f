/**
 * The widget on a slow phone network: headless Chromium with Chrome's "Slow
 * 3G" emulation (400 ms latency, 400 kbit/s each way), a phone viewport and
 * an Arabic browser. Cold: empty cache. Returning: a new tab of the same
 * browser profile (cached assets, a new conversation). Time is from the start
 * of navigation to the first bot message visible in the page; bytes are what
 * crossed the wire (compressed) until then.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';

/** Chrome DevTools' "Slow 3G" preset, as the user test measured it. */
export const SLOW_3G = {
  offline: false,
  latency: 400,
  downloadThroughput: (400 * 1000) / 8,
  uploadThroughput: (400 * 1000) / 8,
};
const PHONE = { width: 390, height: 844 };
/** The first bot message the page shows (own widget), or Web Chat's first bot bubble. */
const FIRST_BOT_MESSAGE =
  process.env.BENCH_FIRST_MESSAGE_SELECTOR ??
  '#transcript .msg.bot, .webchat__bubble:not(.webchat__bubble--from-user)';

/** A bot message that arrived over the conversation. */
const LIVE_BOT_MESSAGE =
  '#transcript .msg.bot:not([data-prerendered]), .webchat__bubble:not(.webchat__bubble--from-user)';

export interface SlowLoad {
  /** Navigation start to the first bot message visible. */
  firstMessageMs: number;
  /** Navigation start to the conversation being live (the bot's first message received, not rendered into the page). */
  liveMs: number | null;
  /** Compressed bytes received until the conversation was live. */
  bytes: number;
  requests: number;
}

export interface SlowNetworkResult {
  cold: SlowLoad;
  returning: SlowLoad;
}

async function load(context: BrowserContext, url: string, cold: boolean): Promise<SlowLoad> {
  const page: Page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: cold });
  await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
  let bytes = 0;
  let requests = 0;
  let counting = true;
  cdp.on('Network.loadingFinished', (event: { encodedDataLength: number }) => {
    if (counting) bytes += event.encodedDataLength;
  });
  cdp.on('Network.requestWillBeSent', () => {
    if (counting) requests += 1;
  });
  const started = Date.now();
  await page.goto(url, { waitUntil: 'commit' });
  await page.locator(FIRST_BOT_MESSAGE).first().waitFor({ state: 'visible', timeout: 60_000 });
  const inPageMs = Date.now() - started;
  // On screen means painted: not before the first contentful paint (the style sheet holds it back).
  const paintMs = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const found = () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime;
        const poll = () => {
          const at = found();
          if (at !== undefined) resolve(at);
          else setTimeout(poll, 20);
        };
        poll();
      }),
  );
  const firstMessageMs = Math.round(Math.max(inPageMs, paintMs));
  // Live: a message that came over the conversation (not one the server rendered into the page).
  let liveMs: number | null;
  try {
    await page.locator(LIVE_BOT_MESSAGE).first().waitFor({ state: 'attached', timeout: 30_000 });
    liveMs = Date.now() - started;
  } catch {
    liveMs = null;
  }
  counting = false;
  await page.close();
  return { firstMessageMs, liveMs, bytes, requests };
}

/** Loads the widget at `url` cold and then as a returning visitor, on emulated Slow 3G. */
export async function benchSlowNetwork(url: string): Promise<SlowNetworkResult> {
  const browser: Browser = await launchChromium();
  try {
    const context = await browser.newContext({
      viewport: PHONE,
      locale: 'ar-SY',
      hasTouch: true,
      isMobile: true,
    });
    const cold = await load(context, url, true);
    const returning = await load(context, url, false);
    await context.close();
    return { cold, returning };
  } finally {
    await browser.close();
  }
}

if (require.main === module) {
  const url = process.argv[2] ?? 'http://127.0.0.1:3978/';
  benchSlowNetwork(url).then(
    (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
    (error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exit(1);
    },
  );
}
