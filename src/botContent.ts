import type { i18n } from 'i18next';
import { createI18n } from './language/i18n';
import { SUPPORTED_LANGUAGES, type Language } from './language/languages';
import { Recognizers, type RecognizerWords } from './language/recognizers';
import { loadRegisters, type Registers } from './content/register';
import { loadOffers, type Offers } from './offers/data';
import { loadPartners, type Partner } from './partners/partners';
import { loadCatalogue, type Catalogue } from './content/catalogue';
import { DEFAULT_TIME_ZONE, loadHours, type OpeningHours } from './content/hours';
import { loadLocales } from './content/locales';
import { loadOrganisation, type Organisation } from './content/organisation';

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
  return {
    i18n: createI18n(resources, { org: organisation }),
    catalogue: loadCatalogue(localesDir),
    organisation,
    hours,
    recognizers: new Recognizers(words),
    registers: loadRegisters(localesDir),
    partners: loadPartners(dataDir),
    offers,
    timeZone: hours?.timeZone ?? offers.consultations?.schedule.timeZone ?? DEFAULT_TIME_ZONE,
  };
}
