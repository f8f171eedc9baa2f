import path from 'node:path';
import { expect } from 'chai';
import { checkContent } from '../../src/content/check';
import { SUPPORTED_LANGUAGES } from '../../src/language/languages';
import { LOCALES_DIR, PROJECT_ROOT } from '../../src/paths';

describe('content: content:check', function () {
  const report = checkContent(LOCALES_DIR, path.join(PROJECT_ROOT, 'data'), SUPPORTED_LANGUAGES);

  it('finds every topic and UI string complete in every language, with no problem', function () {
    expect(report.problems).to.deep.equal([]);
  });

  for (const language of SUPPORTED_LANGUAGES) {
    it(`has all ${report.topics} topics complete in ${language}`, function () {
      expect(report.coverage[language]).to.equal(26);
    });
  }
});
