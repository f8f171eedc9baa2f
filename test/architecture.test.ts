import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { PROJECT_ROOT } from '../src/paths';

/** Longest source file (TypeScript or console JavaScript) a newcomer should have to read at once. */
const MAX_SOURCE_LINES = 400;

interface Graph {
  cruise(): {
    modules: unknown[];
    summary: { violations: Array<{ rule: { name: string }; from: string; to: string }> };
  };
  folderGraph(result: unknown): Map<string, Map<string, string>>;
  folderCycles(edges: Map<string, Map<string, string>>): string[][];
}

function sourceFiles(folder: string, extension: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(folder)) {
    const full = path.join(folder, entry);
    if (statSync(full).isDirectory()) files.push(...sourceFiles(full, extension));
    else if (entry.endsWith(extension) && !entry.endsWith('.d.ts')) files.push(full);
  }
  return files;
}

describe('architecture: how the code is put together (docs/architecture.md)', function () {
  this.timeout(60_000);
  let graph: Graph;
  let result: ReturnType<Graph['cruise']>;

  before(async function () {
    graph = (await import(path.join(PROJECT_ROOT, 'scripts/importGraph.mjs'))) as Graph;
    result = graph.cruise();
  });

  it('has no import cycle between files, nothing in src/ but the composition root importing dialogs/, no code importing tests', function () {
    expect(result.modules.length).to.be.greaterThan(100);
    expect(
      result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`),
    ).to.deep.equal([]);
  });

  it('has no import cycle between the folders of src/', function () {
    expect(graph.folderCycles(graph.folderGraph(result))).to.deep.equal([]);
  });

  it(`keeps every source file under ${MAX_SOURCE_LINES} lines`, function () {
    const files = [
      ...sourceFiles(path.join(PROJECT_ROOT, 'src'), '.ts'),
      ...sourceFiles(path.join(PROJECT_ROOT, 'dialogs'), '.ts'),
      ...sourceFiles(path.join(PROJECT_ROOT, 'public'), '.js'),
    ];
    const long = files
      .map((file) => ({
        file: path.relative(PROJECT_ROOT, file),
        lines: readFileSync(file, 'utf8').split('\n').length,
      }))
      .filter(({ lines }) => lines > MAX_SOURCE_LINES);
    expect(long).to.deep.equal([]);
  });
});
