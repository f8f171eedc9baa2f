import {
  EventFactory,
  TurnContext,
  type Activity,
  type ConversationReference,
  type Transcript,
} from 'botbuilder';
import {
  ComponentDialog,
  WaterfallDialog,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { describeTime } from '../src/content/hours';
import type { Availability, HandoverService } from '../src/handover/service';
import { CANCEL_BUTTON, placeText } from '../src/ui/notices';
import type { DialogDeps } from './deps';
import { type Button, type Text } from '../src/ui/ui';
import { turnLanguage } from '../src/language/turnLanguage';
import { promptView, type View } from './viewPrompt';

/** Id of {@link HandoverDialog}. */
export const HANDOVER_DIALOG = 'handoverDialog';
/** Id of {@link CallbackDialog}. */
export const CALLBACK_DIALOG = 'callbackDialog';
/** Longest one-line description of the need. */
export const MAX_DESCRIPTION_CHARS = 300;
/** Messages of the bot conversation handed to an external agent hub with `handoff.initiate`. */
export const HANDOFF_TRANSCRIPT_MESSAGES = 30;

/** What the handover dialogs need besides the common {@link DialogDeps}. */
export interface HandoverDialogDeps {
  service: HandoverService;
  /** The conversation so far (the widget's transcript), for `handoff.initiate`; none on other channels. */
  transcript?(context: TurnContext): Promise<Array<Partial<Activity>>>;
}

/** Options of {@link CallbackDialog}. */
export interface CallbackOptions {
  /** The user already said yes to being contacted (a "contact me" button). */
  offered?: boolean;
}

const choice = (key: string, value: string): Button => ({
  label: { key },
  value: { choice: value },
});
const menu: Button = { value: { action: 'menu' } };
/** "In one line: what do you need help with?" — free text, or skip. */
export const DESCRIBE_VIEW: View = {
  texts: [{ key: 'handover:describe.ask' }],
  buttons: [choice('handover:describe.skip', 'skip')],
  mode: 'text',
  max: MAX_DESCRIPTION_CHARS,
  retry: { key: 'handover:describe.tooLong', args: { max: MAX_DESCRIPTION_CHARS } },
};

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

/** The fields of an activity an agent hub needs: who, what, when. */
function compact(activity: Partial<Activity>): Partial<Activity> {
  return {
    type: activity.type,
    ...(activity.id ? { id: activity.id } : {}),
    ...(activity.timestamp ? { timestamp: activity.timestamp } : {}),
    ...(activity.from
      ? { from: { id: activity.from.id, name: activity.from.name ?? '', role: activity.from.role } }
      : {}),
    ...(activity.text ? { text: activity.text } : {}),
    ...(activity.locale ? { locale: activity.locale } : {}),
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
export class HandoverDialog extends ComponentDialog {
  constructor(
    private readonly deps: DialogDeps,
    private readonly handover: HandoverDialogDeps,
  ) {
    super(HANDOVER_DIALOG);
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
    const { service } = this.handover;
    const open = await service.queue.openFor(context.activity.conversation.id);
    if (open) {
      // Asked again while waiting or talking: say where things stand instead of queueing twice.
      await this.deps.openTicket.set(context, open.id);
      const place = await service.queue.place(open.id);
      await this.deps.ui.send(
        context,
        [place ? placeText('handover:update', place) : { key: 'handover:alreadyWithCounsellor' }],
        [CANCEL_BUTTON],
      );
      return step.endDialog();
    }
    const availability = await service.availability();
    if (availability.status !== 'open') {
      await this.deps.ui.send(context, [unavailableText(context, availability, service)]);
      return step.replaceDialog(CALLBACK_DIALOG, {});
    }
    return promptView(step, {
      texts: [{ key: 'handover:explain' }, { key: 'handover:consent.ask' }],
      buttons: [choice('handover:consent.yes', 'yes'), choice('handover:consent.no', 'no')],
      mode: 'yesNo',
    });
  }

  private async describeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (step.result !== 'yes') {
      await this.deps.ui.send(step.context, ['handover:consent.refused'], [menu]);
      return step.endDialog();
    }
    return promptView(step, DESCRIBE_VIEW);
  }

  private async queueStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { context } = step;
    const { service } = this.handover;
    const description = step.result === 'skip' ? undefined : String(step.result);
    const profile = await this.deps.userProfile.get(context, {});
    const topics = (await this.deps.recentTopics.get(context)) ?? [];
    const reference = TurnContext.getConversationReference(
      context.activity,
    ) as Partial<ConversationReference>;
    const { ticket, place } = await service.request({
      reference,
      language: turnLanguage(context),
      ...(profile.audience ? { audience: profile.audience } : {}),
      topics,
      ...(description ? { description } : {}),
    });
    await this.deps.openTicket.set(context, ticket.id);
    await this.deps.ui.send(
      context,
      [place ? placeText('handover:queued', place) : { key: 'handover:alreadyWithCounsellor' }],
      [CANCEL_BUTTON],
    );
    // The standard event, so that an agent hub in front of the bot could take over instead.
    const history = (await this.handover.transcript?.(context)) ?? [];
    const transcript: Transcript = {
      activities: history
        .filter((activity) => activity.type === 'message')
        .slice(-HANDOFF_TRANSCRIPT_MESSAGES)
        .map(compact) as Activity[],
    };
    await context.sendActivity(
      EventFactory.createHandoffInitiation(
        context,
        {
          ticketId: ticket.id,
          language: ticket.language,
          ...(ticket.audience ? { audience: ticket.audience } : {}),
          topics: ticket.topics,
          ...(ticket.description ? { description: ticket.description } : {}),
        },
        transcript,
      ),
    );
    return step.endDialog();
  }
}

/**
 * A callback request: the offer, the consent to keep a phone number or
 * e-mail address (deleted when done, at the latest after 30 days), the
 * contact, an optional line about the need. Saying no at any step stores nothing.
 */
export class CallbackDialog extends ComponentDialog {
  constructor(
    private readonly deps: DialogDeps,
    private readonly handover: HandoverDialogDeps,
  ) {
    super(CALLBACK_DIALOG);
    this.addDialog(
      new WaterfallDialog(`${CALLBACK_DIALOG}.steps`, [
        this.offerStep.bind(this),
        this.consentStep.bind(this),
        this.contactStep.bind(this),
        this.describeStep.bind(this),
        this.saveStep.bind(this),
      ]),
    );
  }

  private async offerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if ((step.options as CallbackOptions | undefined)?.offered) return step.next('yes');
    return promptView(step, {
      texts: [{ key: 'handover:callback.offer' }],
      buttons: [choice('handover:callback.yes', 'yes'), choice('handover:callback.no', 'no')],
      mode: 'yesNo',
    });
  }

  private async consentStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (step.result !== 'yes') return this.decline(step);
    return promptView(step, {
      texts: [{ key: 'handover:callback.consent' }],
      buttons: [choice('handover:callback.agree', 'yes'), choice('handover:callback.no', 'no')],
      mode: 'yesNo',
    });
  }

  private async contactStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (step.result !== 'yes') return this.decline(step);
    return promptView(step, {
      texts: [{ key: 'handover:callback.ask' }],
      buttons: [choice('handover:callback.no', 'no')],
      mode: 'contact',
      retry: { key: 'handover:callback.invalid' },
    });
  }

  private async describeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (step.result === 'no') return this.decline(step);
    (step.values as { contact?: string }).contact = String(step.result);
    return promptView(step, DESCRIBE_VIEW);
  }

  private async saveStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { context } = step;
    const [type, ...rest] = String((step.values as { contact?: string }).contact).split(':');
    const description = step.result === 'skip' ? undefined : String(step.result);
    const profile = await this.deps.userProfile.get(context, {});
    await this.handover.service.addCallback({
      conversationId: context.activity.conversation.id,
      language: turnLanguage(context),
      ...(profile.audience ? { audience: profile.audience } : {}),
      topics: (await this.deps.recentTopics.get(context)) ?? [],
      ...(description ? { description } : {}),
      contact: rest.join(':'),
      contactType: type === 'email' ? 'email' : 'phone',
    });
    const deleteCommand = this.deps.recognizers.commandWord('delete', turnLanguage(context));
    await this.deps.ui.send(
      context,
      [{ key: 'handover:callback.saved', args: { deleteCommand } }],
      [menu],
    );
    return step.endDialog();
  }

  private async decline(step: WaterfallStepContext): Promise<DialogTurnResult> {
    await this.deps.ui.send(step.context, ['handover:callback.declined'], [menu]);
    return step.endDialog();
  }
}
