import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { checkContent } from '../../src/content/check';
import { DEFAULT_COLOURS, loadOrganisation } from '../../src/content/organisation';
import { SUPPORTED_LANGUAGES } from '../../src/language/languages';
import { LOCALES_DIR, PROJECT_ROOT } from '../../src/paths';

const shipped = JSON.parse(
  readFileSync(path.join(PROJECT_ROOT, 'data', 'organisation.json'), 'utf8'),
) as Record<string, unknown>;

/** Runs `use` on a data folder whose organisation.json is the shipped one changed by `edit`. */
function withOrganisation<T>(
  edit: (json: Record<string, unknown>) => void,
  use: (dir: string) => T,
): T {
  const dir = mkdtempSync(path.join(tmpdir(), 'kausa-organisation-'));
  try {
    const json = structuredClone(shipped);
    edit(json);
    writeFileSync(path.join(dir, 'organisation.json'), JSON.stringify(json));
    return use(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The message loading the changed organisation.json fails with, the folder written as <data>. */
function problemWith(edit: (json: Record<string, unknown>) => void): string {
  return withOrganisation(edit, (dir) => {
    try {
      loadOrganisation(dir);
    } catch (error) {
      return (error as Error).message.replace(dir, '<data>');
    }
    return 'loaded without error';
  });
}

describe('content: the organisation in data/organisation.json', function () {
  it('reads the shipped details, with the default colours where none are given', function () {
    const organisation = withOrganisation(
      (json) => delete json.colours,
      (dir) => loadOrganisation(dir),
    );
    expect(organisation.name).to.equal(shipped.name);
    expect(organisation.colours).to.deep.equal(DEFAULT_COLOURS);
    expect(organisation).to.not.have.property('sources');
    expect(organisation).to.not.have.property('languages');
  });

  const broken: Array<[string, (json: Record<string, unknown>) => void, string]> = [
    ['a missing name', (json) => delete json.name, '"name" must be a non-empty text'],
    ['a blank phone number', (json) => (json.phone = '  '), '"phone" must be a non-empty text'],
    [
      'an e-mail address without a domain',
      (json) => (json.email = 'kausa@'),
      '"email" is not an e-mail address',
    ],
    [
      'a website without https',
      (json) => (json.website = 'http://www.kausa-sachsen.de'),
      '"website" must be an https URL',
    ],
    [
      'a colour that is not a hex colour',
      (json) => (json.colours = { primary: 'blue' }),
      '"colours.primary" must be a colour like #1d4f91',
    ],
    [
      'languages that are not codes',
      (json) => (json.languages = ['Deutsch']),
      '"languages" must be a list of language codes such as ["de", "ar"] (at least 1)',
    ],
  ];
  for (const [what, edit, problem] of broken) {
    it(`refuses ${what}, naming the file and the field`, function () {
      expect(problemWith(edit)).to.equal(`Data: <data>/organisation.json: ${problem}`);
    });
  }

  it('is reported by content:check with the file and the field', function () {
    const problems = withOrganisation(
      (json) => (json.hoursUrl = 'www.leipzig.de'),
      (dir) =>
        checkContent(LOCALES_DIR, dir, SUPPORTED_LANGUAGES).problems.map((problem) =>
          problem.replace(dir, '<data>'),
        ),
    );
    expect(problems).to.include('Data: <data>/organisation.json: "hoursUrl" must be an https URL');
  });
});
