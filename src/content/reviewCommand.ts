/**
 * `npm run content:review -- --lang fa [--topic training-pay]`: every text of
 * a language beside German, topic by topic, with its sources, checked date and
 * who last reviewed it, so that a native speaker or a counsellor can review a
 * language in one sitting.
 *
 * `npm run content:review -- --lang fa --topic training-pay --reviewed-by "Mariam K."`
 * records the review of that topic in that language (reviewer, today's date)
 * in `locales/topics/<id>.json`.
 *
 * `npm run content:review -- --lang ps --approve --reviewed-by "Gul A."`
 * approves a whole language once a native speaker has read it: the bot then
 * stops telling its users that the texts were translated and not reviewed
 * (`locales/languages.json`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadCatalogue } from './catalogue';
import { loadLocales } from './locales';
import { isTopicId, TOPIC_IDS } from './topics';
import { approveLanguage, loadLanguageReviews } from './languageReviews';
import { isLanguage, SUPPORTED_LANGUAGES, type Language } from '../language/languages';
import { LOCALES_DIR } from '../paths';

/** The language reviewed texts are set beside. */
const REFERENCE: Language = 'de';

interface TopicTexts {
  title?: string;
  answer?: string;
  more?: string;
  checked?: string;
  questions?: Record<string, { question?: string; answer?: string }>;
}

function usage(message: string): never {
  process.stderr.write(
    `${message}\nusage: npm run content:review -- --lang <${SUPPORTED_LANGUAGES.join('|')}> [--topic <id> | --approve] [--reviewed-by "<name>"]\n`,
  );
  process.exit(2);
}

/** A text under its label, indented, so German and the reviewed language read side by side. */
function block(label: string, text: string | undefined): string {
  const body = (text ?? '(missing)').split('\n').map((line) => `      ${line}`);
  return [`    ${label}`, ...body].join('\n');
}

async function recordReview(id: string, language: Language, by: string): Promise<void> {
  const file = path.join(LOCALES_DIR, 'topics', `${id}.json`);
  const meta = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const reviewed = (meta.reviewed ?? {}) as Record<string, { by: string; on: string }>;
  reviewed[language] = { by, on: new Date().toISOString().slice(0, 10) };
  meta.reviewed = reviewed;
  let text = `${JSON.stringify(meta, null, 2)}\n`;
  try {
    // The repository's formatting, where prettier is installed (a checkout with dev dependencies).
    const prettier = await import('prettier');
    text = await prettier.format(text, { filepath: file });
  } catch {
    // Plain JSON is as valid; `npm run format` tidies it.
  }
  writeFileSync(file, text);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      lang: { type: 'string' },
      topic: { type: 'string' },
      'reviewed-by': { type: 'string' },
      approve: { type: 'boolean' },
    },
  });
  const language = values.lang;
  if (!language || !isLanguage(language)) usage('--lang must be one of the languages');
  if (values.topic !== undefined && !isTopicId(values.topic))
    usage(`unknown topic ${values.topic}`);
  if (values.approve && values.topic) usage('--approve approves a whole language: no --topic');
  if (values.approve && values['reviewed-by'] === undefined) usage('--approve needs --reviewed-by');
  if (values['reviewed-by'] !== undefined) {
    if (!values.topic && !values.approve) usage('--reviewed-by needs --topic or --approve');
    const by = values['reviewed-by'].trim();
    if (by === '') usage('--reviewed-by needs a name');
    if (values.approve) {
      approveLanguage(LOCALES_DIR, language, by, new Date().toISOString().slice(0, 10));
      process.stdout.write(`approved: ${language}, reviewed by ${by}\n`);
      return;
    }
    await recordReview(values.topic!, language, by);
    process.stdout.write(`recorded: ${values.topic} in ${language} reviewed by ${by}\n`);
    return;
  }
  const catalogue = loadCatalogue(LOCALES_DIR);
  const resources = loadLocales(LOCALES_DIR, [REFERENCE, language]);
  const textsOf = (lng: string, id: string) =>
    ((resources[lng]?.topics ?? {}) as Record<string, TopicTexts>)[id] ?? {};
  const reviews = loadLanguageReviews(LOCALES_DIR);
  const approval = reviews.approved[language];
  const status = reviews.unreviewed.has(language)
    ? 'translated, not yet reviewed by a native speaker (the bot tells its users so)'
    : approval
      ? `approved by ${approval.by} on ${approval.on}`
      : 'not marked as unreviewed';
  const out: string[] = [`# ${language} beside ${REFERENCE}`, `  language: ${status}`, ''];
  for (const id of values.topic ? [values.topic] : TOPIC_IDS) {
    const meta = catalogue.topics.get(id as (typeof TOPIC_IDS)[number])!;
    const de = textsOf(REFERENCE, id);
    const own = textsOf(language, id);
    const review = meta.reviewed[language];
    out.push(
      `## ${id}`,
      `  checked: facts ${meta.checked}, ${language} text ${own.checked ?? '—'}; reviewed in ${language}: ${review ? `${review.by}, ${review.on}` : 'not yet'}`,
      `  sources:`,
      ...meta.sources.map((source) => `    - ${source.title}: ${source.url}`),
    );
    for (const field of ['title', 'answer', 'more'] as const) {
      out.push(`  ${field}`, block(REFERENCE, de[field]), block(language, own[field]));
    }
    for (const question of meta.questions) {
      const deQ = de.questions?.[question.id];
      const ownQ = own.questions?.[question.id];
      out.push(
        `  question ${question.id} (checked ${question.checked}; ${question.sources.map((s) => s.url).join(', ')})`,
        block(REFERENCE, `${deQ?.question ?? '(missing)'}\n${deQ?.answer ?? '(missing)'}`),
        block(language, `${ownQ?.question ?? '(missing)'}\n${ownQ?.answer ?? '(missing)'}`),
      );
    }
    out.push('');
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`content:review failed: ${String((error as Error)?.message ?? error)}\n`);
  process.exit(1);
});
