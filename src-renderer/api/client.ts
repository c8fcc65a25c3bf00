import type { ApiError, ErrorCode, Result } from '@shared/ipc/result';

/** A failed call, thrown by `unwrap` so TanStack Query and forms see an Error with the code. */
export class CallError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;
  constructor(error: ApiError) {
    super(error.message);
    this.name = 'CallError';
    this.code = error.code;
    this.details = error.details;
  }
}

/** Listeners told when any call fails with SESSION_LOCKED or UNAUTHENTICATED (the app shell reacts). */
const sessionListeners = new Set<(code: ErrorCode) => void>();
export function onSessionProblem(listener: (code: ErrorCode) => void): () => void {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

export async function unwrap<T>(pending: Promise<Result<T>>): Promise<T> {
  const r = await pending;
  if (r.ok) return r.value;
  if (r.error.code === 'SESSION_LOCKED' || r.error.code === 'UNAUTHENTICATED') for (const l of sessionListeners) l(r.error.code);
  throw new CallError(r.error);
}

export const api = () => window.api;

/** Field errors from a VALIDATION failure, keyed by the field path, for forms. */
export function fieldErrors(err: unknown): Record<string, string> {
  if (!(err instanceof CallError) || !Array.isArray(err.details)) return {};
  const out: Record<string, string> = {};
  for (const d of err.details as { path?: string; message?: string }[]) if (d.path && d.message) out[d.path] = d.message;
  return out;
}
