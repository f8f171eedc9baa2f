import {
  Prompt,
  type PromptOptions,
  type PromptRecognizerResult,
  type PromptValidator,
} from 'botbuilder-dialogs';
import type { TurnContext } from 'botbuilder';
import type { Recognizers } from '../src/language/recognizers';
import { buttonValueOf, turnLanguage, type Button, type Text, type Ui } from './ui';

/** What a view expects back. */
export type ViewMode = 'buttons' | 'yesNo' | 'number';

/**
 * A prompt's messages and buttons, stored as keys so that a reprompt (for
 * example after a language switch) renders them in the new language.
 */
export interface View {
  texts: Text[];
  buttons: Button[];
  /** Shown instead of `texts` when the answer was not understood. */
  retry?: Text;
  mode: ViewMode;
  /** Accepted range in `number` mode. */
  min?: number;
  max?: number;
}

/** Options of {@link ViewPrompt}. */
export interface ViewPromptOptions extends PromptOptions {
  view: View;
}

/** The answer: a button's choice, yes/no/dontKnow, or a number. */
export type ViewAnswer = string | number;

/**
 * The one prompt the dialogs use: renders a {@link View} in the turn's
 * language and recognizes taps (`{"choice": …}`), yes/no/"I don't know" and
 * numbers in every supported language.
 */
export class ViewPrompt extends Prompt<ViewAnswer> {
  constructor(
    dialogId: string,
    private readonly ui: Ui,
    private readonly recognizers: Recognizers,
    validator?: PromptValidator<ViewAnswer>,
  ) {
    super(dialogId, validator);
  }

  protected async onPrompt(
    context: TurnContext,
    _state: object,
    options: PromptOptions,
    isRetry: boolean,
  ): Promise<void> {
    const { view } = options as ViewPromptOptions;
    const texts = isRetry && view.retry ? [view.retry] : view.texts;
    await this.ui.send(context, texts, view.buttons);
  }

  protected async onRecognize(
    context: TurnContext,
    _state: object,
    options: PromptOptions,
  ): Promise<PromptRecognizerResult<ViewAnswer>> {
    const { view } = options as ViewPromptOptions;
    const value = buttonValueOf(context.activity);
    if (value && 'choice' in value) {
      const offered = view.buttons.some(
        (b) => 'choice' in b.value && b.value.choice === value.choice,
      );
      return offered ? { succeeded: true, value: value.choice } : { succeeded: false };
    }
    const text = context.activity.text ?? '';
    const language = turnLanguage(context);
    const yesNo = this.recognizers.yesNo(text, language);
    if (view.mode === 'yesNo' && yesNo) return { succeeded: true, value: yesNo };
    if (view.mode === 'number') {
      if (yesNo === 'dontKnow') return { succeeded: true, value: 'dontKnow' };
      const number = this.recognizers.number(text, language);
      const inRange =
        number !== undefined &&
        number >= (view.min ?? Number.MIN_SAFE_INTEGER) &&
        number <= (view.max ?? Number.MAX_SAFE_INTEGER);
      if (inRange) return { succeeded: true, value: number };
    }
    if (view.mode === 'buttons' && yesNo === 'dontKnow') {
      const offersDontKnow = view.buttons.some(
        (b) => 'choice' in b.value && b.value.choice === 'dontKnow',
      );
      if (offersDontKnow) return { succeeded: true, value: 'dontKnow' };
    }
    return { succeeded: false };
  }
}
