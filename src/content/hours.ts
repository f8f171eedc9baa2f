import { existsSync } from 'node:fs';
import path from 'node:path';
import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';
import { readJson } from './files';
import { parseData } from './schemas';

/** The days of `weekly`, Monday first (ISO weekday 1–7). */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
/** One of {@link WEEKDAYS}. */
export type Weekday = (typeof WEEKDAYS)[number];
/** How far ahead the next opening is looked for. */
export const NEXT_OPENING_HORIZON_DAYS = 60;
/** The time zone of a service point that names none (the project started in Leipzig). */
export const DEFAULT_TIME_ZONE = 'Europe/Berlin';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const HH_MM = { error: 'must be a time HH:MM' };
const time = z.string(HH_MM).regex(TIME, HH_MM);

/** One opening: `{"from": "09:00", "to": "12:00"}`, from before to. */
const Interval = z
  .object({ from: time, to: time }, { error: 'needs "from" and "to" as HH:MM' })
  .refine(({ from, to }) => from < to, { error: '"from" must be before "to"' });
/** An opening from `from` to `to`, local times "HH:MM" on one day. */
export type Interval = z.infer<typeof Interval>;

const TIME_ZONE = { error: 'must be an IANA time zone such as Europe/Berlin' };
const Openings = z.array(Interval, { error: 'must be a list of {"from", "to"}' });
const Day = Openings.default([]);

/**
 * A schedule as the data files write it (`hours.json`, and the offers'
 * `consultations.json` and `hotline.json`): `timeZone`, `weekly` intervals per
 * weekday, dated `exceptions`, or `alwaysOpen`.
 */
export const Schedule = z
  .object({
    /** IANA time zone, e.g. Europe/Berlin. */
    timeZone: z
      .string(TIME_ZONE)
      .refine((zone) => IANAZone.isValidZone(zone), TIME_ZONE)
      .default(DEFAULT_TIME_ZONE),
    /** A team that answers around the clock: always open (anything but `true` is not). */
    alwaysOpen: z.boolean().catch(false),
    weekly: z
      .strictObject(
        { mon: Day, tue: Day, wed: Day, thu: Day, fri: Day, sat: Day, sun: Day },
        {
          error: (issue) =>
            issue.code === 'unrecognized_keys'
              ? `has ${issue.keys.map((day) => `"${day}"`).join(', ')}; use ${WEEKDAYS.join(', ')}`
              : `must hold opening hours per day (${WEEKDAYS.join(', ')})`,
        },
      )
      .prefault({}),
    /** Days that differ from the week: holidays (no intervals: closed) or special hours. */
    exceptions: z
      .record(z.string(), Openings, { error: 'must hold opening hours per date YYYY-MM-DD' })
      .superRefine((exceptions, ctx) => {
        const notDates = Object.keys(exceptions).filter(
          (day) => !DATE.test(day) || !DateTime.fromISO(day).isValid,
        );
        if (notDates.length > 0) {
          const named = notDates.map((day) => `"${day}"`).join(', ');
          ctx.addIssue({ code: 'custom', message: `has ${named}; use dates YYYY-MM-DD` });
        }
      })
      .default({}),
  })
  .refine((hours) => hours.alwaysOpen || WEEKDAYS.some((day) => hours.weekly[day].length > 0), {
    error: 'no opening hours in "weekly" (or set "alwaysOpen": true)',
  });

/** When counsellors are there: a weekly schedule with dated exceptions, in one time zone. */
export type OpeningHours = z.infer<typeof Schedule>;

/**
 * Reads `<dataDir>/hours.json`; undefined when the organisation gives no
 * hours (the bot then links its hours page instead of naming times).
 */
export function loadHours(dataDir: string): OpeningHours | undefined {
  const file = path.join(dataDir, 'hours.json');
  if (!existsSync(file)) return undefined;
  return parseData(Schedule, readJson(file), `Data: ${file}:`);
}

/** The openings of one local day, as instants. */
export function openingsOn(
  hours: OpeningHours,
  day: DateTime,
): Array<{ start: DateTime; end: DateTime }> {
  const date = day.toISODate() ?? '';
  const list = hours.exceptions[date] ?? hours.weekly[WEEKDAYS[day.weekday - 1]!];
  return list.map(({ from, to }) => {
    const [fromHour, fromMinute] = from.split(':').map(Number);
    const [toHour, toMinute] = to.split(':').map(Number);
    return {
      start: day.set({ hour: fromHour, minute: fromMinute, second: 0, millisecond: 0 }),
      end: day.set({ hour: toHour, minute: toMinute, second: 0, millisecond: 0 }),
    };
  });
}

/** Whether the service point is open at `at`. */
export function isOpen(hours: OpeningHours, at: Date): boolean {
  if (hours.alwaysOpen) return true;
  const now = DateTime.fromJSDate(at, { zone: hours.timeZone });
  return openingsOn(hours, now.startOf('day')).some(({ start, end }) => start <= now && now < end);
}

/** The next time it opens after `at` (`at` itself when open), or undefined within the horizon. */
export function nextOpening(hours: OpeningHours, at: Date): Date | undefined {
  if (isOpen(hours, at)) return at;
  const now = DateTime.fromJSDate(at, { zone: hours.timeZone });
  for (let offset = 0; offset <= NEXT_OPENING_HORIZON_DAYS; offset += 1) {
    const day = now.startOf('day').plus({ days: offset });
    const next = openingsOn(hours, day)
      .map(({ start }) => start)
      .filter((start) => start > now)
      .sort((a, b) => a.toMillis() - b.toMillis())[0];
    if (next) return next.toJSDate();
  }
  return undefined;
}

/** A time as people in `locale` say it, in the service point's time zone: "Montag, 09:00". */
export function describeTime(at: Date, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    // Appointments in Germany follow the Gregorian calendar, also when told in Persian.
    calendar: 'gregory',
  }).format(at);
}
