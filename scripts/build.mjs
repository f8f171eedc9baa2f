// Builds TypeScript into dist/ (a clean build, so removed sources leave nothing
// behind) and records what it built. With --if-stale (npm start) it builds
// only when a source changed, appeared or went since the last build, so a
// start right after `npm ci` (which builds) takes no time.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const stampFile = path.join(root, 'dist', '.build-stamp.json');
const SOURCES = ['src', 'dialogs', 'test'];
const CONFIG = ['tsconfig.json', 'package-lock.json'];

/** Every compiled source with its modification time, and the build's configuration files. */
function fingerprint() {
  const files = {};
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts'))
        files[path.relative(root, full)] = statSync(full).mtimeMs;
    }
  };
  for (const folder of SOURCES) walk(path.join(root, folder));
  for (const file of CONFIG) files[file] = statSync(path.join(root, file)).mtimeMs;
  return files;
}

function isStale(current) {
  if (!existsSync(stampFile)) return true;
  const built = JSON.parse(readFileSync(stampFile, 'utf8'));
  const names = Object.keys(current);
  return (
    names.length !== Object.keys(built).length ||
    names.some((name) => built[name] !== current[name])
  );
}

const current = fingerprint();
if (process.argv.includes('--if-stale') && !isStale(current)) process.exit(0);
rmSync(path.join(root, 'dist'), { recursive: true, force: true });
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
execFileSync(process.execPath, [tsc, '-p', '.'], { cwd: root, stdio: 'inherit' });
writeFileSync(stampFile, JSON.stringify(current));
