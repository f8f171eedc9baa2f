import type { ConversationReference } from 'botbuilder';
import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';
import type { TopicId } from '../content/topics';
import type { ContactRequest } from '../handover/records';
import type { Language } from '../language/languages';

/** A referral to a network partner, given with consent; a counsellor forwards it. */
export interface Referral extends ContactRequest {
  partnerId: string;
  partnerName: string;
  topics: TopicId[];
  description?: string;
}

/** An appointment request for the consultation hours. */
export interface AppointmentRequest extends ContactRequest {
  /** Start of the slot, epoch ms. */
  start: number;
  minutes: number;
  place: string;
  status: 'requested' | 'confirmed' | 'declined';
  /** How to tell the user when a counsellor confirms or declines. */
  reference: Partial<ConversationReference>;
}

/** The parsers of typed days and times, where chrono-node has the language. */
const PARSERS: Partial<Record<Language, chrono.Chrono>> = {
  en: chrono.en.casual,
  de: chrono.de.casual,
  'de-simple': chrono.de.casual,
  ar: chrono.ar.casual,
  ru: chrono.ru.casual,
  uk: chrono.uk.casual,
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
