import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import { MAX_MESSAGE_CHARS } from '../nlu/understand';
import type { BotStates } from '../state';
import { buttonValueOf } from '../ui/actions';
import type { Ui } from '../ui/ui';

/** True when a text has no letter or digit in any script (emoji, punctuation only). */
function hasNoWords(text: string): boolean {
  return !/[\p{L}\p{N}]/u.test(text);
}

/**
 * Bad input gets a short reply in the user's language and the dialog stays
 * where it was: a message over {@link MAX_MESSAGE_CHARS} characters, an empty
 * one, one with only an attachment, or only emoji. Every other message
 * counts as a turn of the conversation.
 */
export class InputGuard implements Middleware {
  constructor(
    private readonly states: BotStates,
    private readonly ui: Ui,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (context.activity.type !== ActivityTypes.Message) return next();
    const text = (context.activity.text ?? '').trim();
    const value = buttonValueOf(context.activity);
    if (text.length > MAX_MESSAGE_CHARS) {
      return this.ui.send(context, [{ key: 'input.tooLong', args: { max: MAX_MESSAGE_CHARS } }]);
    }
    if (!value) {
      if (text === '') {
        const hasAttachment = (context.activity.attachments ?? []).length > 0;
        return this.ui.send(context, [hasAttachment ? 'input.attachment' : 'input.empty']);
      }
      if (hasNoWords(text)) return this.ui.send(context, ['input.emojiOnly']);
    }
    (await this.states.data(context)).turnCount += 1;
    await next();
  }
}
