/**
 * A refusal an HTTP API answers with: status, a code for programs and a
 * fixed message for developers (never quoting what a client sent), and for
 * 429/503 the seconds a client should wait.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Answers `error` with `body`, telling a client when to retry (429, 503). */
export function sendHttpError(
  res: {
    header(name: string, value: string): unknown;
    send(status: number, body: unknown): unknown;
  },
  error: HttpError,
  body: unknown,
): void {
  if (error.retryAfterSeconds !== undefined) {
    res.header('Retry-After', String(error.retryAfterSeconds));
  }
  res.send(error.status, body);
}
