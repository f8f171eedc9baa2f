/**
 * `npm run personas`: the four personas of the user test
 * (../shared/reviews/user-test-2026-12.md) in the real widget, in headless
 * Chromium on a phone viewport, typing what they typed. Prints each
 * conversation as it appears in the chat, for a person to read (a walk
 * through, not a test: the transcript tests hold the assertions).
 */
import type { Page } from 'playwright-core';
import { startTestApp } from '../support/app';
import { BUBBLES, launchChromium, tapButton, type } from '../support/browser';

interface Persona {
  name: string;
  /** The page's language (`?lang=`), as the person's phone would ask for it. */
  locale: string;
  /** Typed messages, or `tap:` and a button's label. */
  says: string[];
}

const PERSONAS: Persona[] = [
  {
    name: 'Syrian youth (ar), typing Arabic and Arabizi',
    locale: 'ar',
    says: [
      'مرحبا',
      'tap:أريد تدريباً مهنياً',
      'اي من سوريا خلصت تاسع',
      'ممكن ساعدوني بالسي في',
      'kam el ratib bel ausbildung',
      'احذف بياناتي',
      'نعم',
    ],
  },
  {
    name: 'Afghan youth (fa, Dari), Persian letters and Finglish',
    locale: 'fa',
    says: [
      'من صنف ۱۰ خلاص کدم در کابل',
      'من A2 دارم بس است؟',
      'ausbildung chand sal tool mikeshe',
      'تشکر',
    ],
  },
  {
    name: 'Ukrainian mother (uk)',
    locale: 'uk',
    says: [
      'Доброго дня',
      'мій син хоче аусбільдунг, що йому потрібно?',
      'скільки він буде отримувати грошей',
      'видали мої дані',
      'так',
    ],
  },
  {
    name: 'Turkish restaurant owner (tr), without Turkish letters',
    locale: 'tr',
    says: [
      'restoranim var cirak alabilirmiyim',
      'suriyeli bir genci almak istiyorum duldungu var olur mu',
      'ihk',
    ],
  },
];

/** The bubbles' texts from `from` on, the user's marked with "›". */
async function transcript(page: Page, from: number): Promise<string[]> {
  const lines = await page.$$eval(BUBBLES, (nodes) =>
    nodes.map((node) => {
      const text = (node.textContent ?? '').trim().replace(/\s+/g, ' ');
      return `${node.classList.contains('user') ? '  ›' : '   '} ${text}`;
    }),
  );
  return lines.slice(from);
}

async function buttons(page: Page): Promise<string[]> {
  return page.$$eval('#actions .action', (nodes) =>
    nodes.map((node) => (node.textContent ?? '').trim()),
  );
}

/** Waits until the bot has answered: no new bubble for a moment. */
async function settle(page: Page): Promise<void> {
  let count = -1;
  for (let i = 0; i < 40; i += 1) {
    await page.waitForTimeout(250);
    const now = await page.locator(`${BUBBLES}:not([data-prerendered])`).count();
    if (now === count && now > 0) return;
    count = now;
  }
}

async function main(): Promise<void> {
  const app = await startTestApp();
  const browser = await launchChromium();
  try {
    for (const persona of PERSONAS) {
      const context = await browser.newContext({
        viewport: { width: 390, height: 844 },
        hasTouch: true,
        locale: persona.locale,
      });
      const page = await context.newPage();
      await page.goto(`${app.url}/?lang=${persona.locale}`);
      await page.locator('#message').waitFor();
      await settle(page);
      process.stdout.write(`\n## ${persona.name}\n\n`);
      let seen = 0;
      for (const said of persona.says) {
        if (said.startsWith('tap:')) {
          await tapButton(page, said.slice(4));
        } else {
          await type(page, said);
        }
        await settle(page);
        const lines = await transcript(page, seen);
        seen += lines.length;
        const offered = await buttons(page);
        process.stdout.write(
          `${lines.join('\n')}\n${offered.length ? `    [${offered.join(' | ')}]\n` : ''}`,
        );
      }
      await context.close();
    }
  } finally {
    await browser.close();
    await app.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`personas failed: ${String(error)}\n`);
    process.exit(1);
  },
);
