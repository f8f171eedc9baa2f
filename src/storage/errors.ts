/** A write was refused because the stored item changed since it was read. */
export class ETagConflictError extends Error {
  constructor(readonly key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
    this.name = 'ETagConflictError';
  }
}

/** The storage did not answer in time or is unreachable; nothing was saved. */
export class StorageUnavailableError extends Error {
  constructor(operation: string, cause?: unknown) {
    const reason = cause instanceof Error ? `: ${cause.message}` : '';
    super(`Storage: ${operation} failed, storage unavailable${reason}`, { cause });
    this.name = 'StorageUnavailableError';
  }
}

/** Errors node-redis raises when the server is unreachable, closed or too slow. */
const CONNECTION_ERRORS = new Set([
  'ClientClosedError',
  'ClientOfflineError',
  'ConnectionTimeoutError',
  'DisconnectsClientError',
  'ReconnectStrategyError',
  'SocketClosedUnexpectedlyError',
  'SocketTimeoutError',
  'TimeoutError',
]);

/**
 * Whether an error means the storage could not answer (down, hanging, a
 * deadline passed) rather than a bug: such a request is answered 503 with
 * Retry-After, and nothing more is logged than a warning.
 */
export function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return (
    error instanceof StorageUnavailableError ||
    error.name === 'DeadlineError' ||
    CONNECTION_ERRORS.has(error.name) ||
    CONNECTION_ERRORS.has(error.constructor.name) ||
    /client is (offline|closed)|connection is closed/i.test(error.message)
  );
}
