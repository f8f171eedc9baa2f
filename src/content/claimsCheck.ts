import path from 'node:path';
import type { Resource } from 'i18next';
import { z } from 'zod';
import { CLAIM_KINDS, type Catalogue } from './catalogue';
import { readJson } from './files';
import { parseData } from './schemas';

const ClaimsFile = z.object({
  _about: z.string().optional(),
  about: z.object(
    Object.fromEntries(CLAIM_KINDS.map((kind) => [kind, z.array(z.string()).min(1)])) as Record<
      (typeof CLAIM_KINDS)[number],
      z.ZodArray<z.ZodString>
    >,
  ),
  forWhom: z.object(
    Object.fromEntries(CLAIM_KINDS.map((kind) => [kind, z.array(z.string()).min(1)])) as Record<
      (typeof CLAIM_KINDS)[number],
      z.ZodArray<z.ZodString>
    >,
  ),
  nextStep: z.array(z.string()).min(1),
});

/** `locales/claims.json`: what names for whom a claim holds, and what is a next step. */
export type Claims = z.infer<typeof ClaimsFile>;

export function loadClaims(localesDir: string): Claims {
  const file = path.join(localesDir, 'claims.json');
  return parseData(ClaimsFile, readJson(file), `Content: ${file}:`);
}

interface TopicTexts {
  answer?: unknown;
  more?: unknown;
  questions?: Record<string, { question?: unknown; answer?: unknown }>;
}

/**
 * Conditions travel with claims: every text of a topic that makes claims
 * about residence or benefits (its metadata's `claims`) and mentions one of
 * them names for whom it holds and a next step that confirms it, in every
 * language.
 */
export function checkClaims(
  resources: Resource,
  catalogue: Catalogue,
  claims: Claims,
  languages: readonly string[],
): string[] {
  const problems: string[] = [];
  for (const [id, meta] of catalogue.topics) {
    if (meta.claims.length === 0) continue;
    const about = meta.claims.flatMap((kind) => claims.about[kind]);
    const forWhom = meta.claims.flatMap((kind) => claims.forWhom[kind]);
    for (const language of languages) {
      const texts = (resources[language]?.topics as Record<string, TopicTexts> | undefined)?.[id];
      const fields: Array<[string, unknown]> = [
        ['answer', texts?.answer],
        ['more', texts?.more],
        // A question's answer is read under its heading ("Ausbildung mit Aufenthaltsgestattung?").
        ...meta.questions.map((question): [string, unknown] => {
          const own = texts?.questions?.[question.id];
          const answer =
            typeof own?.answer === 'string'
              ? `${String(own.question ?? '')}\n${own.answer}`
              : undefined;
          return [`questions.${question.id}.answer`, answer];
        }),
      ];
      for (const [field, text] of fields) {
        // Missing texts are reported by checkContent; texts that claim nothing need no condition.
        if (typeof text !== 'string') continue;
        const has = (terms: string[]) =>
          terms.some((term) => text.toLocaleLowerCase().includes(term.toLocaleLowerCase()));
        // What a text is about is matched as written ("BAB", not the "bab" of Turkish "baba").
        if (!about.some((term) => text.includes(term))) continue;
        const where = `${language}/topics/${id}.json ${field}`;
        if (!has(forWhom))
          problems.push(
            `${where}: says something about ${meta.claims.join(' and ')} without for whom (${forWhom.join(', ')})`,
          );
        if (!has(claims.nextStep))
          problems.push(`${where}: no next step that confirms it (${claims.nextStep.join(', ')})`);
      }
    }
  }
  return problems;
}
