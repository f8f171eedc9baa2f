import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { readJson } from './files';
import { date, parseData } from './schemas';
import { SUPPORTED_LANGUAGES, type Language } from '../language/languages';

const language = z.enum(SUPPORTED_LANGUAGES);
const LanguagesFile = z.object({
  _about: z.string().optional(),
  /** Languages whose texts were translated and no native speaker has reviewed yet. */
  unreviewed: z.array(language),
  /** Who approved a language after reading its texts, and when. */
  approved: z.partialRecord(language, z.object({ by: z.string().min(1), on: date })),
});
type LanguagesFile = z.infer<typeof LanguagesFile>;

/** How far each language's texts have been reviewed (`locales/languages.json`). */
export interface LanguageReviews {
  /** Languages the bot tells its users, once, that their texts were translated and are not yet reviewed. */
  unreviewed: ReadonlySet<Language>;
  approved: LanguagesFile['approved'];
}

const fileOf = (localesDir: string) => path.join(localesDir, 'languages.json');

function read(localesDir: string): LanguagesFile {
  const file = fileOf(localesDir);
  return parseData(LanguagesFile, readJson(file), `Content: ${file}:`);
}

/** Reads and validates `locales/languages.json`. */
export function loadLanguageReviews(localesDir: string): LanguageReviews {
  const { unreviewed, approved } = read(localesDir);
  return { unreviewed: new Set(unreviewed), approved };
}

/**
 * Records that `by` reviewed the language's texts and approves it: it leaves
 * `unreviewed`, so the bot stops saying its texts were not reviewed.
 */
export function approveLanguage(
  localesDir: string,
  approving: Language,
  by: string,
  on: string,
): void {
  const data = read(localesDir);
  data.unreviewed = data.unreviewed.filter((code) => code !== approving);
  data.approved = { ...data.approved, [approving]: { by, on } };
  writeFileSync(fileOf(localesDir), `${JSON.stringify(data, null, 2)}\n`);
}
