import fs from 'node:fs';
import path from 'node:path';
import { randomBytes, createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import Sqlite from 'better-sqlite3-multiple-ciphers';
import { openStore } from '../../src-main/backend/db/open';
import { DamagedStoreError, NotAStoreError, WrongKeyError } from '../../src-main/backend/db/errors';
import { migrations } from '../../src-main/backend/db/migrations';
import type { Migration } from '../../src-main/backend/db/migrations/types';
import { tempDir, testBackend, withCompany } from '../support/store';

const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('the encrypted store', () => {
  it('keeps no customer text in the file bytes', async () => {
    const b = testBackend();
    await withCompany(b);
    const marker = 'Zebulon Quartermaine-Featherstonehaugh';
    await b.services.users.create({ userId: 1, username: 'admin' }, { username: 'zq', displayName: marker, role: 'clerk', password: 'secret-pass' });
    b.ctx.store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    await b.close();
    const files = fs.readdirSync(path.dirname(b.storePath)).map((f) => path.join(path.dirname(b.storePath), f));
    for (const f of files) {
      const bytes = fs.readFileSync(f);
      expect(bytes.includes(Buffer.from(marker)), `${f} holds plaintext`).toBe(false);
      expect(bytes.includes(Buffer.from('Test Billing Co')), `${f} holds plaintext`).toBe(false);
      expect(bytes.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    }
  });

  it('uses WAL, synchronous=FULL, foreign keys and a busy timeout', () => {
    const b = testBackend();
    const s = b.ctx.store.sqlite;
    expect(s.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(s.pragma('synchronous', { simple: true })).toBe(2);
    expect(s.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(s.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
  });

  it('refuses the wrong key with a typed error and leaves the file untouched', async () => {
    const b = testBackend();
    await withCompany(b);
    await b.close();
    const dir = path.dirname(b.storePath);
    const before = sha(b.storePath);
    const listing = fs.readdirSync(dir).sort();
    let caught: unknown;
    try {
      openStore(b.storePath, randomBytes(32));
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(WrongKeyError);
    expect((caught as Error).message).toMatch(/key does not open this store/);
    expect(sha(b.storePath)).toBe(before);
    expect(fs.readdirSync(dir).sort()).toEqual(listing);
    // and the right key still opens it
    const again = openStore(b.storePath, b.key);
    expect(again.sqlite.prepare('SELECT count(*) AS n FROM app_user').get()).toEqual({ n: 1 });
    await again.close();
  });

  it('says a plain SQLite file is not a store', () => {
    const file = path.join(tempDir(), 'plain.db');
    const plain = new Sqlite(file);
    plain.exec('CREATE TABLE t(a)');
    plain.close();
    expect(() => openStore(file, randomBytes(32))).toThrow(NotAStoreError);
    expect(() => openStore(file, randomBytes(32))).toThrow(/unencrypted SQLite database/);
  });

  it('says a text file is not a store', () => {
    const file = path.join(tempDir(), 'notes.ldk');
    fs.writeFileSync(file, 'hello, this is not a database');
    expect(() => openStore(file, randomBytes(32))).toThrow(DamagedStoreError);
  });

  it('reports a truncated store as damaged', async () => {
    const b = testBackend();
    await withCompany(b);
    b.ctx.store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    await b.close();
    const size = fs.statSync(b.storePath).size;
    fs.truncateSync(b.storePath, size - 100);
    expect(() => openStore(b.storePath, b.key)).toThrow(DamagedStoreError);
  });

  it('reports a store with an overwritten schema page as damaged or unreadable, never opened', async () => {
    const b = testBackend();
    await withCompany(b);
    b.ctx.store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    await b.close();
    const fd = fs.openSync(b.storePath, 'r+');
    fs.writeSync(fd, randomBytes(512), 0, 512, 4096 + 100); // inside page 2
    fs.closeSync(fd);
    let caught: unknown;
    try {
      const s = openStore(b.storePath, b.key);
      s.sqlite.prepare('SELECT * FROM app_user').all();
      s.sqlite.prepare('SELECT * FROM audit').all();
      s.sqlite.prepare('SELECT * FROM setting').all();
      await s.close();
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeDefined();
  });

  it('runs migrations once and in order on an old store', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'old.ldk');
    const key = randomBytes(32);
    const calls: number[] = [];
    // up() also runs against a recorder that takes its checksum; count only the runs on the store.
    const counted = (id: number, name: string, sql: string): Migration => ({
      id,
      name,
      up: (db) => {
        if (db instanceof Sqlite) calls.push(id);
        db.exec(sql);
      },
    });
    const m1 = counted(1, 'one', 'CREATE TABLE a (x INTEGER)');
    const m2 = counted(2, 'two', 'ALTER TABLE a ADD COLUMN y INTEGER');
    const m3 = counted(3, 'three', 'CREATE INDEX a_y ON a (y)');
    const old = openStore(file, key, { migrations: [m1] });
    await old.close();
    expect(calls).toEqual([1]);
    const upgraded = openStore(file, key, { migrations: [m3, m1, m2] }); // order in the list does not matter: ids do
    expect(calls).toEqual([1, 2, 3]);
    const rows = upgraded.sqlite.prepare('SELECT id, name FROM migration ORDER BY rowid').all();
    expect(rows).toEqual([
      { id: 1, name: 'one' },
      { id: 2, name: 'two' },
      { id: 3, name: 'three' },
    ]);
    await upgraded.close();
    const reopened = openStore(file, key, { migrations: [m1, m2, m3] });
    expect(calls).toEqual([1, 2, 3]);
    await reopened.close();
  });

  it('gives the query planner statistics on open when a store has none', async () => {
    const b = testBackend();
    const session = await withCompany(b);
    for (let i = 0; i < 40; i++) {
      const r = await b.call(session, 'accounts.create', { accountNumber: `S-${i}`, name: `Stat Customer ${i}`, kind: 'commercial' });
      expect(r.ok).toBe(true);
    }
    b.ctx.store.sqlite.exec('DELETE FROM sqlite_stat1');
    await b.close();
    const s = openStore(b.storePath, b.key);
    const stats = s.sqlite.prepare(`SELECT idx, stat FROM sqlite_stat1 WHERE tbl = 'account'`).all() as { idx: string; stat: string }[];
    expect(stats.map((r) => r.idx)).toContain('account_name_norm');
    expect(stats.find((r) => r.idx === 'account_name_norm')?.stat).toMatch(/^40 /);
    await s.close();
  });

  it('rolls back a failing migration whole', async () => {
    const file = path.join(tempDir(), 'bad.ldk');
    const key = randomBytes(32);
    const bad: Migration = {
      id: 99,
      name: 'bad',
      up: (db) => {
        db.exec('CREATE TABLE half (x)');
        throw new Error('boom');
      },
    };
    expect(() => openStore(file, key, { migrations: [...migrations, bad] })).toThrow('boom');
    const s = openStore(file, key);
    expect(s.sqlite.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name = 'half'`).get()).toEqual({ n: 0 });
    expect(s.sqlite.prepare('SELECT count(*) AS n FROM migration WHERE id = 99').get()).toEqual({ n: 0 });
    await s.close();
  });

  it('refuses a store written by a newer version', async () => {
    const file = path.join(tempDir(), 'new.ldk');
    const key = randomBytes(32);
    const future: Migration = { id: 999, name: 'future', up: () => undefined };
    await openStore(file, key, { migrations: [...migrations, future] }).close();
    expect(() => openStore(file, key)).toThrow(/newer version of Ledgerdesk/);
  });
});
