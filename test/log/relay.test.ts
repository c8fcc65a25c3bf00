import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { BroadcastChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { BackendClient } from '../../src-main/ipc/backend-client';
import { openLogFile } from '../../src-main/log/log-file';
import type { LogEntry } from '../../src-main/log/logger';
import { checkRelayed, LOG_CHANNEL, receiveRelayed } from '../../src-main/log/relay';
import { tempDir, testBackend, withCompany } from '../support/store';

const readLines = (file: string) =>
  fs.existsSync(file)
    ? fs
        .readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as LogEntry)
    : [];
async function until<T>(get: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const v = get();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('lines from the backend worker reach the file main writes', () => {
  it('store opened, a wrong key, and an endpoint failing INTERNAL, from the real worker', async () => {
    process.env.TSX_TSCONFIG_PATH = path.resolve(__dirname, '../../tsconfig.node.json');
    const worker = path.resolve(__dirname, '../../src-main/backend/worker.ts');
    const file = openLogFile({ dir: path.join(tempDir(), 'logs') });
    const stop = receiveRelayed(file.write);
    try {
      // A store whose account inserts fail with the customer's words in the error.
      const b = testBackend();
      await withCompany(b);
      b.ctx.store.sqlite.exec(`CREATE TRIGGER hostile BEFORE INSERT ON account BEGIN SELECT RAISE(ABORT, 'refused ' || NEW.name); END`);
      await b.close();

      const client = new BackendClient(() => undefined, worker, ['--import', 'tsx']);
      expect(await client.open(b.storePath, b.key)).toEqual({ ok: true });
      await until(() => readLines(file.path).find((l) => l.event === 'store.opened'), 'store.opened');
      await client.call('s', 'auth.signIn', { username: 'admin', password: 'correct horse' });
      expect(await client.call('s', 'accounts.create', { accountNumber: 'A-1', name: 'Jane Doe', kind: 'consumer' })).toMatchObject({
        ok: false,
        error: { code: 'INTERNAL' },
      });
      const internal = await until(() => readLines(file.path).find((l) => l.event === 'dispatch.internal'), 'dispatch.internal');
      expect(internal).toMatchObject({
        level: 'error',
        source: 'backend',
        fields: { channel: 'accounts.create' },
        error: { code: 'SQLITE_CONSTRAINT_TRIGGER', message: 'refused [name]' },
      });
      await client.close();

      const wrong = new BackendClient(() => undefined, worker, ['--import', 'tsx']);
      expect(await wrong.open(b.storePath, randomBytes(32))).toMatchObject({ ok: false, code: 'STORE_WRONG_KEY' });
      const failed = await until(() => readLines(file.path).find((l) => l.event === 'store.openFailed'), 'store.openFailed');
      expect(failed).toMatchObject({ level: 'warn', source: 'backend', fields: { code: 'STORE_WRONG_KEY' } });
      await wrong.close();
      expect(fs.readFileSync(file.path, 'utf8')).not.toContain('Jane');
    } finally {
      stop();
    }
  });

  it('a message posted on the channel without the logger is rebuilt from known parts, its text redacted again', async () => {
    const received: LogEntry[] = [];
    const stop = receiveRelayed((e) => received.push(e), { home: '/home/jdoe' });
    const rogue = new BroadcastChannel(LOG_CHANNEL);
    try {
      rogue.postMessage({
        time: 'x',
        level: 'error',
        source: 'backend',
        event: 'dispatch.internal',
        message: 'Jane Doe 4111 1111 1111 1111',
        fields: { channel: 'accounts.get', name: 'Jane Doe' },
        error: { name: 'Error', message: 'jane@example.com', stack: ['at f (/home/jdoe/x.js:1:2)'], extra: 'Jane' },
        note: 'Jane Doe',
      });
      rogue.postMessage('Jane Doe');
      rogue.postMessage({ level: 'error', source: 'elsewhere', event: 'x.y', time: 'x', message: 'x' });
      const entry = await until(() => received[0], 'the rogue line');
      expect(entry).toEqual({
        time: expect.stringMatching(/Z$/),
        level: 'error',
        source: 'backend',
        event: 'dispatch.internal',
        message: '[name] [number]',
        fields: { channel: 'accounts.get' },
        dropped: 1,
        error: { name: 'Error', message: '[email]', stack: ['at f (~/x.js:1:2)'] },
      });
      await new Promise((r) => setTimeout(r, 100));
      expect(received).toHaveLength(1);
      expect(checkRelayed(null)).toBeNull();
    } finally {
      rogue.close();
      stop();
    }
  });
});
