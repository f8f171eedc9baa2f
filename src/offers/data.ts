import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { readJson } from '../content/files';
import { Schedule, type OpeningHours } from '../content/hours';
import {
  contentError,
  dateTime,
  httpsUrl,
  listOf,
  localized,
  numberFrom,
  parseData,
  Source,
  text,
  uniqueIds,
} from '../content/schemas';
import { AUDIENCES } from '../content/topics';

const ID = /^[a-z0-9][a-z0-9-]{1,60}$/;
const UNIQUE_ID = 'must be a unique lowercase id';
const id = text.regex(ID, { error: UNIQUE_ID });
const REQUIRED_TEXT_LANGUAGES = ['en'] as const;

/** `consultations.json`, besides its schedule: `slotMinutes`, `place` and `address`. */
const ConsultationDetails = z.object({
  /** Length of one appointment. */
  slotMinutes: numberFrom(10, 240),
  /** Where they take place. */
  place: text,
  address: text.optional(),
});

/** Consultation hours in which people can ask for an appointment. */
export type Consultations = z.infer<typeof ConsultationDetails> & { schedule: OpeningHours };

/** The telephone hotline for small companies. */
export interface Hotline {
  phone: string;
  /** When it is answered; undefined: no fixed times are known (the number is still given). */
  schedule?: OpeningHours;
}

/** `hotline.json`: `phone` and, when it names hours (`weekly` or `alwaysOpen`), a schedule. */
const HotlineFile = z.object({
  phone: text,
  weekly: z.unknown().optional(),
  alwaysOpen: z.unknown().optional(),
});

/** A fair or information event. */
const OfferEvent = z
  .object({
    id,
    title: localized(REQUIRED_TEXT_LANGUAGES),
    description: localized(REQUIRED_TEXT_LANGUAGES).optional(),
    audiences: listOf(z.enum(AUDIENCES), AUDIENCES.join(', ')),
    /** ISO date-times with offset. */
    start: dateTime,
    end: dateTime.optional(),
    place: text,
    address: text.optional(),
    url: httpsUrl.optional(),
    source: Source,
  })
  .refine((event) => event.end === undefined || Date.parse(event.end) > Date.parse(event.start), {
    path: ['end'],
    error: 'must be after "start"',
  });
/** A fair or information event. */
export type OfferEvent = z.infer<typeof OfferEvent>;

/** `events.json`: `{"events": [...]}`. */
const EventsFile = z.object({
  events: z.array(OfferEvent, { error: 'must be a list' }).superRefine(uniqueIds(UNIQUE_ID)),
});

/** A stop of an orientation route. */
const RouteStop = z.object({
  name: text,
  /** What young people can see there. */
  see: localized(REQUIRED_TEXT_LANGUAGES),
  address: text,
  lat: numberFrom(-90, 90),
  lon: numberFrom(-180, 180),
});
/** A stop of an orientation route. */
export type RouteStop = z.infer<typeof RouteStop>;

/** An orientation route (`routes/<name>.json`): companies or workshops of one occupational field. */
const OrientationRoute = z.object({
  id,
  /** The occupational field, e.g. "Handwerk", in every language shown. */
  field: localized(REQUIRED_TEXT_LANGUAGES),
  title: localized(REQUIRED_TEXT_LANGUAGES),
  stops: z.array(RouteStop, { error: 'must list at least 2 stops' }).min(2, {
    error: 'must list at least 2 stops',
  }),
  source: Source,
});
/** An orientation route: companies or workshops of one occupational field. */
export type OrientationRoute = z.infer<typeof OrientationRoute>;

/** What the service point offers besides answers, from `data/`. */
export interface Offers {
  consultations?: Consultations;
  /** The company hotline, when `hotline.json` or the organisation's `hotlinePhone` declares one. */
  hotline?: Hotline;
  events: OfferEvent[];
  routes: OrientationRoute[];
}

/** The parsed JSON of `<dataDir>/<name>`, or undefined when there is no such file. */
function optionalFile(dataDir: string, name: string): unknown {
  const file = path.join(dataDir, name);
  return existsSync(file) ? readJson(file) : undefined;
}

/** `consultations.json`: a schedule plus `slotMinutes` and `place`. */
function loadConsultations(dataDir: string): Consultations | undefined {
  const raw = optionalFile(dataDir, 'consultations.json');
  if (raw === undefined) return undefined;
  const where = `Data: ${path.join(dataDir, 'consultations.json')}:`;
  const schedule = parseData(Schedule, raw, where);
  return { schedule, ...parseData(ConsultationDetails, raw, where) };
}

/** `hotline.json`: `phone` and, if known, a schedule; else the organisation's hotline number. */
function loadHotline(dataDir: string, fallbackPhone: string | undefined): Hotline | undefined {
  const raw = optionalFile(dataDir, 'hotline.json');
  if (raw === undefined) return fallbackPhone === undefined ? undefined : { phone: fallbackPhone };
  const where = `Data: ${path.join(dataDir, 'hotline.json')}:`;
  const hotline = parseData(HotlineFile, raw, where);
  return hotline.weekly || hotline.alwaysOpen
    ? { phone: hotline.phone, schedule: parseData(Schedule, raw, where) }
    : { phone: hotline.phone };
}

function loadEvents(dataDir: string): OfferEvent[] {
  const raw = optionalFile(dataDir, 'events.json');
  if (raw === undefined) return [];
  return parseData(EventsFile, raw, `Data: ${path.join(dataDir, 'events.json')}:`).events;
}

function loadRoutes(dataDir: string): OrientationRoute[] {
  const dir = path.join(dataDir, 'routes');
  if (!existsSync(dir)) return [];
  const seen = new Set<string>();
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((name) => {
      const file = path.join(dir, name);
      const route = parseData(OrientationRoute, readJson(file), `Data: ${file}:`);
      // Each route is a file of its own, so their ids are compared here.
      if (seen.has(route.id)) throw contentError(`Data: ${file}:`, ['id'], UNIQUE_ID);
      seen.add(route.id);
      return route;
    });
}

/** Reads and validates the offers' data files; each is optional. */
export function loadOffers(dataDir: string, hotlinePhone: string | undefined): Offers {
  const consultations = loadConsultations(dataDir);
  const hotline = loadHotline(dataDir, hotlinePhone);
  return {
    ...(consultations ? { consultations } : {}),
    ...(hotline ? { hotline } : {}),
    events: loadEvents(dataDir),
    routes: loadRoutes(dataDir),
  };
}
