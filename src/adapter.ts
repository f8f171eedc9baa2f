import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type TurnContext,
} from 'botbuilder';
import type { i18n } from 'i18next';
import type { Config } from './config';
import { languageOfActivity, localizedMessage } from './language/replies';
import { describeError, type Logger } from './logger';
import { ClientReusingAuthentication } from './reusedClients';
import { channelLabel } from './metrics';
import { endpointModeOf, mayCall } from './channels/botFramework';
import { turnLanguageIfSet } from './language/turnLanguage';

/**
 * The Bot Framework adapter: authenticates `/api/messages` when an app id is
 * configured, sends only where the endpoint's mode allows (never anywhere
 * without credentials, loopback only in development), and turns any failed
 * turn into a short apology in the user's language (the cause goes to the
 * log, without personal data).
 */
export function createAdapter(config: Config, i18n: i18n, logger: Logger): CloudAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication(
    config.botAuth as ConfigurationBotFrameworkAuthenticationOptions,
  );
  const mode = endpointModeOf(config);
  const adapter = new CloudAdapter(
    new ClientReusingAuthentication(auth, (serviceUrl) => mayCall(mode, serviceUrl)),
  );
  adapter.onTurnError = apologiseOnTurnError(i18n, logger);
  return adapter;
}

/** A turn-error handler for any adapter: log the cause, apologise in the user's language. */
export function apologiseOnTurnError(
  i18n: i18n,
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
        localizedMessage(i18n.getFixedT(language)('error.unavailable'), language),
      );
    } catch (sendError) {
      logger.error({ err: describeError(sendError) }, 'could not send the apology');
    }
  };
}
