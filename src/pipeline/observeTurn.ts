import type { TurnContext } from 'botbuilder';
import { logId, type Logger } from '../logger';
import { channelLabel, type Metrics } from '../metrics';

/**
 * Every turn, on every channel, counted and timed; at debug level also
 * logged, with a keyed hash of the conversation id only.
 */
export function observedTurns(
  run: (context: TurnContext) => Promise<void>,
  options: { metrics: Metrics; logger: Logger; logKey: string },
): (context: TurnContext) => Promise<void> {
  const { metrics, logger, logKey } = options;
  return async (context) => {
    const started = performance.now();
    await metrics.timeTurn(context.activity.channelId, () => run(context));
    if (logger.isLevelEnabled('debug')) {
      logger.debug(
        {
          channel: channelLabel(context.activity.channelId),
          conversation: logId(context.activity.conversation?.id ?? '', logKey),
          type: context.activity.type,
          ms: Math.round(performance.now() - started),
        },
        'turn',
      );
    }
  };
}
