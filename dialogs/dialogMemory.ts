import type { TurnContext } from 'botbuilder';
import {
  isComponentMemoryScopes,
  isComponentPathResolvers,
  type DialogStateManagerConfiguration,
} from 'botbuilder-dialogs';
import { ComponentRegistration } from 'botbuilder';

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

/**
 * The turn-state key under which botbuilder-dialogs' `DialogStateManager`
 * looks for the memory configuration of the turn before building one (its
 * memory scopes and path resolvers, made anew each turn by the registration's
 * service collection). Not exported by botbuilder-dialogs; the tests check it
 * is still the key it reads.
 */
const DIALOG_STATE_MANAGER_CONFIGURATION = 'DialogStateManagerConfiguration';

let sharedConfiguration: DialogStateManagerConfiguration | undefined;

/**
 * The dialogs' memory configuration, built once as `DialogStateManager` builds
 * it per turn (the scopes and resolvers hold no per-turn data: each reads the
 * turn it is handed).
 */
export function dialogMemoryConfiguration(): DialogStateManagerConfiguration {
  if (!sharedConfiguration) {
    ComponentRegistration.add(shared as never);
    const components = ComponentRegistration.components;
    sharedConfiguration = {
      memoryScopes: components.filter(isComponentMemoryScopes).flatMap((c) => c.getMemoryScopes()),
      pathResolvers: components
        .filter(isComponentPathResolvers)
        .flatMap((c) => c.getPathResolvers()),
    };
  }
  return sharedConfiguration;
}

/** Lets every DialogContext of this turn use the shared memory configuration. */
export function useSharedDialogMemory(context: TurnContext): void {
  context.turnState.set(DIALOG_STATE_MANAGER_CONFIGURATION, dialogMemoryConfiguration());
}
