import { ActionTypes, type Activity, type CardAction, type TurnContext } from 'botbuilder';
import type { i18n, TFunction } from 'i18next';
import type { Language } from '../language/languages';
import { normalizeForMatching } from '../language/normalize';
import { localizedMessage } from '../language/replies';
import { turnLanguage } from '../language/turnLanguage';
import { FORMAL_CONTEXT, turnReader, type Register, type Registers } from '../content/register';
import { describeTime, DEFAULT_TIME_ZONE } from '../content/hours';
import { impliedLabelKey, type ButtonValue } from './actions';

export {
  buttonValueOf,
  isAction,
  type ActionName,
  type ActionValue,
  type ButtonValue,
} from './actions';

/** A text to render later in the turn's language: a key and its arguments, or literal text. */
export type Text =
  | { key: string; args?: Record<string, unknown> }
  | { literal: string }
  /** A date and time (epoch ms) as people in the turn's language say it, in the service point's zone. */
  | { time: number; timeZone?: string }
  | { lines: Text[]; separator?: string };

/**
 * A button as stored in dialog state, rendered in the turn's language. The
 * label may be left out where the value implies it (a topic's title, an
 * audience, a group…), which keeps conversation state small.
 */
export interface Button {
  label?: Text;
  value: ButtonValue;
}

/** The buttons of the bot's last message, in the language (and form of address) they were shown in. */
export interface Offered {
  buttons: Button[];
  language: Language;
  /** Shown to a reader addressed formally (left out when informal, to keep state small). */
  formal?: true;
}

const OFFERED = Symbol('kausa.offered');

/** Notes the buttons of a message being sent: the last one of a turn is what the user sees. */
function rememberOffered(
  context: TurnContext,
  buttons: Button[],
  language: Language,
  register: Register,
): void {
  const offered: Offered = {
    buttons,
    language,
    ...(register === 'formal' ? { formal: true } : {}),
  };
  context.turnState.set(OFFERED, offered);
}

/** The buttons of this turn's last message (empty when it had none); undefined when nothing was sent. */
export function offeredThisTurn(context: TurnContext): Offered | undefined {
  return context.turnState.get(OFFERED) as Offered | undefined;
}

function isText(value: unknown): value is Text {
  return (
    typeof value === 'object' &&
    value !== null &&
    (typeof (value as { key?: unknown }).key === 'string' ||
      typeof (value as { literal?: unknown }).literal === 'string' ||
      typeof (value as { time?: unknown }).time === 'number' ||
      Array.isArray((value as { lines?: unknown }).lines))
  );
}

/**
 * Renders texts and buttons in the turn's language, in the form of address
 * its language uses for the turn's reader (`locales/registers.json`: a formal
 * reader gets a text's `_formal` variant where there is one). Every reply
 * says its `locale` and text direction; buttons are `messageBack` actions
 * whose `value` is the {@link ButtonValue} and whose `displayText` shows what
 * was tapped.
 */
export class Ui {
  private readonly translators = new Map<string, TFunction>();
  /** Texts without arguments, rendered: a finite set (keys × languages). */
  private readonly rendered = new Map<string, string>();
  /** Labels in their matching form; a finite set (labels × languages), so it stays small. */
  private readonly matchForms = new Map<string, string>();

  constructor(
    private readonly i18n: i18n,
    private readonly registers: Registers,
  ) {}

  /** A translator for the turn's language and reader. */
  t(context: TurnContext): TFunction {
    return this.tIn(turnLanguage(context), this.register(context));
  }

  /** How the turn's reader is addressed in the turn's language. */
  register(context: TurnContext): Register {
    return this.registers.of(turnLanguage(context), turnReader(context));
  }

  /** A translator for a language and form of address. */
  private tIn(language: Language, register: Register): TFunction {
    const formal = register === 'formal' && this.registers.distinguishes(language);
    const cacheKey = formal ? `${language}_formal` : language;
    let t = this.translators.get(cacheKey);
    if (!t) {
      const plain = this.i18n.getFixedT(language);
      t = formal
        ? (((key: string | string[], options?: Record<string, unknown>) =>
            plain(key, { context: FORMAL_CONTEXT, ...options })) as unknown as TFunction)
        : plain;
      this.translators.set(cacheKey, t);
    }
    return t;
  }

  /** A button's label in the turn's language. */
  label(context: TurnContext, button: Button): string {
    return this.labelIn(turnLanguage(context), button, this.register(context));
  }

  /** A button's label in a language. */
  labelIn(language: Language, button: Button, register: Register = 'informal'): string {
    if ('language' in button.value && !button.label) {
      return this.nameOf(button.value.language as Language);
    }
    if (button.label) return this.textIn(language, button.label, register);
    const key = impliedLabelKey(button.value);
    return key ? this.textIn(language, { key }, register) : '';
  }

  /** The rendered string of a {@link Text} in the turn's language. */
  text(context: TurnContext, text: Text): string {
    return this.textIn(turnLanguage(context), text, this.register(context));
  }

  /** The rendered string of a {@link Text} in a language. */
  textIn(language: Language, text: Text, register: Register = 'informal'): string {
    if ('literal' in text) return text.literal;
    if ('time' in text) {
      return describeTime(new Date(text.time), language, text.timeZone ?? DEFAULT_TIME_ZONE);
    }
    if ('key' in text && text.args === undefined) {
      // Content does not change while the bot runs, so plain texts are rendered once per language.
      const cacheKey = `${language}\u0000${register}\u0000${text.key}`;
      let rendered = this.rendered.get(cacheKey);
      if (rendered === undefined) {
        rendered = this.tIn(language, register)(text.key);
        this.rendered.set(cacheKey, rendered);
      }
      return rendered;
    }
    if ('lines' in text) {
      return text.lines
        .map((line) => this.textIn(language, line, register))
        .join(text.separator ?? '\n');
    }
    const args: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(text.args ?? {})) {
      args[name] = isText(value) ? this.textIn(language, value, register) : value;
    }
    return this.tIn(language, register)(text.key, args);
  }

  /** A language's own name ("العربية", "Українська"), for the language picker. */
  nameOf(language: Language): string {
    return this.i18n.getFixedT(language)('language.name');
  }

  /** A button's label without its parenthesis ("IHK (Handel)" → "ihk"), in matching form. */
  labelCoreForm(language: Language, button: Button, register: Register = 'informal'): string {
    const label = this.labelIn(language, button, register);
    const cacheKey = `core\u0000${label}`;
    let form = this.matchForms.get(cacheKey);
    if (form === undefined) {
      form = normalizeForMatching(label.replace(/\([^)]*\)/g, ' '));
      this.matchForms.set(cacheKey, form);
    }
    return form;
  }

  /** A button's label in a language, in matching form (lower case, no punctuation…). */
  labelForm(language: Language, button: Button, register: Register = 'informal'): string {
    const label = this.labelIn(language, button, register);
    let form = this.matchForms.get(label);
    if (form === undefined) {
      form = normalizeForMatching(label);
      this.matchForms.set(label, form);
    }
    return form;
  }

  /**
   * A plain message in the turn's language. It carries what it was rendered
   * from (`channelData.source`), so a counsellor can read it in their own
   * language ({@link glossOf}).
   */
  message(context: TurnContext, text: Text | string): Partial<Activity> {
    const source: Text = typeof text === 'string' ? { key: text } : text;
    const activity = localizedMessage(this.text(context, source), turnLanguage(context));
    if (!('literal' in source)) activity.channelData = { ...activity.channelData, source };
    return activity;
  }

  /** A bot message in another language, from the source it carries; undefined when it has none. */
  glossOf(activity: Partial<Activity>, language: Language): string | undefined {
    const source: unknown = (activity.channelData as { source?: unknown } | undefined)?.source;
    if (!isText(source)) return undefined;
    try {
      return this.textIn(language, source);
    } catch {
      return undefined; // a source from an older version of the content
    }
  }

  /** A message with suggested-action buttons. */
  withButtons(context: TurnContext, text: Text | string, buttons: Button[]): Partial<Activity> {
    const activity = this.message(context, text);
    const actions: CardAction[] = buttons.map((button) => {
      const label = this.label(context, button);
      return {
        type: ActionTypes.MessageBack,
        title: label,
        displayText: label,
        text: label,
        value: button.value,
      };
    });
    activity.suggestedActions = { actions, to: [] };
    return activity;
  }

  /**
   * Sends the messages; the last one carries the buttons, if any. Messages
   * about the state of a handover (waiting, a counsellor joined or left) are
   * marked `channelData.status: "handover"`, so the widget shows them apart
   * from the bot's answers and from the counsellor's own words.
   */
  async send(
    context: TurnContext,
    texts: Array<Text | string>,
    buttons: Button[] = [],
    options: { status?: 'handover' } = {},
  ): Promise<void> {
    const activities = texts.map((text, index) => {
      const activity =
        index === texts.length - 1 && buttons.length > 0
          ? this.withButtons(context, text, buttons)
          : this.message(context, text);
      if (options.status)
        activity.channelData = { ...activity.channelData, status: options.status };
      return activity;
    });
    if (activities.length === 0) return;
    // What the user sees last is what a typed answer may mean (src/pipeline/typedAnswers.ts).
    rememberOffered(context, buttons, turnLanguage(context), this.register(context));
    await context.sendActivities(activities);
  }
}
