import type { YesNo } from '../language/recognizers';
import type { ActionName, ButtonValue } from './actions';

/** Actions whose buttons answer a yes/no question. */
const ACTION_ANSWERS: Partial<Record<ActionName, YesNo>> = {
  deleteConfirm: 'yes',
  deleteKeep: 'no',
  // "No" to "did you mean one of these?" in the middle of a step.
  backToStep: 'no',
};

/** What a button answers to a yes/no question, if it is a yes, no or "I don't know" button. */
export function yesNoMeaning(value: ButtonValue): YesNo | undefined {
  if ('choice' in value) {
    const { choice } = value;
    return choice === 'yes' || choice === 'no' || choice === 'dontKnow' ? choice : undefined;
  }
  if ('action' in value) {
    if (value.action === 'helpful') return value.answer;
    return ACTION_ANSWERS[value.action];
  }
  return undefined;
}
