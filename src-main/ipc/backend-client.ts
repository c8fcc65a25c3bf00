import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EventMap, EventName } from '@shared/ipc/events';
import type { Result } from '@shared/ipc/result';
import type { FromWorker, ToWorker } from '../backend/worker-protocol';

/** Main's side of the backend worker: request/response by id, events forwarded. */
export class BackendClient {
  private worker: Worker;
  private nextId = 1;
  private pending = new Map<number, (r: Result<unknown>) => void>();
  private waiters: ((m: FromWorker) => void)[] = [];

  /** `workerPath` defaults to the bundled worker beside main; tests pass the source with a loader. */
  constructor(
    onEvent: <E extends EventName>(event: E, payload: EventMap[E]) => void,
    workerPath = path.join(__dirname, 'worker.js'),
    execArgv?: string[],
  ) {
    this.worker = new Worker(workerPath, { execArgv });
    this.worker.on('message', (m: FromWorker) => {
      if (m.type === 'result') {
        this.pending.get(m.id)?.(m.result);
        this.pending.delete(m.id);
      } else if (m.type === 'event') onEvent(m.event, m.payload);
      else this.waiters.shift()?.(m);
    });
  }

  private post(m: ToWorker): void {
    this.worker.postMessage(m);
  }

  open(storePath: string, key: Buffer): Promise<{ ok: true } | { ok: false; code: string; message: string }> {
    return new Promise((resolve) => {
      this.waiters.push((m) => resolve(m.type === 'opened' ? { ok: true } : m.type === 'openFailed' ? { ok: false, code: m.code, message: m.message } : { ok: false, code: 'INTERNAL', message: 'unexpected reply' }));
      this.post({ type: 'open', storePath, key: new Uint8Array(key) });
    });
  }

  call(sessionId: string, channel: string, input: unknown): Promise<Result<unknown>> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.post({ type: 'call', id, sessionId, channel, input });
    });
  }

  endSession(sessionId: string): void {
    this.post({ type: 'endSession', sessionId });
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.waiters.push(() => resolve());
      this.post({ type: 'close' });
    });
    await this.worker.terminate();
  }
}
