import {
  BotState,
  ConversationState,
  UserState,
  type StatePropertyAccessor,
  type Storage,
  type StoreItem,
  type TurnContext,
} from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { Audience, TopicId } from './content/topics';
import type { Language } from './language/languages';
import type { Region } from './partners/partners';
import type { Offered } from './ui/ui';
import type { ReadinessAnswers } from './handover/ticket';

/** What the bot remembers per conversation. */
export interface ConversationData {
  /** Messages the user has sent in this conversation. */
  turnCount: number;
  /** Whether the welcome (with the privacy notice) has been shown. */
  welcomed: boolean;
  /** The language of the last turn, used when a message does not show its language. */
  language?: Language;
  /** The language the user last wrote in, in its own script (a romanized message then keeps it). */
  written?: Language;
  /** A language the user chose explicitly (copied from the profile when the conversation starts). */
  chosenLanguage?: Language;
  /** The topic answered last. */
  lastTopic?: TopicId;
  /** Free-text messages in a row the bot did not understand. */
  misses?: number;
  /** The topics answered last, newest last, at most {@link RECENT_TOPICS}. */
  recentTopics?: TopicId[];
  /** The buttons of the bot's last message, so that typing one's label or a yes counts as tapping it. */
  offered?: Offered;
  /** The open handover ticket: while it waits or a counsellor has it, messages go to the counsellor. */
  handover?: string;
  /** The readiness check's answers, for a counsellor's ticket. */
  readiness?: ReadinessAnswers;
  /** Languages whose "translated, not yet reviewed" notice the user has been shown. */
  translationNoted?: Language[];
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
  readiness: ReadinessAnswers | undefined;
}

const defaults = (): Fields => ({
  lastTopic: undefined,
  misses: 0,
  recentTopics: [],
  handover: undefined,
  readiness: undefined,
});

/** What a {@link SnapshotState} holds for the turn: the state and how it looked when read or saved. */
interface Cached {
  state: StoreItem;
  /** The state as JSON (without its eTag) when read or last saved; '' forces a save. */
  snapshot: string;
}

/** The state as JSON without its eTag (which the storage changes on every write). */
const snapshotOf = (state: StoreItem): string => JSON.stringify({ ...state, eTag: undefined });

/**
 * botbuilder's `BotState` with a cheaper change check: botbuilder hashes the
 * state with SHA-256 over a replacer-driven stringify when it is read and again
 * when it is saved (the largest cost of a turn in a profile); this keeps the
 * JSON text it was read as and compares it. The state can also be seeded from
 * a read made together with other keys ({@link BotStates.load}: one storage
 * round trip per turn instead of two). Keys are botbuilder's own, so data
 * stored before stays readable.
 */
export class SnapshotState extends BotState {
  private readonly cacheKey = Symbol('snapshotState');

  constructor(
    storage: Storage,
    /** The storage key of this state for a turn (throws when the activity lacks the ids). */
    readonly keyOf: (context: TurnContext) => string,
  ) {
    super(storage, async (context) => keyOf(context));
  }

  /** Takes the item read for this turn (undefined when nothing is stored) as the state. */
  seed(context: TurnContext, item: StoreItem | undefined): void {
    const state = item ?? {};
    context.turnState.set(this.cacheKey, { state, snapshot: snapshotOf(state) } satisfies Cached);
  }

  override async load(context: TurnContext, force = false): Promise<StoreItem> {
    const cached = context.turnState.get<Cached | undefined>(this.cacheKey);
    if (cached && !force) return cached.state;
    const key = this.keyOf(context);
    const items = await this.storage.read([key]);
    this.seed(context, items[key] as StoreItem | undefined);
    return context.turnState.get<Cached>(this.cacheKey).state;
  }

  /**
   * A property of this state, as botbuilder's `createProperty` makes one (a
   * missing value takes a copy of the default), without its generator-based
   * awaits: the dialogs read these many times a turn.
   */
  override createProperty<T>(name: string): StatePropertyAccessor<T> {
    return {
      get: async (context: TurnContext, defaultValue?: T): Promise<T> => {
        const state = await this.load(context);
        if (!Object.prototype.hasOwnProperty.call(state, name) && defaultValue !== undefined) {
          state[name] =
            typeof defaultValue === 'object' ? structuredClone(defaultValue) : defaultValue;
        }
        return state[name] as T;
      },
      set: async (context: TurnContext, value: T): Promise<void> => {
        (await this.load(context))[name] = value;
      },
      delete: async (context: TurnContext): Promise<void> => {
        delete (await this.load(context))[name];
      },
    } as StatePropertyAccessor<T>;
  }

  override get(context: TurnContext): StoreItem | undefined {
    return context.turnState.get<Cached | undefined>(this.cacheKey)?.state;
  }

  override async saveChanges(context: TurnContext, force = false): Promise<void> {
    const cached = context.turnState.get<Cached | undefined>(this.cacheKey);
    if (!cached && !force) return;
    const current = cached ?? { state: {}, snapshot: '' };
    const snapshot = snapshotOf(current.state);
    if (!force && snapshot === current.snapshot) return;
    // As botbuilder does: `*`, which the optimistic storage turns into the eTag it read.
    current.state.eTag = '*';
    await this.storage.write({ [this.keyOf(context)]: current.state });
    current.snapshot = snapshot;
    context.turnState.set(this.cacheKey, current);
  }

  override async clear(context: TurnContext): Promise<void> {
    context.turnState.set(this.cacheKey, { state: {}, snapshot: '' } satisfies Cached);
  }

  override async delete(context: TurnContext): Promise<void> {
    context.turnState.delete(this.cacheKey);
    await this.storage.delete([this.keyOf(context)]);
  }
}

/** botbuilder's storage key of a state kind, failing as botbuilder does when the ids are missing. */
function keysOf(kind: { getStorageKey(context: TurnContext): string | undefined }, name: string) {
  return (context: TurnContext): string => {
    const key = kind.getStorageKey(context);
    if (!key) throw new Error(`${name}: the activity has no ids to store its state under.`);
    return key;
  };
}

/**
 * The bot's state, in one typed home: the conversation's data, the dialog
 * stack and the user's profile, each one property of the conversation's or
 * the user's state (both read in one round trip, saved at the end of the turn).
 */
export class BotStates {
  readonly conversationState: SnapshotState;
  readonly userState: SnapshotState;
  readonly conversation: StatePropertyAccessor<ConversationData>;
  readonly dialog: StatePropertyAccessor<DialogState>;
  readonly profile: StatePropertyAccessor<UserProfile>;

  constructor(private readonly storage: Storage) {
    this.conversationState = new SnapshotState(
      storage,
      keysOf(new ConversationState(storage), 'ConversationState'),
    );
    this.userState = new SnapshotState(storage, keysOf(new UserState(storage), 'UserState'));
    this.conversation = this.conversationState.createProperty<ConversationData>('conversation');
    this.dialog = this.conversationState.createProperty<DialogState>('dialog');
    this.profile = this.userState.createProperty<UserProfile>('profile');
  }

  /**
   * Reads the conversation's and the user's state in one storage call (a
   * turn then needs one round trip to read); an activity without a user id
   * has no user state.
   */
  async load(context: TurnContext): Promise<void> {
    const conversationKey = this.conversationState.keyOf(context);
    const userKey = context.activity.from?.id ? this.userState.keyOf(context) : undefined;
    const items = await this.storage.read(userKey ? [conversationKey, userKey] : [conversationKey]);
    this.conversationState.seed(context, items[conversationKey] as StoreItem | undefined);
    if (userKey) this.userState.seed(context, items[userKey] as StoreItem | undefined);
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
