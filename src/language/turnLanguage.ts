import type { TurnContext } from 'botbuilder';
import { DEFAULT_LANGUAGE, type Language } from './languages';

const TURN_LANGUAGE = Symbol('kausa.turnLanguage');

/** Sets the language every reply of this turn is written in. */
export function setTurnLanguage(context: TurnContext, language: Language): void {
  context.turnState.set(TURN_LANGUAGE, language);
}

/** The language of this turn (German until the pipeline has decided). */
export function turnLanguage(context: TurnContext): Language {
  return (context.turnState.get(TURN_LANGUAGE) as Language | undefined) ?? DEFAULT_LANGUAGE;
}

/** The language of this turn, if the pipeline got as far as deciding it. */
export function turnLanguageIfSet(context: TurnContext): Language | undefined {
  return context.turnState.get(TURN_LANGUAGE) as Language | undefined;
}
