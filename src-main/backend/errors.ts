import type { ErrorCode } from '@shared/ipc/result';

/** An expected failure with a message fit for the user; crosses IPC as { code, message, details }. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string) => new DomainError('NOT_FOUND', `${what} was not found.`);
export const conflict = (message: string, details?: unknown) => new DomainError('CONFLICT', message, details);
export const invalid = (message: string, details?: unknown) => new DomainError('VALIDATION', message, details);
