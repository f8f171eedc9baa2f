import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import { distance } from 'fastest-levenshtein';
import type { Recognizers } from '../language/recognizers';
import type { BotStates } from '../state';
import { buttonValueOf, type ButtonValue } from '../ui/actions';
import { yesNoMeaning } from '../ui/offered';
import { offeredThisTurn, type Offered, type Ui } from '../ui/ui';

/** Longer messages are questions or stories, not an answer to the buttons shown. */
export const MAX_TYPED_ANSWER_CHARS = 60;
/** Fewest letters a typed part of a label must have to stand for it ("ihk" for "IHK (Handel)"). */
const MIN_PARTIAL_LETTERS = 3;
/** A label of two words or more, typed whole, may come with at most this many words more. */
const MAX_EXTRA_WORDS = 3;
/**
 * Longest typed answer to "who are you?" that says who one is ("ich habe ein
 * Restaurant", "tôi là học sinh"); longer messages are read as questions, and
 * what they show of the writer only frames the answer.
 */
export const MAX_SELF_DESCRIPTION_WORDS = 6;
/** Words a self-description may have besides the phrase that says who ("ich bin jung, 17"), not a complaint ("my company doesn't pay me"). */
const MAX_WORDS_BESIDE_CUE = 2;

/**
 * Typing an answer to the buttons of the bot's last message counts as tapping
 * one: its label (or a close variant: a typo, the label without its
 * parenthesis, a unique part of it, another way of writing it from the
 * language's word lists), or a typed yes/no/"don't know" where the buttons
 * answer a yes/no question — also where the question was not asked by a
 * dialog, as in "delete my data?". The buttons are remembered from the last
 * message the bot sent (in the language they were shown in); while a
 * counsellor has the conversation, the bot's buttons are not what the user
 * answers.
 */
export class TypedAnswers implements Middleware {
  constructor(
    private readonly states: BotStates,
    private readonly ui: Ui,
    private readonly recognizers: Recognizers,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const data = await this.states.data(context);
    if (context.activity.type === ActivityTypes.Message && data.offered && !data.handover) {
      const text = context.activity.text ?? '';
      const value = buttonValueOf(context.activity) ? undefined : this.match(text, data.offered);
      if (value) context.activity.value = value;
    }
    await next();
    const offered = offeredThisTurn(context);
    if (offered) {
      if (offered.buttons.length > 0) data.offered = offered;
      else delete data.offered;
    }
  }

  /** The value of the offered button a typed text stands for, if exactly one fits. */
  match(text: string, offered: Offered): ButtonValue | undefined {
    if (text.trim() === '' || text.length > MAX_TYPED_ANSWER_CHARS) return undefined;
    const typed = this.recognizers.matchForm(text);
    if (typed === '') return undefined;
    const { buttons, language } = offered;
    const register = offered.formal ? 'formal' : 'informal';
    const only = <T>(found: T[]): T | undefined => (found.length === 1 ? found[0] : undefined);
    const forms = buttons.map((button) => this.ui.labelForm(language, button, register));

    const exact = buttons.find((_, index) => forms[index] === typed);
    if (exact) return exact.value;

    const offeredChoices = new Set(
      buttons.flatMap((button) => ('choice' in button.value ? [button.value.choice] : [])),
    );
    const choice =
      offeredChoices.size > 0 ? this.recognizers.choice(text, language, offeredChoices) : undefined;
    const named = choice && buttons.find((b) => 'choice' in b.value && b.value.choice === choice);
    if (named) return named.value;

    const who = this.selfDescription(text, typed, buttons);
    if (who) return who.value;

    // Only where a button answers yes or no (reading yes/no costs a model run in some languages).
    if (buttons.some((button) => yesNoMeaning(button.value) !== undefined)) {
      const yesNo = this.recognizers.yesNo(text, language);
      const answering = yesNo
        ? only(buttons.filter((button) => yesNoMeaning(button.value) === yesNo))
        : undefined;
      if (answering) return answering.value;
    }

    const words = typed.split(' ');
    const letters = typed.replace(/[^\p{L}]/gu, '').length;
    const partial = only(
      buttons.filter((button, index) => {
        if (this.ui.labelCoreForm(language, button, register) === typed) return true;
        const labelWords = forms[index]!.split(' ');
        const label = new Set(labelWords);
        if (letters >= MIN_PARTIAL_LETTERS && words.every((word) => label.has(word))) return true;
        // The whole label and a few words more ("ich will eine Ausbildung machen").
        const typedWords = new Set(words);
        return (
          labelWords.length >= 2 &&
          words.length <= labelWords.length + MAX_EXTRA_WORDS &&
          labelWords.every((word) => typedWords.has(word))
        );
      }),
    );
    if (partial) return partial.value;

    const misspelt = only(
      buttons.filter((_, index) => {
        const form = forms[index]!;
        const allowed = form.length >= 10 ? 2 : form.length >= 4 ? 1 : 0;
        return allowed > 0 && distance(form, typed) <= allowed;
      }),
    );
    return misspelt?.value;
  }

  /** The audience button a short "I am a teacher" / "I have a restaurant" stands for, if one is offered. */
  private selfDescription(text: string, typed: string, buttons: Offered['buttons']) {
    const words = typed.split(' ').length;
    if (/[?؟]/u.test(text) || words > MAX_SELF_DESCRIPTION_WORDS) return undefined;
    const cue = this.recognizers.audienceCue(text);
    if (!cue || words - cue.words > MAX_WORDS_BESIDE_CUE) return undefined;
    return buttons.find((b) => 'audience' in b.value && b.value.audience === cue.audience);
  }
}
