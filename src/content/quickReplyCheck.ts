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
};

const LETTER = /\p{L}/gu;
const MARKUP = /<\/?[a-z][^>]*>/i;
const PLACEHOLDER = /{{\s*([^}]*?)\s*}}/g;

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
export function checkQuickReply(texts: Record<string, unknown>, registers: Registers): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(texts)) {
    if (!(SUPPORTED_LANGUAGES as readonly string[]).includes(key)) {
      problems.push(`${key}: not a language of the bot`);
    }
  }
  const placeholders = new Map<Language, string>();
  for (const language of SUPPORTED_LANGUAGES) {
    const text = texts[language];
    if (typeof text !== 'string' || text.trim() === '') {
      problems.push(`${language}: missing`);
      continue;
    }
    if (text.length > MAX_QUICK_REPLY_CHARS) {
      problems.push(`${language}: longer than ${MAX_QUICK_REPLY_CHARS} characters`);
    }
    if (MARKUP.test(text)) problems.push(`${language}: markup is shown as text; write plain text`);
    if (!inScript(text, language)) problems.push(`${language}: not written in its script`);
    const names = [...text.matchAll(PLACEHOLDER)].map((match) => match[1] ?? '');
    if (names.some((name) => name !== 'name')) {
      problems.push(`${language}: only {{name}} (your name) may be filled in`);
    }
    placeholders.set(language, names.includes('name') ? 'name' : '');
    const words = registers.languages[language];
    const informal =
      words && registers.distinguishes(language) ? registerWords(text, words).informal : [];
    if (informal.length > 0) {
      problems.push(`${language}: use the polite form (not "${informal[0]}"): it may go to anyone`);
    }
  }
  if (new Set(placeholders.values()).size > 1) {
    problems.push('all languages: {{name}} in some languages but not in others');
  }
  return problems;
}
