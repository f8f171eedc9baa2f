/**
 * botbuilder-dialogs builds a new `DialogsComponentRegistration` (a service
 * collection, validated with zod) inside every `DialogContext` it creates —
 * several per turn, one more for each nested ComponentDialog — only to add
 * it to a registry that keeps one per type. Profiled, that was the largest
 * single cost of a turn in botbuilder-dialogs. The registration holds no
 * per-turn state, so one instance serves them all: the module's export is
 * replaced by a constructor that hands out the one instance (this module is
 * loaded with the dialogs, before any DialogContext exists).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const registration = require('botbuilder-dialogs/lib/dialogsComponentRegistration') as {
  DialogsComponentRegistration: new () => object;
};

const Original = registration.DialogsComponentRegistration;
const shared = new Original();

function SharedRegistration(): object {
  return shared;
}
SharedRegistration.prototype = Original.prototype;
registration.DialogsComponentRegistration =
  SharedRegistration as unknown as typeof registration.DialogsComponentRegistration;

/** Whether the shared registration is in place (for the tests). */
export const sharedDialogsRegistration = (): boolean =>
  new registration.DialogsComponentRegistration() === shared;
