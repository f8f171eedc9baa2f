import { existsSync } from 'node:fs';
import path from 'node:path';
import { DateTime, IANAZone } from 'luxon';
import { ContentError, readJson } from './files';

/** The days of `weekly`, Monday first (ISO weekday 1–7). */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
/** One of {@link WEEKDAYS}. */
export type Weekday = (typeof WEEKDAYS)[number];
/** How far ahead the next opening is looked for. */
export const NEXT_OPENING_HORIZON_DAYS = 60;
/** The time zone of a service point that names none (the project started in Leipzig). */
export const DEFAULT_TIME_ZONE = 'Europe/Berlin';

/** An opening from `from` to `to`, local times "HH:MM" on one day. */
export interface Interval {
  from: string;
  to: string;
}

/** When counsellors are there: a weekly schedule with dated exceptions, in one time zone. */
export interface OpeningHours {
  /** IANA time zone, e.g. Europe/Berlin. */
  timeZone: string;
  /** A team that answers around the clock: always open. */
  alwaysOpen: boolean;
  weekly: Record<Weekday, Interval[]>;
  /** Days that differ from the week: holidays (no intervals: closed) or special hours. */
  exceptions: Record<string, Interval[]>;
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function intervals(raw: unknown, where: string): Interval[] {
  if (!Array.isArray(raw)) throw new ContentError(`${where} must be a list of {"from", "to"}`);
  return raw.map((item: unknown, index) => {
    const { from, to } = (item ?? {}) as Record<string, unknown>;
    if (typeof from !== 'string' || typeof to !== 'string' || !TIME.test(from) || !TIME.test(to)) {
      throw new ContentError(`${where}[${index}] needs "from" and "to" as HH:MM`);
    }
    if (from >= to) throw new ContentError(`${where}[${index}]: "from" must be before "to"`);
    return { from, to };
  });
}

/**
 * Reads `<dataDir>/hours.json`; undefined when the organisation gives no
 * hours (the bot then links its hours page instead of naming times).
 */
export function loadHours(dataDir: string): OpeningHours | undefined {
  const file = path.join(dataDir, 'hours.json');
  if (!existsSync(file)) return undefined;
  return parseSchedule(readJson(file) as Record<string, unknown>, `Data: ${file}:`);
}

/**
 * A schedule as the data files write it: `timeZone`, `weekly` intervals per
 * weekday, dated `exceptions`, or `alwaysOpen`. Errors start with `where`.
 */
export function parseSchedule(raw: Record<string, unknown>, where: string): OpeningHours {
  const timeZone = raw.timeZone ?? 'Europe/Berlin';
  if (typeof timeZone !== 'string' || !IANAZone.isValidZone(timeZone)) {
    throw new ContentError(`${where} "timeZone" must be an IANA time zone such as Europe/Berlin`);
  }
  const alwaysOpen = raw.alwaysOpen === true;
  const weeklyRaw = (raw.weekly ?? {}) as Record<string, unknown>;
  for (const day of Object.keys(weeklyRaw)) {
    if (!(WEEKDAYS as readonly string[]).includes(day)) {
      throw new ContentError(`${where} "weekly" has "${day}"; use ${WEEKDAYS.join(', ')}`);
    }
  }
  const weekly = {} as Record<Weekday, Interval[]>;
  for (const day of WEEKDAYS)
    weekly[day] = intervals(weeklyRaw[day] ?? [], `${where} weekly.${day}`);
  const exceptions: Record<string, Interval[]> = {};
  for (const [date, value] of Object.entries((raw.exceptions ?? {}) as Record<string, unknown>)) {
    if (!DATE.test(date) || !DateTime.fromISO(date).isValid) {
      throw new ContentError(`${where} exception "${date}" is not a date YYYY-MM-DD`);
    }
    exceptions[date] = intervals(value, `${where} exceptions.${date}`);
  }
  if (!alwaysOpen && WEEKDAYS.every((day) => weekly[day].length === 0)) {
    throw new ContentError(`${where} no opening hours in "weekly" (or set "alwaysOpen": true)`);
  }
  return { timeZone, alwaysOpen, weekly, exceptions };
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
