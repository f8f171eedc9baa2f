import {
  ActionTypes,
  ActivityTypes,
  type Activity,
  type CardAction,
  type TurnContext,
} from 'botbuilder';
import type { i18n, TFunction } from 'i18next';
import { DEFAULT_LANGUAGE, directionOf, type Language } from '../src/language/languages';
import type { ReplyChannelData } from '../src/language/replies';

/** What a button sends back: `{"topic": id}`, `{"audience": id}`, `{"language": code}`, … */
export type ButtonValue =
  | { topic: string }
  | { audience: string }
  | { language: string }
  | { group: string; page?: number }
  | { action: 'menu' | 'counsellor' | 'readiness' | 'changeAudience' | 'help' }
  | { action: 'chooseLanguage'; page?: number }
  | { action: 'more'; topic: string }
  | { choice: string };

/** A text to render later in the turn's language: a key and its arguments, or literal text. */
export type Text =
  | { key: string; args?: Record<string, unknown> }
  | { literal: string }
  | { lines: Text[]; separator?: string };

/** A button as stored in dialog state, rendered in the turn's language. */
export interface Button {
  label: Text;
  value: ButtonValue;
}

/** A button as shown, kept so that typing its label works like tapping it. */
export interface ShownButton {
  label: string;
  value: ButtonValue;
}

function isText(value: unknown): value is Text {
  return (
    typeof value === 'object' &&
    value !== null &&
    (typeof (value as { key?: unknown }).key === 'string' ||
      typeof (value as { literal?: unknown }).literal === 'string' ||
      Array.isArray((value as { lines?: unknown }).lines))
  );
}

const TURN_LANGUAGE = Symbol('kausa.turnLanguage');
const SHOWN_BUTTONS = Symbol('kausa.shownButtons');

/** Sets the language every reply of this turn is written in. */
export function setTurnLanguage(context: TurnContext, language: Language): void {
  context.turnState.set(TURN_LANGUAGE, language);
}

/** The language of this turn (German until the pipeline has decided). */
export function turnLanguage(context: TurnContext): Language {
  return (context.turnState.get(TURN_LANGUAGE) as Language | undefined) ?? DEFAULT_LANGUAGE;
}

/** The language of this turn, if the pipeline got as far as deciding it. */
export function turnLanguageIfSet(context: TurnContext): Language | undefined {
  return context.turnState.get(TURN_LANGUAGE) as Language | undefined;
}

/** The buttons the last reply of this turn offered, if any. */
export function shownButtons(context: TurnContext): ShownButton[] | undefined {
  return context.turnState.get(SHOWN_BUTTONS) as ShownButton[] | undefined;
}

/**
 * Renders texts and buttons in the turn's language. Every reply says its
 * `locale` and text direction; buttons are `messageBack` actions whose `value`
 * is the {@link ButtonValue} and whose `displayText` shows what was tapped.
 */
export class Ui {
  constructor(private readonly i18n: i18n) {}

  /** A translator for the turn's language. */
  t(context: TurnContext): TFunction {
    return this.i18n.getFixedT(turnLanguage(context));
  }

  /** The rendered string of a {@link Text}. */
  text(context: TurnContext, text: Text): string {
    if ('literal' in text) return text.literal;
    if ('lines' in text) {
      return text.lines.map((line) => this.text(context, line)).join(text.separator ?? '\n');
    }
    const args: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(text.args ?? {})) {
      args[name] = isText(value) ? this.text(context, value) : value;
    }
    return this.t(context)(text.key, args);
  }

  /** A language's own name ("العربية", "Українська"), for the language picker. */
  nameOf(language: Language): string {
    return this.i18n.getFixedT(language)('language.name');
  }

  /** True when the key exists in the turn's language. */
  has(context: TurnContext, key: string): boolean {
    return this.i18n.exists(key, { lng: turnLanguage(context), fallbackLng: false });
  }

  /** A plain message in the turn's language. */
  message(context: TurnContext, text: Text | string): Partial<Activity> {
    const language = turnLanguage(context);
    const body =
      typeof text === 'string' ? this.text(context, { key: text }) : this.text(context, text);
    const channelData: ReplyChannelData = { language, direction: directionOf(language) };
    return {
      type: ActivityTypes.Message,
      text: body,
      textFormat: 'plain',
      locale: language,
      channelData,
    };
  }

  /** A message with suggested-action buttons; remembers them for typed labels. */
  withButtons(context: TurnContext, text: Text | string, buttons: Button[]): Partial<Activity> {
    const activity = this.message(context, text);
    const shown: ShownButton[] = buttons.map((button) => ({
      label: this.text(context, button.label),
      value: button.value,
    }));
    const actions: CardAction[] = shown.map(({ label, value }) => ({
      type: ActionTypes.MessageBack,
      title: label,
      displayText: label,
      text: label,
      value,
    }));
    activity.suggestedActions = { actions, to: [] };
    context.turnState.set(SHOWN_BUTTONS, shown);
    return activity;
  }

  /** Sends the messages; the last one carries the buttons, if any. */
  async send(
    context: TurnContext,
    texts: Array<Text | string>,
    buttons: Button[] = [],
  ): Promise<void> {
    const activities = texts.map((text, index) =>
      index === texts.length - 1 && buttons.length > 0
        ? this.withButtons(context, text, buttons)
        : this.message(context, text),
    );
    if (activities.length > 0) await context.sendActivities(activities);
  }
}

/** The button value an activity carries (Web Chat sends an object, some channels a JSON string). */
export function buttonValueOf(activity: Partial<Activity>): ButtonValue | undefined {
  let value: unknown = activity.value;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const known = ['topic', 'audience', 'language', 'group', 'action', 'choice'];
  return Object.keys(value).some((key) => known.includes(key)) ? (value as ButtonValue) : undefined;
}
