import { existsSync } from 'node:fs';
import path from 'node:path';

/** The folder holding package.json, found from this file whether it runs from src/ or dist/. */
function findProjectRoot(start: string): string {
  let dir = start;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('kausa-bot: package.json not found above ' + start);
    dir = parent;
  }
  return dir;
}

/** Absolute path of the project root. */
export const PROJECT_ROOT = findProjectRoot(__dirname);
/** Where the i18next resources live: `locales/<lng>/<namespace>.json`. */
export const LOCALES_DIR = path.join(PROJECT_ROOT, 'locales');
/** The widget page and its scripts. */
export const PUBLIC_DIR = path.join(PROJECT_ROOT, 'public');
