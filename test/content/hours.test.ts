import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import {
  describeTime,
  isOpen,
  loadHours,
  nextOpening,
  type OpeningHours,
} from '../../src/content/hours';
import { ContentError } from '../../src/content/files';

/** Writes `hours` as `<dir>/hours.json` in a fresh folder and loads it. */
function load(hours: unknown): OpeningHours | undefined {
  const dir = mkdtempSync(path.join(tmpdir(), 'kausa-hours-'));
  try {
    writeFileSync(path.join(dir, 'hours.json'), JSON.stringify(hours));
    return loadHours(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const consultation = {
  timeZone: 'Europe/Berlin',
  weekly: {
    tue: [{ from: '09:00', to: '12:00' }],
    thu: [
      { from: '09:00', to: '12:00' },
      { from: '13:00', to: '16:00' },
    ],
    mon: [{ from: '09:00', to: '12:00' }],
  },
  exceptions: { '2026-12-24': [], '2026-12-31': [] },
};

describe('content: opening hours from data/hours.json', function () {
  const hours = load(consultation)!;

  it('is open within the hours of the day, in Berlin time, and closed at closing time', function () {
    // Tuesday 24 November 2026, 10:00 in Berlin is 09:00 UTC.
    expect(isOpen(hours, new Date('2026-11-24T09:00:00Z'))).to.equal(true);
    expect(isOpen(hours, new Date('2026-11-24T11:00:00Z')), '12:00 local').to.equal(false);
    expect(isOpen(hours, new Date('2026-11-25T09:00:00Z')), 'a Wednesday').to.equal(false);
  });

  it('names the next opening: the same day, another day, or after a closed holiday', function () {
    expect(nextOpening(hours, new Date('2026-11-26T11:30:00Z'))?.toISOString()).to.equal(
      '2026-11-26T12:00:00.000Z',
    );
    expect(nextOpening(hours, new Date('2026-11-24T12:00:00Z'))?.toISOString()).to.equal(
      '2026-11-26T08:00:00.000Z',
    );
    // Thursday 24 December is closed: after Tuesday the 22nd comes Monday the 28th.
    expect(nextOpening(hours, new Date('2026-12-22T12:00:00Z'))?.toISOString()).to.equal(
      '2026-12-28T08:00:00.000Z',
    );
  });

  it('keeps local opening times across the change to summer time', function () {
    // Summer time starts on Sunday 28 March 2027: Monday 09:00 is then 07:00 UTC.
    expect(nextOpening(hours, new Date('2027-03-26T12:00:00Z'))?.toISOString()).to.equal(
      '2027-03-29T07:00:00.000Z',
    );
  });

  it('can be always open (a team that answers around the clock)', function () {
    const always = load({ alwaysOpen: true })!;
    const at = new Date('2026-12-24T23:30:00Z');
    expect(isOpen(always, at)).to.equal(true);
    expect(nextOpening(always, at)).to.equal(at);
  });

  it("says the time in the user's language, in the service point's time zone", function () {
    const at = new Date('2026-11-26T08:00:00Z');
    expect(describeTime(at, 'de', 'Europe/Berlin'))
      .to.contain('Donnerstag')
      .and.contain('09:00');
    expect(describeTime(at, 'uk', 'Europe/Berlin')).to.contain('четвер');
    expect(describeTime(at, 'tr', 'Europe/Berlin')).to.contain('Perşembe');
    expect(describeTime(at, 'ar', 'Europe/Berlin')).to.match(/[\u0600-\u06FF]/);
    expect(describeTime(at, 'fa', 'Europe/Berlin')).to.contain('پنجشنبه');
  });

  it('is optional: without hours.json there are no hours to name', function () {
    const dir = mkdtempSync(path.join(tmpdir(), 'kausa-hours-'));
    try {
      expect(loadHours(dir)).to.equal(undefined);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const broken: Array<[string, unknown, string]> = [
    [
      'an unknown time zone',
      { timeZone: 'Europe/Leipzig', weekly: consultation.weekly },
      'timeZone',
    ],
    [
      'a time that is not HH:MM',
      { weekly: { mon: [{ from: '9', to: '12:00' }] } },
      'weekly.mon[0]',
    ],
    [
      'an interval that ends before it starts',
      { weekly: { mon: [{ from: '12:00', to: '09:00' }] } },
      'before',
    ],
    ['an unknown day', { weekly: { monday: [] } }, '"monday"'],
    ['no hours at all', { weekly: {} }, 'alwaysOpen'],
    [
      'a date that is not a date',
      { weekly: consultation.weekly, exceptions: { '24.12.2026': [] } },
      '24.12.2026',
    ],
  ];
  for (const [what, data, named] of broken) {
    it(`refuses ${what} with an error naming the file and the field`, function () {
      expect(() => load(data))
        .to.throw(ContentError)
        .with.property('message')
        .that.contains('hours.json')
        .and.contains(named);
    });
  }
});
