/**
 * Backups and restore against real encrypted stores (docs/backups.md): the copy keeps the store's
 * encryption, a backup taken while payments are posted restores whole, every kind of bad backup is
 * refused with its own code and leaves the store as it was, and a restore drains calls and ends
 * sessions.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import Sqlite from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { BackendHost, type HostOptions } from '../../src-main/backend/host';
import { migrations } from '../../src-main/backend/db/migrations';
import type { Migration } from '../../src-main/backend/db/migrations/types';
import { anchorPathFor } from '../../src-main/backend/db/anchor';
import { openStore } from '../../src-main/backend/db/open';
import { threadRunner } from '../../src-main/backend/services/backup/runner';
import { journalPathFor, readJournal } from '../../src-main/backend/services/backup/journal';
import { verifyStore } from '../../src-main/backend/verify';
import type { Backend } from '../../src-main/backend';
import type { Channel, Contract } from '../../src-shared/ipc/contract';
import type { InputOf, OutputOf } from '../../src-shared/ipc/endpoint';
import type { Result } from '../../src-shared/ipc/result';
import { addStaff, createCompany, fixedClock, testCompany } from '../kit';
import { flipByte, rawConnection } from '../support/store-files';
import { tempDir } from '../support/store';

const hosts: BackendHost[] = [];
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.close().catch(() => undefined);
});

/** An office on a real encrypted store, run by the host as the app runs it; the administrator is signed in. */
async function office(opts: Partial<HostOptions> = {}) {
  const dir = tempDir();
  const storePath = path.join(dir, 'office.ldk');
  const key = opts.key ?? randomBytes(32);
  const clock = fixedClock('2026-03-16T01:00:00Z'); // 20:00 on March 15 in Chicago
  const host = new BackendHost({ storePath, key, clock, backupsDir: path.join(dir, 'Backups'), log: () => undefined, ...opts });
  hosts.push(host);
  const call = <C extends Channel>(session: string, channel: C, input: InputOf<Contract[C]>) =>
    host.dispatch(session, channel, input) as Promise<Result<OutputOf<Contract[C]>>>;
  const must = async <C extends Channel>(session: string, channel: C, input: InputOf<Contract[C]>) => {
    const r = await call(session, channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error.code}: ${r.error.message}`);
    return r.value;
  };
  const admin = await createCompany(host.current, testCompany, 'admin');
  await addStaff(host.current, admin, [{ username: 'clara', role: 'clerk', password: 'password-123', session: 'clerk' }]);
  /** The administrator signed in again on a new session (after the clock jumped past the idle lock, or a restore). */
  let sessions = 0;
  const signIn = async () => {
    const session = `admin-${++sessions}`;
    await must(session, 'auth.signIn', { username: 'admin', password: testCompany.password });
    return session;
  };
  return { dir, storePath, key, clock, host, call, must, signIn, admin, clerk: 'clerk' };
}
type Office = Awaited<ReturnType<typeof office>>;

async function accountWithInvoice(o: Office, cents = 1_000_000) {
  const account = await o.must(o.clerk, 'accounts.create', { accountNumber: `A-${randomBytes(3).toString('hex')}`, name: 'Acme Dental', kind: 'commercial' });
  const draft = await o.must(o.clerk, 'invoices.createDraft', {
    accountId: account.id,
    lines: [{ itemCode: 'SVC', description: 'Service', quantityMilli: 1000, unitPriceCents: cents }],
  });
  await o.must(o.clerk, 'invoices.post', { invoiceId: draft.id });
  return account.id;
}

const sha = (file: string) => (fs.existsSync(file) ? createHash('sha256').update(fs.readFileSync(file)).digest('hex') : null);
/** The store's files as they are: the store, its WAL, anchor and key files, and the folder's listing. */
function storeState(storePath: string) {
  return {
    store: sha(storePath),
    wal: sha(`${storePath}-wal`),
    anchor: sha(anchorPathFor(storePath)),
    files: fs
      .readdirSync(path.dirname(storePath))
      .filter((f) => !f.endsWith('.backups.json'))
      .sort(),
  };
}

/** Every table, row by row (in primary key order: rowid tables and WITHOUT ROWID ones alike). */
function tables(sqlite: Sqlite.Database): Record<string, unknown[]> {
  const names = (
    sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[]
  ).map((t) => t.name);
  return Object.fromEntries(
    names.map((n) => [
      n,
      sqlite
        .prepare(`SELECT * FROM "${n}"`)
        .all()
        .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)),
    ]),
  );
}

const payments = (b: Backend) =>
  (b.ctx.store.sqlite.prepare(`SELECT reference FROM document WHERE kind = 'payment' ORDER BY id`).all() as { reference: string }[]).map((r) => r.reference);

describe('a backup', () => {
  it('is an encrypted copy (VACUUM INTO keeps the cipher): it opens with the store key and only with it, and its manifest says what it is', async () => {
    const o = await office();
    await accountWithInvoice(o);
    const entry = await o.must(o.admin, 'backups.backUpNow', undefined);
    expect(entry).toMatchObject({ result: 'ok', trigger: 'manual', present: true, fileName: 'ledgerdesk-20260315-200000.ldkbak', error: null, findings: [] });
    const file = entry.path!;
    expect(path.dirname(file)).toBe(path.join(o.dir, 'Backups'));
    expect(fs.statSync(file).size).toBe(entry.sizeBytes);

    const head = fs.readFileSync(file).subarray(0, 16).toString('latin1');
    expect(head).not.toBe('SQLite format 3\0');
    for (const key of [null, randomBytes(32)]) {
      const db = new Sqlite(file, { readonly: true });
      if (key) {
        db.pragma(`cipher='sqlcipher'`);
        db.pragma('legacy=4');
        db.pragma(`key="x'${key.toString('hex')}'"`);
      }
      expect(() => db.prepare('SELECT count(*) FROM sqlite_master').get()).toThrow(/not a database/);
      db.close();
    }
    const withKey = rawConnection(file, o.key);
    expect(withKey.prepare(`SELECT count(*) AS n FROM document WHERE kind = 'invoice'`).get()).toEqual({ n: 1 });
    withKey.close();

    const manifestPath = file.replace(/\.ldkbak$/, '.manifest.json');
    const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
    expect(manifest).toMatchObject({
      format: 'ledgerdesk-backup',
      formatVersion: 1,
      appVersion: expect.stringMatching(/^\d+\.\d+\.\d+/),
      createdAt: '2026-03-16T01:00:00.000Z',
      trigger: 'manual',
      file: 'ledgerdesk-20260315-200000.ldkbak',
      sizeBytes: entry.sizeBytes,
      sha256: sha(file),
      cipher: 'sqlcipher-4',
      migrations: migrations.map((m) => expect.objectContaining({ id: m.id, name: m.name })),
      auditAnchor: expect.objectContaining({ format: 'ledgerdesk-audit-anchor', count: expect.any(Number) }),
    });
    expect(manifest.key).toBeUndefined();
    // Nothing temporary is left beside it, and the attempt is listed with its time and size.
    expect(fs.readdirSync(path.dirname(file)).sort()).toEqual([path.basename(file), path.basename(manifestPath)]);
    const overview = await o.must(o.admin, 'backups.overview', undefined);
    expect(overview.entries).toEqual([
      expect.objectContaining({ id: entry.id, result: 'ok', sizeBytes: entry.sizeBytes, startedAt: '2026-03-16T01:00:00.000Z' }),
    ]);
    expect(overview.lastSuccess?.id).toBe(entry.id);
    // Administrators only.
    expect(await o.call(o.clerk, 'backups.backUpNow', undefined)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('taken while payments are being posted, restores to a store that passes verify and holds every payment committed before it (and no half of one)', async () => {
    const o = await office({ backupRunner: threadRunner });
    const accountId = await accountWithInvoice(o, 100_000_000);
    let posted = 0;
    const post = async () => {
      const n = ++posted;
      const r = await o.call(o.clerk, 'payments.post', {
        accountId,
        method: 'cash',
        amountCents: 100,
        date: '2026-03-15',
        reference: `P${String(n).padStart(5, '0')}`,
      });
      if (!r.ok) throw new Error(r.error.message);
    };
    for (let i = 0; i < 50; i++) await post();
    const committedBefore = payments(o.host.current);

    // The backup copies and verifies in its own thread; the backend goes on posting meanwhile.
    let done = false;
    const backup = o.call(o.admin, 'backups.backUpNow', undefined).finally(() => (done = true));
    let during = 0;
    while (!done) {
      await post();
      during++;
      // Postings alone run on promises only; let the thread's answer (a message) in between them, as IPC calls do.
      await new Promise((resolve) => setImmediate(resolve));
    }
    const entry = await backup;
    if (!entry.ok) throw new Error(entry.error.message);
    expect(during).toBeGreaterThan(0);
    const all = payments(o.host.current);

    const restored = await o.must(o.admin, 'backups.restore', { path: entry.value.path! });
    expect(restored.keptAsidePath).toMatch(/office\.before-restore-20260315-200000\.ldk$/);
    const b = o.host.current;
    expect((await verifyStore(b)).ok).toBe(true);
    const back = payments(b);
    // Every payment committed before the backup began, then a prefix of those posted during it.
    expect(back.slice(0, committedBefore.length)).toEqual(committedBefore);
    expect(back).toEqual(all.slice(0, back.length));
    // The ledger adds up: the invoice less exactly the payments that are there.
    const open = b.ctx.store.sqlite.prepare(`SELECT open_cents FROM document WHERE kind = 'invoice'`).get() as { open_cents: number };
    expect(open.open_cents).toBe(100_000_000 - 100 * back.length);
  });

  it('a folder that is not there (a share not connected) fails with BACKUP_FOLDER_UNAVAILABLE, listed with its reason, leaving no file', async () => {
    const o = await office();
    const share = path.join(o.dir, 'share-not-mounted');
    await o.must(o.admin, 'backups.updateSettings', { folder: share });
    const r = await o.call(o.admin, 'backups.backUpNow', undefined);
    expect(r).toMatchObject({ ok: false, error: { code: 'BACKUP_FOLDER_UNAVAILABLE', message: expect.stringMatching(/is not there .*network share/) } });
    expect(fs.existsSync(share)).toBe(false); // a chosen folder is never made: it would hide a share that is gone
    const overview = await o.must(o.admin, 'backups.overview', undefined);
    expect(overview.folderProblem?.code).toBe('BACKUP_FOLDER_UNAVAILABLE');
    expect(overview.entries[0]).toMatchObject({ result: 'failed', fileName: null, present: false, error: { code: 'BACKUP_FOLDER_UNAVAILABLE' } });
    // A relative folder is refused when it is set, naming the field.
    expect(await o.call(o.admin, 'backups.updateSettings', { folder: 'Backups' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: [{ path: 'folder' }] },
    });
  });

  it('a disk that fills up mid-copy: BACKUP_DISK_FULL, nothing left in the folder, the failure in the list', async () => {
    const o = await office();
    for (let i = 0; i < 5; i++) await accountWithInvoice(o);
    await o.host.close();
    const folder = path.join(o.dir, 'small-disk');
    fs.mkdirSync(folder);
    // A real full disk: the folder is a 128 KB tmpfs, mounted in a user and mount namespace of the child's own.
    const repo = path.resolve(__dirname, '../..');
    const node = [
      process.execPath,
      path.join(repo, 'node_modules/tsx/dist/cli.mjs'),
      '--tsconfig',
      path.join(repo, 'tsconfig.node.json'),
      path.join(repo, 'test/support/backup-child.ts'),
      o.storePath,
      o.key.toString('hex'),
      folder,
    ];
    const r = spawnSync(
      'unshare',
      ['--user', '--map-root-user', '--mount', 'sh', '-c', 'mount -t tmpfs -o size=128k tmpfs "$1" && shift && exec "$@"', 'sh', folder, ...node],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(r.stderr).toBe('');
    const answer = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
    expect(answer).toMatchObject({
      ok: false,
      code: 'BACKUP_DISK_FULL',
      message: expect.stringMatching(/disk of the backup folder .* is full, .*partial copy was deleted/),
      files: [],
    });
    expect(readJournal(o.storePath)[0]).toMatchObject({ result: 'failed', trigger: 'cli', error: { code: 'BACKUP_DISK_FULL' } });
  });

  it('retention keeps the newest of each of the last N days and M months, and only this store’s backups', async () => {
    const o = await office();
    await o.must(o.admin, 'backups.updateSettings', { keepDaily: 2, keepMonthly: 1 });
    const names: string[] = [];
    for (const day of ['2026-01-20', '2026-02-10', '2026-03-13', '2026-03-14', '2026-03-15']) {
      o.clock.set(`${day}T20:00:00Z`);
      const admin = await o.signIn();
      names.push((await o.must(admin, 'backups.backUpNow', undefined)).fileName!);
      if (day === '2026-03-15') {
        o.clock.advance(60_000);
        names.push((await o.must(admin, 'backups.backUpNow', undefined)).fileName!); // two the same day
      }
    }
    const folder = path.join(o.dir, 'Backups');
    // Another store's backup in the same folder is not ours to delete.
    const other = await office();
    await other.must(other.admin, 'backups.updateSettings', { folder });
    other.clock.set('2025-12-01T20:00:00Z');
    const foreign = (await other.must(other.admin, 'backups.backUpNow', undefined)).fileName!;
    expect(names).toContain('ledgerdesk-20260315-150100.ldkbak');
    o.clock.set('2026-03-16T20:00:00Z');
    const admin = await o.signIn();
    const last = (await o.must(admin, 'backups.backUpNow', undefined)).fileName!;
    const left = fs
      .readdirSync(folder)
      .filter((f) => f.endsWith('.ldkbak'))
      .sort();
    // Kept: March 16's and the newest of March 15 (2 days); March's newest is one of those (1 month); the rest are gone.
    expect(left).toEqual([foreign, 'ledgerdesk-20260315-150100.ldkbak', last].sort());
    const overview = await o.must(admin, 'backups.overview', undefined);
    expect(overview.entries.filter((e) => e.present).map((e) => e.fileName)).toEqual([last, 'ledgerdesk-20260315-150100.ldkbak']);
    expect(overview.entries.filter((e) => !e.present)).toHaveLength(5); // still in the history, marked gone
  });

  it('the schedule takes the day’s backup when it is due (19:00 by default), once', async () => {
    const o = await office();
    o.clock.set('2026-03-16T23:30:00Z'); // 18:30 on March 16: yesterday's slot was missed (no backup yet)
    const backup = o.host.current.services.backup;
    expect((await backup.runIfDue())?.trigger).toBe('schedule');
    expect(await backup.runIfDue()).toBeNull();
    o.clock.set('2026-03-17T00:05:00Z'); // 19:05: today's slot
    expect((await backup.runIfDue())?.fileName).toBe('ledgerdesk-20260316-190500.ldkbak');
    expect(await backup.runIfDue()).toBeNull();
    const overview = await o.must(await o.signIn(), 'backups.overview', undefined);
    expect(overview.nextDueAt).toBe('2026-03-18T00:00:00.000Z');
  });
});

describe('restore', () => {
  it('brings back the store as it was: every table row by row, the current store kept aside, everyone signed out', async () => {
    const o = await office();
    await accountWithInvoice(o);
    const source = tables(o.host.current.ctx.store.sqlite);
    const entry = await o.must(o.admin, 'backups.backUpNow', undefined);
    // Work done after the backup is what a restore takes back (it stays in the store kept aside).
    await accountWithInvoice(o);
    const preview = await o.must(o.admin, 'backups.inspect', { path: entry.path! });
    expect(preview).toMatchObject({
      createdAt: '2026-03-16T01:00:00.000Z',
      exported: false,
      storePath: o.storePath,
      keptAsidePath: path.join(o.dir, 'office.before-restore-20260315-200000.ldk'),
    });

    const outcome = await o.must(o.admin, 'backups.restore', { path: entry.path! });
    expect(outcome.keptAsidePath).toBe(preview.keptAsidePath);
    const restored = tables(o.host.current.ctx.store.sqlite);
    // Row for row as it was, with one audit record more: the restore itself.
    const { audit: before, ...rest } = source;
    const { audit: after, ...restoredRest } = restored;
    expect(restoredRest).toEqual(rest);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.slice(before.length)).toEqual([
      expect.objectContaining({ action: 'backup.restore', username: 'admin', entity: 'backup', entity_id: entry.fileName }),
    ]);
    expect((await verifyStore(o.host.current)).ok).toBe(true);
    // Everyone signs in again; the store as it was is kept aside, with its anchor and key files, and opens.
    expect(await o.call(o.admin, 'accounts.list', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(fs.existsSync(preview.keptAsidePath)).toBe(true);
    expect(fs.existsSync(anchorPathFor(preview.keptAsidePath))).toBe(true);
    const aside = rawConnection(preview.keptAsidePath, o.key);
    expect(aside.prepare(`SELECT count(*) AS n FROM document WHERE kind = 'invoice'`).get()).toEqual({ n: 2 });
    aside.close();
    expect(fs.readdirSync(o.dir).filter((f) => f.includes('restoring'))).toEqual([]);
  });

  it('waits for calls in flight, refuses new ones with STORE_RESTORING while it swaps, then ends every session', async () => {
    const events: string[] = [];
    let whenVerified: () => void = () => undefined;
    const o = await office({
      onEvent: (event, payload) => {
        events.push(event);
        const p = payload as { task?: string; label?: string };
        if (event === 'progress' && p.task === 'backup.restore' && p.label === 'done') whenVerified();
      },
    });
    const entry = await o.must(o.admin, 'backups.backUpNow', undefined);
    // The moment the backup has been verified, just before the swap: a call starts (creating a user
    // waits for its password hash, scrypt in the thread pool, so it is still in flight at the swap),
    // and on the next turn of the event loop another call comes in while the restore waits for it.
    let creating: Promise<Result<unknown>> | null = null;
    const refused = new Promise<Result<unknown>>((resolve) => {
      whenVerified = () => {
        creating = o.call(o.admin, 'users.create', { username: 'late', displayName: 'Late Arrival', role: 'clerk', password: 'password-123' });
        setTimeout(() => resolve(o.call(o.clerk, 'accounts.list', {})), 0);
      };
    });
    const restoring = o.call(o.admin, 'backups.restore', { path: entry.path! });
    expect(await refused).toMatchObject({ ok: false, error: { code: 'STORE_RESTORING', message: expect.stringMatching(/being restored/) } });
    expect(o.host.callsInFlight).toBe(1);
    expect((await creating!)?.ok).toBe(true);
    const outcome = await restoring;
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(events).toContain('sessions.ended');
    expect(await o.call(o.clerk, 'accounts.list', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await o.call(o.admin, 'accounts.list', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    // The user was created before the swap: in the store kept aside, not in the restored one.
    const usernames = (db: Sqlite.Database) => (db.prepare('SELECT username FROM app_user ORDER BY id').all() as { username: string }[]).map((u) => u.username);
    expect(usernames(o.host.current.ctx.store.sqlite)).toEqual(['admin', 'clara']);
    const aside = rawConnection(outcome.value.keptAsidePath, o.key);
    expect(usernames(aside)).toEqual(['admin', 'clara', 'late']);
    aside.close();
  });

  describe('refuses a bad backup with its own code, and leaves the current store untouched', () => {
    async function refusedWith(
      prepare: (o: Office, backupPath: string) => Promise<{ path: string; passphrase?: string }> | { path: string; passphrase?: string },
    ) {
      const o = await office();
      await accountWithInvoice(o);
      const entry = await o.must(o.admin, 'backups.backUpNow', undefined);
      const input = await prepare(o, entry.path!);
      const before = storeState(o.storePath);
      const r = await o.call(o.admin, 'backups.restore', input);
      expect(storeState(o.storePath)).toEqual(before);
      // Still the same store and the same sessions.
      expect((await o.call(o.clerk, 'accounts.list', {})).ok).toBe(true);
      if (r.ok) throw new Error('the backup was restored');
      return r.error;
    }

    it('one byte changed: BACKUP_DAMAGED', async () => {
      const error = await refusedWith((_o, file) => {
        flipByte(file, 4096 * 2 + 100);
        return { path: file };
      });
      expect(error).toMatchObject({ code: 'BACKUP_DAMAGED', message: expect.stringMatching(/changed after it was written .*sha256.* Nothing was changed/i) });
    });

    it('cut short: BACKUP_DAMAGED, saying it is truncated', async () => {
      const error = await refusedWith((_o, file) => {
        fs.truncateSync(file, fs.statSync(file).size - 4096);
        return { path: file };
      });
      expect(error).toMatchObject({ code: 'BACKUP_DAMAGED', message: expect.stringMatching(/shorter than its manifest says .* cut short/) });
    });

    it('a manifest changed by hand (its seal no longer holds): BACKUP_DAMAGED', async () => {
      const error = await refusedWith((_o, file) => {
        const manifestPath = file.replace(/\.ldkbak$/, '.manifest.json');
        const m = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
        m.createdAt = '2026-01-01T00:00:00.000Z';
        fs.writeFileSync(manifestPath, JSON.stringify(m));
        return { path: file };
      });
      expect(error).toMatchObject({ code: 'BACKUP_DAMAGED', message: expect.stringMatching(/manifest .* changed after it was written/) });
    });

    it('an export with the wrong passphrase: BACKUP_WRONG_PASSPHRASE', async () => {
      const error = await refusedWith(async (o, file) => {
        const out = path.join(o.dir, 'usb');
        fs.mkdirSync(out);
        const exported = await o.must(o.admin, 'backups.export', { path: file, toFolder: out, passphrase: 'river otter lantern 42' });
        expect(await o.call(o.admin, 'backups.inspect', { path: exported.path })).toMatchObject({ ok: false, error: { code: 'BACKUP_WRONG_PASSPHRASE' } });
        return { path: exported.path, passphrase: 'river otter lantern 43' };
      });
      expect(error).toMatchObject({ code: 'BACKUP_WRONG_PASSPHRASE', message: expect.stringMatching(/passphrase does not open/) });
    });

    it('a backup made by a newer version (a migration this one does not know): BACKUP_NEWER_VERSION', async () => {
      const error = await refusedWith(async (o) => {
        // The same office, opened by a newer Ledgerdesk that added migration 999, takes a backup.
        const newer: Migration = { id: 999, name: 'a later change', up: (db) => db.exec('CREATE TABLE later_thing (id INTEGER PRIMARY KEY) STRICT') };
        const copy = path.join(o.dir, 'newer', 'office.ldk');
        fs.mkdirSync(path.dirname(copy));
        const taken = await o.must(o.admin, 'backups.backUpNow', undefined);
        fs.copyFileSync(taken.path!, copy);
        const later = new BackendHost({ storePath: copy, key: o.key, migrations: [...migrations, newer], clock: o.clock, log: () => undefined });
        hosts.push(later);
        return { path: (await later.current.services.backup.backUp('cli', { userId: null, username: 'cli' })).path! };
      });
      expect(error).toMatchObject({
        code: 'BACKUP_NEWER_VERSION',
        message: expect.stringMatching(/newer version of Ledgerdesk .* migration 999 \(a later change\).* Update Ledgerdesk/),
      });
    });

    it('a backup of another store (another key) with no key of its own: BACKUP_WRONG_KEY', async () => {
      const error = await refusedWith(async () => {
        const other = await office();
        return { path: (await other.must(other.admin, 'backups.backUpNow', undefined)).path! };
      });
      expect(error).toMatchObject({ code: 'BACKUP_WRONG_KEY', message: expect.stringMatching(/another store key .* export/) });
    });

    it('a file that is not a backup: BACKUP_NOT_A_BACKUP', async () => {
      const error = await refusedWith((o) => {
        const file = path.join(o.dir, 'notes.ldkbak');
        fs.writeFileSync(file, 'not a backup');
        return { path: file };
      });
      expect(error).toMatchObject({ code: 'BACKUP_NOT_A_BACKUP', message: expect.stringMatching(/no manifest beside it/) });
    });
  });

  it('an export restores on another computer (another store key) with its passphrase, and nowhere without it', async () => {
    const o = await office();
    await accountWithInvoice(o, 12_345);
    const source = tables(o.host.current.ctx.store.sqlite);
    const entry = await o.must(o.admin, 'backups.backUpNow', undefined);
    const usb = path.join(o.dir, 'usb');
    fs.mkdirSync(usb);
    const exported = await o.must(o.admin, 'backups.export', { path: entry.path!, toFolder: usb, passphrase: 'river otter lantern 42' });
    expect(path.basename(exported.path)).toBe('ledgerdesk-20260315-200000-export.ldkbak');
    expect(JSON.parse(fs.readFileSync(exported.manifestPath, 'utf8')).key).toMatchObject({ kind: 'passphrase', kdf: { name: 'scrypt', N: 131072 } });

    // Another computer: a new store with its own key.
    const there = await office();
    expect(await there.call(there.admin, 'backups.inspect', { path: exported.path })).toMatchObject({
      ok: false,
      error: { code: 'BACKUP_WRONG_PASSPHRASE', message: expect.stringMatching(/exported with a passphrase: enter it/) },
    });
    const preview = await there.must(there.admin, 'backups.inspect', { path: exported.manifestPath, passphrase: 'river otter lantern 42' });
    expect(preview).toMatchObject({ exported: true, path: exported.path });
    await there.must(there.admin, 'backups.restore', { path: exported.path, passphrase: 'river otter lantern 42' });
    // It was re-encrypted with this store's key (so this computer's key file still opens it), and matches row by row.
    const restored = rawConnection(there.storePath, there.key);
    const { audit: a1, ...rest } = source;
    const { audit: a2, ...restoredRest } = tables(restored);
    restored.close();
    expect(restoredRest).toEqual(rest);
    expect(a2.slice(0, a1.length)).toEqual(a1);
    expect((await verifyStore(there.host.current)).ok).toBe(true);
  });

  it('a backup made by an older version (fewer migrations) is brought up to date, then verified', async () => {
    const oldKey = randomBytes(32);
    const dir = tempDir();
    const old = new BackendHost({
      storePath: path.join(dir, 'old.ldk'),
      key: oldKey,
      migrations: migrations.slice(0, -1),
      clock: fixedClock('2026-03-16T01:00:00Z'),
      log: () => undefined,
    });
    hosts.push(old);
    await createCompany(old.current, testCompany, 'admin');
    const taken = await old.current.services.backup.backUp('cli', { userId: null, username: 'cli' });
    const manifest = JSON.parse(fs.readFileSync(taken.path!.replace(/\.ldkbak$/, '.manifest.json'), 'utf8'));
    expect(manifest.migrations).toHaveLength(migrations.length - 1);

    const o = await office({ key: oldKey });
    await o.must(o.admin, 'backups.restore', { path: taken.path! });
    const applied = o.host.current.ctx.store.sqlite.prepare('SELECT id FROM migration ORDER BY id').all();
    expect(applied).toEqual(migrations.map((m) => ({ id: m.id })));
    expect((await verifyStore(o.host.current)).ok).toBe(true);
  });

  it('(found by the older-version restore) a store closed before any query is closed whole: its WAL folded in, none left beside it', async () => {
    const o = await office();
    await o.host.close();
    const s = openStore(o.storePath, o.key);
    s.sqlite.prepare(`INSERT INTO setting (key, value) VALUES ('probe', '1')`).run(); // written outside Kysely, as a migration is
    await s.close();
    expect(fs.existsSync(`${o.storePath}-wal`)).toBe(false);
    const again = rawConnection(o.storePath, o.key);
    expect(again.prepare(`SELECT value FROM setting WHERE key = 'probe'`).get()).toEqual({ value: '1' });
    again.close();
  });

  it('keeps its history beside the store (not in it), so a restore does not forget later backups', async () => {
    const o = await office();
    const first = await o.must(o.admin, 'backups.backUpNow', undefined);
    o.clock.advance(60_000);
    const second = await o.must(o.admin, 'backups.backUpNow', undefined);
    await o.must(o.admin, 'backups.restore', { path: first.path! });
    const overview = await o.must(await o.signIn(), 'backups.overview', undefined);
    expect(overview.entries.map((e) => e.id)).toEqual([second.id, first.id]);
    expect(fs.existsSync(journalPathFor(o.storePath))).toBe(true);
  });
});
