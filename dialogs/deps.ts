import type { StatePropertyAccessor } from 'botbuilder';
import type { Catalogue } from '../src/content/catalogue';
import type { TopicId } from '../src/content/topics';
import type { UserProfile } from '../src/state';
import type { Recognizers } from '../src/language/recognizers';
import type { Understander } from '../src/nlu/understand';
import type { UnansweredLog } from '../src/nlu/unanswered';
import type { Activity, TurnContext } from 'botbuilder';
import type { HandoverService } from '../src/handover/service';
import type { Ui } from '../src/ui/ui';
import type { Offers } from '../src/offers/data';
import type { Statistics } from '../src/stats/statistics';
import type { Partner } from '../src/partners/partners';

export type { UserProfile } from '../src/state';

/** What every dialog needs, handed in by the composition root. */
export interface DialogDeps {
  ui: Ui;
  recognizers: Recognizers;
  catalogue: Catalogue;
  userProfile: StatePropertyAccessor<UserProfile>;
  /** The topic answered last in this conversation, for a typed "more". */
  lastTopic: StatePropertyAccessor<TopicId | undefined>;
  /** Free-text messages in a row the bot did not understand. */
  misses: StatePropertyAccessor<number>;
  /** Reads free text (the pipeline has usually read this turn's message already). */
  understander: Understander;
  /** Where questions the bot could not answer are kept, anonymously. */
  unanswered: UnansweredLog;
  /** The topics answered last in this conversation, newest last (for a counsellor's ticket). */
  recentTopics: StatePropertyAccessor<TopicId[]>;
  /** The conversation's open handover ticket, while there is one. */
  openTicket: StatePropertyAccessor<string | undefined>;
  /** The handover to a person (queue, hours, callbacks, referrals, appointments). */
  handover: HandoverDialogDeps;
  /** The network partners (`data/partners.json`). */
  partners: readonly Partner[];
  /** Consultation hours, hotline, events and routes (`data/`). */
  offers: Offers;
  /** Where links to the bot's own files (calendar files) start: PUBLIC_URL, or "" for relative links. */
  publicUrl: string;
  /** The clock (tests set it). */
  now?: () => number;
  /** Anonymous counts for the service point's reports. */
  stats?: Statistics;
}

/** What the handover dialogs need besides the common {@link DialogDeps}. */
export interface HandoverDialogDeps {
  service: HandoverService;
  /** The conversation so far (the widget's transcript), for `handoff.initiate`; none on other channels. */
  transcript?(context: TurnContext): Promise<Array<Partial<Activity>>>;
}
