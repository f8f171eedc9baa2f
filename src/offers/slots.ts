import { DateTime } from 'luxon';
import { openingsOn } from '../content/hours';
import type { Consultations } from './data';

/** How far ahead free appointment slots are looked for. */
export const SLOT_HORIZON_DAYS = 42;
/** A slot must start at least this long from now (time to confirm it). */
export const SLOT_LEAD_MINUTES = 60;
/** Slots offered as buttons at once. */
export const SLOTS_OFFERED = 4;

/**
 * The next free appointment slots after `from`: the consultation hours cut
 * into `slotMinutes` pieces, in the service point's time zone (summer time and
 * dated exceptions such as holidays included), without `taken` starts.
 */
export function nextSlots(
  consultations: Consultations,
  from: Date,
  taken: ReadonlySet<number>,
  count = SLOTS_OFFERED,
): Date[] {
  const zone = consultations.schedule.timeZone;
  const earliest = DateTime.fromJSDate(from, { zone }).plus({ minutes: SLOT_LEAD_MINUTES });
  const slots: Date[] = [];
  for (let offset = 0; offset <= SLOT_HORIZON_DAYS && slots.length < count; offset += 1) {
    const day = earliest.startOf('day').plus({ days: offset });
    for (const { start, end } of openingsOn(consultations.schedule, day)) {
      for (
        let slot = start;
        slot.plus({ minutes: consultations.slotMinutes }) <= end && slots.length < count;
        slot = slot.plus({ minutes: consultations.slotMinutes })
      ) {
        if (slot >= earliest && !taken.has(slot.toMillis())) slots.push(slot.toJSDate());
      }
    }
  }
  return slots;
}

/** Every slot within the horizon is at most this many (enough for any weekly schedule). */
const MAX_SLOTS = 2000;

/** The free slot that starts exactly at `at` (a typed "Tuesday 10:00"), if there is one. */
export function slotAt(
  consultations: Consultations,
  at: Date,
  from: Date,
  taken: ReadonlySet<number>,
): Date | undefined {
  return nextSlots(consultations, from, taken, MAX_SLOTS).find(
    (slot) => slot.getTime() === at.getTime(),
  );
}
