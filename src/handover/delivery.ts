import type { Activity, CloudAdapter, TurnContext } from 'botbuilder';
import type { TFunction } from 'i18next';
import { DIRECT_LINE_SERVICE_URL, type DirectLine } from '../channels/directline';
import { activityId } from '../channels/directline/adapter';
import { type Button, type Text, type Ui } from '../ui/ui';
import { setTurnLanguage } from '../language/turnLanguage';
import type { RelayedMessage, Ticket } from './ticket';

/** Whom a proactive message goes to: a ticket, an appointment request — anything with a reference. */
export type Addressee = Pick<Ticket, 'reference' | 'language' | 'conversationId'>;

/** How the handover reaches users and reads their conversation. */
export interface Delivery {
  /** Sends activities to the ticket's user as proactive messages, on their channel. */
  send(ticket: Addressee, activities: Array<Partial<Activity>>): Promise<void>;
  /** Sends what `build` makes with a translator for the ticket's language (a partner's card). */
  sendLocalized(
    ticket: Addressee,
    build: (t: TFunction) => Array<Partial<Activity>>,
  ): Promise<void>;
  /** Sends texts (the last with buttons) in the ticket's language. */
  say(ticket: Addressee, texts: Text[], buttons?: Button[]): Promise<void>;
  /** The conversation so far as the console shows it: the widget's whole transcript, else the relayed messages. */
  transcript(ticket: Ticket, relayed: RelayedMessage[]): Promise<Array<Partial<Activity>>>;
}

/** Runs `logic` in a proactive turn of the ticket's conversation. */
export type Proactive = (
  ticket: Addressee,
  logic: (context: TurnContext) => Promise<void>,
) => Promise<void>;

/**
 * Proactive turns through the adapter of the user's channel: the in-process
 * Direct Line adapter for the widget, CloudAdapter (Bot Framework channels)
 * otherwise — both with `continueConversationAsync`.
 */
export function channelProactive(
  cloud: CloudAdapter,
  directLine: DirectLine,
  appId: string,
): Proactive {
  return async (ticket, logic) => {
    if (ticket.reference.serviceUrl === DIRECT_LINE_SERVICE_URL) {
      await directLine.adapter.continueConversationAsync(appId, ticket.reference, logic);
    } else {
      await cloud.continueConversationAsync(appId, ticket.reference, logic);
    }
  };
}

/**
 * The widget's transcript from the Direct Line log; on other channels the bot
 * keeps none, and the console shows the messages relayed since the handover.
 */
export function channelTranscript(directLine: DirectLine) {
  return async (ticket: Addressee): Promise<Array<Partial<Activity>> | undefined> => {
    if (ticket.reference.serviceUrl !== DIRECT_LINE_SERVICE_URL) return undefined;
    const set = await directLine.log.read(ticket.conversationId, 0);
    return set.activities.map(({ watermark, activity }) => ({
      ...activity,
      id: activityId(ticket.conversationId, watermark),
    }));
  };
}

/** Builds the {@link Delivery} on a way to reach users and a source of transcripts. */
export function createDelivery(
  proactive: Proactive,
  ui: Ui,
  transcriptOf: (ticket: Addressee) => Promise<Array<Partial<Activity>> | undefined> = async () =>
    undefined,
): Delivery {
  return {
    send: (ticket, activities) =>
      proactive(ticket, async (context) => {
        await context.sendActivities(activities);
      }),
    sendLocalized: (ticket, build) =>
      proactive(ticket, async (context) => {
        setTurnLanguage(context, ticket.language);
        await context.sendActivities(build(ui.t(context)));
      }),
    say: (ticket, texts, buttons = []) =>
      proactive(ticket, async (context) => {
        setTurnLanguage(context, ticket.language);
        await ui.send(context, texts, buttons);
      }),
    async transcript(ticket, relayed) {
      const activities = await transcriptOf(ticket);
      if (activities) return activities;
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
