import { DateTime } from 'luxon';
import { z } from 'zod';
import { SUPPORTED_LANGUAGES, type Language } from '../language/languages';
import { ContentError } from './files';

// The pieces the data files (`data/*.json`) are described with. Each carries
// the message a content editor reads after the file and the field, e.g.
// `Data: data/partners.json: partners[3] "phone" must be a non-empty text`.

const NON_EMPTY = { error: 'must be a non-empty text' };
/** A text that is not blank (kept as written). */
export const text = z.string(NON_EMPTY).regex(/\S/, NON_EMPTY);

/** True for a well-formed absolute https URL with a host. */
export function isHttpsUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname.includes('.');
  } catch {
    return false;
  }
}

/** An absolute https URL with a host name. */
export const httpsUrl = z.custom<string>(isHttpsUrl, { error: 'must be an https URL' });

/** An e-mail address. */
export const email = text.regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, {
  error: 'is not an e-mail address',
});

/** A number from `min` to `max`. */
export function numberFrom(min: number, max: number) {
  const problem = { error: `must be a number from ${min} to ${max}` };
  return z.number(problem).min(min, problem).max(max, problem);
}

/** A list of at least `min` items that `item` accepts; a bad item is reported for the whole list. */
export function listOf<T>(item: z.ZodType<T>, what: string, min = 1) {
  const list = z.array(item).min(min);
  return z.custom<T[]>((value) => list.safeParse(value).success, {
    error: `must be a list of ${what}${min > 0 ? ` (at least ${min})` : ''}`,
  });
}

/** A date and time with its offset, e.g. 2026-12-03T16:00:00+01:00. */
export const dateTime = text.refine(
  (value) =>
    /[+-]\d{2}:\d{2}$|Z$/.test(value) && DateTime.fromISO(value, { setZone: true }).isValid,
  { error: 'must be a date and time with offset, e.g. 2026-12-03T16:00:00+01:00' },
);

/** A date YYYY-MM-DD. */
export const date = text.regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date YYYY-MM-DD' });

/** A text in several languages; `de` is always there. */
export type LocalizedText = Partial<Record<Language, string>> & { de: string };

/** Texts per language: `de` and the `required` languages must be there, the others may be. */
export function localized(required: readonly Language[]) {
  const needed = new Set<string>(['de', ...required]);
  const supported = new Set<string>(SUPPORTED_LANGUAGES);
  return z
    .record(z.string(), z.unknown(), {
      error: 'must be texts per language, e.g. {"de": "…", "en": "…"}',
    })
    .superRefine((texts, ctx) => {
      const problem = (language: string, message: string) =>
        ctx.addIssue({ code: 'custom', path: [language], message });
      for (const [language, value] of Object.entries(texts)) {
        if (!supported.has(language)) {
          problem(language, `is not a supported language (${SUPPORTED_LANGUAGES.join(', ')})`);
        } else if (!needed.has(language) && typeof value !== 'string') {
          problem(language, 'must be a text');
        }
      }
      for (const language of needed) {
        const value = texts[language];
        if (typeof value !== 'string' || value.trim() === '') {
          problem(language, 'is missing or empty');
        }
      }
    })
    .transform((texts) => texts as LocalizedText);
}

/** Where an entry came from and when someone last checked it: `{title, url?, checked}`. */
export const Source = z.object(
  { title: text, url: httpsUrl.optional(), checked: date },
  { error: 'must be {"title", "url", "checked"}' },
);
/** An entry's {@link Source}. */
export type Source = z.infer<typeof Source>;

/** Entries whose `id`s differ: a repeated one is reported at its entry with `problem`. */
export function uniqueIds(problem: string) {
  return (entries: ReadonlyArray<{ id: string }>, ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    entries.forEach((entry, index) => {
      if (seen.has(entry.id))
        ctx.addIssue({ code: 'custom', path: [index, 'id'], message: problem });
      seen.add(entry.id);
    });
  };
}

/**
 * Where in a file a problem is: the entry (`partners[3]`, `weekly.mon[0]`:
 * the path up to its last list index) and the field in it (`"description.ar"`).
 */
function located(path: readonly PropertyKey[]): string[] {
  const name = (keys: readonly PropertyKey[]) =>
    keys
      .map((key, index) =>
        typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`,
      )
      .join('');
  let entryEnd = 0;
  path.forEach((key, index) => {
    if (typeof key === 'number') entryEnd = index + 1;
  });
  const entry = name(path.slice(0, entryEnd));
  const field = name(path.slice(entryEnd));
  return [entry, field === '' ? '' : `"${field}"`].filter((part) => part !== '');
}

/** A {@link ContentError} for a problem at `path` in the file `where` names. */
export function contentError(where: string, path: readonly PropertyKey[], problem: string) {
  return new ContentError([where, ...located(path), problem].join(' '));
}

/** How a content editor would name each kind of JSON value. */
const KINDS: Record<string, string> = {
  object: 'an object {…}',
  record: 'an object {…}',
  array: 'a list',
  string: 'a text',
  number: 'a number',
  boolean: 'true or false',
};

/** Words for a value of the wrong kind where a schema gives no message of its own. */
function plainWording(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code !== 'invalid_type') return undefined;
  return `must be ${KINDS[issue.expected] ?? issue.expected}`;
}

/**
 * Parses the content of a data file with `schema`; the first problem becomes a
 * {@link ContentError} naming `where` (the file), the entry and the field.
 */
export function parseData<T extends z.ZodType>(
  schema: T,
  raw: unknown,
  where: string,
): z.output<T> {
  const result = schema.safeParse(raw, { error: plainWording });
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw contentError(where, issue.path, issue.message);
}

/** The text for `language`, else English, else German. */
export function inLanguage(texts: LocalizedText, language: Language): string {
  return texts[language] ?? texts[language === 'de-simple' ? 'de' : 'en'] ?? texts.en ?? texts.de;
}
