import {
  ActivityHandler,
  ActivityTypes,
  MiddlewareSet,
  type Middleware,
  type TurnContext,
} from 'botbuilder';
import { markWelcomed } from './pipeline/turnFlags';
import { turnLanguage } from './language/turnLanguage';
import type { BotStates, ConversationData } from './state';
import type { Statistics } from './stats/statistics';
import type { Text, Ui } from './ui/ui';
import type { Language } from './language/languages';

export { MAX_MESSAGE_CHARS } from './nlu/understand';

/** The welcome a new conversation starts with (the widget page shows it before it is connected). */
export function welcomeTexts(retentionDays: number): Text[] {
  return [{ key: 'welcome.hello' }, { key: 'welcome.privacy', args: { days: retentionDays } }];
}

/** What the bot says once in a language whose texts no native speaker has reviewed yet. */
export const UNREVIEWED_NOTICE: Text = { key: 'unreviewedLanguage' };

/** What the bot is built from, handed in by the composition root. */
export interface KausaBotDeps {
  /** The turn pipeline, in order (`src/pipeline/`): it runs before the bot's own handlers. */
  pipeline: Middleware[];
  states: BotStates;
  /** The root of the dialogs: continues the conversation's dialogs, or starts them. */
  dialog: { run(context: TurnContext, state: BotStates['dialog']): Promise<void> };
  ui: Ui;
  /** Retention told to the user in the privacy notice. */
  stateTtlDays: number;
  /** Anonymous counts for the service point's reports. */
  stats?: Statistics;
  /** Languages whose texts no native speaker has reviewed: the bot says so once in each. */
  unreviewed?: ReadonlySet<Language>;
}

/**
 * The bot: each turn goes through the pipeline (one turn per conversation,
 * state saved with its eTag, the turn's language, bad input, "delete my
 * data", the handover gate), then a new member is welcomed and the dialogs
 * answer. State is saved by the pipeline at the end of every turn that succeeded.
 */
export class KausaBot extends ActivityHandler {
  private readonly pipeline: MiddlewareSet;

  constructor(private readonly deps: KausaBotDeps) {
    super();
    this.pipeline = new MiddlewareSet(...deps.pipeline);

    this.onMembersAdded(async (context, next) => {
      const joined = (context.activity.membersAdded ?? []).filter(
        (member) => member.id !== context.activity.recipient?.id,
      );
      if (joined.length > 0) {
        const data = await deps.states.data(context);
        if (!data.welcomed) {
          await this.welcome(context, data);
          await this.noteTranslation(context, data);
          await this.runDialog(context);
        }
      }
      await next();
    });

    this.onMessage(async (context, next) => {
      const data = await deps.states.data(context);
      if (!data.welcomed) await this.welcome(context, data);
      await this.noteTranslation(context, data);
      await this.runDialog(context);
      await next();
    });
  }

  /** Runs one turn through the pipeline and the bot's handlers. */
  override run(context: TurnContext): Promise<void> {
    return this.pipeline.run(context, () => super.run(context));
  }

  private async welcome(context: TurnContext, data: ConversationData): Promise<void> {
    await this.deps.ui.send(context, welcomeTexts(this.deps.stateTtlDays));
    data.welcomed = true;
    markWelcomed(context);
    this.deps.stats?.count('conversations', { language: turnLanguage(context) });
  }

  /**
   * The first time a conversation is in a language no native speaker has
   * reviewed, the bot says so in that language, before it answers.
   */
  private async noteTranslation(context: TurnContext, data: ConversationData): Promise<void> {
    const language = turnLanguage(context);
    if (!this.deps.unreviewed?.has(language) || data.translationNoted?.includes(language)) return;
    await this.deps.ui.send(context, [UNREVIEWED_NOTICE]);
    data.translationNoted = [...(data.translationNoted ?? []), language];
  }

  private async runDialog(context: TurnContext): Promise<void> {
    const { type } = context.activity;
    if (type !== ActivityTypes.Message && type !== ActivityTypes.ConversationUpdate) return;
    await this.deps.dialog.run(context, this.deps.states.dialog);
  }
}
