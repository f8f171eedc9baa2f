import type { Activity, CloudAdapter, TurnContext } from 'botbuilder';
import type { Addressee, Notice, UserChannel } from '../handover/notices';
import type { RelayedMessage, Ticket } from '../handover/ticket';
import { setTurnLanguage } from '../language/turnLanguage';
import { isLanguage } from '../language/languages';
import { setTurnReader } from '../content/register';
import type { Partner } from '../partners/partners';
import { sendNotice } from '../ui/notices';
import type { Ui } from '../ui/ui';
import { DIRECT_LINE_SERVICE_URL, activityId, type DirectLineAdapter } from './directline/adapter';
import type { ActivityLog } from './directline/activityLog';

/** Runs `logic` in a proactive turn of the addressee's conversation. */
export type Proactive = (
  to: Addressee,
  logic: (context: TurnContext) => Promise<void>,
) => Promise<void>;

/**
 * Proactive turns through the adapter of the user's channel: the in-process
 * Direct Line adapter for the widget, CloudAdapter (Bot Framework channels)
 * otherwise — both with `continueConversationAsync`.
 */
export function channelProactive(
  cloud: CloudAdapter,
  directLine: DirectLineAdapter,
  appId: string,
): Proactive {
  return async (to, logic) => {
    if (to.reference.serviceUrl === DIRECT_LINE_SERVICE_URL) {
      await directLine.continueConversationAsync(appId, to.reference, logic);
    } else {
      await cloud.continueConversationAsync(appId, to.reference, logic);
    }
  };
}

/** What {@link createUserChannel} needs. */
export interface UserChannelDeps {
  proactive: Proactive;
  ui: Ui;
  partners: readonly Partner[];
  /** The widget's activity log, for transcripts (other channels keep none). */
  log?: ActivityLog;
}

/**
 * How the handover reaches users: each {@link Notice} rendered in the
 * user's language in a proactive turn of their conversation, and the
 * transcript the console shows (the widget's whole log, else the messages
 * relayed since the handover).
 */
export function createUserChannel(deps: UserChannelDeps): UserChannel {
  return {
    notify: (to: Addressee, notice: Notice) =>
      deps.proactive(to, async (context) => {
        setTurnLanguage(context, to.language);
        setTurnReader(context, to);
        await sendNotice(deps.ui, deps.partners, context, notice);
      }),
    gloss(activity: Partial<Activity>, language: string) {
      return isLanguage(language) ? deps.ui.glossOf(activity, language) : undefined;
    },
    async transcript(ticket: Ticket, relayed: RelayedMessage[]) {
      if (deps.log && ticket.reference.serviceUrl === DIRECT_LINE_SERVICE_URL) {
        const set = await deps.log.read(ticket.conversationId, 0);
        return set.activities.map(({ watermark, activity }): Partial<Activity> => ({
          ...activity,
          id: activityId(ticket.conversationId, watermark),
        }));
      }
      return relayed.map((message) => ({
        type: 'message',
        text: message.text,
        timestamp: new Date(message.at),
        from:
          message.from === 'user'
            ? { id: 'user', name: '', role: 'user' }
            : {
                id: message.counsellor ?? 'counsellor',
                name: message.counsellor ?? '',
                role: 'bot',
              },
      }));
    },
  };
}
