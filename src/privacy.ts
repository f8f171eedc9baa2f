import {
  BotAdapter,
  TurnContext,
  type Activity,
  type BotState,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder';
import { DIRECT_LINE_SERVICE_URL } from './channels/directline/adapter';
import type { HandoverService } from './handover/service';

/** What {@link Privacy} deletes from. */
export interface PrivacyDeps {
  /** The bot's conversation state. */
  conversationState: BotState;
  /** The bot's user state (kept per channel and user id). */
  userState: BotState;
  /** Tickets, relayed messages and the requests a user left. */
  handover: Pick<HandoverService, 'forget'>;
  /** The widget's transcripts (the self-hosted Direct Line's activity log). */
  transcripts: { clear(conversationId: string): Promise<void> };
}

/** A context to address state by a conversation reference; it cannot send. */
class ReferenceOnly extends BotAdapter {
  override sendActivities(): Promise<ResourceResponse[]> {
    return Promise.reject(new Error('Privacy: this context cannot send'));
  }
  override updateActivity(): Promise<void> {
    return Promise.reject(new Error('Privacy: this context cannot update'));
  }
  override deleteActivity(): Promise<void> {
    return Promise.reject(new Error('Privacy: this context cannot delete'));
  }
  override continueConversation(): Promise<void> {
    return Promise.reject(new Error('Privacy: this context cannot continue'));
  }
}

/**
 * "Delete my data", implemented once: everything kept of a user and their
 * conversation is deleted at once — conversation and user state (by the keys
 * botbuilder's states use), tickets and relayed messages, callback, referral
 * and appointment requests, and the widget's transcript. The user's own
 * request (in the chat) and a counsellor's action (by phone, in person) both
 * come here.
 */
export class Privacy {
  private readonly adapter = new ReferenceOnly();

  constructor(private readonly deps: PrivacyDeps) {}

  /** Deletes everything of the conversation and user of this turn. */
  async forget(context: TurnContext): Promise<void> {
    const { conversation, serviceUrl, from } = context.activity;
    await Promise.all([
      this.deps.conversationState.delete(context),
      // A reference without a user (an old ticket) has no user state to find.
      from?.id ? this.deps.userState.delete(context) : undefined,
      this.deps.handover.forget(conversation.id),
      serviceUrl === DIRECT_LINE_SERVICE_URL
        ? this.deps.transcripts.clear(conversation.id)
        : undefined,
    ]);
  }

  /** Deletes everything of the conversation and user a reference names (a counsellor's action). */
  async forgetReference(reference: Partial<ConversationReference>): Promise<void> {
    const activity = TurnContext.applyConversationReference(
      { type: 'event', name: 'forget' } as Partial<Activity>,
      reference,
      true,
    );
    await this.forget(new TurnContext(this.adapter, activity));
  }
}
