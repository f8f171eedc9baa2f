import { TurnContext, type ConversationReference } from 'botbuilder';
import {
  WaterfallDialog,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { describeTime, DEFAULT_TIME_ZONE } from '../src/content/hours';
import { canReadTimes, readTypedTime } from '../src/offers/slots';
import { nextSlots, slotAt } from '../src/offers/slots';
import type { DialogDeps } from './deps';
import { CALLBACK_DIALOG, type CallbackOptions } from './callbackDialog';
import { type Button, type Text } from '../src/ui/ui';
import { turnLanguage } from '../src/language/turnLanguage';
import { promptView, ViewDialog } from './viewPrompt';
import { choice, MENU_BUTTON, yesNo, endWith } from './steps';

/** Id of {@link AppointmentDialog}. */
export const APPOINTMENT_DIALOG = 'appointmentDialog';
const OTHER = 'other';

/** Options of the steps when the slots are offered again. */
interface SlotOptions {
  texts?: Text[];
  /** Offer slots from this time on (epoch ms). */
  from?: number;
}

interface AppointmentValues {
  /** The chosen slot, epoch ms. */
  start?: number;
  contact?: string;
}

/**
 * An appointment in the consultation hours: the next free slots as buttons
 * (from `data/consultations.json`, never typed dates the bot cannot check),
 * "another time" read from a typed day and time where chrono-node has the
 * language, then consent, a phone number or e-mail address, and a request
 * the counsellors confirm in the console; the user hears the answer in the
 * chat, with a calendar file. Without consultation hours in the data, a callback.
 */
export class AppointmentDialog extends ViewDialog {
  constructor(private readonly deps: DialogDeps) {
    super(APPOINTMENT_DIALOG, deps);
    this.addDialog(
      new WaterfallDialog(`${APPOINTMENT_DIALOG}.steps`, [
        this.slotStep.bind(this),
        this.typedStep.bind(this),
        this.consentStep.bind(this),
        this.contactStep.bind(this),
        this.saveStep.bind(this),
      ]),
    );
  }

  private now(): Date {
    return new Date(this.deps.now?.() ?? Date.now());
  }

  private time(context: TurnContext, at: number): string {
    const zone = this.deps.offers.consultations?.schedule.timeZone ?? DEFAULT_TIME_ZONE;
    return describeTime(new Date(at), turnLanguage(context), zone);
  }

  /** The free slots as buttons, with "another time" where typed times can be read. */
  private async slotButtons(context: TurnContext, from: Date): Promise<Button[]> {
    const consultations = this.deps.offers.consultations!;
    const taken = await this.deps.handover.service.takenSlots();
    const buttons = nextSlots(consultations, from, taken).map((slot): Button => ({
      label: { literal: this.time(context, slot.getTime()) },
      value: { choice: String(slot.getTime()) },
    }));
    if (buttons.length > 0 && canReadTimes(turnLanguage(context))) {
      buttons.push(choice('offers:appointment.other', OTHER));
    }
    return buttons;
  }

  private async offerSlots(
    step: WaterfallStepContext,
    texts: Text[],
    from: Date,
  ): Promise<DialogTurnResult> {
    const buttons = await this.slotButtons(step.context, from);
    if (buttons.length === 0) {
      await this.deps.ui.send(step.context, ['offers:appointment.none']);
      return step.replaceDialog(CALLBACK_DIALOG, {} satisfies CallbackOptions);
    }
    return promptView(step, { texts, buttons, retry: { key: 'offers:appointment.notUnderstood' } });
  }

  private async slotStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { consultations } = this.deps.offers;
    if (!consultations) {
      await this.deps.ui.send(step.context, ['offers:appointment.noSchedule']);
      return step.replaceDialog(CALLBACK_DIALOG, {} satisfies CallbackOptions);
    }
    // Asked again after a typed time that is not free: the free times from then on.
    const again = step.options as SlotOptions | undefined;
    return this.offerSlots(
      step,
      again?.texts ?? [{ key: 'offers:appointment.ask', args: { place: consultations.place } }],
      new Date(Math.max(again?.from ?? 0, this.now().getTime())),
    );
  }

  private async typedStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (step.result !== OTHER) return step.next(step.result);
    return promptView(step, {
      texts: [{ key: 'offers:appointment.askTime' }],
      buttons: [],
      mode: 'text',
      max: 100,
    });
  }

  private async consentStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { context } = step;
    const consultations = this.deps.offers.consultations!;
    const values = step.values as AppointmentValues;
    let start = Number(step.result);
    if (!Number.isFinite(start)) {
      // A typed day and time: it must be one of the free slots.
      const now = this.now();
      const typed = readTypedTime(
        String(step.result),
        turnLanguage(context),
        now,
        consultations.schedule.timeZone,
      );
      const taken = await this.deps.handover.service.takenSlots();
      const slot = typed ? slotAt(consultations, typed, now, taken) : undefined;
      if (!slot) {
        const texts: Text[] = typed
          ? [
              {
                key: 'offers:appointment.notAvailable',
                args: { time: this.time(context, typed.getTime()) },
              },
            ]
          : [{ key: 'offers:appointment.notUnderstood' }];
        const again: SlotOptions = { texts, from: (typed ?? now).getTime() };
        return step.replaceDialog(`${APPOINTMENT_DIALOG}.steps`, again);
      }
      start = slot.getTime();
    }
    values.start = start;
    return promptView(
      step,
      yesNo(
        [{ key: 'offers:appointment.consent', args: { time: this.time(context, start) } }],
        'offers:appointment.agree',
        'offers:appointment.no',
      ),
    );
  }

  private async contactStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (step.result !== 'yes') {
      return endWith(step, this.deps.ui, 'offers:appointment.refused');
    }
    return promptView(step, {
      texts: [{ key: 'offers:appointment.askContact' }],
      buttons: [choice('offers:appointment.no', 'no')],
      mode: 'contact',
      retry: { key: 'handover:callback.invalid' },
    });
  }

  private async saveStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { context } = step;
    if (step.result === 'no') {
      return endWith(step, this.deps.ui, 'offers:appointment.refused');
    }
    const consultations = this.deps.offers.consultations!;
    const values = step.values as AppointmentValues;
    const [type, ...rest] = String(step.result).split(':');
    const profile = await this.deps.userProfile.get(context, {});
    await this.deps.handover.service.addAppointment({
      conversationId: context.activity.conversation.id,
      start: values.start!,
      minutes: consultations.slotMinutes,
      place: consultations.place,
      language: turnLanguage(context),
      ...(profile.audience ? { audience: profile.audience } : {}),
      contact: rest.join(':'),
      contactType: type === 'email' ? 'email' : 'phone',
      status: 'requested',
      reference: TurnContext.getConversationReference(
        context.activity,
      ) as Partial<ConversationReference>,
    });
    await this.deps.ui.send(
      context,
      [
        {
          key: 'offers:appointment.requested',
          args: { time: this.time(context, values.start!), place: consultations.place },
        },
      ],
      [MENU_BUTTON],
    );
    return step.endDialog();
  }
}
