/** `npm run content:check`: prints the coverage table and every problem; exits 1 on problems. */
import { checkContent, coverageTable } from './check';
import { SUPPORTED_LANGUAGES } from '../language/languages';
import { LOCALES_DIR, PROJECT_ROOT } from '../paths';
import path from 'node:path';

const dataDir = path.resolve(PROJECT_ROOT, process.env.DATA_DIR ?? 'data');
const report = checkContent(LOCALES_DIR, dataDir, SUPPORTED_LANGUAGES);
process.stdout.write(`${coverageTable(report)}\n`);
for (const problem of report.problems) process.stdout.write(`problem: ${problem}\n`);
process.stdout.write(
  report.problems.length === 0
    ? `content:check: ${report.topics} topics complete in ${SUPPORTED_LANGUAGES.length} languages\n`
    : `content:check: ${report.problems.length} problem(s)\n`,
);
process.exitCode = report.problems.length === 0 ? 0 : 1;
