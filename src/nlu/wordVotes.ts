import { normalizeForMatching } from '../language/normalize';
import type { Language } from '../language/languages';
import type { Example } from '../content/examples';

/** Fewest times a word occurs in a language's training phrases to speak for that language. */
const MIN_OCCURRENCES = 2;

/**
 * Words that speak for one language of a group written in the same script:
 * a word counts for a language when its training phrases use it at least
 * twice and no other language of the group uses it at all (Pashto "زوی",
 * "وروسته" beside Dari and Arabic). The language detector asks it where its
 * model does not know a language (eld has no Pashto).
 */
export class WordVotes {
  private readonly owner = new Map<string, Language>();

  constructor(examples: readonly Example[], group: readonly Language[]) {
    const counts = new Map<string, Map<string, number>>();
    for (const { text, language } of examples) {
      if (!group.includes(language as Language)) continue;
      for (const word of normalizeForMatching(text).split(' ')) {
        if (word === '' || /^[\p{Script=Latin}\d]/u.test(word)) continue;
        const perLanguage = counts.get(word) ?? new Map<string, number>();
        perLanguage.set(language, (perLanguage.get(language) ?? 0) + 1);
        counts.set(word, perLanguage);
      }
    }
    for (const [word, perLanguage] of counts) {
      const [only, ...others] = [...perLanguage.entries()];
      if (others.length === 0 && only && only[1] >= MIN_OCCURRENCES) {
        this.owner.set(word, only[0] as Language);
      }
    }
  }

  /** How many of the text's words speak for each language of the group. */
  votes(text: string): ReadonlyMap<Language, number> {
    const votes = new Map<Language, number>();
    for (const word of normalizeForMatching(text).split(' ')) {
      const language = this.owner.get(word);
      if (language) votes.set(language, (votes.get(language) ?? 0) + 1);
    }
    return votes;
  }
}
