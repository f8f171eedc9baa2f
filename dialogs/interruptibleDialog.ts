import { ComponentDialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';

/**
 * A ComponentDialog whose every turn may first be interrupted by something
 * that can happen at any moment (a button of an old message, "menu", a
 * language switch), as the samples' `CancelAndHelpDialog` handles "help" and
 * "cancel": {@link interrupt} decides, or lets the active dialog go on.
 */
export abstract class InterruptibleDialog extends ComponentDialog {
  protected override async onBeginDialog(
    innerDc: DialogContext,
    options?: object,
  ): Promise<DialogTurnResult> {
    return (await this.interrupt(innerDc)) ?? super.onBeginDialog(innerDc, options);
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    return (await this.interrupt(innerDc)) ?? super.onContinueDialog(innerDc);
  }

  /** Handles a cross-cutting request, or returns undefined to let the active dialog go on. */
  protected abstract interrupt(innerDc: DialogContext): Promise<DialogTurnResult | undefined>;
}
