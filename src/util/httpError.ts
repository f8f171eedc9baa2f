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
