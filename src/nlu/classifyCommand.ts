/**
 * `npm run --silent classify`: reads JSON lines {"text": "...", "locale"?: "..."}
 * on standard input and writes one line {"topic", "language", "confidence"} per
 * input, in order — how the bot reads each question (and `question`, when a
 * specific question inside the topic is meant).
 */
import path from 'node:path';
import { createInterface } from 'node:readline';
import { createContent } from '../botContent';
import { LOCALES_DIR, PROJECT_ROOT } from '../paths';
import { createNlu } from '.';
import { questionOf } from '../content/topics';

async function main(): Promise<void> {
  const content = createContent(
    LOCALES_DIR,
    path.resolve(PROJECT_ROOT, process.env.DATA_DIR ?? 'data'),
  );
  const nlu = createNlu(LOCALES_DIR, content.recognizers);
  nlu.start();
  // Read standard input from the start (the iterator buffers lines) while the model loads.
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity })[
    Symbol.asyncIterator
  ]();
  await nlu.client.ready;
  for await (const line of { [Symbol.asyncIterator]: () => lines }) {
    if (line.trim() === '') continue;
    let input: { text?: unknown; locale?: unknown };
    try {
      input = JSON.parse(line) as { text?: unknown; locale?: unknown };
    } catch {
      input = {};
    }
    if (typeof input.text !== 'string') {
      process.stdout.write(
        `${JSON.stringify({ topic: 'unknown', language: 'de', confidence: 0, error: 'expected {"text": "..."}' })}\n`,
      );
      continue;
    }
    // As the bot reads a first message in a conversation with this locale.
    const result = await nlu.understander.understand(input.text, {
      ...(typeof input.locale === 'string' ? { locale: input.locale } : {}),
    });
    const confidence = Math.round(result.confidence * 1000) / 1000;
    // `topic` stays a TOPICS.md id; a specific question inside it is named beside it.
    const asked = questionOf(result.topic);
    process.stdout.write(
      `${JSON.stringify({
        topic: asked?.topic ?? result.topic,
        ...(asked ? { question: asked.question } : {}),
        language: result.language,
        confidence,
      })}\n`,
    );
  }
  await nlu.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`classify failed: ${String((error as Error)?.message ?? error)}\n`);
  process.exit(1);
});
