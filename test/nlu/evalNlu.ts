/**
 * `npm run eval:nlu`: runs the evaluation set (test/nlu/eval/<lng>.json, never
 * used for training) through the bot's understanding and prints top-1
 * accuracy overall, per language and per topic, the worst confusions,
 * off-topic recognition and language-detection accuracy. Cases with a
 * `question` are held-out phrasings of a specific question inside a topic:
 * their question-level accuracy is reported too (the right question's answer,
 * not only its topic).
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { createContent } from '../../src/botContent';
import { CLASS_IDS } from '../../src/content/examples';
import { topicOfClass } from '../../src/content/topics';
import { LOCALES_DIR, PROJECT_ROOT } from '../../src/paths';
import { createNlu } from '../../src/nlu';

interface Case {
  text: string;
  topic: string;
  /** A specific question inside the topic (its id within the topic). */
  question?: string;
  language: string;
}

const EVAL_DIR = path.join(PROJECT_ROOT, 'test', 'nlu', 'eval');
/**
 * `npm run eval:nlu -- --check`: a second set, written later by other helpers
 * for the newest languages to check that a change measured on the first
 * generalises (topic messages only). Never used for training or tuning.
 */
const CHECK_DIR = path.join(PROJECT_ROOT, 'test', 'nlu', 'check');

/** The eval set: every file, each case with the language its file is named after. */
export function loadEvalSet(dir = EVAL_DIR): Case[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .flatMap((file) => {
      const language = path.basename(file, '.json');
      const cases = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Array<{
        text: string;
        topic: string;
        question?: string;
      }>;
      return cases.map((entry) => ({ ...entry, language }));
    });
}

const pct = (right: number, all: number) =>
  all === 0 ? '   -  ' : `${((100 * right) / all).toFixed(1).padStart(5)}%`;

async function main(): Promise<void> {
  const content = createContent(LOCALES_DIR, path.join(PROJECT_ROOT, 'data'));
  const nlu = createNlu(LOCALES_DIR, content.recognizers);
  nlu.start();
  await nlu.client.ready;
  const cases = loadEvalSet(process.argv.includes('--check') ? CHECK_DIR : EVAL_DIR);
  const byLanguage = new Map<string, [number, number]>();
  const byTopic = new Map<string, [number, number]>();
  const confusions = new Map<string, number>();
  const languageRight = new Map<string, [number, number]>();
  let right = 0;
  const questions = new Map<string, [number, number]>();
  const questionMisses: string[] = [];
  const missKinds = { wrongTopic: 0, topicOnly: 0, otherQuestion: 0 };
  /** Messages of the topic set answered with one of the topic's specific questions instead. */
  const general: [number, number] = [0, 0];
  const times: number[] = [];
  const topicMessages = new Map<string, [number, number]>();
  const heldOutTopic = new Map<string, [number, number]>();
  for (const entry of cases) {
    const started = performance.now();
    const result = await nlu.understander.understand(entry.text);
    times.push(performance.now() - started);
    // A question inside the topic is that topic's answer too.
    const ok = (topicOfClass(result.topic) ?? result.topic) === entry.topic;
    if (!entry.question && ok) {
      general[1] += 1;
      if (result.topic !== entry.topic) general[0] += 1;
    }
    if (entry.question) {
      const hit = result.topic === `${entry.topic}/${entry.question}`;
      const q = questions.get(entry.language) ?? [0, 0];
      questions.set(entry.language, [q[0] + (hit ? 1 : 0), q[1] + 1]);
      if (!hit) {
        const got = topicOfClass(result.topic);
        if (got !== entry.topic) missKinds.wrongTopic += 1;
        else if (result.topic === entry.topic) missKinds.topicOnly += 1;
        else missKinds.otherQuestion += 1;
      }
      if (!hit)
        questionMisses.push(
          `  ${entry.language} ${entry.topic}/${entry.question} → ${result.topic}: ${entry.text}`,
        );
    }
    if (ok) right += 1;
    const lang = byLanguage.get(entry.language) ?? [0, 0];
    byLanguage.set(entry.language, [lang[0] + (ok ? 1 : 0), lang[1] + 1]);
    // Topic messages and held-out question phrasings apart: the second are far harder.
    const split = entry.question ? heldOutTopic : topicMessages;
    const part = split.get(entry.language) ?? [0, 0];
    split.set(entry.language, [part[0] + (ok ? 1 : 0), part[1] + 1]);
    const topic = byTopic.get(entry.topic) ?? [0, 0];
    byTopic.set(entry.topic, [topic[0] + (ok ? 1 : 0), topic[1] + 1]);
    if (!ok) {
      const key = `${entry.topic} → ${result.topic}`;
      confusions.set(key, (confusions.get(key) ?? 0) + 1);
    }
    // Simple German is German: the message's language is "de".
    const expected = entry.language === 'de-simple' ? 'de' : entry.language;
    const detected = result.language === 'de-simple' ? 'de' : result.language;
    const det = languageRight.get(entry.language) ?? [0, 0];
    languageRight.set(entry.language, [det[0] + (detected === expected ? 1 : 0), det[1] + 1]);
  }
  const lines: string[] = [];
  lines.push(`top-1 accuracy: ${pct(right, cases.length)} (${right}/${cases.length})`);
  lines.push(
    '',
    '| language  | topic top-1 | topic messages | held-out questions | language detected |',
    '| --------- | ----------- | -------------- | ------------------ | ----------------- |',
  );
  let detRight = 0;
  for (const [language, [ok, all]] of [...byLanguage.entries()].sort()) {
    const [dOk, dAll] = languageRight.get(language) ?? [0, 0];
    const [tOk, tAll] = topicMessages.get(language) ?? [0, 0];
    const [hOk, hAll] = heldOutTopic.get(language) ?? [0, 0];
    detRight += dOk;
    lines.push(
      `| ${language.padEnd(9)} | ${pct(ok, all).padStart(11)} | ${pct(tOk, tAll).padStart(14)} | ${pct(hOk, hAll).padStart(18)} | ${pct(dOk, dAll).padStart(17)} |`,
    );
  }
  lines.push(
    'topic messages: messages asking a topic; held-out questions: new phrasings of the specific questions, scored here by their topic.',
  );
  lines.push(`language detection overall: ${pct(detRight, cases.length)}`);
  lines.push('', '| topic | top-1 |', '| --- | --- |');
  for (const id of CLASS_IDS) {
    const [ok, all] = byTopic.get(id) ?? [0, 0];
    lines.push(`| ${id} | ${pct(ok, all)} (${ok}/${all}) |`);
  }
  const [unknownOk, unknownAll] = byTopic.get('unknown') ?? [0, 0];
  lines.push('', `off-topic recognised as unknown: ${pct(unknownOk, unknownAll)}`);
  const [qRight, qAll] = [...questions.values()].reduce(([a, b], [c, d]) => [a + c, b + d], [0, 0]);
  lines.push(
    '',
    `question-level accuracy (held-out questions): ${pct(qRight, qAll)} (${qRight}/${qAll})`,
  );
  for (const [language, [ok, all]] of [...questions.entries()].sort()) {
    lines.push(`  ${language.padEnd(9)} ${pct(ok, all)} (${ok}/${all})`);
  }
  lines.push(
    `  topic messages (no specific question) answered with a specific question: ${pct(general[0], general[1])} (${general[0]}/${general[1]})`,
  );
  lines.push(
    `  misses: another topic ${missKinds.wrongTopic}, the topic's general answer ${missKinds.topicOnly}, another question of the topic ${missKinds.otherQuestion}`,
  );
  if (questionMisses.length > 0) lines.push('question misses:', ...questionMisses.slice(0, 40));
  lines.push('', 'worst confusions (expected → got):');
  for (const [pair, count] of [...confusions.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
    lines.push(`  ${String(count).padStart(3)}  ${pair}`);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) =>
    (times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0).toFixed(3);
  lines.push(
    '',
    `time per message (classification + language): median ${at(0.5)} ms, p99 ${at(0.99)} ms`,
  );
  process.stdout.write(`${lines.join('\n')}\n`);
  await nlu.close();
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`eval:nlu failed: ${String((error as Error)?.stack ?? error)}\n`);
    process.exit(1);
  });
}
