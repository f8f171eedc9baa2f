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
