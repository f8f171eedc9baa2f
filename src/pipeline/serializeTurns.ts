import type { Middleware, TurnContext } from 'botbuilder';
import { KeyedSerializer } from '../util/keyedSerializer';

/**
 * One turn per conversation at a time in this process (two messages sent at
 * once are answered in order); across processes, eTags decide (`OptimisticTurn`).
 */
export class SerializeTurns implements Middleware {
  private readonly turns = new KeyedSerializer();

  onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { channelId, conversation } = context.activity;
    return this.turns.run(`${channelId}\u0000${conversation?.id ?? ''}`, next);
  }
}
