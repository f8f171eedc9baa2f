// The import graph of src/ and dialogs/ by folder (`npm run deps`), with the
// checks the architecture test makes: no import cycle between files or
// between folders of src/, no file of src/ but the composition root
// importing dialogs/. Reads dependency-cruiser's JSON (rules in .dependency-cruiser.cjs).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The module graph as dependency-cruiser reports it. */
export function cruise() {
  const bin = path.join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
  const json = execFileSync(
    process.execPath,
    [bin, 'src', 'dialogs', '--config', '.dependency-cruiser.cjs', '--output-type', 'json'],
    { cwd: root, maxBuffer: 64 * 1024 * 1024 },
  );
  return JSON.parse(json.toString());
}

/** The folder (`src/handover`, `dialogs`) or root file (`src/app.ts`) a module belongs to. */
export function folderOf(file) {
  const inSrc = /^(src\/[^/]+)\//.exec(file);
  if (inSrc) return inSrc[1];
  if (file.startsWith('dialogs/')) return 'dialogs';
  return file.startsWith('src/') ? file : undefined;
}

/** Folder → folders it imports, with one example import per edge. */
export function folderGraph(result) {
  const edges = new Map();
  for (const module of result.modules) {
    const from = folderOf(module.source);
    if (!from) continue;
    for (const dependency of module.dependencies) {
      const to = folderOf(dependency.resolved);
      if (!to || to === from) continue;
      const targets = edges.get(from) ?? new Map();
      if (!targets.has(to)) targets.set(to, `${module.source} → ${dependency.resolved}`);
      edges.set(from, targets);
    }
  }
  return edges;
}

/** Strongly connected groups of more than one folder (import cycles between folders). */
export function folderCycles(edges) {
  const index = new Map();
  const low = new Map();
  const stack = [];
  const cycles = [];
  let counter = 0;
  const visit = (node) => {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    for (const next of (edges.get(node) ?? new Map()).keys()) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node), low.get(next)));
      } else if (stack.includes(next)) {
        low.set(node, Math.min(low.get(node), index.get(next)));
      }
    }
    if (low.get(node) === index.get(node)) {
      const group = [];
      let member;
      do {
        member = stack.pop();
        group.push(member);
      } while (member !== node);
      if (group.length > 1) cycles.push(group.sort());
    }
  };
  for (const node of edges.keys()) if (!index.has(node)) visit(node);
  return cycles;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = cruise();
  const edges = folderGraph(result);
  for (const [from, targets] of [...edges].sort()) {
    console.log(`${from} → ${[...targets.keys()].sort().join(', ')}`);
  }
  const violations = result.summary.violations;
  const cycles = folderCycles(edges);
  console.log(
    `\n${result.modules.length} modules; rule violations: ${violations.length}; folder cycles: ${cycles.length}`,
  );
  for (const violation of violations) {
    console.log(`  ${violation.rule.name}: ${violation.from} → ${violation.to}`);
  }
  for (const cycle of cycles) console.log(`  cycle: ${cycle.join(' ↔ ')}`);
  process.exitCode = violations.length + cycles.length > 0 ? 1 : 0;
}
