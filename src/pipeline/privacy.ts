import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import type { Recognizers } from '../language/recognizers';
import { turnLanguage } from '../language/turnLanguage';
import type { Privacy } from '../privacy';
import { turnUnderstanding } from '../nlu/understand';
import { buttonValueOf, isAction } from '../ui/actions';
import type { Ui } from '../ui/ui';

/**
 * "Delete my data", at any moment of the conversation, without disturbing
 * it: asked (typed in the user's language, or the widget's and the help's
 * button), confirmed with a button, done — everything at once, by {@link Privacy}.
 */
export class PrivacyMiddleware implements Middleware {
  constructor(
    private readonly privacy: Privacy,
    private readonly ui: Ui,
    private readonly recognizers: Recognizers,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (context.activity.type !== ActivityTypes.Message) return next();
    const value = buttonValueOf(context.activity);
    const text = (context.activity.text ?? '').trim();
    // The exact command, or any wording the bot is sure means it ("pls delete all my data"):
    // nothing is deleted before the user confirms.
    const understood = turnUnderstanding(context);
    const asksToDelete =
      isAction(value, 'delete') ||
      (!value &&
        (this.recognizers.command(text, turnLanguage(context)) === 'delete' ||
          (understood?.topic === 'delete-my-data' && understood.certainty === 'confident')));
    if (asksToDelete) {
      return this.ui.send(
        context,
        ['privacy.confirm'],
        [
          { label: { key: 'privacy.yes' }, value: { action: 'deleteConfirm' } },
          { label: { key: 'privacy.no' }, value: { action: 'deleteKeep' } },
        ],
      );
    }
    if (isAction(value, 'deleteConfirm')) {
      await this.privacy.forget(context);
      return this.ui.send(context, ['privacy.deleted']);
    }
    if (isAction(value, 'deleteKeep')) {
      return this.ui.send(context, ['privacy.kept'], [{ value: { action: 'menu' } }]);
    }
    await next();
  }
}
