import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Resource } from 'i18next';

/** A locales/ file that cannot be used; the message names the file. */
export class ContentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ContentError';
  }
}

/** Reads every `locales/<lng>/<namespace>.json` into an i18next resource tree. */
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
    for (const file of files) {
      const full = path.join(languageDir, file);
      try {
        resources[language][path.basename(file, '.json')] = JSON.parse(readFileSync(full, 'utf8'));
      } catch (error) {
        throw new ContentError(`Content: ${full} is not valid JSON (${(error as Error).message})`);
      }
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
