/**
 * The conversation-level evaluation (`npm run eval:conversations`, and in CI
 * through test/nlu/conversations.test.ts): scripted multi-turn conversations
 * in test/nlu/conversations/<lng>.json, written as people type and never used
 * for training, run through the real bot; a turn is right when its replies
 * show what the script expects at once (no "did you mean…?" first).
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { MemoryStorage, type Activity, type TestAdapter } from 'botbuilder';
import { FORMAL_CONTEXT, type Reader } from '../../src/content/register';
import type { Language } from '../../src/language/languages';
import type { TopicId } from '../../src/content/topics';
import { PROJECT_ROOT } from '../../src/paths';
import { handoverBot, offersContent } from '../support/bot';

/** What a scored turn is about, for the report. */
export const KINDS = [
  'question',
  'confirmation',
  'mid-step',
  'latin-script',
  'audience',
  'short-intent',
] as const;
export type Kind = (typeof KINDS)[number];

/** What a turn's replies must show. */
export interface Expectation {
  /** A reply is this topic's answer. */
  topic?: string;
  /** A reply is this text (an i18n key, with arguments). */
  key?: string;
  args?: Record<string, unknown>;
  /** No reply is this text. */
  notKey?: string;
  /** Every reply is in this language (default: the file's language). */
  language?: string;
}

export interface ScriptTurn {
  /** What the user types … */
  say?: string;
  /** … or the value of a button they tap. */
  tap?: Record<string, unknown>;
  /** Scored when present. */
  expect?: Expectation;
  kind?: Kind;
}

export interface Script {
  name: string;
  /** Where the conversation starts: a fresh chat, or after these taps (default: the menu as `audience`). */
  start?: 'fresh' | 'menu' | 'readiness' | 'companyCheck' | 'refer';
  audience?: string;
  /** The page's locale (default: the file's language). */
  locale?: string;
  turns: ScriptTurn[];
}

export interface TurnResult {
  language: string;
  script: string;
  turn: number;
  kind: Kind;
  said: string;
  right: boolean;
  why?: string;
}

const SCRIPTS_DIR = path.join(PROJECT_ROOT, 'test', 'nlu', 'conversations');
/** Wednesday, 25 November 2026, 13:00 in Leipzig: the fixture's hotline and consultations are open. */
const WEDNESDAY_1PM = Date.parse('2026-11-25T12:00:00Z');

/** Every script, with the language its file is named after. */
export function loadScripts(): Array<{ language: string; script: Script }> {
  return readdirSync(SCRIPTS_DIR)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .flatMap((file) => {
      const language = path.basename(file, '.json');
      const scripts = JSON.parse(readFileSync(path.join(SCRIPTS_DIR, file), 'utf8')) as Script[];
      return scripts.map((script) => ({ language, script }));
    });
}

async function turn(adapter: TestAdapter, activity: Partial<Activity>) {
  await adapter.receiveActivity(activity);
  return adapter.activeQueue.splice(0);
}

const message = (text: string): Partial<Activity> => ({ type: 'message', text });
const tapOn = (value: Record<string, unknown>): Partial<Activity> => ({
  type: 'message',
  text: '',
  value,
});

/** The taps that bring a new conversation to where a script starts. */
function opening(script: Script): Array<Record<string, unknown>> {
  const audience = script.audience ?? (script.start === 'companyCheck' ? 'company' : 'youth');
  switch (script.start ?? 'menu') {
    case 'fresh':
      return [];
    case 'menu':
      return [{ audience }];
    case 'readiness':
      return [{ audience }, { action: 'readiness' }];
    case 'companyCheck':
      return [{ audience }, { action: 'companyCheck' }];
    case 'refer':
      return [{ audience }, { action: 'refer', partner: 'jugendmigrationsdienste' }];
  }
}

/** Who the bot takes the user to be, from its stored profile (`unknown` until they have said). */
function readerIn(memory: Record<string, string>): Reader {
  const users = Object.entries(memory).find(
    ([key, value]) => key.includes('/users/') && typeof value === 'string',
  );
  const profile = users
    ? (JSON.parse(users[1]) as { profile?: { audience?: Reader } }).profile
    : undefined;
  return profile?.audience ?? 'unknown';
}

/**
 * Whether the replies show the expectation, with prompts in the form of
 * address the language uses for the reader (a parent reads "Sie", "ви"…).
 */
function check(
  replies: Array<Partial<Activity>>,
  expectation: Expectation,
  language: string,
  reader: Reader,
): string | undefined {
  const lng = (expectation.language ?? language) as Language;
  const plain = offersContent.i18n.getFixedT(lng);
  const formal = offersContent.registers.of(lng, reader) === 'formal';
  const t = (key: string, args: Record<string, unknown> = {}) =>
    plain(key, formal ? { context: FORMAL_CONTEXT, ...args } : args);
  const texts = replies.map((reply) => reply.text ?? '');
  const wanted = expectation.language ?? language;
  const strange = replies.find((reply) => reply.locale !== wanted);
  if (strange) return `answered in ${strange.locale}, not ${wanted}`;
  // The topic's answer, or the answer to one of its specific questions (heading and answer).
  const topicAnswers = (topic: string) => [
    t(`topics:${topic}.answer`),
    ...(offersContent.catalogue.topics.get(topic as TopicId)?.questions ?? []).map(
      ({ id }) =>
        `${t(`topics:${topic}.questions.${id}.question`)}\n${t(`topics:${topic}.questions.${id}.answer`)}`,
    ),
  ];
  if (
    expectation.topic &&
    !topicAnswers(expectation.topic).some((answer) => texts.includes(answer))
  ) {
    return `not the answer of ${expectation.topic}: "${texts.join(' | ').slice(0, 120)}"`;
  }
  if (expectation.key && !texts.includes(t(expectation.key, expectation.args ?? {}))) {
    return `not ${expectation.key}: "${texts.join(' | ').slice(0, 120)}"`;
  }
  if (expectation.notKey && texts.includes(t(expectation.notKey))) {
    return `said ${expectation.notKey}`;
  }
  return undefined;
}

/** Runs every script; one result per scored turn. */
export async function runConversations(): Promise<TurnResult[]> {
  const results: TurnResult[] = [];
  for (const { language, script } of loadScripts()) {
    const memory: Record<string, string> = {};
    const { adapter } = handoverBot(script.locale ?? language, {
      content: offersContent,
      now: () => WEDNESDAY_1PM,
      online: false,
      storage: new MemoryStorage(memory),
    });
    for (const value of opening(script)) await turn(adapter, tapOn(value));
    for (const [index, step] of script.turns.entries()) {
      const before = readerIn(memory);
      const replies = await turn(adapter, step.tap ? tapOn(step.tap) : message(step.say ?? ''));
      if (!step.expect) continue;
      // Whom the replies spoke to: who the user said they are in this turn, else before it
      // (after "delete my data" the bot knows nobody, but it answered the reader it knew).
      const after = readerIn(memory);
      const why = check(replies, step.expect, language, after === 'unknown' ? before : after);
      results.push({
        language,
        script: script.name,
        turn: index + 1,
        kind: step.kind ?? 'question',
        said: step.say ?? JSON.stringify(step.tap),
        right: why === undefined,
        ...(why ? { why } : {}),
      });
    }
  }
  return results;
}

/** Share of right turns overall, per language and per kind. */
export function summarise(results: TurnResult[]) {
  const share = (subset: TurnResult[]) => ({
    right: subset.filter((result) => result.right).length,
    all: subset.length,
  });
  const by = <K extends string>(key: (result: TurnResult) => K) => {
    const groups = new Map<K, TurnResult[]>();
    for (const result of results)
      groups.set(key(result), [...(groups.get(key(result)) ?? []), result]);
    return Object.fromEntries([...groups].map(([name, subset]) => [name, share(subset)]));
  };
  return {
    overall: share(results),
    languages: by((result) => result.language),
    kinds: by((result) => result.kind),
  };
}
