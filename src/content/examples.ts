import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ContentError, readJson } from './files';
import { parseData } from './schemas';
import {
  INTENT_IDS,
  questionOf,
  TOPIC_IDS,
  type IntentId,
  type QuestionId,
  type TopicId,
} from './topics';

/** What the classifier can answer: a content topic, a question inside one, or a conversation intent. */
export type ClassId = TopicId | IntentId | QuestionId;
/** Every topic and intent id, topics first (questions are declared in the topics' metadata). */
export const CLASS_IDS: readonly ClassId[] = [...TOPIC_IDS, ...INTENT_IDS];

/** True for a topic, intent or question id. */
export function isClassId(id: string): id is ClassId {
  return (CLASS_IDS as readonly string[]).includes(id) || questionOf(id) !== undefined;
}

/** One training phrase of one class in one language. */
export interface Example {
  text: string;
  id: ClassId;
  language: string;
}

/** `locales/<lng>/nlu/examples.json`: phrases per topic or intent id. */
const ExamplesFile = z.record(
  z.string().refine(isClassId),
  z.array(z.string(), { error: 'must be a list of phrases' }),
  {
    error: (issue) =>
      issue.code === 'invalid_key'
        ? 'is not a topic, intent or question id (topic/question)'
        : 'must be phrases per topic, intent or question id',
  },
);

/** `locales/terms.json`: variants per German term; keys starting with `_` are notes for editors. */
const TermsFile = z
  .record(z.string(), z.unknown())
  .transform((terms) =>
    Object.fromEntries(Object.entries(terms).filter(([canonical]) => !canonical.startsWith('_'))),
  )
  .pipe(z.record(z.string(), z.array(z.string(), { error: 'must be a list' })));

/** Reads `locales/<lng>/nlu/examples.json` of every language; errors name the file and id. */
export function loadExamples(localesDir: string, languages: readonly string[]): Example[] {
  return languages.flatMap((language) => {
    const file = path.join(localesDir, language, 'nlu', 'examples.json');
    if (!existsSync(file)) throw new ContentError(`Content: ${file} is missing`);
    const byId = parseData(ExamplesFile, readJson(file), `Content: ${file}:`);
    return Object.entries(byId).flatMap(([id, phrases]) =>
      phrases.map((text) => ({ text, id: id as ClassId, language })),
    );
  });
}

/** German terms in other scripts and spellings → one form (`locales/terms.json`). */
export function loadTerms(localesDir: string): Record<string, string[]> {
  return parseData(
    TermsFile,
    readJson(path.join(localesDir, 'terms.json')),
    'Content: terms.json:',
  );
}
