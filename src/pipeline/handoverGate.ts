import { turnUnderstanding } from '../nlu/understand';
import { ActivityTypes, HandoffEventNames, type Middleware, type TurnContext } from 'botbuilder';
import { DEFAULT_LANGUAGE } from '../language/languages';
import type { Recognizers } from '../language/recognizers';
import { setTurnLanguage, turnLanguage } from '../language/turnLanguage';
import { setTurnReader } from '../content/register';
import type { HandoverService } from '../handover/service';
import type { BotStates, ConversationData } from '../state';
import { buttonValueOf, isAction } from '../ui/actions';
import {
  CALLBACK_BUTTON,
  CANCEL_BUTTON,
  HANDOVER_STATUS,
  HELPFUL_BUTTONS,
  placeText,
} from '../ui/notices';
import type { Ui } from '../ui/ui';

/** Who a ticket belongs to when an external agent hub accepted it (`handoff.status`). */
export const HANDOFF_HUB = 'agent-hub';

/** States of a `handoff.status` event (Bot Framework handoff protocol). */
const HandoffStatusState = {
  Accepted: 'accepted',
  Failed: 'failed',
  Completed: 'completed',
} as const;

/**
 * The handover gate: while a ticket waits, a message is kept for the
 * counsellor and the user hears their place; while a counsellor has it, the
 * message goes to the counsellor and the bot stays silent. "Cancel" or any
 * button of the bot ends the request (the button then does what it says).
 * It also takes `handoff.status` from an agent hub that took the
 * conversation instead of our console. The ticket id is kept in the
 * conversation's state, so ordinary turns cost no lookup.
 */
export class HandoverGate implements Middleware {
  constructor(
    private readonly states: BotStates,
    private readonly service: HandoverService,
    private readonly ui: Ui,
    private readonly recognizers: Recognizers,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { type, name } = context.activity;
    if (type === ActivityTypes.Event && name === HandoffEventNames.HandoffStatus) {
      return this.handoffStatus(context);
    }
    if (type === ActivityTypes.Message) {
      const data = await this.states.data(context);
      if (data.handover && (await this.relay(context, data))) return;
    }
    await next();
  }

  /** Returns false when the bot should handle the message itself. */
  private async relay(context: TurnContext, data: ConversationData): Promise<boolean> {
    const { service, ui } = this;
    const ticket = data.handover ? await service.queue.get(data.handover) : undefined;
    if (!ticket || (ticket.status !== 'waiting' && ticket.status !== 'active')) {
      // Closed by the counsellor, cancelled or expired meanwhile: the bot is back.
      delete data.handover;
      return false;
    }
    const text = (context.activity.text ?? '').trim();
    const value = buttonValueOf(context.activity);
    const wantsOut =
      (value !== undefined && !('language' in value) && !('choice' in value)) ||
      (!value && this.recognizers.command(text, turnLanguage(context)) === 'cancel');
    if (wantsOut) {
      await service.cancelByUser(ticket.id);
      delete data.handover;
      await ui.send(
        context,
        [ticket.status === 'active' ? 'handover:youLeft' : 'handover:cancelled'],
        [],
        HANDOVER_STATUS,
      );
      const cancelOnly = !value || isAction(value, 'cancelHandover');
      if (cancelOnly) {
        await ui.send(context, ['answer.followUp'], [{ value: { action: 'menu' } }]);
      }
      return cancelOnly;
    }
    if (value) return true; // a language switch or an old answer: the counsellor needs neither
    // What the bot understood of it, for a counsellor who does not read the language.
    const understood = turnUnderstanding(context);
    await service.queue.record(ticket.id, {
      from: 'user',
      text,
      at: Date.now(),
      ...(understood && understood.confidence > 0
        ? { gist: { id: understood.topic, confidence: understood.confidence } }
        : {}),
    });
    if (ticket.status === 'waiting') {
      const place = await service.queue.place(ticket.id);
      if (place) {
        await ui.send(
          context,
          [{ key: 'handover:stillWaiting' }, placeText('handover:update', place)],
          [CANCEL_BUTTON],
          HANDOVER_STATUS,
        );
      }
    }
    return true;
  }

  /** `handoff.status`: accepted, failed (the user is offered a callback) or completed. */
  private async handoffStatus(context: TurnContext): Promise<void> {
    const data = await this.states.data(context);
    const state = (context.activity.value as { state?: unknown } | undefined)?.state;
    if (!data.handover) return;
    setTurnLanguage(context, data.language ?? DEFAULT_LANGUAGE);
    setTurnReader(context, await this.states.userProfile(context));
    const id = data.handover;
    if (state === HandoffStatusState.Accepted) {
      await this.service.queue.accept(id, HANDOFF_HUB);
    } else if (state === HandoffStatusState.Failed) {
      await this.service.cancelByUser(id);
      delete data.handover;
      await this.ui.send(context, ['handover:failed'], [CALLBACK_BUTTON]);
    } else if (state === HandoffStatusState.Completed) {
      await this.service.queue.close(id);
      delete data.handover;
      await this.ui.send(context, ['handover:helpful.ask'], HELPFUL_BUTTONS);
    }
  }
}
