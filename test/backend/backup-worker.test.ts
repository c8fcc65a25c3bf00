import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BackendClient } from '../../src-main/ipc/backend-client';
import type { BackupEntry, RestoreOutcome } from '../../src-shared/domain/backups';
import { testCompany } from '../kit';
import { tempDir } from '../support/store';

/** The app's path: main's client, the backend worker thread, and the backup thread it starts (source through tsx). */
describe('backups through the backend worker', () => {
  it('backs up in its own thread, restores between calls (sessions end, an event says so), and closes only after the calls in flight', async () => {
    process.env.TSX_TSCONFIG_PATH = path.resolve(__dirname, '../../tsconfig.node.json');
    const dir = tempDir();
    const events: string[] = [];
    const worker = path.resolve(__dirname, '../../src-main/backend/worker.ts');
    const client = new BackendClient((e) => events.push(e), worker, ['--import', 'tsx']);
    try {
      expect(await client.open(path.join(dir, 'office.ldk'), randomBytes(32), { backupsDir: path.join(dir, 'Backups') })).toEqual({ ok: true });
      expect((await client.call('win-1', 'app.createCompany', testCompany)).ok).toBe(true);

      const backup = await client.call('win-1', 'backups.backUpNow', undefined);
      expect(backup).toMatchObject({ ok: true, value: { result: 'ok', trigger: 'manual' } });
      const entry = (backup as { value: BackupEntry }).value;
      expect(fs.existsSync(entry.path!)).toBe(true);
      expect(events).toContain('progress');

      const restored = await client.call('win-1', 'backups.restore', { path: entry.path! });
      expect(restored).toMatchObject({ ok: true, value: { storePath: path.join(dir, 'office.ldk') } });
      expect(fs.existsSync((restored as { value: RestoreOutcome }).value.keptAsidePath)).toBe(true);
      expect(events).toContain('sessions.ended');
      expect(await client.call('win-1', 'backups.overview', undefined)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });

      // A call sent just before close is answered, not dropped: the worker drains first.
      const last = client.call('win-2', 'auth.signIn', { username: testCompany.username, password: testCompany.password });
      await client.close();
      expect(await last).toMatchObject({ ok: true, value: { username: 'admin' } });
    } finally {
      await client.close().catch(() => undefined);
    }
  });
});
