/**
 * Longest an HTTP route that reads or writes storage works before it answers
 * 503: a phone gets an answer within 2 s even while Redis hangs.
 */
export const ROUTE_DEADLINE_MS = 1500;
/** Seconds a client is told to wait (Retry-After) when storage did not answer. */
export const RETRY_AFTER_SECONDS = 5;

/** Work that did not finish before its deadline (it may still finish later). */
export class DeadlineError extends Error {
  constructor(ms: number) {
    super(`no answer within ${ms} ms`);
    this.name = 'DeadlineError';
  }
}

/**
 * Resolves or rejects as `work` does, or rejects with {@link DeadlineError}
 * after `ms`. Work that finishes late is left to finish; its failure then is
 * not reported twice (nor as an unhandled rejection).
 */
export function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(ms)), ms);
  });
  work.catch(() => undefined);
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
