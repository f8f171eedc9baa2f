import path from 'node:path';
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { readJson } from './files';
import { parseData } from './schemas';
import { AUDIENCES, type Audience } from './topics';
import { SUPPORTED_LANGUAGES, type Language } from '../language/languages';

/** How the bot addresses a reader: du/ты/sen/تو, or Sie/вы/siz/شما. */
export type Register = 'informal' | 'formal';
/** Who reads, as far as the bot knows: an audience, or `unknown` before they have said. */
export type Reader = Audience | 'unknown';
/** Every reader. */
export const READERS: readonly Reader[] = ['unknown', ...AUDIENCES];

/** The i18next context of a formal text: `privacy.confirm_formal` beside `privacy.confirm`. */
export const FORMAL_CONTEXT = 'formal';

const register = z.enum(['informal', 'formal']);
const LanguageRegisters = z.object({
  readers: z.object(
    Object.fromEntries(READERS.map((reader) => [reader, register])) as Record<
      Reader,
      typeof register
    >,
  ),
  /** Words that mark the informal register (whole words, as written). */
  informal: z.array(z.string()),
  /** Words that mark the formal register (whole words, as written). */
  formal: z.array(z.string()),
});
export type LanguageRegisters = z.infer<typeof LanguageRegisters>;

const RegistersFile = z.object({
  _about: z.string().optional(),
  languages: z.partialRecord(z.enum(SUPPORTED_LANGUAGES), LanguageRegisters),
});

/**
 * Each language's form of address per reader (`locales/registers.json`).
 * Texts are written informally; where a language addresses a reader
 * formally, the bot renders the `_formal` variant of a text if it has one.
 */
export class Registers {
  constructor(readonly languages: Partial<Record<Language, LanguageRegisters>>) {}

  /** The register a language uses for a reader; informal where the language has only one. */
  of(language: Language, reader: Reader): Register {
    return this.languages[language]?.readers[reader] ?? 'informal';
  }

  /** True when a language writes to some readers formally and to others informally. */
  distinguishes(language: Language): boolean {
    const readers = this.languages[language]?.readers;
    return readers !== undefined && Object.values(readers).includes('formal');
  }
}

/** Reads and validates `locales/registers.json`. */
export function loadRegisters(localesDir: string): Registers {
  const file = path.join(localesDir, 'registers.json');
  return new Registers(parseData(RegistersFile, readJson(file), `Content: ${file}:`).languages);
}

const TURN_READER = Symbol('kausa.turnReader');

/**
 * Notes who reads this turn's replies: the user's profile (read when a reply
 * is rendered, so an audience chosen during the turn counts at once), or the
 * audience a proactive message goes to.
 */
export function setTurnReader(
  context: TurnContext,
  reader: { readonly audience?: Audience | undefined },
): void {
  context.turnState.set(TURN_READER, reader);
}

/** Who reads this turn's replies (`unknown` until they have said). */
export function turnReader(context: TurnContext): Reader {
  const reader = context.turnState.get(TURN_READER) as { audience?: Audience } | undefined;
  return reader?.audience ?? 'unknown';
}
