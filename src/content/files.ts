import { readFileSync } from 'node:fs';

/** A content or data file that cannot be used; the message names the file. */
export class ContentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ContentError';
  }
}

/** Parses a JSON file, or throws a {@link ContentError} naming it. */
export function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ContentError(`Content: cannot read ${file} (${(error as Error).message})`);
  }
}
