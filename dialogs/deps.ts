import type { StatePropertyAccessor } from 'botbuilder';
import type { Catalogue } from '../src/content/catalogue';
import type { TopicId } from '../src/content/topics';
import type { UserProfile } from '../src/state';
import type { Recognizers } from '../src/language/recognizers';
import type { Understander } from '../src/nlu/understand';
import type { UnansweredLog } from '../src/nlu/unanswered';
import type { Handover } from '../src/handover';
import type { Ui } from '../src/ui/ui';
import type { Offers } from '../src/offers/data';
import type { Statistics } from '../src/stats/statistics';
import type { Partner } from '../src/partners/partners';
import type { ReadinessAnswers } from '../src/handover/ticket';

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
  /** The readiness check's last answers in this conversation (for a counsellor's ticket). */
  readiness: StatePropertyAccessor<ReadinessAnswers | undefined>;
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

/**
 * What the handover dialogs need besides the common {@link DialogDeps}: the
 * service, and a ticket as a counsellor reads it (its summary and the gists
 * of its conversation), for the `handoff.initiate` event.
 */
export type HandoverDialogDeps = Pick<Handover, 'service' | 'read'>;
