import fs from 'node:fs';
import Sqlite from 'better-sqlite3-multiple-ciphers';
import type { Kysely } from 'kysely';
import { storeKysely } from './dialect';
import { DamagedStoreError, NotAStoreError, StoreError, StoreFullError, StoreReadOnlyError, WrongKeyError } from './errors';
import { migrations as allMigrations, type Migration } from './migrations';
import type { Database } from './schema';

/** 'LDK1': marks a SQLite file as a Ledgerdesk store once its key has opened it. */
export const APPLICATION_ID = 0x4c444b31;
const PAGE_SIZE = 4096;

export interface Store {
  path: string;
  sqlite: Sqlite.Database;
  db: Kysely<Database>;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** Defaults to the app's full list; tests pass a prefix to build an "old" store. */
  migrations?: readonly Migration[];
  readonly?: boolean;
}

function sqliteCode(err: unknown): string {
  return typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : '';
}

/** Checks that need no key: is it even plausibly an encrypted store? */
function precheck(path: string): 'new' | 'existing' {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(path);
  } catch {
    return 'new';
  }
  if (!stat.isFile()) throw new NotAStoreError(path, 'it is not a file');
  if (stat.size === 0) return 'new';
  const head = Buffer.alloc(16);
  const fd = fs.openSync(path, 'r');
  try {
    fs.readSync(fd, head, 0, 16, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (head.toString('latin1') === 'SQLite format 3\0') throw new NotAStoreError(path, 'it is an unencrypted SQLite database');
  if (stat.size < PAGE_SIZE || stat.size % PAGE_SIZE !== 0) {
    throw new DamagedStoreError(path, `its size (${stat.size} bytes) is not a whole number of ${PAGE_SIZE}-byte pages, so it was truncated or overwritten`);
  }
  return 'existing';
}

function applyKey(sqlite: Sqlite.Database, key: Buffer): void {
  // SQLCipher v4 format with a raw 256-bit key: no passphrase KDF, the key is already random.
  sqlite.pragma(`cipher='sqlcipher'`);
  sqlite.pragma(`legacy=4`);
  sqlite.pragma(`key="x'${key.toString('hex')}'"`);
}

export function runMigrations(sqlite: Sqlite.Database, list: readonly Migration[], storePath: string): number[] {
  sqlite.exec(`CREATE TABLE IF NOT EXISTS migration (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`);
  const applied = new Set((sqlite.prepare('SELECT id FROM migration').all() as { id: number }[]).map((r) => r.id));
  const known = new Set(list.map((m) => m.id));
  const unknown = [...applied].filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new StoreError('STORE_NOT_A_STORE', `The store ${storePath} was written by a newer version of Ledgerdesk (migration ${Math.max(...unknown)}). Update Ledgerdesk to open it.`, storePath);
  }
  const ran: number[] = [];
  for (const m of [...list].sort((a, b) => a.id - b.id)) {
    if (applied.has(m.id)) continue;
    sqlite.transaction(() => {
      m.up(sqlite);
      sqlite.prepare('INSERT INTO migration (id, name, applied_at) VALUES (?, ?, ?)').run(m.id, m.name, new Date().toISOString());
    })();
    ran.push(m.id);
  }
  return ran;
}

/**
 * Open (or create) an encrypted store with a 32-byte key. Throws WrongKeyError, NotAStoreError or
 * DamagedStoreError, leaving the file untouched, when it cannot be opened.
 */
export function openStore(path: string, key: Buffer, options: OpenStoreOptions = {}): Store {
  if (!Buffer.isBuffer(key) || key.length !== 32) throw new TypeError('the store key must be 32 bytes');
  const state = precheck(path);
  const sqlite = new Sqlite(path, { fileMustExist: state === 'existing', readonly: options.readonly ?? false });
  try {
    applyKey(sqlite, key);
    let appId: number;
    try {
      sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
      appId = sqlite.pragma('application_id', { simple: true }) as number;
    } catch (err) {
      if (sqliteCode(err) === 'SQLITE_NOTADB') throw new WrongKeyError(path);
      if (sqliteCode(err) === 'SQLITE_CORRUPT') throw new DamagedStoreError(path, 'its schema could not be read');
      throw err;
    }
    if (state === 'existing' && appId !== APPLICATION_ID) {
      throw new NotAStoreError(path, 'it is an encrypted SQLite database of another application');
    }
    if (!options.readonly) {
      sqlite.pragma('journal_mode = WAL');
      sqlite.pragma(`application_id = ${APPLICATION_ID}`);
    }
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    if (!options.readonly) {
      try {
        runMigrations(sqlite, options.migrations ?? allMigrations, path);
        refreshPlannerStatistics(sqlite);
      } catch (err) {
        if (sqliteCode(err) === 'SQLITE_CORRUPT' || sqliteCode(err) === 'SQLITE_NOTADB') throw new DamagedStoreError(path, 'a page failed its integrity check');
        throw err;
      }
    }
  } catch (err) {
    sqlite.close();
    throw err;
  }
  const db = storeKysely(sqlite);
  return {
    path,
    sqlite,
    db,
    async close() {
      await db.destroy(); // closes the sqlite handle too
    },
  };
}

/**
 * Give the query planner statistics (sqlite_stat1) for tables that have none or have changed a lot
 * since they were last taken, as SQLite advises for a long-lived connection. The plans in
 * docs/bench.md were checked with statistics; without them a store grown by daily use could plan
 * differently. analysis_limit bounds the work: about 3 s the first time on a 2 GB store, then ~1 ms.
 */
function refreshPlannerStatistics(sqlite: Sqlite.Database): void {
  sqlite.pragma('analysis_limit = 1000');
  sqlite.pragma('optimize = 0x10002');
}

/** Map low-level SQLite failures met after opening to the store's typed errors. */
export function asStoreError(err: unknown, path: string): StoreError | null {
  const code = sqliteCode(err);
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') return new DamagedStoreError(path, 'a page failed its integrity check');
  // The transaction that met these was rolled back by SQLite: nothing of it is in the store.
  if (code === 'SQLITE_FULL') return new StoreFullError(path);
  if (code === 'SQLITE_READONLY' || code.startsWith('SQLITE_READONLY_')) return new StoreReadOnlyError(path);
  return null;
}
