import {
  ActivityHandler,
  type ConversationState,
  type StatePropertyAccessor,
  type TurnContext,
} from 'botbuilder';
import type { i18n } from 'i18next';
import { languageOfActivity, localizedMessage } from './language/replies';

/** Longest message the bot reads; longer ones get a polite request to shorten. */
export const MAX_MESSAGE_CHARS = 2000;

/** What the bot remembers per conversation. */
export interface ConversationData {
  /** Messages the user has sent in this conversation. */
  turnCount: number;
  /** Whether the welcome (with the privacy notice) has been shown. */
  welcomed: boolean;
}

/** Options of {@link KausaBot}. */
export interface KausaBotOptions {
  /** Retention told to the user in the privacy notice. */
  stateTtlDays: number;
}

/**
 * The turn pipeline: greets new conversations, answers messages, and saves
 * conversation state at the end of every turn that succeeded.
 */
export class KausaBot extends ActivityHandler {
  private readonly conversationData: StatePropertyAccessor<ConversationData>;

  constructor(
    private readonly conversationState: ConversationState,
    private readonly i18n: i18n,
    private readonly options: KausaBotOptions,
  ) {
    super();
    this.conversationData = conversationState.createProperty<ConversationData>('conversation');

    this.onMembersAdded(async (context, next) => {
      const joined = (context.activity.membersAdded ?? []).filter(
        (member) => member.id !== context.activity.recipient?.id,
      );
      if (joined.length > 0) {
        const data = await this.data(context);
        if (!data.welcomed) await this.welcome(context, data);
      }
      await next();
    });

    this.onMessage(async (context, next) => {
      const data = await this.data(context);
      const language = languageOfActivity(context.activity);
      const t = this.i18n.getFixedT(language);
      const text = context.activity.text ?? '';
      if (text.length > MAX_MESSAGE_CHARS) {
        await context.sendActivity(
          localizedMessage(t('error.tooLong', { max: MAX_MESSAGE_CHARS }), language),
        );
        return next();
      }
      data.turnCount += 1;
      if (!data.welcomed) {
        await this.welcome(context, data);
      } else {
        await context.sendActivities([
          localizedMessage(t('reply.notReady'), language),
          localizedMessage(t('welcome.about'), language),
        ]);
      }
      await next();
    });
  }

  /** Runs the turn, then saves what changed; a failed turn saves nothing. */
  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.conversationState.saveChanges(context);
  }

  private async welcome(context: TurnContext, data: ConversationData): Promise<void> {
    const language = languageOfActivity(context.activity);
    const t = this.i18n.getFixedT(language);
    await context.sendActivities([
      localizedMessage(t('welcome.hello'), language),
      localizedMessage(t('welcome.about'), language),
      localizedMessage(t('welcome.privacy', { days: this.options.stateTtlDays }), language),
    ]);
    data.welcomed = true;
  }

  private data(context: TurnContext): Promise<ConversationData> {
    return this.conversationData.get(context, { turnCount: 0, welcomed: false });
  }
}
