import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Resource, ResourceKey } from 'i18next';
import { ContentError, readJson } from './files';

export { ContentError } from './files';

/**
 * Reads every `locales/<lng>/<namespace>.json` into an i18next resource tree,
 * and `locales/<lng>/topics/<id>.json` into the `topics` namespace under `<id>`.
 */
export function loadLocales(dir: string, languages: readonly string[]): Resource {
  const resources: Resource = {};
  for (const language of languages) {
    const languageDir = path.join(dir, language);
    let files: string[];
    try {
      files = readdirSync(languageDir).filter((file) => file.endsWith('.json'));
    } catch {
      throw new ContentError(`Content: folder ${languageDir} is missing`);
    }
    resources[language] = {};
    const topicsDir = path.join(languageDir, 'topics');
    const topics: Record<string, unknown> = {};
    let topicFiles: string[] = [];
    try {
      topicFiles = readdirSync(topicsDir).filter((file) => file.endsWith('.json'));
    } catch {
      // a language without topic texts is reported by content:check
    }
    for (const file of topicFiles) {
      topics[path.basename(file, '.json')] = readJson(path.join(topicsDir, file));
    }
    resources[language].topics = topics as ResourceKey;
    for (const file of files) {
      resources[language][path.basename(file, '.json')] = readJson(
        path.join(languageDir, file),
      ) as ResourceKey;
    }
  }
  return resources;
}

/** Dotted paths of every string leaf, e.g. `welcome.hello`. */
export function leafKeys(tree: unknown, prefix = ''): string[] {
  if (typeof tree !== 'object' || tree === null) return [prefix];
  return Object.entries(tree).flatMap(([key, value]) =>
    leafKeys(value, prefix === '' ? key : `${prefix}.${key}`),
  );
}
