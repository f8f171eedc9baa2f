import type { Resource } from 'i18next';
import { FORMAL_CONTEXT, type LanguageRegisters, type Registers } from './register';
import type { Language } from '../language/languages';
import { leafKeys } from './locales';
import type { Catalogue } from './catalogue';
import { AUDIENCES } from './topics';

/** Files whose strings the bot renders for the turn's reader, with `_formal` variants. */
const READER_NAMESPACES = ['common', 'offers', 'handover'] as const;
/** Files shown before anyone has said who they are: written for the `unknown` reader. */
const PAGE_NAMESPACES = ['widget'] as const;
/** Keys only young people see (the readiness check is offered in their menu alone). */
const YOUTH_ONLY = /^common:readiness\./;
/** Keys only parents and companies see: the company check, and what frames a young person's answer for them. */
const FORMAL_ONLY = /^(offers:(company|hotline)\.|common:answer\.for(Parent|Company)$)/;
/** The i18next suffix of a formal variant, before any plural suffix. */
const FORMAL_SUFFIX = new RegExp(`_${FORMAL_CONTEXT}(_(zero|one|two|few|many|other))?$`);

/** A quotation: „…“, "…", «…», “…”. */
const QUOTED = /„[^“”"]*[“”"]|«[^»]*»|“[^”]*”|"[^"]*"/g;
/** Letters, marks and the zero-width non-joiner that Persian writes inside words. */
const WORD = /[\p{L}\p{M}\u200c]+/gu;

/**
 * The register words a text contains: informal words in any case
 * ("Du" opens a sentence), formal words only as written and not at the start
 * of a sentence, where German "Ihr" may be "ihr".
 */
export function registerWords(text: string, words: LanguageRegisters) {
  const informal = new Set(words.informal.map((word) => word.toLocaleLowerCase()));
  const formal = new Set(words.formal);
  const found = { informal: [] as string[], formal: [] as string[] };
  // What the text quotes others saying („Was machst du gern?“) is in their words.
  text = text.replace(QUOTED, (quote) => ' '.repeat(quote.length));
  for (const match of text.matchAll(WORD)) {
    const word = match[0];
    if (informal.has(word.toLocaleLowerCase())) found.informal.push(word);
    if (formal.has(word) && !startsSentence(text, match.index)) found.formal.push(word);
  }
  return found;
}

function startsSentence(text: string, index: number): boolean {
  const before = text.slice(0, index).replace(/[ \t]+$/, '');
  return before === '' || /[.!?:;\n•„"“«(–-]$/.test(before);
}

function leaf(tree: unknown, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], tree);
}

/**
 * Checks that every text is written in the form of address of its reader,
 * with each language's word lists (`locales/registers.json`):
 * - a `_formal` variant exists only where the language has a formal register,
 *   beside its informal text, and holds no informal word;
 * - an informal text for every reader (prompts, buttons, errors) that
 *   addresses the reader informally has a `_formal` variant where formal
 *   readers exist;
 * - informal texts hold no formal word; the widget page, shown before anyone
 *   has said who they are, is in the `unknown` reader's register;
 * - a topic is written for its first audience, or for anybody when it is for every audience;
 * - text in quotation marks is exempt: it is what someone else says.
 */
export function checkRegisters(
  resources: Resource,
  registers: Registers,
  catalogue: Catalogue | undefined,
  languages: readonly Language[],
): string[] {
  const problems: string[] = [];
  for (const language of languages) {
    const tree = resources[language] as Record<string, unknown> | undefined;
    if (!tree) continue;
    const words = registers.languages[language];
    const distinguishes = registers.distinguishes(language);
    const expect = (where: string, text: unknown, register: 'formal' | 'informal') => {
      if (typeof text !== 'string' || !words) return;
      const found = registerWords(text, words);
      const wrong = register === 'formal' ? found.informal : found.formal;
      if (wrong.length > 0) {
        problems.push(
          `${where}: written for ${register === 'formal' ? 'a formal' : 'an informal'} reader, but says "${wrong.join('", "')}"`,
        );
      }
    };
    for (const namespace of READER_NAMESPACES) {
      const strings = tree[namespace];
      for (const key of leafKeys(strings)) {
        const where = `${language}/${namespace}.json ${key}`;
        const text = leaf(strings, key);
        if (FORMAL_SUFFIX.test(key)) {
          const base = key.replace(FORMAL_SUFFIX, '$1');
          if (!distinguishes) problems.push(`${where}: ${language} has one form of address`);
          else if (leaf(strings, base) === undefined)
            problems.push(`${where}: no informal text ${base} beside it`);
          expect(where, text, 'formal');
          continue;
        }
        const id = `${namespace}:${key}`;
        if (FORMAL_ONLY.test(id)) {
          expect(where, text, 'formal');
          continue;
        }
        expect(where, text, 'informal');
        if (!distinguishes || !words || YOUTH_ONLY.test(id) || typeof text !== 'string') continue;
        const variant = key.replace(/(_(zero|one|two|few|many|other))?$/, `_${FORMAL_CONTEXT}$1`);
        if (registerWords(text, words).informal.length > 0 && leaf(strings, variant) === undefined)
          problems.push(
            `${where}: addresses the reader informally; add ${variant} for formal readers`,
          );
      }
    }
    const pageRegister = registers.of(language, 'unknown');
    for (const namespace of PAGE_NAMESPACES) {
      for (const key of leafKeys(tree[namespace])) {
        if (tree[namespace] === undefined) continue;
        expect(`${language}/${namespace}.json ${key}`, leaf(tree[namespace], key), pageRegister);
      }
    }
    const topics = tree.topics as Record<string, Record<string, unknown>> | undefined;
    for (const [id, meta] of catalogue?.topics ?? []) {
      // A topic for everybody (the service point's own: hours, events, contact) speaks to
      // whoever reads, as the widget page does; others to their first audience.
      const everybody = AUDIENCES.every((audience) => meta.audiences.includes(audience));
      const register = registers.of(
        language,
        everybody ? 'unknown' : (meta.audiences[0] ?? 'youth'),
      );
      for (const field of ['answer', 'more'] as const) {
        expect(`${language}/topics/${id}.json ${field}`, topics?.[id]?.[field], register);
      }
    }
  }
  return problems;
}
