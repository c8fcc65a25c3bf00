import fs from 'node:fs';
import nodePath from 'node:path';
import { pathToFileURL } from 'node:url';
import Sqlite from 'better-sqlite3-multiple-ciphers';
import type { Kysely } from 'kysely';
import { anchorMacKey, anchorPathFor, AuditAnchor, hasAuditTable, readAnchor } from './anchor';
import { storeKysely } from './dialect';
import {
  DamagedStoreError,
  EmptyStoreError,
  MigrationChangedError,
  NotAStoreError,
  StoreError,
  StoreFullError,
  StoreLockedError,
  StoreNoAccessError,
  StoreReadOnlyError,
  WrongKeyError,
  type StoreMoment,
} from './errors';
import { migrations as allMigrations, type Migration } from './migrations';
import { migrationChecksum } from './migrations/checksum';
import { keyOpensOtherPages } from './page-check';
import type { Database } from './schema';

/** 'LDK1': marks a SQLite file as a Ledgerdesk store once its key has opened it. */
export const APPLICATION_ID = 0x4c444b31;
const PAGE_SIZE = 4096;

// URI filenames let a read-only open say `immutable=1`, so that verify creates no -wal/-shm beside a
// closed store. better-sqlite3 reads this once, when its addon loads (the first `new Sqlite`). Plain
// paths are unaffected: we always pass absolute paths, which never start with "file:".
process.env.SQLITE_USE_URI ??= '1';

export interface Store {
  path: string;
  sqlite: Sqlite.Database;
  db: Kysely<Database>;
  /** The audit chain's anchor beside the store; null for a store without an audit table (tests' own migrations). */
  anchor: AuditAnchor | null;
  /** The migration table records checksums (so: the store was opened by a version that anchors). */
  hasChecksums: boolean;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** Defaults to the app's full list; tests pass a prefix to build an "old" store. */
  migrations?: readonly Migration[];
  /** Open without writing anything: no migrations, no anchor, no WAL or shared-memory file created. */
  readonly?: boolean;
  /** How long to wait for another program's write lock before STORE_LOCKED (default 5 s). */
  busyTimeoutMs?: number;
}

function sqliteCode(err: unknown): string {
  return typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : '';
}

/** Checks that need no key: is it even plausibly an encrypted store? */
function precheck(path: string): 'new' | 'existing' {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'new';
    throw new StoreNoAccessError(path);
  }
  if (!stat.isFile()) throw new NotAStoreError(path, 'it is not a file');
  // Never made into a new store: new stores are created whole (createStoreFile), so 0 bytes means lost content.
  if (stat.size === 0) throw new EmptyStoreError(path);
  const head = Buffer.alloc(16);
  let fd: number;
  try {
    fd = fs.openSync(path, 'r');
  } catch {
    throw new StoreNoAccessError(path);
  }
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

export function applyKey(sqlite: Sqlite.Database, key: Buffer): void {
  // SQLCipher v4 format with a raw 256-bit key: no passphrase KDF, the key is already random.
  sqlite.pragma(`cipher='sqlcipher'`);
  sqlite.pragma(`legacy=4`);
  sqlite.pragma(`key="x'${key.toString('hex')}'"`);
}

/**
 * A new store is made beside its final name and linked into place with its first page written, so a
 * crash never leaves an empty file under the store's name (which precheck refuses as lost content).
 */
function createStoreFile(path: string, key: Buffer): void {
  const tmp = `${path}.creating-${process.pid}`;
  fs.rmSync(tmp, { force: true });
  const sqlite = new Sqlite(tmp);
  try {
    applyKey(sqlite, key);
    sqlite.pragma(`application_id = ${APPLICATION_ID}`);
  } finally {
    sqlite.close();
  }
  try {
    fs.linkSync(tmp, path); // fails if a store appeared there meanwhile: that one is opened instead
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') fs.renameSync(tmp, path); // no hard links (FAT, some shares)
  }
  fs.rmSync(tmp, { force: true });
}

/**
 * A read-only open of a closed store (no -wal beside it) uses `immutable=1`: SQLite would otherwise
 * create -wal and -shm files to read a WAL-mode file. While the store is in use its -wal exists, and
 * the plain read-only open shares it. Where URI filenames are off, the plain open is the fallback.
 */
function connect(path: string, readonly: boolean, timeout: number): Sqlite.Database {
  if (readonly && !fs.existsSync(`${path}-wal`)) {
    try {
      return new Sqlite(`${pathToFileURL(path).href}?immutable=1`, { readonly: true, fileMustExist: true, timeout });
    } catch (err) {
      if (sqliteCode(err) !== 'SQLITE_CANTOPEN') throw err;
    }
  }
  return new Sqlite(path, { readonly, fileMustExist: true, timeout });
}

/**
 * SQLite says "not a database" alike for the wrong key and a damaged first page. Two things outside
 * page 1 can vouch for the key: the anchor file (its MAC is keyed from the store key) and the other
 * pages' HMACs. If either does, page 1 is damaged; if neither can be consulted, say both are possible.
 */
function unreadableFirstPage(path: string, key: Buffer): StoreError {
  const anchor = readAnchor(anchorPathFor(path), anchorMacKey(key));
  if (anchor.kind === 'valid' || keyOpensOtherPages(path, key, PAGE_SIZE)) {
    return new DamagedStoreError(path, 'its first page fails its check although the key is right (it opens the anchor file or the other pages)');
  }
  return new WrongKeyError(path, anchor.kind !== 'forged');
}

function hasChecksumColumn(sqlite: Sqlite.Database): boolean {
  return sqlite.prepare(`SELECT 1 FROM pragma_table_info('migration') WHERE name = 'checksum'`).get() !== undefined;
}

/**
 * The migration table (bookkeeping, not itself a migration). Stores made before checksums get the
 * column once, filled with this version's checksums for the migrations they applied: those ran
 * before checksums existed, so there is nothing older to compare them with.
 */
function ensureMigrationTable(sqlite: Sqlite.Database, list: readonly Migration[]): void {
  sqlite.exec(`CREATE TABLE IF NOT EXISTS migration (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`);
  if (hasChecksumColumn(sqlite)) return;
  sqlite.transaction(() => {
    sqlite.exec(`ALTER TABLE migration ADD COLUMN checksum TEXT`);
    const fill = sqlite.prepare('UPDATE migration SET checksum = ? WHERE id = ? AND checksum IS NULL');
    for (const m of list) fill.run(migrationChecksum(m), m.id);
  })();
}

export function runMigrations(sqlite: Sqlite.Database, list: readonly Migration[], storePath: string): number[] {
  ensureMigrationTable(sqlite, list);
  const applied = sqlite.prepare('SELECT id, checksum FROM migration').all() as { id: number; checksum: string | null }[];
  const byId = new Map(list.map((m) => [m.id, m]));
  const unknown = applied.filter((r) => !byId.has(r.id)).map((r) => r.id);
  if (unknown.length > 0) {
    throw new StoreError(
      'STORE_NOT_A_STORE',
      `The store ${storePath} was written by a newer version of Ledgerdesk (migration ${Math.max(...unknown)}). Update Ledgerdesk to open it.`,
      storePath,
    );
  }
  const changed = applied.map((r) => byId.get(r.id)!).filter((m) => applied.find((r) => r.id === m.id)?.checksum !== migrationChecksum(m));
  if (changed.length > 0) throw new MigrationChangedError(storePath, changed);
  const appliedIds = new Set(applied.map((r) => r.id));
  const ran: number[] = [];
  for (const m of [...list].sort((a, b) => a.id - b.id)) {
    if (appliedIds.has(m.id)) continue;
    sqlite.transaction(() => {
      m.up(sqlite);
      sqlite
        .prepare('INSERT INTO migration (id, name, applied_at, checksum) VALUES (?, ?, ?, ?)')
        .run(m.id, m.name, new Date().toISOString(), migrationChecksum(m));
    })();
    ran.push(m.id);
  }
  return ran;
}

/**
 * Open (or create) an encrypted store with a 32-byte key. Every failure is a StoreError saying what
 * and what to do (wrong key, damaged, empty, read-only, no access, locked, changed migration), and a
 * store that cannot be opened is left as it was.
 */
export function openStore(storePath: string, key: Buffer, options: OpenStoreOptions = {}): Store {
  if (!Buffer.isBuffer(key) || key.length !== 32) throw new TypeError('the store key must be 32 bytes');
  const path = nodePath.resolve(storePath);
  const readonly = options.readonly ?? false;
  const state = precheck(path);
  if (state === 'new') {
    if (readonly) throw new NotAStoreError(path, 'there is no such file');
    try {
      createStoreFile(path, key);
    } catch (err) {
      // Cannot create a file beside the store's name: its folder is read-only (or not ours).
      if (sqliteCode(err).startsWith('SQLITE_CANTOPEN')) throw new StoreReadOnlyError(path, 'open', 'folder');
      throw asStoreError(err, path, 'open') ?? err;
    }
  }
  let sqlite: Sqlite.Database;
  try {
    sqlite = connect(path, readonly, options.busyTimeoutMs ?? 5000);
  } catch (err) {
    throw asStoreError(err, path, 'open') ?? err;
  }
  let anchor: AuditAnchor | null = null;
  let hasChecksums = false;
  try {
    applyKey(sqlite, key);
    let appId: number;
    try {
      sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
      appId = sqlite.pragma('application_id', { simple: true }) as number;
    } catch (err) {
      if (sqliteCode(err) === 'SQLITE_NOTADB') throw unreadableFirstPage(path, key);
      if (sqliteCode(err) === 'SQLITE_CORRUPT') throw new DamagedStoreError(path, 'its schema could not be read');
      throw err;
    }
    if (appId !== APPLICATION_ID) throw new NotAStoreError(path, 'it is an encrypted SQLite database of another application');
    if (!readonly) {
      sqlite.pragma('journal_mode = WAL');
      sqlite.pragma(`application_id = ${APPLICATION_ID}`); // also the first write: a read-only or locked store fails here
    }
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    // Anchored before: opened by a version that anchors (checksums) and had an audit table then.
    const hadAnchor = hasChecksumColumn(sqlite) && hasAuditTable(sqlite);
    if (!readonly) {
      runMigrations(sqlite, options.migrations ?? allMigrations, path);
      refreshPlannerStatistics(sqlite);
    }
    hasChecksums = hasChecksumColumn(sqlite);
    if (hasAuditTable(sqlite)) {
      anchor = new AuditAnchor(sqlite, path, anchorMacKey(key), !readonly);
      anchor.start(hadAnchor);
    }
  } catch (err) {
    sqlite.close();
    throw asStoreError(err, path, 'open') ?? err;
  }
  const db = storeKysely(sqlite, () => anchor?.refresh());
  return {
    path,
    sqlite,
    db,
    anchor,
    hasChecksums,
    async close() {
      anchor?.close(); // records appended outside Kysely (the demo's bulk writer) are anchored here
      await db.destroy(); // closes the sqlite handle too, once Kysely has run a query on it
      // A store closed before any query (a restore's schema update, some checks) is closed here: left
      // open, its WAL would stay beside the file, not checkpointed.
      if (sqlite.open) sqlite.close();
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

/**
 * Map low-level SQLite failures to the store's typed errors, or null for anything else. `when`: met
 * while opening, or by a change (which SQLite rolled back: nothing of it is in the store).
 */
export function asStoreError(err: unknown, path: string, when: StoreMoment = 'write'): StoreError | null {
  if (err instanceof StoreError) return err;
  const code = sqliteCode(err);
  if (code === 'SQLITE_CORRUPT' || code.startsWith('SQLITE_CORRUPT_') || code === 'SQLITE_NOTADB')
    return new DamagedStoreError(path, 'a page failed its integrity check');
  if (code === 'SQLITE_FULL') return new StoreFullError(path);
  if (code === 'SQLITE_READONLY_DIRECTORY') return new StoreReadOnlyError(path, when, 'folder');
  if (code === 'SQLITE_READONLY') return new StoreReadOnlyError(path, when, 'file');
  if (code.startsWith('SQLITE_READONLY_')) return new StoreReadOnlyError(path, when);
  if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_') || code === 'SQLITE_LOCKED' || code.startsWith('SQLITE_LOCKED_'))
    return new StoreLockedError(path, when);
  if (code === 'SQLITE_CANTOPEN' || code.startsWith('SQLITE_CANTOPEN_')) return new StoreNoAccessError(path);
  if (code === 'SQLITE_IOERR_SHORT_READ') return new DamagedStoreError(path, 'it is shorter than its pages say (truncated)');
  const errno = (err as NodeJS.ErrnoException | null)?.code;
  if (errno === 'EACCES' || errno === 'EPERM') return new StoreNoAccessError(path);
  if (errno === 'EROFS') return new StoreReadOnlyError(path, when, 'folder');
  if (errno === 'ENOSPC') return new StoreFullError(path);
  return null;
}
