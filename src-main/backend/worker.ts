/** The backend in a worker thread: main relays each IPC call here and the answer back (by request id). */
import os from 'node:os';
import { parentPort } from 'node:worker_threads';
import { createLogger } from '../log/logger';
import { relaySink } from '../log/relay';
import { StoreError } from './db/errors';
import { BackendHost } from './host';
import { threadRunner } from './services/backup/runner';
import { threadReportRunner } from './services/reports/runner';
import type { FromWorker, ToWorker } from './worker-protocol';

// Lines go to main, the log file's one writer (src-main/log/relay.ts).
const log = createLogger('backend', relaySink(), { home: os.homedir() });

const port = parentPort;
if (!port) throw new Error('worker.ts must run in a worker thread');
const send = (m: FromWorker) => port.postMessage(m);
let host: BackendHost | null = null;

port.on('message', async (m: ToWorker) => {
  switch (m.type) {
    case 'open':
      try {
        const started = performance.now();
        host = new BackendHost({
          log: log.error,
          storePath: m.storePath,
          key: Buffer.from(m.key),
          backupsDir: m.backupsDir,
          scheduleEveryMs: m.scheduleEveryMs,
          backupRunner: threadRunner,
          reportRunner: threadReportRunner,
          onEvent: (event, payload) => send({ type: 'event', event, payload }),
        });
        log.info('store.opened', 'the store is open', { durationMs: Math.round(performance.now() - started) });
        send({ type: 'opened', id: m.id });
      } catch (err) {
        if (err instanceof StoreError) {
          log.warn('store.openFailed', 'the store could not be opened', { code: err.code });
          send({ type: 'openFailed', id: m.id, code: err.code, message: err.message });
        } else {
          log.error('store.openFailed', 'the store could not be opened', err);
          send({ type: 'openFailed', id: m.id, code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) });
        }
      }
      break;
    case 'call':
      if (!host) {
        send({ type: 'result', id: m.id, result: { ok: false, error: { code: 'INTERNAL', message: 'The store is not open.' } } });
        break;
      }
      send({ type: 'result', id: m.id, result: await host.dispatch(m.sessionId, m.channel, m.input) });
      break;
    case 'endSession':
      host?.endSession(m.sessionId);
      break;
    case 'close':
      await host?.close();
      host = null;
      send({ type: 'closed', id: m.id });
      break;
  }
});
