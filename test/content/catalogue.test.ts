import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { loadCatalogue } from '../../src/content/catalogue';
import { loadExamples, loadTerms } from '../../src/content/examples';
import { LOCALES_DIR } from '../../src/paths';

/**
 * Copies locales/ with `file` changed by `edit`, runs `load` on the copy and
 * returns the message it fails with (the folder written as <locales>).
 */
function problemWith(
  file: string,
  edit: (json: Record<string, unknown>) => void,
  load: (dir: string) => unknown,
): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kausa-locales-'));
  try {
    cpSync(LOCALES_DIR, dir, { recursive: true });
    const target = path.join(dir, file);
    const json = JSON.parse(readFileSync(target, 'utf8')) as Record<string, unknown>;
    edit(json);
    writeFileSync(target, JSON.stringify(json));
    load(dir);
    return 'loaded without error';
  } catch (error) {
    return (error as Error).message.replace(dir, '<locales>');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const catalogue = (dir: string) => loadCatalogue(dir);

describe('content: topic facts, menus and training phrases are checked at start', function () {
  it('loads the shipped topics, menus, phrases and terms', function () {
    const { topics, menus } = loadCatalogue(LOCALES_DIR);
    expect(topics.get('training-pay')?.sources.length).to.be.greaterThan(0);
    expect(menus.youth.length).to.be.greaterThan(0);
    expect(loadExamples(LOCALES_DIR, ['en']).length).to.be.greaterThan(0);
    expect(loadTerms(LOCALES_DIR)).to.not.have.property('_about');
  });

  const broken: Array<[string, string, (json: Record<string, unknown>) => void, string]> = [
    [
      'a topic file with another topic id',
      'topics/training-pay.json',
      (json) => (json.id = 'financial-support'),
      'Content: <locales>/topics/training-pay.json: "id" must be "training-pay"',
    ],
    [
      'a topic for an unknown audience',
      'topics/training-pay.json',
      (json) => (json.audiences = ['youth', 'teachers']),
      'Content: <locales>/topics/training-pay.json: audiences[1] "teachers" is not an audience (youth, parent, company, multiplier)',
    ],
    [
      'a topic related to itself',
      'topics/training-pay.json',
      (json) => (json.related = ['training-pay']),
      'Content: <locales>/topics/training-pay.json: related[0] is the topic itself',
    ],
    [
      'a source without an https link',
      'topics/training-pay.json',
      (json) => (json.sources = [{ title: 'BBiG', url: 'http://www.gesetze-im-internet.de' }]),
      'Content: <locales>/topics/training-pay.json: sources[0] "url" must be an https URL',
    ],
    [
      'a menu with a topic that does not exist',
      'menus.json',
      (json) => (json.parent = [{ id: 'start', topics: ['visa'] }]),
      'Content: <locales>/menus.json: parent[0].topics[0] "visa" is not a topic id',
    ],
    [
      'a menu with too many groups',
      'menus.json',
      (json) => (json.company = Array(7).fill({ id: 'g', topics: ['training-pay'] })),
      'Content: <locales>/menus.json: "company" needs 1–6 groups',
    ],
  ];
  for (const [what, file, edit, message] of broken) {
    it(`refuses ${what}, naming the file and the field`, function () {
      expect(problemWith(file, edit, catalogue)).to.equal(message);
    });
  }

  it('refuses training phrases for an id that is neither a topic, an intent nor a question', function () {
    expect(
      problemWith(
        'en/nlu/examples.json',
        (json) => (json['training-money'] = ['how much do I earn']),
        (dir) => loadExamples(dir, ['en']),
      ),
    ).to.equal(
      'Content: <locales>/en/nlu/examples.json: "training-money" is not a topic, intent or question id (topic/question)',
    );
  });

  it('refuses a German term whose variants are not a list', function () {
    expect(problemWith('terms.json', (json) => (json.ihk = 'IHK'), loadTerms)).to.equal(
      'Content: terms.json: "ihk" must be a list',
    );
  });
});
