import type { TurnContext } from 'botbuilder';

const LANGUAGE_SWITCHED = Symbol('kausa.languageSwitched');
const WELCOMED = Symbol('kausa.welcomed');

/** Marks that the user chose a language in this turn (the pipeline has applied it). */
export function markLanguageSwitched(context: TurnContext): void {
  context.turnState.set(LANGUAGE_SWITCHED, true);
}

/** Whether the user chose a language in this turn (the dialogs then show the current step again). */
export function languageSwitched(context: TurnContext): boolean {
  return context.turnState.get(LANGUAGE_SWITCHED) === true;
}

/** Marks that the welcome was sent in this turn. */
export function markWelcomed(context: TurnContext): void {
  context.turnState.set(WELCOMED, true);
}

/** Whether the welcome was sent in this turn (a greeting then needs no second hello). */
export function welcomedThisTurn(context: TurnContext): boolean {
  return context.turnState.get(WELCOMED) === true;
}
