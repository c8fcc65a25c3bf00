/** The backend in a worker thread: main relays each IPC call here and the answer back. */
import { parentPort } from 'node:worker_threads';
import { createBackend, type Backend } from '.';
import { StoreError } from './db/errors';
import type { FromWorker, ToWorker } from './worker-protocol';

const port = parentPort;
if (!port) throw new Error('worker.ts must run in a worker thread');
const send = (m: FromWorker) => port.postMessage(m);
let backend: Backend | null = null;

port.on('message', async (m: ToWorker) => {
  switch (m.type) {
    case 'open':
      try {
        backend = createBackend({ storePath: m.storePath, key: Buffer.from(m.key), onEvent: (event, payload) => send({ type: 'event', event, payload }) });
        send({ type: 'opened' });
      } catch (err) {
        if (err instanceof StoreError) send({ type: 'openFailed', code: err.code, message: err.message });
        else send({ type: 'openFailed', code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) });
      }
      break;
    case 'call':
      if (!backend) {
        send({ type: 'result', id: m.id, result: { ok: false, error: { code: 'INTERNAL', message: 'The store is not open.' } } });
        break;
      }
      send({ type: 'result', id: m.id, result: await backend.dispatch(m.sessionId, m.channel, m.input) });
      break;
    case 'endSession':
      backend?.services.auth.sessions.delete(m.sessionId);
      break;
    case 'close':
      await backend?.close();
      backend = null;
      send({ type: 'closed' });
      break;
  }
});
