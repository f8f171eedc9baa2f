/**
 * The vocabulary of buttons: every value a button can send back. Each action
 * is declared once here, with the shape of its parameters and the label it
 * implies; button values, implied labels and typed-label matching are derived
 * from this table, and `dialogs/navigation.ts` must say what each one does
 * (the compiler checks that none is missing).
 */

/** Declares an action with parameters `P` and, if the action implies one, its label key. */
const action = <P extends object = Record<never, never>>(label?: string) =>
  ({ label }) as { label: string | undefined; params?: P };

/** Every action of the bot's buttons. */
export const ACTIONS = {
  menu: action('answer.menu'),
  counsellor: action('answer.counsellor'),
  readiness: action('menu.readiness'),
  changeAudience: action('audience.change'),
  help: action(),
  backToStep: action('nlu.backToQuestion'),
  chooseLanguage: action<{ page?: number }>('language.button'),
  more: action<{ topic: string }>('answer.more'),
  cancelHandover: action(),
  callback: action(),
  helpful: action<{ answer: 'yes' | 'no' }>(),
  delete: action('privacy.button'),
  deleteConfirm: action(),
  deleteKeep: action(),
  partners: action<{ topic?: string }>('offers:buttons.partners'),
  refer: action<{ partner: string }>('offers:partners.refer'),
  withdraw: action<{ referral: string }>('offers:referral.withdraw'),
  appointment: action('offers:buttons.appointment'),
  events: action('offers:buttons.events'),
  hotline: action('offers:buttons.hotline'),
  companyCheck: action('offers:buttons.companyCheck'),
  routes: action('offers:buttons.routes'),
  route: action<{ route: string }>(),
};

/** The name of an action. */
export type ActionName = keyof typeof ACTIONS;

type ParamsOf<K extends ActionName> = NonNullable<(typeof ACTIONS)[K]['params']>;

/** The value of a button that performs action `K`. */
export type ActionValue<K extends ActionName = ActionName> = {
  [A in K]: { action: A } & ParamsOf<A>;
}[K];

/** What a button sends back: an action, or a topic, audience, language, menu group or answer. */
export type ButtonValue =
  /** A topic's answer, or a specific question's inside it. */
  | { topic: string; question?: string }
  | { audience: string }
  | { language: string }
  | { group: string; page?: number }
  | { choice: string }
  | ActionValue;

/** Whether a value is the action `name` (narrows its type). */
export function isAction<K extends ActionName>(
  value: ButtonValue | undefined,
  name: K,
): value is Extract<ButtonValue, { action: K }> {
  return value !== undefined && 'action' in value && value.action === name;
}

/** The label key a button value implies, or undefined when the button needs an explicit label. */
export function impliedLabelKey(value: ButtonValue): string | undefined {
  if ('action' in value)
    return (ACTIONS as Record<string, { label?: string }>)[value.action]?.label;
  if ('topic' in value) {
    return value.question
      ? `topics:${value.topic}.questions.${value.question}.question`
      : `topics:${value.topic}.title`;
  }
  if ('audience' in value) return `audience.${value.audience}`;
  if ('group' in value) return value.page ? 'menu.moreTopics' : `menu.group.${value.group}`;
  return undefined;
}

const VALUE_KEYS = ['topic', 'audience', 'language', 'group', 'action', 'choice'];

/** The button value an activity carries (Web Chat sends an object, some channels a JSON string). */
export function buttonValueOf(activity: { value?: unknown }): ButtonValue | undefined {
  let value: unknown = activity.value;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  return Object.keys(value).some((key) => VALUE_KEYS.includes(key))
    ? (value as ButtonValue)
    : undefined;
}
