import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { AUDIENCES } from '../src/content/topics';
import type { DialogDeps } from './deps';
import type { Button } from './ui';
import { ViewPrompt, type ViewPromptOptions } from './viewPrompt';

/** Id of {@link AudienceDialog}. */
export const AUDIENCE_DIALOG = 'audienceDialog';
const AUDIENCE_PROMPT = 'audiencePrompt';
const AUDIENCE_WATERFALL = 'audienceWaterfall';

/**
 * "Who are you?": young person, parent, company or multiplier. The buttons
 * carry `{"audience": id}`, which MainDialog handles wherever it is tapped.
 */
export class AudienceDialog extends ComponentDialog {
  constructor(deps: DialogDeps) {
    super(AUDIENCE_DIALOG);
    this.addDialog(new ViewPrompt(AUDIENCE_PROMPT, deps.ui, deps.recognizers));
    this.addDialog(new WaterfallDialog(AUDIENCE_WATERFALL, [this.askAudienceStep.bind(this)]));
    this.initialDialogId = AUDIENCE_WATERFALL;
  }

  private async askAudienceStep(step: WaterfallStepContext) {
    const buttons: Button[] = AUDIENCES.map((audience) => ({
      label: { key: `audience.${audience}` },
      value: { audience },
    }));
    buttons.push({ label: { key: 'language.button' }, value: { action: 'chooseLanguage' } });
    const options: ViewPromptOptions = {
      view: {
        texts: [{ key: 'audience.ask' }],
        buttons,
        retry: { key: 'fallback.notUnderstood' },
        mode: 'buttons',
      },
    };
    return step.prompt(AUDIENCE_PROMPT, options);
  }
}
