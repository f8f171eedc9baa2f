import type { TurnContext } from 'botbuilder';
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { isTopicId } from '../src/content/topics';
import { turnLanguage } from '../src/language/turnLanguage';
import type { ActionName, ActionValue } from '../src/ui/actions';
import { ANSWER_DIALOG, type AnswerOptions } from './answerDialog';
import { APPOINTMENT_DIALOG } from './appointmentDialog';
import { AUDIENCE_DIALOG } from './audienceDialog';
import { CALLBACK_DIALOG, type CallbackOptions } from './callbackDialog';
import { COMPANY_CHECK_DIALOG } from './companyCheckDialog';
import type { DialogDeps } from './deps';
import { HANDOVER_DIALOG } from './handoverDialog';
import { PARTNERS_DIALOG, type PartnersOptions } from './partnersDialog';
import { READINESS_DIALOG } from './readinessCheckDialog';
import { REFERRAL_DIALOG, type ReferralOptions } from './referralDialog';
import { showEvents, showHotline, showRoute, showRoutes } from './serviceOffers';

/** What an action can do: start a dialog afresh, go back to the menu, or just reply. */
export interface Navigator {
  dc: DialogContext;
  context: TurnContext;
  deps: DialogDeps;
  /** Cancels what is active and starts `dialogId`. */
  restart(dialogId: string, options?: object): Promise<DialogTurnResult>;
  /** Cancels what is active and starts the conversation's loop again (audience → menu). */
  restartMain(): Promise<DialogTurnResult>;
  /** Shows one page of the language picker. */
  showLanguages(page: number): Promise<void>;
}

/** What one action does; undefined lets the active dialog go on as if nothing was tapped. */
type Navigate<K extends ActionName> = (
  nav: Navigator,
  value: ActionValue<K>,
) => Promise<DialogTurnResult | undefined>;

/** What every action does. */
export type Navigation = { [K in ActionName]: Navigate<K> };

/** Replies and ends the turn, the active dialog untouched. */
async function reply(nav: Navigator, show: () => Promise<unknown>): Promise<DialogTurnResult> {
  await show();
  return Dialog.EndOfTurn;
}

const handledByPipeline = async () => undefined;

/**
 * What every button action does, whatever dialog is active (a button of an
 * old message too). The actions themselves, with their labels, are declared
 * in `src/ui/actions.ts`; the compiler checks that each has an entry here.
 */
export const NAVIGATION: Navigation = {
  menu: (nav) => nav.restartMain(),
  help: async (nav) => {
    await nav.deps.ui.send(nav.context, ['help.text']);
    return nav.restartMain();
  },
  // The step the user was in asks its question again; with none waiting, the menu.
  backToStep: async (nav) => {
    if (!nav.dc.activeDialog) return nav.restartMain();
    await nav.dc.repromptDialog();
    return Dialog.EndOfTurn;
  },
  readiness: (nav) => nav.restart(READINESS_DIALOG),
  changeAudience: (nav) => nav.restart(AUDIENCE_DIALOG),
  chooseLanguage: (nav, value) => reply(nav, () => nav.showLanguages(value.page ?? 0)),
  more: async (nav, value) =>
    isTopicId(value.topic)
      ? nav.restart(ANSWER_DIALOG, { topic: value.topic, more: true } satisfies AnswerOptions)
      : undefined,
  counsellor: (nav) => nav.restart(HANDOVER_DIALOG),
  callback: (nav) => nav.restart(CALLBACK_DIALOG, { offered: true } satisfies CallbackOptions),
  // An old "cancel" button after the request has ended: nothing is waiting any more.
  cancelHandover: async (nav) => {
    await nav.deps.ui.send(nav.context, ['handover:nothingToCancel']);
    return nav.restartMain();
  },
  helpful: async (nav, value) => {
    // Counted for the reports, not kept per user.
    nav.deps.stats?.count(value.answer === 'yes' ? 'helpfulYes' : 'helpfulNo', {
      language: turnLanguage(nav.context),
    });
    await nav.deps.ui.send(nav.context, ['handover:helpful.thanks']);
    return nav.restartMain();
  },
  // "Delete my data" is answered by the turn pipeline before any dialog sees it.
  delete: handledByPipeline,
  deleteConfirm: handledByPipeline,
  deleteKeep: handledByPipeline,
  partners: (nav, value) =>
    nav.restart(PARTNERS_DIALOG, {
      ...(value.topic && isTopicId(value.topic) ? { topic: value.topic } : {}),
    } satisfies PartnersOptions),
  refer: (nav, value) =>
    nav.restart(REFERRAL_DIALOG, { partner: value.partner } satisfies ReferralOptions),
  withdraw: (nav, value) => reply(nav, () => withdraw(nav, value.referral)),
  appointment: (nav) => nav.restart(APPOINTMENT_DIALOG),
  companyCheck: (nav) => nav.restart(COMPANY_CHECK_DIALOG),
  events: (nav) => reply(nav, () => showEvents(nav.deps, nav.context)),
  hotline: async (nav) =>
    (await showHotline(nav.deps, nav.context)) ? nav.restart(CALLBACK_DIALOG) : Dialog.EndOfTurn,
  routes: (nav) => reply(nav, () => showRoutes(nav.deps, nav.context)),
  route: (nav, value) => reply(nav, () => showRoute(nav.deps, nav.context, value.route)),
};

/** Runs the action a button value names. */
export function navigate(
  navigation: Navigation,
  nav: Navigator,
  value: ActionValue,
): Promise<DialogTurnResult | undefined> {
  const run = navigation[value.action] as Navigate<ActionName> | undefined;
  return run ? run(nav, value) : Promise.resolve(undefined);
}

/** Withdraws a referral of this conversation: it is deleted with the contact. */
async function withdraw(nav: Navigator, id: string): Promise<void> {
  const { service } = nav.deps.handover;
  const referral = await service.referrals.get(id);
  const own = referral?.conversationId === nav.context.activity.conversation.id;
  if (own) await service.referralDone(id);
  await nav.deps.ui.send(
    nav.context,
    [own ? 'offers:referral.withdrawn' : 'offers:referral.gone'],
    [{ value: { action: 'menu' } }],
  );
}
