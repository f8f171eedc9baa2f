import { normalizeForMatching } from './normalize';

/** Who a message shows is asking (the audiences of TOPICS.md). */
export type AudienceCue = 'youth' | 'parent' | 'company' | 'multiplier';

/**
 * Phrases that show who is asking ("мій син", "ich habe ein restaurant"),
 * matched as whole words anywhere in a message; where several match, the
 * first in the lists wins. Indexed by first word, so a message is checked
 * against the few phrases that start with one of its words, not all of them.
 */
export class AudienceCues {
  private readonly phrases: Array<[string, AudienceCue]> = [];
  private readonly byFirstWord = new Map<string, number[]>();

  add(phrase: string, audience: AudienceCue): void {
    const form = normalizeForMatching(phrase);
    const place = this.phrases.push([` ${form} `, audience]) - 1;
    const first = form.split(' ')[0]!;
    this.byFirstWord.set(first, [...(this.byFirstWord.get(first) ?? []), place]);
  }

  /** Who a message in matching form shows is asking, and the number of words that show it. */
  find(form: string): { audience: AudienceCue; words: number } | undefined {
    const padded = ` ${form} `;
    const found = form
      .split(' ')
      .flatMap((word) => this.byFirstWord.get(word) ?? [])
      .sort((a, b) => a - b)
      .map((place) => this.phrases[place]!)
      .find(([phrase]) => padded.includes(phrase));
    return found && { audience: found[1], words: found[0].trim().split(' ').length };
  }
}
