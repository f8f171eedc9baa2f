import { expect } from 'chai';
import { loadOffers, type Consultations } from '../../src/offers/data';
import { nextSlots, slotAt } from '../../src/offers/slots';
import { OFFERS_DATA_DIR } from '../support/bot';

/** Tue 09:00–12:00 and Thu 13:00–16:00 in Leipzig, 30-minute slots, closed on 24 and 31 December. */
const consultations = loadOffers(OFFERS_DATA_DIR, '0').consultations as Consultations;
const iso = (dates: Date[]) => dates.map((date) => date.toISOString());

describe('appointment slots from the consultation hours', () => {
  it('starts with the next opening, in 30-minute slots, in Leipzig time', () => {
    // Wednesday 25 November 2026, 13:00 in Leipzig.
    expect(
      iso(nextSlots(consultations, new Date('2026-11-25T12:00:00Z'), new Set())),
    ).to.deep.equal([
      '2026-11-26T12:00:00.000Z',
      '2026-11-26T12:30:00.000Z',
      '2026-11-26T13:00:00.000Z',
      '2026-11-26T13:30:00.000Z',
    ]);
  });

  it('today after closing time: the next day with hours', () => {
    // Thursday 26 November, 16:30 in Leipzig: Thursday is over, Tuesday is next.
    expect(
      iso(nextSlots(consultations, new Date('2026-11-26T15:30:00Z'), new Set(), 2)),
    ).to.deep.equal(['2026-12-01T08:00:00.000Z', '2026-12-01T08:30:00.000Z']);
  });

  it('leaves an hour to confirm: no slot that starts within the next 60 minutes', () => {
    // Tuesday 1 December, 09:10 in Leipzig: 09:30 and 10:00 are too soon.
    expect(
      iso(nextSlots(consultations, new Date('2026-12-01T08:10:00Z'), new Set(), 1)),
    ).to.deep.equal(['2026-12-01T09:30:00.000Z']);
  });

  it("skips holidays written as exceptions (Christmas Eve, New Year's Eve)", () => {
    // Tuesday 22 December, after closing: Thursday 24 is closed, next is Tuesday 29.
    expect(
      iso(nextSlots(consultations, new Date('2026-12-22T12:00:00Z'), new Set(), 1)),
    ).to.deep.equal(['2026-12-29T08:00:00.000Z']);
    const december = nextSlots(consultations, new Date('2026-12-22T12:00:00Z'), new Set(), 50);
    expect(december.some((slot) => slot.toISOString().startsWith('2026-12-31'))).to.equal(false);
  });

  it('keeps 09:00 local time across the change to summer time (UTC offset +1 → +2)', () => {
    const march = nextSlots(consultations, new Date('2027-03-22T12:00:00Z'), new Set(), 100);
    const tuesdaysAtNine = march
      .map((slot) => slot.toISOString())
      .filter((slot) => slot.endsWith('T08:00:00.000Z') || slot.endsWith('T07:00:00.000Z'));
    expect(tuesdaysAtNine.slice(0, 2)).to.deep.equal([
      '2027-03-23T08:00:00.000Z', // before 28 March: CET, 09:00 = 08:00 UTC
      '2027-03-30T07:00:00.000Z', // after: CEST, 09:00 = 07:00 UTC
    ]);
  });

  it('leaves out taken slots, and finds a typed time only when it is a free slot', () => {
    const from = new Date('2026-11-25T12:00:00Z');
    const taken = new Set([Date.parse('2026-11-26T12:00:00Z')]);
    expect(iso(nextSlots(consultations, from, taken, 1))).to.deep.equal([
      '2026-11-26T12:30:00.000Z',
    ]);
    expect(slotAt(consultations, new Date('2026-11-26T12:00:00Z'), from, taken)).to.equal(
      undefined,
    );
    expect(slotAt(consultations, new Date('2026-11-26T12:15:00Z'), from, taken)).to.equal(
      undefined,
    );
    expect(
      slotAt(consultations, new Date('2026-12-01T09:00:00Z'), from, taken)?.toISOString(),
    ).to.equal('2026-12-01T09:00:00.000Z');
  });
});
