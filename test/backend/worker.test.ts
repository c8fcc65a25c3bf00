import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BackendClient } from '../../src-main/ipc/backend-client';
import { tempDir } from '../support/store';

/** The app's path: main relays calls to the backend in a worker thread (source loaded through tsx). */
describe('the backend worker', () => {
  it('opens the store, answers calls per session, forwards events, and reports a wrong key', async () => {
    process.env.TSX_TSCONFIG_PATH = path.resolve(__dirname, '../../tsconfig.node.json');
    const events: string[] = [];
    const worker = path.resolve(__dirname, '../../src-main/backend/worker.ts');
    const storePath = path.join(tempDir(), 'w.ldk');
    const key = randomBytes(32);
    const client = new BackendClient((e) => events.push(e), worker, ['--import', 'tsx']);
    expect(await client.open(storePath, Buffer.from(key))).toEqual({ ok: true });
    const created = await client.call('win-1', 'app.createCompany', {
      companyName: 'Worker Co',
      timeZone: 'America/Denver',
      username: 'admin',
      displayName: 'Admin',
      password: 'password-1',
    });
    expect(created).toMatchObject({ ok: true, value: { companyName: 'Worker Co' } });
    await client.call('win-1', 'users.create', { username: 'casey', displayName: 'Casey', role: 'clerk', password: 'password-2' });
    expect(events).toContain('data.changed');
    expect(await client.call('win-2', 'users.list', undefined)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect((await client.call('win-1', 'users.list', undefined)).ok).toBe(true);
    client.endSession('win-1');
    expect(await client.call('win-1', 'users.list', undefined)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    await client.close();

    const wrong = new BackendClient(() => undefined, worker, ['--import', 'tsx']);
    expect(await wrong.open(storePath, randomBytes(32))).toMatchObject({ ok: false, code: 'STORE_WRONG_KEY' });
    await wrong.close();
  });
});
