import {
  EventFactory,
  TurnContext,
  type Activity,
  type ConversationReference,
  type Transcript,
} from 'botbuilder';
import {
  WaterfallDialog,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { describeTime } from '../src/content/hours';
import type { TranscriptLine } from '../src/handover/consoleTranscript';
import { summaryText } from '../src/handover/summary';
import type { Ticket } from '../src/handover/ticket';
import type { Availability, HandoverService } from '../src/handover/service';
import { CANCEL_BUTTON, HANDOVER_STATUS, LEAVE_BUTTON, placeText } from '../src/ui/notices';
import type { DialogDeps } from './deps';
import { CALLBACK_DIALOG } from './callbackDialog';
import { DESCRIBE_VIEW } from './describeNeed';
import type { Text } from '../src/ui/ui';
import { turnLanguage } from '../src/language/turnLanguage';
import { promptView, ViewDialog } from './viewPrompt';
import { yesNo, endWith } from './steps';

/** Id of {@link HandoverDialog}. */
export const HANDOVER_DIALOG = 'handoverDialog';
/** Messages of the bot conversation handed to an external agent hub with `handoff.initiate`. */
export const HANDOFF_TRANSCRIPT_MESSAGES = 30;

/** Why no person can answer now, in the user's language. */
function unavailableText(
  context: TurnContext,
  availability: Exclude<Availability, { status: 'open' }>,
  service: HandoverService,
): Text {
  if (availability.status === 'closed' && availability.next) {
    return {
      key: 'handover:afterHours',
      args: { next: describeTime(availability.next, turnLanguage(context), service.timeZone) },
    };
  }
  return { key: availability.status === 'closed' ? 'handover:closed' : 'handover:nobody' };
}

/** The fields of an activity an agent hub needs: who, what, when (and a user message's gist). */
function compact(activity: Partial<Activity>, gist?: TranscriptLine['gist']): Partial<Activity> {
  return {
    type: activity.type,
    ...(activity.id ? { id: activity.id } : {}),
    ...(activity.timestamp ? { timestamp: activity.timestamp } : {}),
    ...(activity.from
      ? { from: { id: activity.from.id, name: activity.from.name ?? '', role: activity.from.role } }
      : {}),
    ...(activity.text ? { text: activity.text } : {}),
    ...(activity.locale ? { locale: activity.locale } : {}),
    ...(gist ? { channelData: { gist } } : {}),
  };
}

/**
 * "Talk to a counsellor": when someone can answer, it explains what happens,
 * asks consent to share the conversation, asks for a one-line description
 * (optional) and puts a ticket in the queue, telling the user their place;
 * it also emits the standard `handoff.initiate` event so an agent hub could
 * take over instead. Outside the hours, or when nobody is at the console, it
 * says so (with the next opening) and offers a callback. A refused consent
 * stores nothing.
 */
export class HandoverDialog extends ViewDialog {
  constructor(private readonly deps: DialogDeps) {
    super(HANDOVER_DIALOG, deps);
    this.addDialog(
      new WaterfallDialog(`${HANDOVER_DIALOG}.steps`, [
        this.consentStep.bind(this),
        this.describeStep.bind(this),
        this.queueStep.bind(this),
      ]),
    );
  }

  private async consentStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { context } = step;
    const { service } = this.deps.handover;
    const open = await service.queue.openFor(context.activity.conversation.id);
    if (open) {
      // Asked again while waiting or talking: say where things stand instead of queueing twice.
      await this.deps.openTicket.set(context, open.id);
      const place = await service.queue.place(open.id);
      await this.deps.ui.send(
        context,
        [place ? placeText('handover:update', place) : { key: 'handover:alreadyWithCounsellor' }],
        // Waiting: the request can be cancelled; with a counsellor: the chat can be left.
        [place ? CANCEL_BUTTON : LEAVE_BUTTON],
        HANDOVER_STATUS,
      );
      return step.endDialog();
    }
    const availability = await service.availability();
    if (availability.status !== 'open') {
      await this.deps.ui.send(context, [unavailableText(context, availability, service)]);
      return step.replaceDialog(CALLBACK_DIALOG, {});
    }
    return promptView(
      step,
      yesNo(
        [{ key: 'handover:explain' }, { key: 'handover:consent.ask' }],
        'handover:consent.yes',
        'handover:consent.no',
      ),
    );
  }

  private async describeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (step.result !== 'yes') {
      return endWith(step, this.deps.ui, 'handover:consent.refused');
    }
    return promptView(step, DESCRIBE_VIEW);
  }

  private async queueStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { context } = step;
    const { service } = this.deps.handover;
    const description = step.result === 'skip' ? undefined : String(step.result);
    const profile = await this.deps.userProfile.get(context, {});
    const topics = (await this.deps.recentTopics.get(context)) ?? [];
    const readiness = await this.deps.readiness.get(context);
    const reference = TurnContext.getConversationReference(
      context.activity,
    ) as Partial<ConversationReference>;
    const { ticket, place } = await service.request({
      reference,
      language: turnLanguage(context),
      ...(profile.audience ? { audience: profile.audience } : {}),
      topics,
      ...(description ? { description } : {}),
      ...(readiness ? { readiness } : {}),
    });
    await this.deps.openTicket.set(context, ticket.id);
    await this.deps.ui.send(
      context,
      [place ? placeText('handover:queued', place) : { key: 'handover:alreadyWithCounsellor' }],
      [place ? CANCEL_BUTTON : LEAVE_BUTTON],
      HANDOVER_STATUS,
    );
    // The standard event, so that an agent hub in front of the bot could take over instead.
    await context.sendActivity(await this.handoffInitiation(context, ticket));
    return step.endDialog();
  }

  /**
   * `handoff.initiate` with the ticket (and its summary in German) and the conversation's last messages as the
   * transcript: the summary first, the gist of each user message in its
   * `channelData`.
   */
  private async handoffInitiation(
    context: TurnContext,
    ticket: Ticket,
  ): Promise<Partial<Activity>> {
    const { service, read } = this.deps.handover;
    const history = (await service.channel.transcript(ticket, []))
      .filter((activity) => activity.type === 'message')
      .slice(-HANDOFF_TRANSCRIPT_MESSAGES);
    // In German, as the service point's staff read it.
    const reading = await read(ticket, history, [], 'de');
    const gists = new Map(reading.lines.map((line) => [line.id, line.gist]));
    const transcript: Transcript = {
      activities: [
        {
          type: 'message',
          from: { id: 'summary', name: reading.heading, role: 'bot' },
          text: summaryText(reading.summary, reading.heading),
          locale: 'de',
        },
        ...history.map((activity) => compact(activity, gists.get(activity.id))),
      ] as Activity[],
    };
    return EventFactory.createHandoffInitiation(
      context,
      {
        ticketId: ticket.id,
        language: ticket.language,
        ...(ticket.audience ? { audience: ticket.audience } : {}),
        topics: ticket.topics,
        ...(ticket.description ? { description: ticket.description } : {}),
        summary: reading.summary,
      },
      transcript,
    );
  }
}
