import path from 'node:path';
import { z } from 'zod';
import { readJson } from './files';
import { email, httpsUrl, listOf, parseData, text } from './schemas';

/** Colours used when `organisation.json` names none (contrast 8.6:1). */
export const DEFAULT_COLOURS = { primary: '#1d4f91', onPrimary: '#ffffff' } as const;

const COLOUR = { error: 'must be a colour like #1d4f91' };
const colour = z.string(COLOUR).regex(/^#[0-9a-fA-F]{6}$/, COLOUR);

/** `organisation.json`: the organisation's own details, inserted into texts as `{{org.*}}`. */
const OrganisationFile = z.object({
  name: text,
  address: text,
  phone: text,
  email,
  region: text,
  consultationPlace: text,
  /**
   * The telephone hotline for companies, when the organisation runs one (not
   * its office number). Without it, texts never mention a hotline.
   */
  hotlinePhone: text.optional(),
  /**
   * True when the profile is an example (the shipped one: the Leipzig service
   * point ended in 2022): the bot and the widget say so plainly.
   */
  example: z.boolean({ error: 'must be true or false' }).default(false),
  website: httpsUrl,
  hoursUrl: httpsUrl,
  /** The widget's colours: `primary` for the header and the user's bubbles, `onPrimary` for text on it. */
  colours: z
    .object(
      {
        primary: colour.default(DEFAULT_COLOURS.primary),
        onPrimary: colour.default(DEFAULT_COLOURS.onPrimary),
      },
      { error: 'must be {"primary", "onPrimary"}' },
    )
    .prefault({}),
  /** Languages counselling is offered in (ISO 639 codes), when the organisation names them. */
  languages: listOf(
    z.string().regex(/^[a-z]{2,3}$/),
    'language codes such as ["de", "ar"]',
  ).optional(),
});

/** The details texts may name as `{{org.<detail>}}`. */
export const ORGANISATION_DETAILS = OrganisationFile.shape;

/** The organisation's own details, inserted into texts as `{{org.*}}`. */
export type Organisation = z.infer<typeof OrganisationFile>;

/** Reads and validates `<dataDir>/organisation.json`; errors name the file and field. */
export function loadOrganisation(dataDir: string): Organisation {
  const file = path.join(dataDir, 'organisation.json');
  return parseData(OrganisationFile, readJson(file), `Data: ${file}:`);
}
