import type { Activity, Middleware, TurnContext } from 'botbuilder';
import { ETagConflictError } from '../storage';
import type { BotStates } from '../state';

/** A turn is redone at most this often when another instance saved the conversation meanwhile. */
export const MAX_TURN_ATTEMPTS = 10;
/** Up to this many ms (times the attempt) before a turn is redone, so two instances do not collide again. */
const RETRY_JITTER_MS = 15;

/**
 * Runs the rest of the turn and saves the state it changed; when another
 * instance saved the conversation meanwhile (its eTag moved on), the turn is
 * redone on fresh state, so no update is lost. Replies wait until the state
 * is saved: a turn that has to be redone says nothing twice. A failed turn
 * saves nothing.
 */
export class OptimisticTurn implements Middleware {
  constructor(private readonly states: BotStates) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const held: Array<Array<Partial<Activity>>> = [];
    let holding = true;
    context.onSendActivities(async (_context, activities, send) => {
      if (!holding) return send();
      held.push(activities);
      return activities.map(() => ({ id: '' }));
    });
    const cleanState = new Set(context.turnState.keys());
    try {
      for (let attempt = 1; ; attempt += 1) {
        try {
          await this.states.load(context);
          await next();
          await this.states.save(context);
          break;
        } catch (error) {
          if (!(error instanceof ETagConflictError) || attempt >= MAX_TURN_ATTEMPTS) throw error;
          // Read the conversation again and redo the turn on top of it.
          held.length = 0;
          await new Promise((resolve) =>
            setTimeout(resolve, Math.random() * RETRY_JITTER_MS * attempt),
          );
          for (const key of [...context.turnState.keys()]) {
            if (!cleanState.has(key)) context.turnState.delete(key);
          }
        }
      }
    } finally {
      holding = false;
    }
    for (const activities of held) await context.sendActivities(activities);
  }
}
