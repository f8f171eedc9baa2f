import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import {
  Dialog,
  DialogContextError,
  DialogSet,
  DialogTurnStatus,
  WaterfallDialog,
  type DialogContext,
  type DialogInstance,
  type DialogState,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { MAX_BUTTONS } from '../src/content/catalogue';
import {
  isAudience,
  isTopicId,
  questionOf,
  topicOfClass,
  type TopicId,
} from '../src/content/topics';
import type { ClassId } from '../src/content/examples';
import { SUPPORTED_LANGUAGES } from '../src/language/languages';
import { ANSWER_DIALOG, type AnswerOptions } from './answerDialog';
import { AUDIENCE_DIALOG } from './audienceDialog';
import { useSharedDialogMemory } from './dialogMemory';
import { InterruptibleDialog } from './interruptibleDialog';
import { navigate, type Navigation, type Navigator } from './navigation';
import type { DialogDeps } from './deps';
import { MENU_DIALOG, type MenuOptions } from './menuDialog';
import { buttonValueOf, isAction, type Button, type ButtonValue } from '../src/ui/ui';
import { turnLanguage } from '../src/language/turnLanguage';
import { turnUnderstanding, type Decision } from '../src/nlu/understand';
import { languageSwitched, welcomedThisTurn } from '../src/pipeline/turnFlags';
import {
  expectsAnswer,
  recognizeAnswer,
  VIEW_PROMPT,
  ViewPrompt,
  type View,
  type ViewPromptOptions,
} from './viewPrompt';
import { MENU_BUTTON } from './steps';

/** What answers a class: a topic's answer, or a question's inside it; undefined for intents. */
function answerTarget(id: string): { topic: TopicId; question?: string } | undefined {
  if (isTopicId(id)) return { topic: id };
  return questionOf(id);
}

/** Id of {@link MainDialog}. */
export const MAIN_DIALOG = 'mainDialog';
const MAIN_WATERFALL = 'mainWaterfall';
/** Languages per page of the language picker; the last button pages on. */
const LANGUAGES_PER_PAGE = MAX_BUTTONS - 1;

/** Misunderstood messages in a row after which the counsellor is offered first. */
export const MISSES_BEFORE_COUNSELLOR = 2;
/** Intents the bot may ask about ("did you mean…?") as the button that does them. */
const INTENT_ACTIONS: Partial<Record<string, 'counsellor' | 'menu' | 'chooseLanguage' | 'delete'>> =
  {
    human: 'counsellor',
    menu: 'menu',
    'change-language': 'chooseLanguage',
    'delete-my-data': 'delete',
  };
const BACK_TO_STEP = { action: 'backToStep' } as const;
/** Fewest words of a message in a step that leaves it on a topic the bot is not sure of. */
const MIN_QUESTION_WORDS = 4;
/** Requests that leave a step when typed in its middle (besides questions about a topic). */
const STEP_LEAVING_INTENTS = new Set<string>([
  'human',
  'menu',
  'change-language',
  'delete-my-data',
]);

/**
 * The root of the conversation: audience → menu → answer, in a loop. It also
 * handles what may happen at any moment, whatever dialog is active: a button
 * value (`{"topic"}`, `{"audience"}`, `{"group"}`, `{"action"}`, even from an
 * old message), "menu" / "start over" / "help" / "more", and a language switch,
 * after which the active dialog is shown again in the new language.
 */
export class MainDialog extends InterruptibleDialog {
  /** The set this dialog runs in, per state accessor (built once, not every turn). */
  private readonly dialogSets = new Map<StatePropertyAccessor<DialogState>, DialogSet>();
  /**
   * @param conversation the dialogs the conversation can enter (audience, menu,
   *   answer, checks, handover…) and what each button action does
   *   (`dialogs/navigation.ts`), as the composition root lists them.
   */
  constructor(
    private readonly deps: DialogDeps,
    private readonly conversation: { dialogs: Dialog[]; navigation: Navigation },
  ) {
    super(MAIN_DIALOG);
    this.addDialog(new ViewPrompt(VIEW_PROMPT, deps.ui, deps.recognizers));
    for (const dialog of conversation.dialogs) this.addDialog(dialog);
    this.addDialog(
      new WaterfallDialog(MAIN_WATERFALL, [
        this.askAudienceStep.bind(this),
        this.showMenuStep.bind(this),
        this.loopStep.bind(this),
      ]),
    );
    this.initialDialogId = MAIN_WATERFALL;
  }

  /** Continues the conversation's dialogs, or starts them. */
  async run(context: TurnContext, accessor: StatePropertyAccessor<DialogState>): Promise<void> {
    let dialogSet = this.dialogSets.get(accessor);
    if (!dialogSet) {
      dialogSet = new DialogSet(accessor).add(this);
      this.dialogSets.set(accessor, dialogSet);
    }
    useSharedDialogMemory(context);
    let dc = await dialogSet.createContext(context);
    let result: DialogTurnResult;
    try {
      result = await dc.continueDialog();
    } catch (error) {
      // A conversation saved by an older version may name a dialog that no
      // longer exists: start it afresh instead of failing every turn.
      if (!(error instanceof DialogContextError) || !/wasn't found/.test(error.message))
        throw error;
      await accessor.set(context, { dialogStack: [] });
      dc = await dialogSet.createContext(context);
      result = { status: DialogTurnStatus.empty };
    }
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(this.id);
  }

  private async askAudienceStep(step: WaterfallStepContext) {
    const profile = await this.deps.userProfile.get(step.context, {});
    return profile.audience ? step.next() : step.beginDialog(AUDIENCE_DIALOG);
  }

  private async showMenuStep(step: WaterfallStepContext) {
    return step.beginDialog(MENU_DIALOG);
  }

  private async loopStep(step: WaterfallStepContext) {
    return step.replaceDialog(MAIN_WATERFALL);
  }

  /** Handles a cross-cutting request, or returns undefined to let the active dialog go on. */
  protected override async interrupt(
    innerDc: DialogContext,
  ): Promise<DialogTurnResult | undefined> {
    const { context } = innerDc;
    if (context.activity.type !== 'message') return undefined;
    const { ui } = this.deps;

    if (languageSwitched(context)) {
      await ui.send(context, ['language.switched']);
      if (innerDc.activeDialog) {
        await innerDc.repromptDialog();
        return Dialog.EndOfTurn;
      }
      return innerDc.beginDialog(MAIN_WATERFALL);
    }

    // The prompt waiting for an answer, if any (found once: each step down builds a context).
    const view = this.activeView(innerDc);
    const value = buttonValueOf(context.activity) ?? this.commandValue(context);
    if (value) return this.navigate(innerDc, value);
    if (view && expectsAnswer(view)) {
      // An answer goes to the step; a question or a request leaves it and is answered.
      if (recognizeAnswer(view, context, this.deps.recognizers).succeeded) return undefined;
      return this.questionInStep(innerDc, view);
    }
    return this.understand(innerDc, view);
  }

  /**
   * A message that does not answer the waiting step: a topic or a question
   * inside one the bot knows (or may know), or a request (a person, the menu,
   * another language, delete my data) is handled as if asked outside the
   * step; anything else lets the step say once more what it needs.
   */
  private async questionInStep(
    innerDc: DialogContext,
    view: View,
  ): Promise<DialogTurnResult | undefined> {
    const { context } = innerDc;
    const text = context.activity.text?.trim();
    if (!text) return undefined;
    const decision = await this.understanding(context, text);
    // A short message the bot is not sure of is more likely a clumsy answer ("numaram yok").
    const sure =
      decision.certainty === 'confident' ||
      (decision.certainty === 'possible' && text.split(/\s+/).length >= MIN_QUESTION_WORDS);
    const leaves = answerTarget(decision.topic) || STEP_LEAVING_INTENTS.has(decision.topic);
    return sure && leaves ? this.understand(innerDc, view) : undefined;
  }

  /** How the turn's message was understood (by the pipeline, or here). */
  private async understanding(
    context: TurnContext,
    text: string,
  ): Promise<Decision & { also?: ClassId }> {
    return (
      turnUnderstanding(context) ??
      (await this.deps.understander.understand(text, { language: turnLanguage(context) }))
    );
  }

  /** The view of the prompt waiting for an answer, if any. */
  private activeView(innerDc: DialogContext): View | undefined {
    // Read from the saved stack: each `dc.child` would build a whole DialogContext.
    let instance: DialogInstance | undefined = innerDc.activeDialog;
    while (instance && instance.id !== VIEW_PROMPT) {
      const inner = (instance.state as { dialogs?: DialogState } | undefined)?.dialogs;
      // The active dialog is the last on a stack.
      instance = inner?.dialogStack[inner.dialogStack.length - 1];
    }
    return (instance?.state?.options as ViewPromptOptions | undefined)?.view;
  }

  /**
   * Free text: a confident topic is answered, a possible one offered as "did
   * you mean…?", an intent acted on, and what is not understood said honestly
   * (after two misses in a row, the counsellor comes first) and recorded
   * anonymously. A prompt that waits for a number or yes/no reads the text itself.
   */
  private async understand(
    innerDc: DialogContext,
    view: View | undefined,
  ): Promise<DialogTurnResult | undefined> {
    const { context } = innerDc;
    const text = context.activity.text?.trim();
    if (!text) return undefined;
    const { ui, misses } = this.deps;
    const decision = await this.understanding(context, text);
    if (decision.certainty === 'unknown') return this.misunderstood(innerDc, text);
    const id = decision.topic;
    // An intent is acted on only when the bot is sure; else what it may be is offered as buttons.
    const offered: Button[] = decision.candidates.flatMap((candidate): Button[] => {
      const target = answerTarget(candidate);
      if (target) return [{ value: target }];
      const action = INTENT_ACTIONS[candidate];
      return action ? [{ value: { action } } as Button] : [];
    });
    const target = answerTarget(id);
    if (!target && decision.certainty !== 'confident' && offered.length === 0) {
      return this.misunderstood(innerDc, text);
    }
    await misses.set(context, 0);
    await this.noteWhoAsks(context, text);
    if (target || decision.certainty !== 'confident') {
      if (target && decision.certainty === 'confident') {
        // A second question in the same message is named, its answer one tap away.
        const also = decision.also ? topicOfClass(decision.also) : undefined;
        return this.restart(innerDc, ANSWER_DIALOG, {
          ...target,
          ...(also && also !== target.topic ? { also } : {}),
        } satisfies AnswerOptions);
      }
      // In a step, "none of these" (a typed "no" too) brings the step's question back.
      const back: Button[] = view && expectsAnswer(view) ? [{ value: BACK_TO_STEP }] : [];
      await ui.send(
        context,
        ['nlu.didYouMean'],
        [
          ...offered.filter((button) => !isAction(button.value, 'menu')),
          ...back,
          { label: { key: 'nlu.somethingElse' }, value: { action: 'menu' } },
        ],
      );
      return Dialog.EndOfTurn;
    }
    switch (id) {
      case 'greeting':
        // A hello in the middle of a conversation is answered, and the conversation stays where it was.
        if (welcomedThisTurn(context)) return this.restart(innerDc, MAIN_WATERFALL, {});
        await ui.send(
          context,
          ['nlu.greeting'],
          view?.buttons.length ? view.buttons : [MENU_BUTTON],
        );
        return Dialog.EndOfTurn;
      case 'menu':
        return this.restart(innerDc, MAIN_WATERFALL, {});
      case 'change-language':
        await this.showLanguages(context, 0);
        return Dialog.EndOfTurn;
      case 'human':
        return this.navigate(innerDc, { action: 'counsellor' });
      case 'delete-my-data':
        await ui.send(context, ['nlu.deleteHow'], [{ value: { action: 'menu' } }]);
        return Dialog.EndOfTurn;
      case 'thanks':
        await ui.send(context, ['nlu.thanks'], [{ value: { action: 'menu' } }]);
        return Dialog.EndOfTurn;
      case 'goodbye':
        await ui.send(context, ['nlu.goodbye']);
        return Dialog.EndOfTurn;
      default:
        return this.misunderstood(innerDc, text);
    }
  }

  /** A message that shows who is asking ("my son…", "my restaurant…") sets the audience the answers are framed for. */
  private async noteWhoAsks(context: TurnContext, text: string): Promise<void> {
    const cue = this.deps.recognizers.audienceCue(text);
    if (cue) (await this.deps.userProfile.get(context, {})).audience = cue.audience;
  }

  private async misunderstood(innerDc: DialogContext, text: string): Promise<DialogTurnResult> {
    const { context } = innerDc;
    const { ui, misses, unanswered, recognizers } = this.deps;
    // A bare "yes", "ok" or "no" where nothing was asked ("بلی" after an answer): what comes next is the menu.
    if (recognizers.yesNo(text, turnLanguage(context)))
      return this.restart(innerDc, MAIN_WATERFALL, {});
    const count = ((await misses.get(context)) ?? 0) + 1;
    await misses.set(context, count);
    // Losing one entry of the editors' list is better than failing the user's turn.
    await unanswered.record(text, turnLanguage(context)).catch(() => undefined);
    this.deps.stats?.count('unanswered', { language: turnLanguage(context) });
    const counsellor: Button = { value: { action: 'counsellor' } };
    if (count >= MISSES_BEFORE_COUNSELLOR)
      await ui.send(context, ['nlu.twoMisses'], [counsellor, MENU_BUTTON]);
    else await ui.send(context, ['nlu.notSure'], [MENU_BUTTON, counsellor]);
    return Dialog.EndOfTurn;
  }

  /** A typed command as the button value it stands for. */
  private commandValue(context: TurnContext): ButtonValue | undefined {
    const text = context.activity.text;
    if (!text) return undefined;
    const command = this.deps.recognizers.command(text, turnLanguage(context));
    return command === 'menu' || command === 'help' ? { action: command } : undefined;
  }

  /** A button value: a topic, an audience, a menu group, or an action (`dialogs/navigation.ts`). */
  private async navigate(
    innerDc: DialogContext,
    value: ButtonValue,
  ): Promise<DialogTurnResult | undefined> {
    const { context } = innerDc;
    if ('action' in value)
      return navigate(this.conversation.navigation, this.navigator(innerDc), value);
    if ('topic' in value) {
      const target = answerTarget(
        'question' in value && value.question ? `${value.topic}/${value.question}` : value.topic,
      );
      if (!target) return undefined;
      return this.restart(innerDc, ANSWER_DIALOG, target satisfies AnswerOptions);
    }
    if ('audience' in value) {
      if (!isAudience(value.audience)) return undefined;
      const profile = await this.deps.userProfile.get(context, {});
      profile.audience = value.audience;
      return this.restart(innerDc, MENU_DIALOG, {});
    }
    if ('group' in value) {
      return this.restart(innerDc, MENU_DIALOG, {
        group: value.group,
        page: value.page ?? 0,
      } satisfies MenuOptions);
    }
    // A language is applied by the pipeline before the dialogs; a choice answers the active prompt.
    return undefined;
  }

  private navigator(innerDc: DialogContext): Navigator {
    return {
      dc: innerDc,
      context: innerDc.context,
      deps: this.deps,
      restart: (dialogId, options = {}) => this.restart(innerDc, dialogId, options),
      restartMain: () => this.restart(innerDc, MAIN_WATERFALL, {}),
      showLanguages: (page) => this.showLanguages(innerDc.context, page),
    };
  }

  private async restart(
    innerDc: DialogContext,
    dialogId: string,
    options: object,
  ): Promise<DialogTurnResult> {
    await innerDc.cancelAllDialogs();
    return innerDc.beginDialog(dialogId, options);
  }

  /** The language picker: each language under its own name, five per message. */
  private async showLanguages(context: TurnContext, page: number): Promise<void> {
    const start = page * LANGUAGES_PER_PAGE;
    const onPage = SUPPORTED_LANGUAGES.slice(start, start + LANGUAGES_PER_PAGE);
    const buttons: Button[] = onPage.map((language) => ({
      value: { language },
    }));
    const next = start + LANGUAGES_PER_PAGE < SUPPORTED_LANGUAGES.length ? page + 1 : 0;
    buttons.push({ label: { literal: '…' }, value: { action: 'chooseLanguage', page: next } });
    await this.deps.ui.send(context, ['language.choose'], buttons);
  }
}
