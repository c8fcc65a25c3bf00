import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EventMap, EventName } from '@shared/ipc/events';
import type { Result } from '@shared/ipc/result';
import type { FromWorker, ToWorker } from '../backend/worker-protocol';

type OpenAnswer = { ok: true } | { ok: false; code: string; message: string };

/** Main's side of the backend worker: every request has an id its answer repeats; events are forwarded. */
export class BackendClient {
  private worker: Worker;
  private nextId = 1;
  private pending = new Map<number, (m: FromWorker) => void>();

  /** `workerPath` defaults to the bundled worker beside main; tests pass the source with a loader. */
  constructor(onEvent: <E extends EventName>(event: E, payload: EventMap[E]) => void, workerPath = path.join(__dirname, 'worker.js'), execArgv?: string[]) {
    this.worker = new Worker(workerPath, { execArgv });
    this.worker.on('message', (m: FromWorker) => {
      if (m.type === 'event') {
        onEvent(m.event, m.payload);
        return;
      }
      this.pending.get(m.id)?.(m);
      this.pending.delete(m.id);
    });
  }

  private request(m: ToWorker & { id: number }): Promise<FromWorker> {
    return new Promise((resolve) => {
      this.pending.set(m.id, resolve);
      this.worker.postMessage(m);
    });
  }

  /** `backupsDir`: the suggested backup folder; `scheduleEveryMs`: how often the backup schedule is checked. */
  async open(storePath: string, key: Buffer, opts: { backupsDir?: string; scheduleEveryMs?: number } = {}): Promise<OpenAnswer> {
    const m = await this.request({ type: 'open', id: this.nextId++, storePath, key: new Uint8Array(key), ...opts });
    if (m.type === 'opened') return { ok: true };
    if (m.type === 'openFailed') return { ok: false, code: m.code, message: m.message };
    return { ok: false, code: 'INTERNAL', message: 'unexpected reply' };
  }

  async call(sessionId: string, channel: string, input: unknown): Promise<Result<unknown>> {
    const m = await this.request({ type: 'call', id: this.nextId++, sessionId, channel, input });
    return m.type === 'result' ? m.result : { ok: false, error: { code: 'INTERNAL', message: 'unexpected reply' } };
  }

  endSession(sessionId: string): void {
    this.worker.postMessage({ type: 'endSession', sessionId } satisfies ToWorker);
  }

  private closing: Promise<void> | null = null;

  /** Calls in flight finish first (the worker drains), then the store closes and the thread ends. Once. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.request({ type: 'close', id: this.nextId++ });
      await this.worker.terminate();
    })();
    return this.closing;
  }
}
