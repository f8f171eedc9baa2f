import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type Activity,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import type { i18n } from 'i18next';
import { FORMAL_CONTEXT, turnReader, type Registers } from './content/register';
import type { Config } from './config';
import { languageOfActivity, localizedMessage } from './language/replies';
import { describeError, type Logger } from './logger';
import { ClientReusingAuthentication } from './reusedClients';
import { channelLabel } from './metrics';
import { endpointModeOf, mayCall } from './channels/botFramework';
import { turnLanguageIfSet } from './language/turnLanguage';

/**
 * CloudAdapter for an activity `/api/messages` has already checked
 * (`checkActivity`): the turn runs at once, without CloudAdapter.process
 * parsing the request again (its schemas are built anew for every request,
 * and it writes authentication failures to the console).
 */
export class BotFrameworkAdapter extends CloudAdapter {
  /**
   * Authenticates (when app credentials are set) and runs one turn.
   * @returns the reply the HTTP response carries: the replies of an
   *   `expectReplies` turn, an invoke's answer, or nothing
   * @throws AuthenticationError when the request is not from a channel
   */
  runChecked(
    authorization: string,
    activity: Partial<Activity>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authorization, activity as Activity, logic);
  }
}

/**
 * The Bot Framework adapter: authenticates `/api/messages` when an app id is
 * configured, sends only where the endpoint's mode allows (never anywhere
 * without credentials, loopback only in development), and turns any failed
 * turn into a short apology in the user's language (the cause goes to the
 * log, without personal data).
 */
export function createAdapter(
  config: Config,
  i18n: i18n,
  registers: Registers,
  logger: Logger,
): BotFrameworkAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication(
    config.botAuth as ConfigurationBotFrameworkAuthenticationOptions,
  );
  const mode = endpointModeOf(config);
  const adapter = new BotFrameworkAdapter(
    new ClientReusingAuthentication(auth, (serviceUrl) => mayCall(mode, serviceUrl)),
  );
  adapter.onTurnError = apologiseOnTurnError(i18n, registers, logger);
  return adapter;
}

/** A turn-error handler for any adapter: log the cause, apologise in the user's language. */
export function apologiseOnTurnError(
  i18n: i18n,
  registers: Registers,
  logger: Logger,
): (context: TurnContext, error: Error) => Promise<void> {
  return async (context: TurnContext, error: Error) => {
    logger.error(
      { err: describeError(error), channel: channelLabel(context.activity.channelId) },
      'turn failed',
    );
    const language = turnLanguageIfSet(context) ?? languageOfActivity(context.activity);
    try {
      await context.sendActivity(
        localizedMessage(
          // In the reader's form of address: polite to anyone the bot does not know yet.
          i18n.getFixedT(language)(
            'error.unavailable',
            registers.of(language, turnReader(context)) === 'formal'
              ? { context: FORMAL_CONTEXT }
              : {},
          ),
          language,
        ),
      );
    } catch (sendError) {
      logger.error({ err: describeError(sendError) }, 'could not send the apology');
    }
  };
}
