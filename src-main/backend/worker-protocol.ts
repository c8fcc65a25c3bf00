import type { EventMap, EventName } from '@shared/ipc/events';
import type { Result } from '@shared/ipc/result';

/** Messages between main and the backend worker thread. */
export type ToWorker =
  | { type: 'open'; storePath: string; key: Uint8Array }
  | { type: 'call'; id: number; sessionId: string; channel: string; input: unknown }
  | { type: 'endSession'; sessionId: string }
  | { type: 'close' };

export type FromWorker =
  | { type: 'opened' }
  | { type: 'openFailed'; code: string; message: string }
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'event'; event: EventName; payload: EventMap[EventName] }
  | { type: 'closed' };
