import type { Resource } from 'i18next';
import { loadCatalogue, type Catalogue } from './catalogue';
import { checkRegisters } from './registerCheck';
import { checkClaims, loadClaims } from './claimsCheck';
import { FORMAL_CONTEXT, loadRegisters, type Registers } from './register';
import type { Language } from '../language/languages';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ContentError, readJson } from './files';
import { isHttpsUrl } from './schemas';
import { leafKeys, loadLocales } from './locales';
import { loadOrganisation, type Organisation } from './organisation';
import { questionOf, TOPIC_IDS } from './topics';
import { loadExamples } from './examples';
import { loadLanguageReviews } from './languageReviews';
import { RECOGNIZER_LISTS } from '../language/recognizers';
import { CONSOLE_LANGUAGES } from './consoleStrings';

/** Longest first answer (characters, after {{org.*}} is filled in). */
export const MAX_ANSWER_CHARS = 700;
/** Longest "more" text. */
export const MAX_MORE_CHARS = 1500;
/** Longest button label. */
export const MAX_LABEL_CHARS = 24;
/** Longest heading of a specific question inside a topic. */
export const MAX_QUESTION_CHARS = 60;
/** Longest answer to a specific question. */
export const MAX_QUESTION_ANSWER_CHARS = 400;
/** Fewest training phrases a specific question has in each language. */
export const MIN_QUESTION_PHRASES = 3;
/** The keys every topic text file has. */
export const TOPIC_TEXT_KEYS = ['title', 'answer', 'more', 'checked'] as const;
/** Keys of common.json that are button labels. */
const LABEL_KEYS =
  /^(audience\.(youth|parent|company|multiplier|change)$|menu\.group\.|menu\.(moreTopics|back|readiness)$|answer\.(more|counsellor|menu)$|readiness\.(yes|no|dontKnow)$|readiness\.(german|residence)\.|language\.button$)/;

/** Files of UI strings every language has with the same keys (the bot's and the widget page's). */
const UI_NAMESPACES = ['common', 'widget', 'handover', 'offers'] as const;

/**
 * The partners' descriptions (`<dataDir>/partners.json`) are texts the bot
 * says too: each partner's in every language (the bot refuses to start without).
 */
function partnerTextProblems(dataDir: string, languages: readonly string[]): string[] {
  const file = path.join(dataDir, 'partners.json');
  if (!existsSync(file)) return [];
  const { partners } = readJson(file) as {
    partners?: Array<{ id?: string; description?: Record<string, unknown> }>;
  };
  return (partners ?? []).flatMap((partner) =>
    languages
      .filter((language) => typeof partner.description?.[language] !== 'string')
      .map((language) => `data/partners.json ${partner.id ?? '?'}: no description in ${language}`),
  );
}

/** What `content:check` found. */
export interface ContentReport {
  problems: string[];
  /** Per language: how many topics are complete. */
  coverage: Record<string, number>;
  topics: number;
}

const placeholders = (text: string) =>
  [...text.matchAll(/{{\s*([\w.]+)\s*}}/g)]
    .map((match) => match[1])
    .sort()
    .join(',');

function fill(text: string, organisation: Organisation): string {
  return text.replace(/{{\s*org\.(\w+)\s*}}/g, (_, field: string) =>
    String((organisation as unknown as Record<string, string>)[field] ?? ''),
  );
}

const PLURAL = /_(zero|one|two|few|many|other)$/;
/** A formal variant's key (`ask_formal`, `minutes_formal_one`), its base key in `$1`-less form. */
const FORMAL_VARIANT = new RegExp(`_${FORMAL_CONTEXT}(_(?:zero|one|two|few|many|other))?$`);

/** The plural forms a language needs (CLDR, as i18next uses them); de-simple is German. */
function pluralForms(language: string): string[] {
  return new Intl.PluralRules(language === 'de-simple' ? 'de' : language).resolvedOptions()
    .pluralCategories;
}

/**
 * The keys a language must have for the reference's keys: a plural key of the
 * reference (`minutes_one`, `minutes_other`) stands for every plural form of the language.
 */
function expectedKeys(referenceKeys: string[], language: string): Array<[string, string]> {
  const expected: Array<[string, string]> = [];
  const plurals = new Set<string>();
  for (const key of referenceKeys) {
    const base = PLURAL.test(key) ? key.replace(PLURAL, '') : undefined;
    if (base === undefined) expected.push([key, key]);
    else if (!plurals.has(base)) {
      plurals.add(base);
      for (const form of pluralForms(language)) expected.push([`${base}_${form}`, `${base}_other`]);
    }
  }
  return expected;
}

function leaf(tree: unknown, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], tree);
}

/** Every URL written in a text. */
export function linksIn(text: string): string[] {
  return text.match(/\b[a-z][a-z0-9+.-]*:\/\/[^\s)"'<>]+|www\.[^\s)"'<>]+/gi) ?? [];
}

/**
 * Checks that every topic and UI string exists and is non-empty in every
 * language, that placeholders match across languages, that links are
 * well-formed https URLs, that each topic has sources and a checked date, and
 * that answers and labels stay within their length limits.
 */
export function checkContent(
  localesDir: string,
  dataDir: string,
  languages: readonly string[],
  reference = 'en',
): ContentReport {
  const problems: string[] = [];
  const coverage: Record<string, number> = {};
  let resources: Resource;
  let organisation: Organisation | undefined;
  try {
    organisation = loadOrganisation(dataDir);
  } catch (error) {
    problems.push((error as Error).message);
  }
  let catalogue: Catalogue | undefined;
  try {
    catalogue = loadCatalogue(localesDir);
  } catch (error) {
    problems.push((error as ContentError).message);
  }
  let registers: Registers | undefined;
  try {
    registers = loadRegisters(localesDir);
  } catch (error) {
    problems.push((error as ContentError).message);
  }
  try {
    loadLanguageReviews(localesDir);
  } catch (error) {
    problems.push((error as ContentError).message);
  }
  problems.push(...partnerTextProblems(dataDir, languages));
  try {
    resources = loadLocales(localesDir, languages);
  } catch (error) {
    problems.push((error as Error).message);
    return { problems, coverage, topics: TOPIC_IDS.length };
  }
  const org = organisation ?? ({} as Organisation);
  const phraseCounts = new Map<string, number>();
  try {
    for (const example of loadExamples(localesDir, languages)) {
      const key = `${example.language}\u0000${example.id}`;
      phraseCounts.set(key, (phraseCounts.get(key) ?? 0) + 1);
    }
  } catch (error) {
    problems.push((error as Error).message);
  }
  const phrasesOf = (language: string, id: string) =>
    phraseCounts.get(`${language}\u0000${id}`) ?? 0;
  // Training phrases of a question the metadata does not declare would train a class nobody answers.
  for (const key of phraseCounts.keys()) {
    const [language, id] = key.split('\u0000') as [string, string];
    const asked = questionOf(id);
    if (
      asked &&
      !catalogue?.topics.get(asked.topic)?.questions.some((q) => q.id === asked.question)
    )
      problems.push(`${language}/nlu/examples.json ${id}: no such question in ${asked.topic}`);
  }
  const checkText = (where: string, text: unknown, referenceText: unknown, max?: number) => {
    if (typeof text !== 'string' || text.trim() === '') {
      problems.push(`${where}: missing or empty`);
      return false;
    }
    // A plural form for one or two may say the number in words ("دقيقة واحدة") instead of {{count}}.
    const wordsForCount = /_(zero|one|two)$/.test(where);
    const names = (value: string) =>
      placeholders(value)
        .split(',')
        .filter((name) => !(wordsForCount && name === 'count'))
        .join(',');
    if (typeof referenceText === 'string' && names(text) !== names(referenceText)) {
      problems.push(
        `${where}: placeholders {${placeholders(text)}} differ from ${reference} {${placeholders(referenceText)}}`,
      );
    }
    for (const link of linksIn(text)) {
      if (!isHttpsUrl(link.replace(/[.,;:!?]+$/, '')))
        problems.push(`${where}: link "${link}" is not a full https URL`);
    }
    const length = fill(text, org).length;
    if (max !== undefined && length > max)
      problems.push(`${where}: ${length} characters, limit ${max}`);
    return true;
  };

  const ref = resources[reference] as Record<string, Record<string, unknown>>;
  for (const language of languages) {
    const tree = resources[language] as Record<string, Record<string, unknown>>;
    // common.json and widget.json: the reference's keys, and labels within their limit.
    for (const namespace of UI_NAMESPACES) {
      const expected = expectedKeys(leafKeys(ref[namespace]), language);
      for (const [key, referenceKey] of expected) {
        const max = namespace === 'common' && LABEL_KEYS.test(key) ? MAX_LABEL_CHARS : undefined;
        checkText(
          `${language}/${namespace}.json ${key}`,
          leaf(tree[namespace], key),
          leaf(ref[namespace], referenceKey),
          max,
        );
      }
      const known = new Set(expected.map(([key]) => key));
      for (const key of leafKeys(tree[namespace])) {
        if (known.has(key)) continue;
        // A formal variant (`ask_formal`) stands beside the reference's key: registerCheck.ts.
        const base = key.replace(FORMAL_VARIANT, '$1');
        if (base !== key && known.has(base)) {
          checkText(
            `${language}/${namespace}.json ${key}`,
            leaf(tree[namespace], key),
            leaf(ref[namespace], expected.find(([k]) => k === base)?.[1] ?? base),
          );
        } else problems.push(`${language}/${namespace}.json ${key}: not in ${reference}`);
      }
    }
    // console.json: the counsellor console's own strings, in the languages it is offered in.
    if ((CONSOLE_LANGUAGES as readonly string[]).includes(language)) {
      for (const key of leafKeys(ref.console)) {
        checkText(
          `${language}/console.json ${key}`,
          leaf(tree.console, key),
          leaf(ref.console, key),
        );
      }
      for (const key of leafKeys(tree.console)) {
        if (leaf(ref.console, key) === undefined)
          problems.push(`${language}/console.json ${key}: not in ${reference}`);
      }
    }
    // recognizers.json: every list present and non-empty.
    for (const key of RECOGNIZER_LISTS) {
      const list = (tree.recognizers as Record<string, unknown> | undefined)?.[key];
      const size = Array.isArray(list)
        ? list.length
        : typeof list === 'object' && list
          ? Object.keys(list).length
          : 0;
      if (size === 0) problems.push(`${language}/recognizers.json ${key}: missing or empty`);
    }
    // topics: four texts each.
    let complete = 0;
    for (const topic of TOPIC_IDS) {
      const where = `${language}/topics/${topic}.json`;
      const texts = (tree.topics as Record<string, Record<string, unknown>> | undefined)?.[topic];
      const refTexts = (ref.topics as Record<string, Record<string, unknown>> | undefined)?.[topic];
      if (!texts) {
        problems.push(`${where}: missing`);
        continue;
      }
      const limits: Record<string, number | undefined> = {
        title: MAX_LABEL_CHARS,
        answer: MAX_ANSWER_CHARS,
        more: MAX_MORE_CHARS,
        checked: undefined,
      };
      let ok = true;
      for (const key of TOPIC_TEXT_KEYS) {
        ok = checkText(`${where} ${key}`, texts[key], refTexts?.[key], limits[key]) && ok;
      }
      // The specific questions of the topic's metadata, each asked and answered.
      const asked = catalogue?.topics.get(topic)?.questions ?? [];
      const own = (texts.questions ?? {}) as Record<string, Record<string, unknown>>;
      const refOwn = (refTexts?.questions ?? {}) as Record<string, Record<string, unknown>>;
      for (const { id } of asked) {
        ok =
          checkText(
            `${where} questions.${id}.question`,
            own[id]?.question,
            refOwn[id]?.question,
            MAX_QUESTION_CHARS,
          ) && ok;
        ok =
          checkText(
            `${where} questions.${id}.answer`,
            own[id]?.answer,
            refOwn[id]?.answer,
            MAX_QUESTION_ANSWER_CHARS,
          ) && ok;
        const phrases = phrasesOf(language, `${topic}/${id}`);
        if (phrases < MIN_QUESTION_PHRASES)
          problems.push(
            `${language}/nlu/examples.json ${topic}/${id}: ${phrases} training phrases, at least ${MIN_QUESTION_PHRASES}`,
          );
      }
      for (const id of Object.keys(own)) {
        if (!asked.some((question) => question.id === id))
          problems.push(`${where} questions.${id}: not in locales/topics/${topic}.json`);
      }
      if (typeof texts.checked === 'string' && !/^\d{4}-\d{2}-\d{2}$/.test(texts.checked)) {
        problems.push(`${where} checked: not a date YYYY-MM-DD`);
        ok = false;
      }
      if (ok) complete += 1;
    }
    coverage[language] = complete;
  }
  try {
    if (catalogue)
      problems.push(...checkClaims(resources, catalogue, loadClaims(localesDir), languages));
  } catch (error) {
    problems.push((error as Error).message);
  }
  if (registers) {
    problems.push(
      ...checkRegisters(resources, registers, catalogue, languages as readonly Language[]),
    );
  }
  return { problems, coverage, topics: TOPIC_IDS.length };
}

/** The coverage table: one row per language, topics complete out of all. */
export function coverageTable(report: ContentReport): string {
  const rows = Object.entries(report.coverage).map(
    ([language, complete]) =>
      `| ${language.padEnd(9)} | ${String(complete).padStart(2)} / ${report.topics} |`,
  );
  return ['| language  | topics  |', '| --------- | ------- |', ...rows].join('\n');
}
