import { existsSync } from 'node:fs';
import path from 'node:path';
import { ContentError, readJson } from './files';
import { INTENT_IDS, TOPIC_IDS, type IntentId, type TopicId } from './topics';

/** What the classifier can answer: a content topic or a conversation intent. */
export type ClassId = TopicId | IntentId;
/** Every class id, topics first. */
export const CLASS_IDS: readonly ClassId[] = [...TOPIC_IDS, ...INTENT_IDS];

/** One training phrase of one class in one language. */
export interface Example {
  text: string;
  id: ClassId;
  language: string;
}

/** Reads `locales/<lng>/nlu/examples.json` of every language; errors name the file and id. */
export function loadExamples(localesDir: string, languages: readonly string[]): Example[] {
  const examples: Example[] = [];
  for (const language of languages) {
    const file = path.join(localesDir, language, 'nlu', 'examples.json');
    if (!existsSync(file)) throw new ContentError(`Content: ${file} is missing`);
    const byId = readJson(file) as Record<string, unknown>;
    for (const [id, phrases] of Object.entries(byId)) {
      if (!(CLASS_IDS as readonly string[]).includes(id)) {
        throw new ContentError(`Content: ${file}: "${id}" is not a topic or intent id`);
      }
      if (!Array.isArray(phrases) || phrases.some((phrase) => typeof phrase !== 'string')) {
        throw new ContentError(`Content: ${file}: "${id}" must be a list of phrases`);
      }
      for (const text of phrases as string[]) examples.push({ text, id: id as ClassId, language });
    }
  }
  return examples;
}

/** German terms in other scripts and spellings → one form (`locales/terms.json`). */
export function loadTerms(localesDir: string): Record<string, string[]> {
  const raw = readJson(path.join(localesDir, 'terms.json')) as Record<string, unknown>;
  const terms: Record<string, string[]> = {};
  for (const [canonical, variants] of Object.entries(raw)) {
    if (canonical.startsWith('_')) continue;
    if (!Array.isArray(variants))
      throw new ContentError(`Content: terms.json: "${canonical}" must be a list`);
    terms[canonical] = variants as string[];
  }
  return terms;
}
