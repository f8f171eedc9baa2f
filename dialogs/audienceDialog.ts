import type { Recognizers } from '../src/language/recognizers';
import { WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { AUDIENCES } from '../src/content/topics';
import type { Button, Text, Ui } from '../src/ui/ui';
import { promptView, ViewDialog } from './viewPrompt';

/** "Who are you?" with its buttons: the first question of every conversation. */
export function audienceQuestion(): { texts: Text[]; buttons: Button[] } {
  const buttons: Button[] = AUDIENCES.map((audience) => ({ value: { audience } }));
  buttons.push({ value: { action: 'chooseLanguage' } });
  return { texts: [{ key: 'audience.ask' }], buttons };
}

/** Id of {@link AudienceDialog}. */
export const AUDIENCE_DIALOG = 'audienceDialog';

/**
 * "Who are you?": young person, parent, company or multiplier. The buttons
 * carry `{"audience": id}`, which MainDialog handles wherever it is tapped.
 */
export class AudienceDialog extends ViewDialog {
  constructor(deps: { ui: Ui; recognizers: Recognizers }) {
    super(AUDIENCE_DIALOG, deps);
    this.addDialog(
      new WaterfallDialog(`${AUDIENCE_DIALOG}.steps`, [this.askAudienceStep.bind(this)]),
    );
  }

  private async askAudienceStep(step: WaterfallStepContext) {
    return promptView(step, audienceQuestion());
  }
}
