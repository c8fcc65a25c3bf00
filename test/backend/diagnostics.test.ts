import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../src-main/backend/db/migrations';
import { answerInShell } from '../../src-main/ipc/shell-answered';
import { openLogFile } from '../../src-main/log/log-file';
import { createLogger, type LogEntry } from '../../src-main/log/logger';
import { addStaff, must } from '../kit';
import { tempDir, testBackend, withCompany } from '../support/store';

describe('diagnostics.store: the store facts for the About page', () => {
  it('gives sizes, the schema version and the last backup; the store path to administrators only', async () => {
    const b = testBackend();
    const admin = await withCompany(b);
    await addStaff(b, admin, [{ username: 'casey', role: 'clerk', password: 'clerk-pass-1', session: 'clerk' }]);

    const facts = await must(b, admin, 'diagnostics.store', undefined);
    expect(facts).toEqual({
      storePath: b.storePath,
      storeBytes: fs.statSync(b.storePath).size,
      walBytes: fs.statSync(`${b.storePath}-wal`).size,
      schemaVersion: Math.max(...migrations.map((m) => m.id)),
      migrationsApplied: migrations.length,
      migrationsKnown: migrations.length,
      lastBackup: null,
    });
    expect(facts.storeBytes).toBeGreaterThan(0);

    expect(await must(b, 'clerk', 'diagnostics.store', undefined)).toMatchObject({ storePath: null, schemaVersion: facts.schemaVersion });
    expect(await b.call('nobody', 'diagnostics.store', undefined)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('the last backup: the newest attempt, and after a failure when the last one worked', async () => {
    const b = testBackend();
    const admin = await withCompany(b);
    const done = await must(b, admin, 'backups.backUpNow', undefined);
    expect((await must(b, admin, 'diagnostics.store', undefined)).lastBackup).toEqual({
      at: done.finishedAt,
      ok: true,
      bytes: done.sizeBytes,
      lastSuccessAt: null,
    });
    expect(done.sizeBytes).toBeGreaterThan(0);

    // The chosen folder is gone (a share that is not connected): the next backup fails.
    await must(b, admin, 'backups.updateSettings', { folder: path.join(tempDir(), 'not-connected', 'Backups') });
    expect(await b.call(admin, 'backups.backUpNow', undefined)).toMatchObject({ ok: false });
    const last = (await must(b, admin, 'diagnostics.store', undefined)).lastBackup;
    expect(last).toMatchObject({ ok: false, bytes: null, lastSuccessAt: done.finishedAt });
  });

  it('shell-answered endpoints: the backend answers for when there is no shell; the shell answers only calls the backend let through', async () => {
    const b = testBackend();
    const admin = await withCompany(b);
    expect(await must(b, admin, 'diagnostics.shell', undefined)).toBeNull();
    expect(await must(b, admin, 'diagnostics.openLogFolder', undefined)).toBe(false);

    const opened: string[] = [];
    const answers = {
      'diagnostics.openLogFolder': () => {
        opened.push('logs');
        return true;
      },
    };
    const refused = await answerInShell('diagnostics.openLogFolder', await b.call('nobody', 'diagnostics.openLogFolder', undefined), answers, () => undefined);
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(opened).toEqual([]);
    const letThrough = await answerInShell('diagnostics.openLogFolder', await b.call(admin, 'diagnostics.openLogFolder', undefined), answers, () => undefined);
    expect(letThrough).toEqual({ ok: true, value: true });
    expect(opened).toEqual(['logs']);
  });
});

describe('an unexpected failure reaches the log without the customer data in its error', () => {
  it('an account name, an e-mail and a card number in a SQLite error; the stack under the home folder', async () => {
    const dir = path.join(tempDir(), 'logs');
    const file = openLogFile({ dir });
    // Pretend the app is installed under the user's home: every frame of the stack is then under it.
    const home = path.resolve(__dirname, '../..');
    const log = createLogger('backend', file.write, { home });
    const b = testBackend({ log: log.error });
    const admin = await withCompany(b);
    // A failure whose message carries what the customer typed (as a trigger, a CHECK or a library might).
    b.ctx.store.sqlite.exec(`CREATE TRIGGER hostile BEFORE INSERT ON account BEGIN SELECT RAISE(ABORT, 'refused ' || NEW.name || ': ' || NEW.notes); END`);

    const r = await b.call(admin, 'accounts.create', {
      accountNumber: 'A-100234',
      name: 'Jane Doe',
      kind: 'consumer',
      // Not a card number (its check digit fails: a real one is refused before the store), but as long as one.
      notes: 'card 4111 1111 1111 1112, jane.doe@example.com, (555) 867-5309',
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });

    const text = fs.readFileSync(file.path, 'utf8');
    const lines = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as LogEntry);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'error',
      source: 'backend',
      event: 'dispatch.internal',
      fields: { channel: 'accounts.create' },
      error: { code: 'SQLITE_CONSTRAINT_TRIGGER', message: 'refused [name]: card [number], [email], ([number]' },
    });
    for (const secret of ['Jane', 'Doe', '4111', 'jane.doe', 'example.com', '867', '5309', '100234', home]) expect(text).not.toContain(secret);
    // The frames keep their code names and positions, with the home folder as ~.
    const stack = lines[0]?.error?.stack ?? [];
    expect(stack.length).toBeGreaterThan(0);
    for (const frame of stack) expect(frame).toMatch(/^at .*~[\\/].*:\d+:\d+\)?$/);
  });
});
