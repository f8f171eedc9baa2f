import type { ConversationState, StatePropertyAccessor, TurnContext, UserState } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { Audience, TopicId } from './content/topics';
import type { Language } from './language/languages';
import type { Region } from './partners/partners';

/** What the bot remembers per conversation. */
export interface ConversationData {
  /** Messages the user has sent in this conversation. */
  turnCount: number;
  /** Whether the welcome (with the privacy notice) has been shown. */
  welcomed: boolean;
  /** The language of the last turn, used when a message does not show its language. */
  language?: Language;
  /** A language the user chose explicitly (copied from the profile when the conversation starts). */
  chosenLanguage?: Language;
  /** The topic answered last. */
  lastTopic?: TopicId;
  /** Free-text messages in a row the bot did not understand. */
  misses?: number;
  /** The topics answered last, newest last, at most {@link RECENT_TOPICS}. */
  recentTopics?: TopicId[];
  /** The open handover ticket: while it waits or a counsellor has it, messages go to the counsellor. */
  handover?: string;
}

/** What the bot remembers about a user across conversations. */
export interface UserProfile {
  /** Who the user is, chosen once and used for the menu. */
  audience?: Audience;
  /** A language the user chose explicitly; it wins over detection. */
  language?: Language;
  /** Where the user lives or works, chosen once for the partner suggestions. */
  region?: Region;
}

/** Topics remembered for a counsellor's ticket. */
export const RECENT_TOPICS = 3;

/** The fields of {@link ConversationData} the dialogs read and write, with their defaults. */
interface Fields {
  lastTopic: TopicId | undefined;
  misses: number;
  recentTopics: TopicId[];
  handover: string | undefined;
}

const defaults = (): Fields => ({
  lastTopic: undefined,
  misses: 0,
  recentTopics: [],
  handover: undefined,
});

/**
 * The bot's state, in one typed home: the conversation's data, the dialog
 * stack and the user's profile, each one property of botbuilder's
 * ConversationState and UserState (saved at the end of the turn).
 */
export class BotStates {
  readonly conversation: StatePropertyAccessor<ConversationData>;
  readonly dialog: StatePropertyAccessor<DialogState>;
  readonly profile: StatePropertyAccessor<UserProfile>;

  constructor(
    readonly conversationState: ConversationState,
    readonly userState: UserState,
  ) {
    this.conversation = conversationState.createProperty<ConversationData>('conversation');
    this.dialog = conversationState.createProperty<DialogState>('dialog');
    this.profile = userState.createProperty<UserProfile>('profile');
  }

  /** The conversation's data (a fresh record in a new conversation). */
  data(context: TurnContext): Promise<ConversationData> {
    return this.conversation.get(context, { turnCount: 0, welcomed: false });
  }

  /** The user's profile (empty for a new user). */
  userProfile(context: TurnContext): Promise<UserProfile> {
    return this.profile.get(context, {});
  }

  /** One field of the conversation's data as an accessor; setting it to its default removes it. */
  field<K extends keyof Fields>(key: K): StatePropertyAccessor<Fields[K]> {
    return {
      get: async (context) => ((await this.data(context))[key] ?? defaults()[key]) as Fields[K],
      set: async (context, value) => {
        const data = await this.data(context);
        if (value === undefined || value === defaults()[key]) delete data[key];
        else (data as unknown as Record<string, unknown>)[key] = value;
      },
      delete: async (context) => {
        delete (await this.data(context))[key];
      },
    };
  }

  /** Writes what this turn changed. */
  async save(context: TurnContext): Promise<void> {
    await this.conversationState.saveChanges(context);
    await this.userState.saveChanges(context);
  }
}
