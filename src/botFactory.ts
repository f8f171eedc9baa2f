import { ConversationState, UserState, type Storage, type TurnContext } from 'botbuilder';
import type { i18n } from 'i18next';
import { KausaBot } from './bot';
import { loadCatalogue, type Catalogue } from './content/catalogue';
import { loadHours, type OpeningHours } from './content/hours';
import { loadLocales } from './content/locales';
import { loadOrganisation, type Organisation } from './content/organisation';
import { createI18n } from './language/i18n';
import { SUPPORTED_LANGUAGES, type Language } from './language/languages';
import { Recognizers, type RecognizerWords } from './language/recognizers';
import type { Understander } from './nlu/understand';
import type { UnansweredLog } from './nlu/unanswered';
import { loadPartners, type Partner } from './partners/partners';
import { loadOffers, type Offers } from './offers/data';
import { OptimisticStorage } from './storage/optimistic';
import type { Statistics } from './stats/statistics';
import type { HandoverDialogDeps } from '../dialogs/handoverDialog';
import { MainDialog } from '../dialogs/mainDialog';
import { Ui } from './ui/ui';

/** Everything the bot says and knows, loaded once at start. */
export interface BotContent {
  i18n: i18n;
  catalogue: Catalogue;
  organisation: Organisation;
  /** Counselling hours (`data/hours.json`), or undefined when the organisation names none. */
  hours: OpeningHours | undefined;
  recognizers: Recognizers;
  /** Network partners (`data/partners.json`), empty when the organisation lists none. */
  partners: Partner[];
  /** Consultation hours, hotline, events and orientation routes (`data/`). */
  offers: Offers;
}

/** Loads and validates `locales/` and the organisation's `data/`; errors name the file. */
export function loadContent(localesDir: string, dataDir: string): BotContent {
  const organisation = loadOrganisation(dataDir);
  const hours = loadHours(dataDir);
  const resources = loadLocales(localesDir, SUPPORTED_LANGUAGES);
  const words = {} as Record<Language, RecognizerWords>;
  for (const language of SUPPORTED_LANGUAGES) {
    words[language] = resources[language]?.recognizers as unknown as RecognizerWords;
  }
  return {
    i18n: createI18n(resources, { org: organisation }),
    catalogue: loadCatalogue(localesDir),
    organisation,
    hours,
    recognizers: new Recognizers(words),
    partners: loadPartners(dataDir),
    offers: loadOffers(dataDir, organisation.hotlinePhone),
  };
}

/** Options of {@link createKausaBot}. */
export interface BotOptions {
  stateTtlDays: number;
  understander: Understander;
  unanswered: UnansweredLog;
  /** Forgets the channel's copy of a conversation on "delete my data". */
  forget?(context: TurnContext): Promise<void>;
  /** The handover to counsellors (queue, hours, callbacks) and the transcript it hands on. */
  handover?: HandoverDialogDeps;
  /** PUBLIC_URL, for links to the bot's calendar files ("" for relative links). */
  publicUrl?: string;
  /** The clock of the dialogs (tests set it). */
  now?: () => number;
  /** Anonymous counts for the service point's reports. */
  stats?: Statistics;
}

/** Builds the bot with its states and dialogs on `storage`. */
export function createKausaBot(
  storage: Storage,
  content: BotContent,
  options: BotOptions,
): KausaBot {
  const ui = new Ui(content.i18n);
  // Each turn writes back the eTag it read: a concurrent turn elsewhere is detected and redone.
  const stateStorage = new OptimisticStorage(storage);
  return new KausaBot({
    conversationState: new ConversationState(stateStorage),
    userState: new UserState(stateStorage),
    ui,
    recognizers: content.recognizers,
    understander: options.understander,
    stateTtlDays: options.stateTtlDays,
    forget: options.forget,
    ...(options.stats ? { stats: options.stats } : {}),
    handover: options.handover?.service,
    createDialog: (accessors) =>
      new MainDialog({
        ui,
        recognizers: content.recognizers,
        catalogue: content.catalogue,
        understander: options.understander,
        unanswered: options.unanswered,
        handover: options.handover,
        partners: content.partners,
        offers: content.offers,
        publicUrl: options.publicUrl ?? '',
        ...(options.now ? { now: options.now } : {}),
        ...(options.stats ? { stats: options.stats } : {}),
        ...accessors,
      }),
  });
}
