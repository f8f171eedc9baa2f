import {
  Prompt,
  type PromptOptions,
  type PromptRecognizerResult,
  type PromptValidator,
} from 'botbuilder-dialogs';
import type { TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { Recognizers } from '../src/language/recognizers';
import { buttonValueOf, type Button, type Text, type Ui } from '../src/ui/ui';
import { turnLanguage } from '../src/language/turnLanguage';

/** Id under which MainDialog registers the one {@link ViewPrompt} all dialogs use. */
export const VIEW_PROMPT = 'viewPrompt';

const NOT_UNDERSTOOD: Text = { key: 'fallback.notUnderstood' };

/** What a view expects back. */
export type ViewMode = 'buttons' | 'yesNo' | 'number' | 'text' | 'contact';

/**
 * A prompt's messages and buttons, stored as keys so that a reprompt (for
 * example after a language switch) renders them in the new language.
 */
export interface View {
  texts: Text[];
  buttons: Button[];
  /** Shown instead of `texts` when the answer was not understood (default: "not understood"). */
  retry?: Text;
  /** What is expected back (default: a tap on one of the buttons). */
  mode?: ViewMode;
  /** Accepted range in `number` mode; longest answer in `text` mode. */
  min?: number;
  max?: number;
}

/** Options of {@link ViewPrompt}. */
export interface ViewPromptOptions extends PromptOptions {
  view: View;
}

/** The answer: a button's choice, yes/no/dontKnow, a number, free text, or `phone:`/`email:` and the contact. */
export type ViewAnswer = string | number;

/**
 * The one prompt the dialogs use: renders a {@link View} in the turn's
 * language and recognizes taps (`{"choice": …}`), yes/no/"I don't know",
 * numbers, free text and a phone number or e-mail address in every supported language.
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
    const texts = isRetry ? [view.retry ?? NOT_UNDERSTOOD] : view.texts;
    await this.ui.send(context, texts, view.buttons);
  }

  protected async onRecognize(
    context: TurnContext,
    _state: object,
    options: PromptOptions,
  ): Promise<PromptRecognizerResult<ViewAnswer>> {
    const { view } = options as ViewPromptOptions;
    return recognizeAnswer(view, context, this.recognizers);
  }
}

/** Whether a view waits for an answer of its own (not just a tap on a topic or an action). */
export function expectsAnswer(view: View): boolean {
  return (view.mode ?? 'buttons') !== 'buttons' || view.buttons.some((b) => 'choice' in b.value);
}

/**
 * Reads the answer to a view from the turn's message: a tap on one of its
 * choices, or typed yes/no/"I don't know", a number in range, free text, a
 * phone number or e-mail address (typed labels were turned into taps by the
 * pipeline, `src/pipeline/typedAnswers.ts`).
 */
export function recognizeAnswer(
  view: View,
  context: TurnContext,
  recognizers: Recognizers,
): PromptRecognizerResult<ViewAnswer> {
  const value = buttonValueOf(context.activity);
  if (value && 'choice' in value) {
    const offered = view.buttons.some(
      (b) => 'choice' in b.value && b.value.choice === value.choice,
    );
    return offered ? { succeeded: true, value: value.choice } : { succeeded: false };
  }
  const text = context.activity.text ?? '';
  const language = turnLanguage(context);
  const dontKnowOffered = view.buttons.some(
    (button) => 'choice' in button.value && button.value.choice === 'dontKnow',
  );
  if (view.mode === 'yesNo') {
    const yesNo = recognizers.yesNo(text, language);
    if (yesNo) return { succeeded: true, value: yesNo };
  } else if (view.mode === 'number') {
    const number = recognizers.number(text, language);
    const inRange =
      number !== undefined &&
      number >= (view.min ?? Number.MIN_SAFE_INTEGER) &&
      number <= (view.max ?? Number.MAX_SAFE_INTEGER);
    if (inRange) return { succeeded: true, value: number };
    if (recognizers.yesNo(text, language) === 'dontKnow') {
      return { succeeded: true, value: 'dontKnow' };
    }
  } else if (view.mode === 'text') {
    const answer = text.trim();
    if (answer !== '' && answer.length <= (view.max ?? Number.MAX_SAFE_INTEGER)) {
      return { succeeded: true, value: answer };
    }
  } else if (view.mode === 'contact') {
    const contact = recognizers.contact(text);
    if (contact) return { succeeded: true, value: `${contact.type}:${contact.value}` };
  } else if (dontKnowOffered && recognizers.isDontKnow(text, language)) {
    return { succeeded: true, value: 'dontKnow' };
  }
  return { succeeded: false };
}

/** Asks with the {@link ViewPrompt}: a step's question. */
export function promptView(step: WaterfallStepContext, view: View): Promise<DialogTurnResult> {
  const options: ViewPromptOptions = { view };
  return step.prompt(VIEW_PROMPT, options);
}

/**
 * A dialog that asks with the {@link ViewPrompt}: the prompt is registered
 * in the dialog itself, so it is found when the dialog is shown again
 * (after a language switch) as well as when it asks.
 */
export abstract class ViewDialog extends ComponentDialog {
  constructor(dialogId: string, deps: { ui: Ui; recognizers: Recognizers }) {
    super(dialogId);
    this.addDialog(new ViewPrompt(VIEW_PROMPT, deps.ui, deps.recognizers));
    // The dialog begins with its own steps (added next), not with the prompt.
    this.initialDialogId = undefined as unknown as string;
  }
}
