import type { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import { WaterfallDialog } from 'botbuilder-dialogs';
import { turnLanguage } from '../src/language/turnLanguage';
import type { DialogDeps } from './deps';
import { DESCRIBE_VIEW } from './describeNeed';
import { choice, endWith, MENU_BUTTON, yesNo } from './steps';
import { promptView, ViewDialog } from './viewPrompt';

/** Id of {@link CallbackDialog}. */
export const CALLBACK_DIALOG = 'callbackDialog';

/** Options of {@link CallbackDialog}. */
export interface CallbackOptions {
  /** The user already said yes to being contacted (a "contact me" button). */
  offered?: boolean;
}

/**
 * A callback request: the offer, the consent to keep a phone number or
 * e-mail address (deleted when done, at the latest after 30 days), the
 * contact, an optional line about the need. Saying no at any step stores nothing.
 */
export class CallbackDialog extends ViewDialog {
  constructor(private readonly deps: DialogDeps) {
    super(CALLBACK_DIALOG, deps);
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
    return promptView(
      step,
      yesNo([{ key: 'handover:callback.offer' }], 'handover:callback.yes', 'handover:callback.no'),
    );
  }

  private async consentStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (step.result !== 'yes') return this.decline(step);
    return promptView(
      step,
      yesNo(
        [{ key: 'handover:callback.consent' }],
        'handover:callback.agree',
        'handover:callback.no',
      ),
    );
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
    await this.deps.handover.service.addCallback({
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
      [MENU_BUTTON],
    );
    return step.endDialog();
  }

  private async decline(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return endWith(step, this.deps.ui, 'handover:callback.declined');
  }
}
