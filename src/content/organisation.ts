import path from 'node:path';
import { isHttpsUrl } from './catalogue';
import { readJson } from './files';
import { ContentError } from './files';

/** The organisation's own details, inserted into texts as `{{org.*}}`. */
export interface Organisation {
  name: string;
  address: string;
  phone: string;
  email: string;
  website: string;
  region: string;
  consultationPlace: string;
  hoursUrl: string;
  hotlinePhone: string;
  /** The widget's colours: `primary` for the header and the user's bubbles, `onPrimary` for text on it. */
  colours: { primary: string; onPrimary: string };
  /** Languages counselling is offered in (ISO 639 codes), when the organisation names them. */
  languages?: string[];
}

/** Colours used when `organisation.json` names none (contrast 8.6:1). */
export const DEFAULT_COLOURS = { primary: '#1d4f91', onPrimary: '#ffffff' } as const;
const COLOUR = /^#[0-9a-fA-F]{6}$/;

const TEXT_FIELDS = [
  'name',
  'address',
  'phone',
  'email',
  'region',
  'consultationPlace',
  'hotlinePhone',
] as const;
const URL_FIELDS = ['website', 'hoursUrl'] as const;

/** Reads and validates `<dataDir>/organisation.json`; errors name the file and field. */
export function loadOrganisation(dataDir: string): Organisation {
  const file = path.join(dataDir, 'organisation.json');
  const raw = readJson(file) as Record<string, unknown>;
  for (const field of TEXT_FIELDS) {
    if (typeof raw[field] !== 'string' || (raw[field] as string).trim() === '') {
      throw new ContentError(`Data: ${file}: "${field}" must be a non-empty text`);
    }
  }
  for (const field of URL_FIELDS) {
    if (!isHttpsUrl(raw[field]))
      throw new ContentError(`Data: ${file}: "${field}" must be an https URL`);
  }
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(raw.email as string)) {
    throw new ContentError(`Data: ${file}: "email" is not an e-mail address`);
  }
  const organisation = {} as Record<string, unknown>;
  for (const field of [...TEXT_FIELDS, ...URL_FIELDS]) organisation[field] = raw[field] as string;
  const colours = (raw.colours ?? {}) as Record<string, unknown>;
  organisation.colours = { ...DEFAULT_COLOURS };
  for (const key of ['primary', 'onPrimary'] as const) {
    if (colours[key] === undefined) continue;
    if (typeof colours[key] !== 'string' || !COLOUR.test(colours[key])) {
      throw new ContentError(`Data: ${file}: "colours.${key}" must be a colour like #1d4f91`);
    }
    (organisation.colours as Record<string, string>)[key] = colours[key];
  }
  if (raw.languages !== undefined) {
    const languages = raw.languages;
    if (
      !Array.isArray(languages) ||
      languages.length === 0 ||
      !languages.every((code) => typeof code === 'string' && /^[a-z]{2,3}$/.test(code))
    ) {
      throw new ContentError(
        `Data: ${file}: "languages" must be a list of language codes such as ["de", "ar"]`,
      );
    }
    organisation.languages = languages;
  }
  return organisation as unknown as Organisation;
}
