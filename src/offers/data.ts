import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Fields, type LocalizedText, type Source } from '../content/fields';
import { ContentError, readJson } from '../content/files';
import { parseSchedule, type OpeningHours } from '../content/hours';
import { AUDIENCES, type Audience } from '../content/topics';

/** Consultation hours in which people can ask for an appointment. */
export interface Consultations {
  schedule: OpeningHours;
  /** Length of one appointment. */
  slotMinutes: number;
  /** Where they take place. */
  place: string;
  address?: string;
}

/** The telephone hotline for small companies. */
export interface Hotline {
  phone: string;
  /** When it is answered; undefined: no fixed times are known (the number is still given). */
  schedule?: OpeningHours;
}

/** A fair or information event. */
export interface OfferEvent {
  id: string;
  title: LocalizedText;
  description?: LocalizedText;
  audiences: Audience[];
  /** ISO date-times with offset. */
  start: string;
  end?: string;
  place: string;
  address?: string;
  url?: string;
  source: Source;
}

/** A stop of an orientation route. */
export interface RouteStop {
  name: string;
  /** What young people can see there. */
  see: LocalizedText;
  address: string;
  lat: number;
  lon: number;
}

/** An orientation route: companies or workshops of one occupational field. */
export interface OrientationRoute {
  id: string;
  /** The occupational field, e.g. "Handwerk", in every language shown. */
  field: LocalizedText;
  title: LocalizedText;
  stops: RouteStop[];
  source: Source;
}

/** What the service point offers besides answers, from `data/`. */
export interface Offers {
  consultations?: Consultations;
  hotline: Hotline;
  events: OfferEvent[];
  routes: OrientationRoute[];
}

const ID = /^[a-z0-9][a-z0-9-]{1,60}$/;
const REQUIRED_TEXT_LANGUAGES = ['en'] as const;

function optionalFile(dataDir: string, name: string): Record<string, unknown> | undefined {
  const file = path.join(dataDir, name);
  return existsSync(file) ? (readJson(file) as Record<string, unknown>) : undefined;
}

/** `consultations.json`: a schedule plus `slotMinutes` and `place`. */
function loadConsultations(dataDir: string): Consultations | undefined {
  const raw = optionalFile(dataDir, 'consultations.json');
  if (!raw) return undefined;
  const where = `Data: ${path.join(dataDir, 'consultations.json')}:`;
  const fields = new Fields(raw, where);
  const address = fields.optionalText('address');
  return {
    schedule: parseSchedule(raw, where),
    slotMinutes: fields.number('slotMinutes', 10, 240),
    place: fields.text('place'),
    ...(address ? { address } : {}),
  };
}

/** `hotline.json`: `phone` and, if known, a schedule; else the organisation's hotline number. */
function loadHotline(dataDir: string, fallbackPhone: string): Hotline {
  const raw = optionalFile(dataDir, 'hotline.json');
  if (!raw) return { phone: fallbackPhone };
  const where = `Data: ${path.join(dataDir, 'hotline.json')}:`;
  const phone = new Fields(raw, where).text('phone');
  return raw.weekly || raw.alwaysOpen ? { phone, schedule: parseSchedule(raw, where) } : { phone };
}

function loadEvents(dataDir: string): OfferEvent[] {
  const file = path.join(dataDir, 'events.json');
  const raw = optionalFile(dataDir, 'events.json');
  if (!raw) return [];
  if (!Array.isArray(raw.events)) throw new ContentError(`Data: ${file}: "events" must be a list`);
  const seen = new Set<string>();
  return raw.events.map((entry: Record<string, unknown>, index) => {
    const fields = new Fields(entry, `Data: ${file}: events[${index}]`);
    const id = fields.text('id');
    if (!ID.test(id) || seen.has(id)) fields.fail('id', 'must be a unique lowercase id');
    seen.add(id);
    const start = fields.dateTime('start');
    const end = entry.end === undefined ? undefined : fields.dateTime('end');
    if (end !== undefined && Date.parse(end) <= Date.parse(start))
      fields.fail('end', 'must be after "start"');
    const optional = {
      description:
        entry.description === undefined
          ? undefined
          : fields.localized('description', REQUIRED_TEXT_LANGUAGES),
      end,
      address: fields.optionalText('address'),
      url: fields.optionalUrl('url'),
    };
    return {
      id,
      title: fields.localized('title', REQUIRED_TEXT_LANGUAGES),
      audiences: fields.list<Audience>(
        'audiences',
        (item) => (AUDIENCES as readonly string[]).includes(item),
        AUDIENCES.join(', '),
      ),
      start,
      place: fields.text('place'),
      ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)),
      source: fields.source(),
    } as OfferEvent;
  });
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
      const raw = readJson(file) as Record<string, unknown>;
      const fields = new Fields(raw, `Data: ${file}:`);
      const id = fields.text('id');
      if (!ID.test(id) || seen.has(id)) fields.fail('id', 'must be a unique lowercase id');
      seen.add(id);
      if (!Array.isArray(raw.stops) || raw.stops.length < 2)
        fields.fail('stops', 'must list at least 2 stops');
      const stops = (raw.stops as Array<Record<string, unknown>>).map((stop, index) => {
        const stopFields = new Fields(stop, `Data: ${file}: stops[${index}]`);
        return {
          name: stopFields.text('name'),
          see: stopFields.localized('see', REQUIRED_TEXT_LANGUAGES),
          address: stopFields.text('address'),
          lat: stopFields.number('lat', -90, 90),
          lon: stopFields.number('lon', -180, 180),
        };
      });
      return {
        id,
        field: fields.localized('field', REQUIRED_TEXT_LANGUAGES),
        title: fields.localized('title', REQUIRED_TEXT_LANGUAGES),
        stops,
        source: fields.source(),
      };
    });
}

/** Reads and validates the offers' data files; each is optional. */
export function loadOffers(dataDir: string, hotlinePhone: string): Offers {
  const consultations = loadConsultations(dataDir);
  return {
    ...(consultations ? { consultations } : {}),
    hotline: loadHotline(dataDir, hotlinePhone),
    events: loadEvents(dataDir),
    routes: loadRoutes(dataDir),
  };
}
