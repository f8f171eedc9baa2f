import { consoleLabelsOf } from '../../src/content/consoleStrings';
import path from 'node:path';
import {
  MemoryStorage,
  TestAdapter,
  TurnContext,
  type Activity,
  type ConversationReference,
  type Storage,
  type TestFlow,
} from 'botbuilder';
import { expect } from 'chai';
import { createBot } from '../../src/index';
import { createUserChannel } from '../../src/channels/userChannel';
import type { Addressee } from '../../src/handover/notices';
import { Ui } from '../../src/ui/ui';
import { createContent, type BotContent } from '../../src/botContent';
import { createHandover } from '../../src/handover';
import type { CallbackStore } from '../../src/handover/callbacks';
import type { Presence } from '../../src/handover/presence';
import type { HandoverService } from '../../src/handover/service';
import { TEST_DIRECT_LINE_SECRET } from './app';
import type { TFunction } from 'i18next';
import { FORMAL_CONTEXT, type Reader } from '../../src/content/register';
import type { Language } from '../../src/language/languages';
import type { LanguageDetector } from '../../src/language/detect';
import { directionOf } from '../../src/language/languages';
import { createNlu } from '../../src/nlu';
import { MemoryUnansweredLog } from '../../src/nlu/unanswered';
import { LOCALES_DIR, PROJECT_ROOT } from '../../src/paths';
import type { OpeningHours } from '../../src/content/hours';

/** The real content and data, loaded once for all tests. */
export const content = createContent(LOCALES_DIR, path.join(PROJECT_ROOT, 'data'));

/** The real content with a fixture data folder that has consultation hours, a hotline, events and a route. */
export const OFFERS_DATA_DIR = path.join(PROJECT_ROOT, 'test/fixtures/offers-data');
export const offersContent = createContent(LOCALES_DIR, OFFERS_DATA_DIR);

/**
 * A translator for `language`, to write expected replies from the same
 * content the bot uses, in the form of address the bot uses for `reader`:
 * a young person by default, `unknown` before anyone has said who they are
 * (formal where the language has a formal register: `locales/registers.json`).
 */
export const tr = (language: string, reader: Reader = 'youth'): TFunction =>
  translator(content, language, reader);

/** {@link tr} for other content and data (the offers tests use a fixture data folder). */
export function translator(botContent: BotContent, language: string, reader: Reader): TFunction {
  const plain = botContent.i18n.getFixedT(language);
  if (botContent.registers.of(language as Language, reader) !== 'formal') return plain;
  return ((key: string | string[], options?: Record<string, unknown>) =>
    plain(key, { context: FORMAL_CONTEXT, ...options })) as unknown as TFunction;
}

/** The real NLU thread (language model and classifier), created once: it is not cheap. */
const nlu = createNlu(LOCALES_DIR, content.recognizers);
nlu.start();
/** Stops the NLU thread (for a script that ends; mocha exits on its own). */
export const stopNlu = (): Promise<void> => nlu.close();
/** The language detector on the NLU thread. */
export const detector: LanguageDetector = nlu.detector;
/** The one way the bot understands a message, as in the running bot. */
export const understander = nlu.understander;

/** Questions the bot could not answer during the tests. */
export const unanswered = new MemoryUnansweredLog();

/** A TestAdapter driving the real bot on `storage`, with activities in `locale` (no counsellor online). */
export function botAdapter(
  locale: string | undefined,
  storage: Storage = new MemoryStorage(),
): TestAdapter {
  return handoverBot(locale, { online: false, storage }).adapter;
}

/** A bot with the handover on memory stores, and its parts for the test to act as counsellor. */
export interface HandoverBot {
  adapter: TestAdapter;
  service: HandoverService;
  presence: Presence;
  callbacks: CallbackStore;
}

/**
 * The real bot, wired as the app wires it (`createHandover`, `createBot`),
 * with its handover on memory stores. Proactive messages (what a
 * counsellor's actions tell the user) arrive in the TestAdapter's reply
 * queue, as they would in the user's chat. `online` puts a counsellor at the console.
 */
export function handoverBot(
  locale: string | undefined,
  options: {
    online?: boolean;
    hours?: OpeningHours;
    maxWaitMs?: number;
    /** Other content and data (the offers tests use a fixture data folder). */
    content?: BotContent;
    /** The dialogs' clock. */
    now?: () => number;
    storage?: Storage;
  } = {},
): HandoverBot {
  const botContent = options.content ?? content;
  // The proactive turns need the adapter that is built last: it is looked up when they run.
  const built: { adapter?: TestAdapter } = {};
  const proactive = async (to: Addressee, logic: (context: TurnContext) => Promise<void>) => {
    const activity = TurnContext.applyConversationReference(
      { type: 'event', name: 'proactive' },
      to.reference as ConversationReference,
      true,
    );
    await logic(new TurnContext(built.adapter!, activity));
  };
  const channel = createUserChannel({
    proactive,
    ui: new Ui(botContent.i18n, botContent.registers),
    partners: botContent.partners,
  });
  const handover = createHandover(
    {
      namespace: 'test',
      secret: TEST_DIRECT_LINE_SECRET,
      hours: options.hours,
      maxWaitMs: options.maxWaitMs,
    },
    { redis: undefined, channel, labels: consoleLabelsOf(botContent.i18n) },
  );
  const { bot } = createBot({
    storage: options.storage ?? new MemoryStorage(),
    content: botContent,
    understander,
    handover,
    transcripts: { clear: async () => undefined },
    unanswered,
    stateTtlDays: 30,
    now: options.now,
  });
  const adapter = new TestAdapter((context) => bot.run(context), { locale });
  built.adapter = adapter;
  const { service } = handover;
  if (options.online !== false) void service.presence.touch('leyla', 60 * 60 * 1000);
  return { adapter, service, presence: service.presence, callbacks: service.callbacks };
}

/** The activity of a user joining the conversation. */
export const joined = (): Partial<Activity> => ({
  type: 'conversationUpdate',
  membersAdded: [{ id: 'user', name: 'User' }],
});

/** A tap on a button with this value. */
export const tap = (value: object, text = ''): Partial<Activity> => ({
  type: 'message',
  text,
  value,
});

/** Checks a reply's text, language and direction (and optionally its button values). */
export function reply(language: string, text: string, buttons?: object[]) {
  return (activity: Partial<Activity>) => {
    expect(activity.text).to.equal(text);
    expect(activity.locale, `locale of "${text.slice(0, 40)}"`).to.equal(language);
    expect(activity.channelData).to.deep.include({ language, direction: directionOf(language) });
    if (buttons) {
      expect(
        (activity.suggestedActions?.actions ?? []).map((action) => action.value),
      ).to.deep.equal(buttons);
    }
  };
}

/** A young person's conversation in `language` that has reached the readiness check's first question. */
export function inReadinessCheck(language: string): TestFlow {
  // The welcome goes out before the tap is read: nobody has said who they are yet.
  const t = tr(language);
  return assertWelcome(botAdapter(language).send(tap({ audience: 'youth' })), language)
    .assertReply(t('menu.ask'))
    .send(tap({ action: 'readiness' }))
    .assertReply(reply(language, t('readiness.intro')))
    .assertReply(reply(language, t('readiness.askAge')));
}

/**
 * The welcome a new conversation in `language` starts with: hello, the privacy
 * notice and, in a language no native speaker has reviewed yet, the notice that says so.
 */
export function assertWelcome(
  flow: TestFlow,
  language: string,
  reader: Reader = 'unknown',
): TestFlow {
  const t = tr(language, reader);
  const welcomed = flow
    .assertReply(reply(language, t('welcome.hello')))
    .assertReply(reply(language, t('welcome.privacy', { days: 30 })));
  return content.unreviewed.has(language as Language)
    ? welcomed.assertReply(reply(language, t('unreviewedLanguage')))
    : welcomed;
}

/** A first message in `language`, answered with the welcome (to someone not known yet) before anything else. */
export function welcomed(language: string, text: string): TestFlow {
  const t = tr(language, 'unknown');
  return botAdapter(language)
    .send(text)
    .assertReply(reply(language, t('welcome.hello')))
    .assertReply(reply(language, t('welcome.privacy', { days: 30 })));
}

/** The button values of the audience question. */
export const AUDIENCE_BUTTONS = [
  { audience: 'youth' },
  { audience: 'parent' },
  { audience: 'company' },
  { audience: 'multiplier' },
  { action: 'chooseLanguage' },
];

// Every dialog test sees the detector with its model loaded, as a running bot does after start-up
// (outside mocha, as in `npm run eval:conversations`, the caller waits for it).
if (typeof before === 'function') before(() => detector.ready);
