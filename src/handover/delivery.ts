import type { Activity, CloudAdapter, TurnContext } from 'botbuilder';
import type { i18n } from 'i18next';
import { DIRECT_LINE_SERVICE_URL, type DirectLine } from '../channels/directline';
import { activityId } from '../channels/directline/adapter';
import { localizedMessage } from '../language/replies';
import type { RelayedMessage, Ticket } from './ticket';

/** How the handover reaches users and reads their conversation. */
export interface Delivery {
  /** Sends `activity` to the ticket's user as a proactive message, on their channel. */
  send(ticket: Ticket, activity: Partial<Activity>): Promise<void>;
  /** A message in the ticket's language from `handover.json` (`{{org.*}}` filled in). */
  note(ticket: Ticket, key: string, args?: Record<string, unknown>): Partial<Activity>;
  /** The conversation so far as the console shows it: the widget's whole transcript, else the relayed messages. */
  transcript(ticket: Ticket, relayed: RelayedMessage[]): Promise<Array<Partial<Activity>>>;
}

/**
 * Proactive messages go through the adapter of the user's channel: the
 * in-process Direct Line adapter for the widget, CloudAdapter (Bot Framework
 * channels) otherwise — both with `continueConversationAsync`.
 */
export function createDelivery(
  cloud: CloudAdapter,
  directLine: DirectLine,
  appId: string,
  i18n: i18n,
): Delivery {
  return {
    async send(ticket, activity) {
      const logic = async (context: TurnContext) => {
        await context.sendActivity(activity);
      };
      if (ticket.reference.serviceUrl === DIRECT_LINE_SERVICE_URL) {
        await directLine.adapter.continueConversationAsync(appId, ticket.reference, logic);
      } else {
        await cloud.continueConversationAsync(appId, ticket.reference, logic);
      }
    },
    note(ticket, key, args = {}) {
      return localizedMessage(
        i18n.getFixedT(ticket.language, 'handover')(key, args),
        ticket.language,
      );
    },
    async transcript(ticket, relayed) {
      if (ticket.reference.serviceUrl === DIRECT_LINE_SERVICE_URL) {
        const set = await directLine.log.read(ticket.conversationId, 0);
        return set.activities.map(({ watermark, activity }) => ({
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
