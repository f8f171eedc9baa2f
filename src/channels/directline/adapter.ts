import {
  ActivityTypes,
  BotAdapter,
  TurnContext,
  type Activity,
  type ChannelAccount,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder';
import type { ClaimsIdentity } from 'botframework-connector';
import type { ActivityLog, LoggedActivity } from './activityLog';

/** The `serviceUrl` of activities from the self-hosted gateway; replies to it never leave the process. */
export const DIRECT_LINE_SERVICE_URL = 'urn:kausa:directline';
/** The `channelId` clients see, as with Azure's Direct Line. */
export const DIRECT_LINE_CHANNEL_ID = 'directline';

/** The id clients see for the activity at `watermark`, as the real service writes it. */
export function activityId(conversationId: string, watermark: number): string {
  return `${conversationId}|${String(watermark).padStart(7, '0')}`;
}

/** Fields of a bot activity that never reach a client. */
const SERVER_ONLY = ['serviceUrl', 'deliveryMode', 'callerId', 'relatesTo', 'id'] as const;

/**
 * The in-process Bot Framework adapter of the Direct Line gateway: the bot's
 * replies, and proactive messages sent later with `continueConversationAsync`
 * (a counsellor's, for example), are appended to the conversation's activity
 * log, from which every instance's streams deliver them.
 */
export class DirectLineAdapter extends BotAdapter {
  constructor(
    private readonly log: ActivityLog,
    /** The bot as clients see it: id and display name. */
    readonly botAccount: ChannelAccount,
  ) {
    super();
  }

  /** Runs one turn for an activity a client posted. */
  async processActivity(
    activity: Partial<Activity>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }

  override async sendActivities(
    context: TurnContext,
    activities: Partial<Activity>[],
  ): Promise<ResourceResponse[]> {
    const conversationId = context.activity.conversation?.id ?? '';
    const responses: ResourceResponse[] = [];
    let batch: LoggedActivity[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const last = await this.log.append(conversationId, batch);
      for (let index = 0; index < batch.length; index += 1) {
        responses.push({ id: activityId(conversationId, last - batch.length + index + 1) });
      }
      batch = [];
    };
    for (const activity of activities) {
      if (activity.type === 'delay') {
        await flush();
        await new Promise((resolve) => setTimeout(resolve, Number(activity.value) || 1000));
        responses.push({ id: '' });
      } else if (
        activity.type === ActivityTypes.InvokeResponse ||
        activity.type === ActivityTypes.Trace
      ) {
        await flush();
        responses.push({ id: '' });
      } else {
        batch.push(this.forClient(activity, conversationId));
      }
    }
    await flush();
    return responses;
  }

  override async updateActivity(): Promise<void> {
    throw new Error('Direct Line gateway: updating an activity is not supported');
  }

  override async deleteActivity(): Promise<void> {
    throw new Error('Direct Line gateway: deleting an activity is not supported');
  }

  override async continueConversation(
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    await this.processActivity(
      TurnContext.applyConversationReference(
        { type: ActivityTypes.Event, name: 'continueConversation' },
        reference,
        true,
      ),
      logic,
    );
  }

  override async continueConversationAsync(
    _botAppIdOrClaims: string | ClaimsIdentity,
    reference: Partial<ConversationReference>,
    logicOrAudience: string | ((context: TurnContext) => Promise<void>),
    maybeLogic?: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    const logic = typeof logicOrAudience === 'function' ? logicOrAudience : maybeLogic;
    if (!logic) throw new TypeError('continueConversationAsync: logic is required');
    await this.continueConversation(reference, logic);
  }

  /**
   * The activity as clients receive it: from the bot (under the counsellor's
   * name when a counsellor wrote it), stamped now, without server fields.
   */
  private forClient(activity: Partial<Activity>, conversationId: string): LoggedActivity {
    const counsellor = (activity.channelData as { counsellor?: unknown } | undefined)?.counsellor;
    const copy: LoggedActivity = {
      ...activity,
      channelId: DIRECT_LINE_CHANNEL_ID,
      conversation: { id: conversationId } as LoggedActivity['conversation'],
      from: {
        ...this.botAccount,
        ...(typeof counsellor === 'string' ? { name: counsellor } : {}),
        role: 'bot',
      },
      timestamp: new Date(),
    };
    delete copy.recipient;
    for (const field of SERVER_ONLY) delete copy[field];
    return copy;
  }
}
