/** Largest number read from words; larger ones must be written in digits. */
export const MAX_WORD_NUMBER = 999;

/** Words for "and" inside a number ("bîst û pênc", "vingt et un", "شل او پنځه"). */
const NUMBER_JOINERS: ReadonlySet<string> = new Set([
  'و',
  'او',
  'и',
  'і',
  'й',
  'and',
  'und',
  've',
  'û',
  'u',
  'et',
]);

/**
 * The number a message writes in words, from a language's table of number
 * words (`numbers` in `recognizers.json`): a number listed whole ("hai mươi
 * lăm"), else the sum of the number words from the first one on ("twenty
 * five", "siebzehn"), "and" allowed between them. `form` is the message in its
 * matching form (lower case, single spaces).
 */
export function numberOfWords(
  form: string,
  table: ReadonlyMap<string, number>,
): number | undefined {
  const whole = table.get(form);
  if (whole !== undefined) return whole;
  let total = 0;
  let found = false;
  for (const token of form.split(' ')) {
    // Arabic and Persian join "and" to the next word: وعشرون = و + عشرون.
    const value =
      table.get(token) ?? (token.startsWith('و') ? table.get(token.slice(1)) : undefined);
    if (value !== undefined) {
      total += value;
      found = true;
    } else if (found && !NUMBER_JOINERS.has(token)) {
      break;
    }
  }
  return found && total <= MAX_WORD_NUMBER ? total : undefined;
}
