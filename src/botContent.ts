import type { i18n, Resource } from 'i18next';
import { createI18n } from './language/i18n';
import { SUPPORTED_LANGUAGES, type Language } from './language/languages';
import { Recognizers, type RecognizerWords } from './language/recognizers';
import { loadRegisters, type Registers } from './content/register';
import { loadOffers, type Offers } from './offers/data';
import { loadPartners, type Partner } from './partners/partners';
import {
  loadCatalogue,
  offeredCatalogue,
  type Catalogue,
  type Requirement,
} from './content/catalogue';
import { DEFAULT_TIME_ZONE, loadHours, type OpeningHours } from './content/hours';
import { loadLocales } from './content/locales';
import { loadLanguageReviews } from './content/languageReviews';
import { loadOrganisation, ORGANISATION_DETAILS, type Organisation } from './content/organisation';

/** Everything the bot says and knows, loaded once at start. */
export interface BotContent {
  i18n: i18n;
  catalogue: Catalogue;
  organisation: Organisation;
  /** Counselling hours (`data/hours.json`), or undefined when the organisation names none. */
  hours: OpeningHours | undefined;
  recognizers: Recognizers;
  /** How each language addresses each reader (`locales/registers.json`). */
  registers: Registers;
  /** Network partners (`data/partners.json`), empty when the organisation lists none. */
  partners: Partner[];
  /** Consultation hours, hotline, events and orientation routes (`data/`). */
  offers: Offers;
  /** The service point's time zone: of its hours, else of its consultations, else Europe/Berlin. */
  timeZone: string;
  /** Languages whose texts no native speaker has reviewed yet (`locales/languages.json`). */
  unreviewed: ReadonlySet<Language>;
}

/**
 * The texts without the lines that name an organisation detail the
 * organisation does not declare ("Hotline für Betriebe: {{org.hotlinePhone}}"
 * where it runs no hotline), so no text claims what it does not offer.
 */
function withoutUndeclared(resources: Resource, organisation: Organisation): Resource {
  const details = organisation as unknown as Record<string, unknown>;
  const undeclared = Object.keys(ORGANISATION_DETAILS).filter(
    (detail) => details[detail] === undefined,
  );
  if (undeclared.length === 0) return resources;
  const names = new RegExp(`{{\\s*org\\.(${undeclared.join('|')})\\s*}}`);
  const prune = (node: unknown): unknown => {
    if (typeof node === 'string') {
      return names.test(node)
        ? node
            .split('\n')
            .filter((line) => !names.test(line))
            .join('\n')
        : node;
    }
    if (Array.isArray(node) || typeof node !== 'object' || node === null) return node;
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, prune(value)]));
  };
  return prune(resources) as Resource;
}

/** Loads and validates `locales/` and the organisation's `data/`; errors name the file. */
export function createContent(localesDir: string, dataDir: string): BotContent {
  const organisation = loadOrganisation(dataDir);
  const hours = loadHours(dataDir);
  const resources = loadLocales(localesDir, SUPPORTED_LANGUAGES);
  const words = {} as Record<Language, RecognizerWords>;
  for (const language of SUPPORTED_LANGUAGES) {
    words[language] = resources[language]?.recognizers as unknown as RecognizerWords;
  }
  const offers = loadOffers(dataDir, organisation.hotlinePhone);
  const declared = new Set<Requirement>(offers.hotline ? ['hotline'] : []);
  return {
    i18n: createI18n(withoutUndeclared(resources, organisation), { org: organisation }),
    catalogue: offeredCatalogue(loadCatalogue(localesDir), declared),
    organisation,
    hours,
    recognizers: new Recognizers(words),
    registers: loadRegisters(localesDir),
    partners: loadPartners(dataDir),
    offers,
    timeZone: hours?.timeZone ?? offers.consultations?.schedule.timeZone ?? DEFAULT_TIME_ZONE,
    unreviewed: loadLanguageReviews(localesDir).unreviewed,
  };
}
