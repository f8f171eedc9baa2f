import { DateTime } from 'luxon';
import { openingsOn } from '../content/hours';
import type { Consultations } from './data';
import * as chrono from 'chrono-node';
import type { Language } from '../language/languages';

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

/** The parsers of typed days and times, where chrono-node has the language. */
const PARSERS: Partial<Record<Language, chrono.Chrono>> = {
  en: chrono.en.casual,
  de: chrono.de.casual,
  'de-simple': chrono.de.casual,
  ar: chrono.ar.casual,
  ru: chrono.ru.casual,
  uk: chrono.uk.casual,
  fr: chrono.fr.casual,
  vi: chrono.vi.casual,
};

/** Whether a typed day and time can be read in `language` (else only the buttons). */
export function canReadTimes(language: Language): boolean {
  return PARSERS[language] !== undefined;
}

/**
 * A typed day and time ("Dienstag 10 Uhr", "الثلاثاء الساعة 10") as an
 * instant in the service point's time zone, the next such day after `now`;
 * undefined when no day with an hour is written or the language has no parser.
 */
export function readTypedTime(
  text: string,
  language: Language,
  now: Date,
  timeZone: string,
): Date | undefined {
  const parser = PARSERS[language];
  const [result] =
    parser?.parse(text, { instant: now, timezone: timeZone }, { forwardDate: true }) ?? [];
  if (!result || !result.start.isCertain('hour')) return undefined;
  const at = DateTime.fromObject(
    {
      year: result.start.get('year') ?? undefined,
      month: result.start.get('month') ?? undefined,
      day: result.start.get('day') ?? undefined,
      hour: result.start.get('hour') ?? 0,
      minute: result.start.get('minute') ?? 0,
    },
    { zone: timeZone },
  );
  return at.isValid ? at.toJSDate() : undefined;
}
