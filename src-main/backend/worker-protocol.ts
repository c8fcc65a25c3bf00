import type { EventMap, EventName } from '@shared/ipc/events';
import type { Result } from '@shared/ipc/result';

/**
 * Messages between main and the backend worker thread. Every request carries an id its answer
 * repeats, so answers are matched whatever their order. `close` drains: the worker lets the calls
 * in flight finish, refuses new ones (STORE_RESTORING), then closes the store; a restore does the same
 * on its own (host.ts) before it swaps the store.
 */
export type ToWorker =
  | { type: 'open'; id: number; storePath: string; key: Uint8Array; backupsDir?: string; scheduleEveryMs?: number }
  | { type: 'call'; id: number; sessionId: string; channel: string; input: unknown }
  | { type: 'endSession'; sessionId: string }
  | { type: 'close'; id: number };

export type FromWorker =
  | { type: 'opened'; id: number }
  | { type: 'openFailed'; id: number; code: string; message: string }
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'event'; event: EventName; payload: EventMap[EventName] }
  | { type: 'closed'; id: number };
