import type { Response } from 'restify';
import { ZodError } from 'zod';
import { describeError, type Logger } from '../logger';
import { isUnavailable } from '../storage/errors';
import { RETRY_AFTER_SECONDS, ROUTE_DEADLINE_MS, within } from '../util/deadline';
import { HttpError, sendHttpError } from '../util/httpError';

/** What a route answers: a status (200 unless given) and a JSON body. */
export interface Answer {
  status?: number;
  body: unknown;
}

/** How an API writes an error: `{code, message}`, or Direct Line's `{error: {code, message}}`. */
export type ErrorFormat = (error: HttpError) => unknown;

/** The `{code, message}` body of the bot's own APIs. */
export const plainError: ErrorFormat = (error) => ({ code: error.code, message: error.message });

/**
 * Any failure as the HTTP error a client gets, in one place: a refusal as it
 * is; invalid input (a schema's complaint) 400; storage that did not answer
 * (down, hanging, past the route's deadline) 503 with Retry-After; anything
 * else 500, with its cause in the log only.
 */
export function toHttpError(error: unknown, logger: Logger, what: string): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof ZodError) {
    return new HttpError(400, 'BadRequest', error.issues[0]?.message ?? 'Bad request.');
  }
  if (isUnavailable(error)) {
    logger.warn({ err: describeError(error) }, `${what}: storage did not answer`);
    return new HttpError(
      503,
      'ServiceUnavailable',
      'The service is unavailable; try again shortly.',
      RETRY_AFTER_SECONDS,
    );
  }
  logger.error({ err: describeError(error) }, what);
  return new HttpError(500, 'InternalError', 'Internal error');
}

/**
 * Answers a request with what `work` resolves, within {@link ROUTE_DEADLINE_MS}
 * (a phone hears back within 2 s even while Redis hangs); failures as {@link toHttpError}.
 */
export async function respond(
  res: Response,
  work: () => Promise<Answer>,
  options: { logger: Logger; what: string; format?: ErrorFormat },
): Promise<void> {
  try {
    const { status, body } = await within(work(), ROUTE_DEADLINE_MS);
    res.send(status ?? 200, body);
  } catch (error) {
    const failure = toHttpError(error, options.logger, options.what);
    sendHttpError(res, failure, (options.format ?? plainError)(failure));
  }
}
