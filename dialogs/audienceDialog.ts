import { WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { AUDIENCES } from '../src/content/topics';
import type { Button } from '../src/ui/ui';
import { VIEW_PROMPT, type ViewPromptOptions } from './viewPrompt';

/** Id of {@link AudienceDialog}. */
export const AUDIENCE_DIALOG = 'audienceDialog';

/**
 * "Who are you?": young person, parent, company or multiplier. The buttons
 * carry `{"audience": id}`, which MainDialog handles wherever it is tapped.
 */
export class AudienceDialog extends WaterfallDialog {
  constructor() {
    super(AUDIENCE_DIALOG);
    this.addStep(this.askAudienceStep.bind(this));
  }

  private async askAudienceStep(step: WaterfallStepContext) {
    const buttons: Button[] = AUDIENCES.map((audience) => ({
      value: { audience },
    }));
    buttons.push({ value: { action: 'chooseLanguage' } });
    const options: ViewPromptOptions = {
      view: {
        texts: [{ key: 'audience.ask' }],
        buttons,
      },
    };
    return step.prompt(VIEW_PROMPT, options);
  }
}
