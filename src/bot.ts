import {
  type Activity,
  ActivityHandler,
  ActivityTypes,
  HandoffEventNames,
  type ConversationState,
  type StatePropertyAccessor,
  type TurnContext,
  type UserState,
} from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import { ETagConflictError } from './storage';
import { KeyedSerializer } from './util/keyedSerializer';
import type { Statistics } from './stats/statistics';
import type { TopicId } from './content/topics';
import { isLanguage, DEFAULT_LANGUAGE, type Language } from './language/languages';
import { MAX_MESSAGE_CHARS, setTurnUnderstanding, type Understander } from './nlu/understand';
import type { Recognizers } from './language/recognizers';
import type { UserProfile } from '../dialogs/deps';
import { markLanguageSwitched, markWelcomed, type MainDialog } from '../dialogs/mainDialog';
import { buttonValueOf, type Ui } from './ui/ui';
import { setTurnLanguage } from './language/turnLanguage';
import type { HandoverService } from './handover/service';
import { CALLBACK_BUTTON, CANCEL_BUTTON, HELPFUL_BUTTONS, placeText } from './ui/notices';
import type { Privacy } from './privacy';

/** Who a ticket belongs to when an external agent hub accepted it (`handoff.status`). */
export const HANDOFF_HUB = 'agent-hub';

/** The language the conversation was last in. */
const turnLanguageOf = (data: ConversationData): Language => data.language ?? DEFAULT_LANGUAGE;

/** States of a `handoff.status` event (Bot Framework handoff protocol). */
const HandoffStatusState = {
  Accepted: 'accepted',
  Failed: 'failed',
  Completed: 'completed',
} as const;

export { MAX_MESSAGE_CHARS } from './nlu/understand';

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

/** A turn is redone at most this often when another instance saved the conversation meanwhile. */
export const MAX_TURN_ATTEMPTS = 10;
/** Up to this many ms (times the attempt) before a turn is redone, so two instances do not collide again. */
const RETRY_JITTER_MS = 15;

/** Topics remembered for a counsellor's ticket. */
export const RECENT_TOPICS = 3;

/** What the pipeline needs, handed in by the composition root. */
export interface KausaBotDeps {
  conversationState: ConversationState;
  userState: UserState;
  ui: Ui;
  recognizers: Recognizers;
  /** Understands free text: its language and its topic. */
  understander: Understander;
  /** Builds the root dialog with the accessors the bot owns. */
  createDialog(accessors: {
    userProfile: StatePropertyAccessor<UserProfile>;
    lastTopic: StatePropertyAccessor<TopicId | undefined>;
    misses: StatePropertyAccessor<number>;
    recentTopics: StatePropertyAccessor<TopicId[]>;
    openTicket: StatePropertyAccessor<string | undefined>;
  }): MainDialog;
  /** The handover to counsellors; without it the bot answers every message itself. */
  handover?: HandoverService;
  /** Retention told to the user in the privacy notice. */
  stateTtlDays: number;
  /** Anonymous counts for the service point's reports. */
  stats?: Statistics;
  /** "Delete my data": everything kept of the user and the conversation. */
  privacy: Privacy;
}

/** True when a text has no letter or digit in any script (emoji, punctuation only). */
function hasNoWords(text: string): boolean {
  return !/[\p{L}\p{N}]/u.test(text);
}

/**
 * The turn pipeline: 1. the turn's language (explicit choice, else the
 * language written in, else the last one, else the channel locale, else
 * German); 2. bad input and privacy requests; 3. the welcome; 4. the dialogs.
 * Conversation and user state are saved at the end of every turn that succeeded.
 */
export class KausaBot extends ActivityHandler {
  private readonly conversationData: StatePropertyAccessor<ConversationData>;
  private readonly userProfile: StatePropertyAccessor<UserProfile>;
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly dialog: MainDialog;
  private readonly turns = new KeyedSerializer();

  constructor(private readonly deps: KausaBotDeps) {
    super();
    this.conversationData = deps.conversationState.createProperty<ConversationData>('conversation');
    this.dialogState = deps.conversationState.createProperty<DialogState>('dialog');
    this.userProfile = deps.userState.createProperty<UserProfile>('profile');
    const lastTopic: StatePropertyAccessor<TopicId | undefined> = {
      get: async (context) => (await this.data(context)).lastTopic,
      set: async (context, topic) => {
        const data = await this.data(context);
        data.lastTopic = topic;
        if (topic) {
          const { audience } = await this.userProfile.get(context, {});
          deps.stats?.count('answers', {
            language: data.language ?? DEFAULT_LANGUAGE,
            ...(audience ? { audience } : {}),
            topic,
          });
          const recent = (data.recentTopics ?? []).filter((known) => known !== topic);
          data.recentTopics = [...recent, topic].slice(-RECENT_TOPICS);
        }
      },
      delete: async (context) => {
        delete (await this.data(context)).lastTopic;
      },
    };
    const misses: StatePropertyAccessor<number> = {
      get: async (context) => (await this.data(context)).misses ?? 0,
      set: async (context, count) => {
        const data = await this.data(context);
        if (count === 0) delete data.misses;
        else data.misses = count;
      },
      delete: async (context) => {
        delete (await this.data(context)).misses;
      },
    };
    const recentTopics: StatePropertyAccessor<TopicId[]> = {
      get: async (context) => (await this.data(context)).recentTopics ?? [],
      set: async (context, topics) => {
        (await this.data(context)).recentTopics = topics;
      },
      delete: async (context) => {
        delete (await this.data(context)).recentTopics;
      },
    };
    const openTicket: StatePropertyAccessor<string | undefined> = {
      get: async (context) => (await this.data(context)).handover,
      set: async (context, id) => {
        const data = await this.data(context);
        if (id) data.handover = id;
        else delete data.handover;
      },
      delete: async (context) => {
        delete (await this.data(context)).handover;
      },
    };
    this.dialog = deps.createDialog({
      userProfile: this.userProfile,
      lastTopic,
      misses,
      recentTopics,
      openTicket,
    });

    this.onMembersAdded(async (context, next) => {
      const joined = (context.activity.membersAdded ?? []).filter(
        (member) => member.id !== context.activity.recipient?.id,
      );
      if (joined.length > 0) {
        const data = await this.data(context);
        if (!data.welcomed) {
          await this.decideLanguage(context, data);
          await this.welcome(context, data);
          await this.runDialog(context);
        }
      }
      await next();
    });

    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });

    this.onEvent(async (context, next) => {
      if (context.activity.name === HandoffEventNames.HandoffStatus) {
        await this.handoffStatus(context);
      }
      await next();
    });
  }

  /** Runs the turn, then saves what changed; a failed turn saves nothing. */
  override async run(context: TurnContext): Promise<void> {
    // One turn of a conversation at a time in this process; across processes, eTags (below).
    const { channelId, conversation } = context.activity;
    await this.turns.run(`${channelId}\u0000${conversation.id}`, () => this.runTurn(context));
  }

  private async runTurn(context: TurnContext): Promise<void> {
    // Replies wait until the state is saved: a turn that has to be redone sends nothing twice.
    const held: Array<Array<Partial<Activity>>> = [];
    let holding = true;
    context.onSendActivities(async (_context, activities, next) => {
      if (!holding) return next();
      held.push(activities);
      return activities.map(() => ({ id: '' }));
    });
    const cleanState = new Set(context.turnState.keys());
    try {
      for (let attempt = 1; ; attempt += 1) {
        try {
          await super.run(context);
          await this.deps.conversationState.saveChanges(context);
          await this.deps.userState.saveChanges(context);
          break;
        } catch (error) {
          if (!(error instanceof ETagConflictError) || attempt >= MAX_TURN_ATTEMPTS) throw error;
          // Another instance saved this conversation meanwhile (two messages at once):
          // read it again and redo the turn on top of it, so no update is lost.
          held.length = 0;
          await new Promise((resolve) =>
            setTimeout(resolve, Math.random() * RETRY_JITTER_MS * attempt),
          );
          for (const key of [...context.turnState.keys()]) {
            if (!cleanState.has(key)) context.turnState.delete(key);
          }
        }
      }
    } finally {
      holding = false;
    }
    for (const activities of held) await context.sendActivities(activities);
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const data = await this.data(context);
    const { ui, recognizers } = this.deps;
    const text = (context.activity.text ?? '').trim();
    await this.decideLanguage(context, data, text);

    // Bad input: a short reply, and the dialog stays where it was.
    const value = buttonValueOf(context.activity);
    if (text.length > MAX_MESSAGE_CHARS) {
      return ui.send(context, [{ key: 'input.tooLong', args: { max: MAX_MESSAGE_CHARS } }]);
    }
    if (!value) {
      if (text === '') {
        const hasAttachment = (context.activity.attachments ?? []).length > 0;
        return ui.send(context, [hasAttachment ? 'input.attachment' : 'input.empty']);
      }
      if (hasNoWords(text)) return ui.send(context, ['input.emojiOnly']);
    }

    // "Delete my data": asked (typed, or the widget's and the help's button), confirmed, done.
    const asksToDelete =
      (value && 'action' in value && value.action === 'delete') ||
      (!value && recognizers.command(text, data.language ?? DEFAULT_LANGUAGE) === 'delete');
    if (asksToDelete) {
      return ui.send(
        context,
        ['privacy.confirm'],
        [
          { label: { key: 'privacy.yes' }, value: { action: 'deleteConfirm' } },
          { label: { key: 'privacy.no' }, value: { action: 'deleteKeep' } },
        ],
      );
    }
    if (value && 'action' in value && value.action === 'deleteConfirm') {
      await this.forgetEverything(context);
      return ui.send(context, ['privacy.deleted']);
    }
    if (value && 'action' in value && value.action === 'deleteKeep') {
      return ui.send(context, ['privacy.kept'], [{ value: { action: 'menu' } }]);
    }

    data.turnCount += 1;
    if (data.handover && (await this.relay(context, data, text))) return;
    if (!data.welcomed) await this.welcome(context, data);
    await this.runDialog(context);
  }

  /** Deletes what every store keeps of this user and conversation, at once. */
  private async forgetEverything(context: TurnContext): Promise<void> {
    await this.deps.privacy.forget(context);
  }

  /**
   * The handover gate: while a ticket waits, a message is kept for the
   * counsellor and the user hears their place; while a counsellor has it,
   * the message goes to the counsellor and the bot stays silent. "Cancel" or
   * any button of the bot ends the request (the button then does what it
   * says). Returns false when the bot should handle the message itself.
   */
  private async relay(
    context: TurnContext,
    data: ConversationData,
    text: string,
  ): Promise<boolean> {
    const service = this.deps.handover;
    const ticket = service && data.handover ? await service.queue.get(data.handover) : undefined;
    if (!service || !ticket || (ticket.status !== 'waiting' && ticket.status !== 'active')) {
      // Closed by the counsellor, cancelled or expired meanwhile: the bot is back.
      delete data.handover;
      return false;
    }
    const value = buttonValueOf(context.activity);
    const wantsOut =
      (value !== undefined && !('language' in value) && !('choice' in value)) ||
      (!value && this.deps.recognizers.command(text, turnLanguageOf(data)) === 'cancel');
    if (wantsOut) {
      await service.cancelByUser(ticket.id);
      delete data.handover;
      await this.deps.ui.send(context, [
        ticket.status === 'active' ? 'handover:youLeft' : 'handover:cancelled',
      ]);
      const cancelOnly = !value || ('action' in value && value.action === 'cancelHandover');
      if (cancelOnly) {
        await this.deps.ui.send(context, ['answer.followUp'], [{ value: { action: 'menu' } }]);
      }
      return cancelOnly;
    }
    if (value) return true; // a language switch or an old answer: the counsellor needs neither
    await service.queue.record(ticket.id, { from: 'user', text, at: Date.now() });
    if (ticket.status === 'waiting') {
      const place = await service.queue.place(ticket.id);
      if (place) {
        await this.deps.ui.send(
          context,
          [{ key: 'handover:stillWaiting' }, placeText('handover:update', place)],
          [CANCEL_BUTTON],
        );
      }
    }
    return true;
  }

  /**
   * `handoff.status` from an agent hub that took the conversation instead of
   * our console: accepted, failed (the user is offered a callback) or completed.
   */
  private async handoffStatus(context: TurnContext): Promise<void> {
    const service = this.deps.handover;
    const data = await this.data(context);
    const state = (context.activity.value as { state?: unknown } | undefined)?.state;
    if (!service || !data.handover) return;
    setTurnLanguage(context, data.language ?? DEFAULT_LANGUAGE);
    const id = data.handover;
    if (state === HandoffStatusState.Accepted) {
      await service.queue.accept(id, HANDOFF_HUB);
    } else if (state === HandoffStatusState.Failed) {
      await service.cancelByUser(id);
      delete data.handover;
      await this.deps.ui.send(context, ['handover:failed'], [CALLBACK_BUTTON]);
    } else if (state === HandoffStatusState.Completed) {
      await service.queue.close(id);
      delete data.handover;
      await this.deps.ui.send(context, ['handover:helpful.ask'], HELPFUL_BUTTONS);
    }
  }

  /**
   * Decides the language of this turn (see {@link Understander}) and
   * remembers an explicit choice; free text is understood once, here, for
   * the whole turn.
   */
  private async decideLanguage(
    context: TurnContext,
    data: ConversationData,
    text = '',
  ): Promise<void> {
    if (!data.welcomed) {
      // A new conversation: take over a language the user chose in an earlier one.
      data.chosenLanguage = (await this.userProfile.get(context, {})).language;
    }
    const value = buttonValueOf(context.activity);
    const conversation = {
      chosenLanguage: data.chosenLanguage,
      language: data.language,
      locale: context.activity.locale,
    };
    let language: Language;
    let requested: Language | undefined;
    if (!value && text !== '') {
      const understanding = await this.deps.understander.understand(text, conversation);
      setTurnUnderstanding(context, understanding);
      ({ language, requested } = understanding);
    } else {
      requested =
        value && 'language' in value && isLanguage(value.language)
          ? value.language
          : text !== ''
            ? this.deps.recognizers.requestedLanguage(text)
            : undefined;
      language = this.deps.understander.languageOf(conversation, requested);
    }
    if (requested) {
      data.chosenLanguage = requested;
      (await this.userProfile.get(context, {})).language = requested;
      markLanguageSwitched(context);
    }
    data.language = language;
    setTurnLanguage(context, language);
  }

  private async welcome(context: TurnContext, data: ConversationData): Promise<void> {
    await this.deps.ui.send(context, [
      'welcome.hello',
      { key: 'welcome.privacy', args: { days: this.deps.stateTtlDays } },
    ]);
    data.welcomed = true;
    markWelcomed(context);
    this.deps.stats?.count('conversations', { language: data.language ?? DEFAULT_LANGUAGE });
  }

  private async runDialog(context: TurnContext): Promise<void> {
    if (
      context.activity.type !== ActivityTypes.Message &&
      context.activity.type !== ActivityTypes.ConversationUpdate
    ) {
      return;
    }
    await this.dialog.run(context, this.dialogState);
  }

  private data(context: TurnContext): Promise<ConversationData> {
    return this.conversationData.get(context, { turnCount: 0, welcomed: false });
  }
}
