import type { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import type { Button, Text, Ui } from '../src/ui/ui';
import type { View } from './viewPrompt';

/** An answer button of a question: its label key and the `{"choice"}` it sends. */
export function choice(key: string, value: string): Button {
  return { label: { key }, value: { choice: value } };
}

/** The button back to the menu. */
export const MENU_BUTTON: Button = { value: { action: 'menu' } };

/** A yes/no question (a consent, an offer): the yes and no buttons, and typed yes/no understood. */
export function yesNo(texts: Text[], yesKey: string, noKey: string): View {
  return { texts, buttons: [choice(yesKey, 'yes'), choice(noKey, 'no')], mode: 'yesNo' };
}

/** Ends the dialog with a sentence and the menu button: a refused consent stores nothing. */
export async function endWith(
  step: WaterfallStepContext,
  ui: Ui,
  key: string,
): Promise<DialogTurnResult> {
  await ui.send(step.context, [key], [MENU_BUTTON]);
  return step.endDialog();
}
