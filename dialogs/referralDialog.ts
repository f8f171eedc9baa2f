import {
  WaterfallDialog,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { DialogDeps } from './deps';
import { DESCRIBE_VIEW } from './describeNeed';
import { turnLanguage } from '../src/language/turnLanguage';
import { promptView, ViewDialog } from './viewPrompt';
import { choice, MENU_BUTTON, yesNo } from './steps';

/** Id of {@link ReferralDialog}. */
export const REFERRAL_DIALOG = 'referralDialog';

/** Options of {@link ReferralDialog}: the partner's id. */
export interface ReferralOptions {
  partner: string;
}

/**
 * "Put me in touch" with a partner: first the consent, naming exactly which
 * data goes to which partner (language, topic, a line if wanted, phone or
 * e-mail) — refused, nothing is stored; then the contact and the optional
 * line. The referral is kept for a counsellor to forward, and the user can
 * withdraw it with a button at any time.
 */
export class ReferralDialog extends ViewDialog {
  constructor(private readonly deps: DialogDeps) {
    super(REFERRAL_DIALOG, deps);
    this.addDialog(
      new WaterfallDialog(`${REFERRAL_DIALOG}.steps`, [
        this.consentStep.bind(this),
        this.contactStep.bind(this),
        this.describeStep.bind(this),
        this.saveStep.bind(this),
      ]),
    );
  }

  private partner(step: WaterfallStepContext) {
    const { partner } = step.options as ReferralOptions;
    return this.deps.partners.find((candidate) => candidate.id === partner);
  }

  private async consentStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const partner = this.partner(step);
    if (!partner) return step.endDialog();
    return promptView(
      step,
      yesNo(
        [{ key: 'offers:referral.consent', args: { partner: partner.name } }],
        'offers:referral.agree',
        'offers:referral.no',
      ),
    );
  }

  private async contactStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const partner = this.partner(step)!;
    if (step.result !== 'yes') {
      await this.deps.ui.send(
        step.context,
        [{ key: 'offers:referral.refused', args: { partner: partner.name } }],
        [MENU_BUTTON],
      );
      return step.endDialog();
    }
    return promptView(step, {
      texts: [{ key: 'offers:referral.askContact', args: { partner: partner.name } }],
      buttons: [choice('offers:referral.no', 'no')],
      mode: 'contact',
      retry: { key: 'handover:callback.invalid' },
    });
  }

  private async describeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (step.result === 'no') {
      const partner = this.partner(step)!;
      await this.deps.ui.send(
        step.context,
        [{ key: 'offers:referral.refused', args: { partner: partner.name } }],
        [MENU_BUTTON],
      );
      return step.endDialog();
    }
    (step.values as { contact?: string }).contact = String(step.result);
    return promptView(step, DESCRIBE_VIEW);
  }

  private async saveStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { context } = step;
    const partner = this.partner(step)!;
    const [type, ...rest] = String((step.values as { contact?: string }).contact).split(':');
    const description = step.result === 'skip' ? undefined : String(step.result);
    const profile = await this.deps.userProfile.get(context, {});
    const topics = await this.deps.recentTopics.get(context);
    const referral = await this.deps.handover.service.addReferral({
      conversationId: context.activity.conversation.id,
      partnerId: partner.id,
      partnerName: partner.name,
      language: turnLanguage(context),
      ...(profile.audience ? { audience: profile.audience } : {}),
      topics: (topics ?? []).filter((topic) => partner.topics.includes(topic)),
      ...(description ? { description } : {}),
      contact: rest.join(':'),
      contactType: type === 'email' ? 'email' : 'phone',
    });
    await this.deps.ui.send(
      context,
      [{ key: 'offers:referral.saved', args: { partner: partner.name } }],
      [
        {
          label: { key: 'offers:referral.withdraw' },
          value: { action: 'withdraw', referral: referral.id },
        },
        MENU_BUTTON,
      ],
    );
    return step.endDialog();
  }
}
