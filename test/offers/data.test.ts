import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { createContent } from '../../src/botContent';
import { LOCALES_DIR } from '../../src/paths';
import { OFFERS_DATA_DIR } from '../support/bot';

/** A copy of the fixture data folder with one file changed by `edit`; resolves the load error. */
function brokenBy(file: string, edit: (json: Record<string, unknown>) => unknown): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kausa-data-'));
  try {
    cpSync(OFFERS_DATA_DIR, dir, { recursive: true });
    const target = path.join(dir, file);
    const json = JSON.parse(readFileSync(target, 'utf8')) as Record<string, unknown>;
    writeFileSync(target, JSON.stringify(edit(json) ?? json));
    try {
      createContent(LOCALES_DIR, dir);
    } catch (error) {
      return (error as Error).message.replace(dir, '<data>');
    }
    return 'loaded without error';
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

type Entries = Array<Record<string, unknown>>;

describe('the offers data is validated at start, errors naming file, entry and field', () => {
  it('loads the shipped Leipzig data and the fixture', () => {
    expect(() => createContent(LOCALES_DIR, OFFERS_DATA_DIR)).to.not.throw();
  });

  it('a partner without its Arabic description', () => {
    expect(
      brokenBy('partners.json', (json) => {
        delete ((json.partners as Entries)[2]!.description as Record<string, unknown>).ar;
      }),
    ).to.equal('Data: <data>/partners.json: partners[2] "description.ar" is missing or empty');
  });

  it('a partner with an unknown region, a topic not in TOPICS.md, or a website that is not https', () => {
    expect(
      brokenBy('partners.json', (json) => {
        (json.partners as Entries)[0]!.regions = ['dresden'];
      }),
    ).to.match(
      /^Data: <data>\/partners.json: partners\[0\] "regions" must be a list of leipzig, landkreis-leipzig, nordsachsen/,
    );
    expect(
      brokenBy('partners.json', (json) => {
        (json.partners as Entries)[1]!.topics = ['visa'];
      }),
    ).to.match(/partners\[1\] "topics" must be a list of topic ids/);
    expect(
      brokenBy('partners.json', (json) => {
        (json.partners as Entries)[3]!.website = 'http://www.leipzig.ihk.de';
      }),
    ).to.equal('Data: <data>/partners.json: partners[3] "website" must be an https URL');
  });

  it('an event whose start has no time zone offset, or ends before it starts', () => {
    expect(
      brokenBy('events.json', (json) => {
        (json.events as Entries)[1]!.start = '2027-03-03T17:00:00';
      }),
    ).to.match(
      /^Data: <data>\/events.json: events\[1\] "start" must be a date and time with offset/,
    );
    expect(
      brokenBy('events.json', (json) => {
        (json.events as Entries)[1]!.end = '2027-03-03T16:00:00+01:00';
      }),
    ).to.equal('Data: <data>/events.json: events[1] "end" must be after "start"');
  });

  it('a route with one stop, or a stop without coordinates', () => {
    expect(
      brokenBy('routes/handwerk.json', (json) => {
        (json.stops as Entries).pop();
      }),
    ).to.equal('Data: <data>/routes/handwerk.json: "stops" must list at least 2 stops');
    expect(
      brokenBy('routes/handwerk.json', (json) => {
        delete (json.stops as Entries)[1]!.lat;
      }),
    ).to.equal('Data: <data>/routes/handwerk.json: stops[1] "lat" must be a number from -90 to 90');
  });

  it('consultation slots of 5 minutes, and hours in an unknown time zone', () => {
    expect(
      brokenBy('consultations.json', (json) => {
        json.slotMinutes = 5;
      }),
    ).to.equal('Data: <data>/consultations.json: "slotMinutes" must be a number from 10 to 240');
    expect(
      brokenBy('hotline.json', (json) => {
        json.timeZone = 'Europe/Leipzig';
      }),
    ).to.equal(
      'Data: <data>/hotline.json: "timeZone" must be an IANA time zone such as Europe/Berlin',
    );
  });

  it('an entry without source', () => {
    expect(
      brokenBy('events.json', (json) => {
        delete (json.events as Entries)[0]!.source;
      }),
    ).to.equal('Data: <data>/events.json: events[0] "source" must be {"title", "url", "checked"}');
  });
});

describe('the offers data: more of what an editor can get wrong', () => {
  it('two partners with the same id, and a partner that is not an object', () => {
    expect(
      brokenBy('partners.json', (json) => {
        const partners = json.partners as Entries;
        partners[1]!.id = partners[0]!.id;
      }),
    ).to.equal(
      'Data: <data>/partners.json: partners[1] "id" must be a unique lowercase id like "ihk-leipzig"',
    );
    expect(
      brokenBy('partners.json', (json) => {
        (json.partners as unknown[])[0] = 'IHK';
      }),
    ).to.equal('Data: <data>/partners.json: partners[0] must be an object {…}');
  });

  it('a partner description in a language the bot does not speak', () => {
    expect(
      brokenBy('partners.json', (json) => {
        ((json.partners as Entries)[0]!.description as Record<string, unknown>).pl = 'Doradztwo';
      }),
    ).to.match(
      /^Data: <data>\/partners.json: partners\[0\] "description.pl" is not a supported language \(de, /,
    );
  });

  it('an event for an unknown audience, and a source checked on no date', () => {
    expect(
      brokenBy('events.json', (json) => {
        (json.events as Entries)[0]!.audiences = ['students'];
      }),
    ).to.match(/^Data: <data>\/events.json: events\[0\] "audiences" must be a list of youth, /);
    expect(
      brokenBy('events.json', (json) => {
        ((json.events as Entries)[0]!.source as Record<string, unknown>).checked = 'last week';
      }),
    ).to.equal('Data: <data>/events.json: events[0] "source.checked" must be a date YYYY-MM-DD');
  });

  it('a hotline without a phone number, and consultation hours with a holiday that is no date', () => {
    expect(
      brokenBy('hotline.json', (json) => {
        delete json.phone;
      }),
    ).to.equal('Data: <data>/hotline.json: "phone" must be a non-empty text');
    expect(
      brokenBy('consultations.json', (json) => {
        json.exceptions = { '24.12.2026': [] };
      }),
    ).to.equal(
      'Data: <data>/consultations.json: "exceptions" has "24.12.2026"; use dates YYYY-MM-DD',
    );
  });

  it('two routes with the same id, in two files', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kausa-data-'));
    try {
      cpSync(OFFERS_DATA_DIR, dir, { recursive: true });
      cpSync(path.join(dir, 'routes/handwerk.json'), path.join(dir, 'routes/industrie.json'));
      expect(() => createContent(LOCALES_DIR, dir)).to.throw(
        `Data: ${dir}/routes/industrie.json: "id" must be a unique lowercase id`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
