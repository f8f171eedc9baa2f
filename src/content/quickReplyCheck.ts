import { SUPPORTED_LANGUAGES, type Language } from '../language/languages';
import { registerWords } from './registerCheck';
import type { Registers } from './register';

/** The longest quick reply a counsellor may keep (a chat message, not a letter). */
export const MAX_QUICK_REPLY_CHARS = 500;

/** The script each language is written in. */
const SCRIPT: Record<Language, RegExp> = {
  de: /\p{Script=Latin}/u,
  'de-simple': /\p{Script=Latin}/u,
  en: /\p{Script=Latin}/u,
  tr: /\p{Script=Latin}/u,
  ar: /\p{Script=Arabic}/u,
  fa: /\p{Script=Arabic}/u,
  uk: /\p{Script=Cyrillic}/u,
  ru: /\p{Script=Cyrillic}/u,
  ps: /\p{Script=Arabic}/u,
  ti: /\p{Script=Ethiopic}/u,
  kmr: /\p{Script=Latin}/u,
  fr: /\p{Script=Latin}/u,
  vi: /\p{Script=Latin}/u,
};

const LETTER = /\p{L}/gu;
const MARKUP = /<\/?[a-z][^>]*>/i;
const PLACEHOLDER = /{{\s*([^}]*?)\s*}}/g;

/** What can be wrong with a quick reply, in one language (or `all`). */
export interface QuickReplyProblem {
  language: string;
  problem:
    | 'unknownLanguage'
    | 'missing'
    | 'tooLong'
    | 'markup'
    | 'script'
    | 'placeholder'
    | 'informal'
    | 'nameMismatch';
  /** The informal word found, for `informal`. */
  word?: string;
}

const DESCRIPTIONS: Record<QuickReplyProblem['problem'], string> = {
  unknownLanguage: 'not a language of the bot',
  missing: 'missing',
  tooLong: `longer than ${MAX_QUICK_REPLY_CHARS} characters`,
  markup: 'markup is shown as text; write plain text',
  script: 'not written in its script',
  placeholder: 'only {{name}} (your name) may be filled in',
  informal: 'use the polite form',
  nameMismatch: '{{name}} in some languages but not in others',
};

/** A problem in words, for the API's message ("de: use the polite form (not "dir")"). */
export function describeProblem({ language, problem, word }: QuickReplyProblem): string {
  const described = DESCRIPTIONS[problem];
  return `${language}: ${word ? `${described} (not "${word}"): it may go to anyone` : described}`;
}

/** Most of a text's letters are in the language's script (names and "IHK" may be Latin). */
function inScript(text: string, language: Language): boolean {
  const letters = text.match(LETTER) ?? [];
  const own = letters.filter((letter) => SCRIPT[language].test(letter));
  return own.length * 2 >= letters.length;
}

/**
 * Checks a counsellor's own quick reply as content is checked: a text in
 * every language, in its script, not too long, plain text (no markup), the
 * same placeholders everywhere (only `{{name}}`, the counsellor's name), and
 * the polite form wherever a language has two (it may go to anyone: a
 * company, a parent, a young person). Returns the problems, each naming its
 * language; none when it may be kept.
 */
export function checkQuickReply(
  texts: Record<string, unknown>,
  registers: Registers,
): QuickReplyProblem[] {
  const problems: QuickReplyProblem[] = [];
  for (const key of Object.keys(texts)) {
    if (!(SUPPORTED_LANGUAGES as readonly string[]).includes(key)) {
      problems.push({ language: key, problem: 'unknownLanguage' });
    }
  }
  const named = new Set<boolean>();
  for (const language of SUPPORTED_LANGUAGES) {
    const text = texts[language];
    if (typeof text !== 'string' || text.trim() === '') {
      problems.push({ language, problem: 'missing' });
      continue;
    }
    const found = (problem: QuickReplyProblem['problem']) => problems.push({ language, problem });
    if (text.length > MAX_QUICK_REPLY_CHARS) found('tooLong');
    if (MARKUP.test(text)) found('markup');
    if (!inScript(text, language)) found('script');
    const names = [...text.matchAll(PLACEHOLDER)].map((match) => match[1] ?? '');
    if (names.some((name) => name !== 'name')) found('placeholder');
    named.add(names.includes('name'));
    const words = registers.languages[language];
    const [informal] =
      words && registers.distinguishes(language) ? registerWords(text, words).informal : [];
    if (informal) problems.push({ language, problem: 'informal', word: informal });
  }
  if (named.size > 1) problems.push({ language: 'all', problem: 'nameMismatch' });
  return problems;
}
