import { DateTime } from 'luxon';
import { SUPPORTED_LANGUAGES, type Language } from '../language/languages';
import { isHttpsUrl } from './catalogue';
import { ContentError } from './files';

/** A text in several languages; `de` is always there. */
export type LocalizedText = Partial<Record<Language, string>> & { de: string };

/** Where an entry came from and when someone last checked it. */
export interface Source {
  title: string;
  url?: string;
  checked: string;
}

/**
 * Reads the fields of one entry of a data file; every error names the file,
 * the entry and the field (`Data: data/partners.json: partners[3] "phone" …`).
 */
export class Fields {
  constructor(
    private readonly raw: Record<string, unknown>,
    readonly where: string,
  ) {}

  fail(field: string, problem: string): never {
    throw new ContentError(`${this.where} "${field}" ${problem}`);
  }

  text(field: string): string {
    const value = this.raw[field];
    if (typeof value !== 'string' || value.trim() === '')
      this.fail(field, 'must be a non-empty text');
    return value;
  }

  optionalText(field: string): string | undefined {
    return this.raw[field] === undefined ? undefined : this.text(field);
  }

  optionalUrl(field: string): string | undefined {
    const value = this.raw[field];
    if (value === undefined) return undefined;
    if (!isHttpsUrl(value)) this.fail(field, 'must be an https URL');
    return value;
  }

  optionalEmail(field: string): string | undefined {
    const value = this.optionalText(field);
    if (value !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value)) {
      this.fail(field, 'is not an e-mail address');
    }
    return value;
  }

  number(field: string, min: number, max: number): number {
    const value = this.raw[field];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
      this.fail(field, `must be a number from ${min} to ${max}`);
    }
    return value;
  }

  /** A list whose items all pass `valid`, at least `min` of them. */
  list<T extends string>(
    field: string,
    valid: (item: string) => boolean,
    what: string,
    min = 1,
  ): T[] {
    const value = this.raw[field];
    if (
      !Array.isArray(value) ||
      value.length < min ||
      !value.every((item) => typeof item === 'string' && valid(item))
    ) {
      this.fail(field, `must be a list of ${what}${min > 0 ? ` (at least ${min})` : ''}`);
    }
    return value as T[];
  }

  /** A date and time with its offset, e.g. 2026-12-03T16:00:00+01:00. */
  dateTime(field: string): string {
    const value = this.text(field);
    if (!/[+-]\d{2}:\d{2}$|Z$/.test(value) || !DateTime.fromISO(value, { setZone: true }).isValid) {
      this.fail(field, 'must be a date and time with offset, e.g. 2026-12-03T16:00:00+01:00');
    }
    return value;
  }

  /** Texts per language: `required` languages must be there, others may be. */
  localized(field: string, required: readonly Language[]): LocalizedText {
    const value = this.raw[field];
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.fail(field, `must be texts per language, e.g. {"de": "…", "en": "…"}`);
    }
    const texts = value as Record<string, unknown>;
    for (const language of Object.keys(texts)) {
      if (!(SUPPORTED_LANGUAGES as readonly string[]).includes(language)) {
        this.fail(
          `${field}.${language}`,
          `is not a supported language (${SUPPORTED_LANGUAGES.join(', ')})`,
        );
      }
    }
    for (const language of new Set<Language>(['de', ...required])) {
      const text = texts[language];
      if (typeof text !== 'string' || text.trim() === '')
        this.fail(`${field}.${language}`, 'is missing or empty');
    }
    return texts as LocalizedText;
  }

  /** `source`: `{title, url?, checked: YYYY-MM-DD}`. */
  source(field = 'source'): Source {
    const value = this.raw[field];
    if (typeof value !== 'object' || value === null)
      this.fail(field, 'must be {"title", "url", "checked"}');
    const inner = new Fields(value as Record<string, unknown>, `${this.where} ${field}:`);
    const checked = inner.text('checked');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(checked)) inner.fail('checked', 'must be a date YYYY-MM-DD');
    const url = inner.optionalUrl('url');
    return { title: inner.text('title'), ...(url ? { url } : {}), checked };
  }
}

/** The text for `language`, else English, else German. */
export function inLanguage(text: LocalizedText, language: Language): string {
  return text[language] ?? text[language === 'de-simple' ? 'de' : 'en'] ?? text.en ?? text.de;
}
