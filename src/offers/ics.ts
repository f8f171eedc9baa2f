import { createEvent, type EventAttributes } from 'ics';

/** What a calendar file says: when, how long, what and where. */
export interface CalendarEntry {
  /** A stable id, so that importing twice updates rather than duplicates. */
  uid: string;
  title: string;
  start: Date;
  end: Date;
  location?: string;
  description?: string;
  url?: string;
}

const utc = (date: Date): [number, number, number, number, number] => [
  date.getUTCFullYear(),
  date.getUTCMonth() + 1,
  date.getUTCDate(),
  date.getUTCHours(),
  date.getUTCMinutes(),
];

/** An iCalendar (.ics) file for one entry, times in UTC (every calendar app converts them). */
export function calendarFile(entry: CalendarEntry): string {
  const attributes: EventAttributes = {
    uid: entry.uid,
    title: entry.title,
    start: utc(entry.start),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: utc(entry.end),
    endInputType: 'utc',
    endOutputType: 'utc',
    ...(entry.location ? { location: entry.location } : {}),
    ...(entry.description ? { description: entry.description } : {}),
    ...(entry.url ? { url: entry.url } : {}),
    productId: 'kausa-bot',
  };
  const { error, value } = createEvent(attributes);
  if (error || !value) throw error ?? new Error('calendar file could not be made');
  return value;
}
