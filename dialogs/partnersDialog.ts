import { ActionTypes, type TurnContext } from 'botbuilder';
import {
  WaterfallDialog,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { isTopicId, type TopicId } from '../src/content/topics';
import {
  localizedAttachments,
  partnerAttachment,
  partnersFor,
  REGIONS,
  type Region,
} from '../src/partners/partners';
import type { DialogDeps } from './deps';
import { type Button } from '../src/ui/ui';
import { turnLanguage } from '../src/language/turnLanguage';
import { promptView, ViewDialog } from './viewPrompt';
import { MENU_BUTTON } from './steps';

/** Id of {@link PartnersDialog}. */
export const PARTNERS_DIALOG = 'partnersDialog';
/** Partner cards shown at once. */
export const MAX_PARTNER_CARDS = 5;

/** Options of {@link PartnersDialog}: the topic to find partners for (none: all of the region). */
export interface PartnersOptions {
  topic?: TopicId;
}

const UNKNOWN_REGION = 'unknown';

/**
 * "Who can help?": asks once where the user lives or works (city of Leipzig,
 * Landkreis Leipzig, Nordsachsen, or not sure), then shows the network
 * partners for the topic there as cards: what they do in the user's
 * language, call, e-mail, website, map, and "put me in touch" (a referral).
 */
export class PartnersDialog extends ViewDialog {
  constructor(private readonly deps: DialogDeps) {
    super(PARTNERS_DIALOG, deps);
    this.addDialog(
      new WaterfallDialog(`${PARTNERS_DIALOG}.steps`, [
        this.regionStep.bind(this),
        this.showStep.bind(this),
      ]),
    );
  }

  private async regionStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const profile = await this.deps.userProfile.get(step.context, {});
    if (profile.region) return step.next(profile.region);
    return promptView(step, {
      texts: [{ key: 'offers:region.ask' }],
      buttons: [...REGIONS, UNKNOWN_REGION].map((region): Button => ({
        label: { key: `offers:region.${region}` },
        value: { choice: region },
      })),
    });
  }

  private async showStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { context } = step;
    const profile = await this.deps.userProfile.get(context, {});
    const region = (REGIONS as readonly string[]).includes(String(step.result))
      ? (step.result as Region)
      : undefined;
    if (region) profile.region = region;
    const topic = (step.options as PartnersOptions | undefined)?.topic;
    await showPartners(this.deps, context, topic && isTopicId(topic) ? topic : undefined, region);
    return step.endDialog();
  }
}

/** The partner cards for a topic and district, or the service point's own contact when there is none. */
export async function showPartners(
  deps: DialogDeps,
  context: TurnContext,
  topic: TopicId | undefined,
  region: Region | undefined,
): Promise<void> {
  const { ui } = deps;
  const partners = partnersFor(deps.partners, topic, region).slice(0, MAX_PARTNER_CARDS);
  if (partners.length === 0) {
    await ui.send(context, ['offers:partners.none'], [MENU_BUTTON]);
    return;
  }
  const language = turnLanguage(context);
  const t = ui.t(context);
  await ui.send(context, ['offers:partners.intro']);
  await context.sendActivity(
    localizedAttachments(
      partners.map((partner) =>
        partnerAttachment(partner, t, language, [
          {
            type: ActionTypes.MessageBack,
            title: t('offers:partners.refer'),
            displayText: t('offers:partners.refer'),
            text: t('offers:partners.refer'),
            value: { action: 'refer', partner: partner.id },
          },
        ]),
      ),
      language,
    ),
  );
  await ui.send(context, ['answer.followUp'], [MENU_BUTTON]);
}
