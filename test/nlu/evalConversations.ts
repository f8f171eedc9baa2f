/**
 * `npm run eval:conversations`: runs the scripted conversations and prints the
 * share of turns answered right at once, overall, per language and per kind,
 * with every miss.
 */
import { detector, stopNlu } from '../support/bot';
import { runConversations, summarise } from './conversationEval';

const pct = ({ right, all }: { right: number; all: number }) =>
  `${((100 * right) / Math.max(all, 1)).toFixed(1).padStart(5)}% (${right}/${all})`;

async function main(): Promise<void> {
  await detector.ready;
  const results = await runConversations();
  const summary = summarise(results);
  process.stdout.write(`turns right at once: ${pct(summary.overall)}\n\n`);
  process.stdout.write('| language | right at once |\n| --- | --- |\n');
  for (const [language, share] of Object.entries(summary.languages)) {
    process.stdout.write(`| ${language} | ${pct(share)} |\n`);
  }
  process.stdout.write('\n| kind | right at once |\n| --- | --- |\n');
  for (const [kind, share] of Object.entries(summary.kinds)) {
    process.stdout.write(`| ${kind} | ${pct(share)} |\n`);
  }
  const misses = results.filter((result) => !result.right);
  if (misses.length > 0) process.stdout.write('\nmisses:\n');
  for (const miss of misses) {
    process.stdout.write(
      `  ${miss.language} "${miss.script}" turn ${miss.turn} (${miss.kind}) "${miss.said}": ${miss.why}\n`,
    );
  }
  await stopNlu();
}

main().catch((error: unknown) => {
  process.stderr.write(`eval:conversations failed: ${String((error as Error)?.stack ?? error)}\n`);
  process.exit(1);
});
