/**
 * `npm run content:check`: prints the coverage table and every problem; exits 1 on problems.
 * `-- --lang <lng>` checks one language (beside English, the reference) while it is written.
 */
import { parseArgs } from 'node:util';
import { checkContent, coverageTable } from './check';
import { isLanguage, SUPPORTED_LANGUAGES } from '../language/languages';
import { LOCALES_DIR, PROJECT_ROOT } from '../paths';
import path from 'node:path';

const dataDir = path.resolve(PROJECT_ROOT, process.env.DATA_DIR ?? 'data');
const { lang } = parseArgs({ options: { lang: { type: 'string' } } }).values;
if (lang !== undefined && !isLanguage(lang)) {
  process.stderr.write(`content:check: --lang must be one of ${SUPPORTED_LANGUAGES.join(', ')}\n`);
  process.exit(2);
}
const languages = lang === undefined ? SUPPORTED_LANGUAGES : [...new Set(['en', lang])];
const report = checkContent(LOCALES_DIR, dataDir, languages);
process.stdout.write(`${coverageTable(report)}\n`);
for (const problem of report.problems) process.stdout.write(`problem: ${problem}\n`);
process.stdout.write(
  report.problems.length === 0
    ? `content:check: ${report.topics} topics complete in ${languages.length} languages\n`
    : `content:check: ${report.problems.length} problem(s)\n`,
);
process.exitCode = report.problems.length === 0 ? 0 : 1;
