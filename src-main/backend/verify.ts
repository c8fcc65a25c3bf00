import fs from 'node:fs';
import nodePath from 'node:path';
import Sqlite from 'better-sqlite3-multiple-ciphers';
import { createBackend, type Backend } from '.';
import { fitAnchor, readAnchor } from './db/anchor';
import { migrations } from './db/migrations';
import { migrationChecksum } from './db/migrations/checksum';
import { asStoreError, runMigrations, type Store } from './db/open';
import { receivablesChecks } from './services/ledger/verify';
import { collectionsPolicyChecks } from './services/fees/verify';

export interface VerifyCheck {
  name: string;
  ok: boolean;
  detail: string;
  problems?: string[];
}

export interface VerifyReport {
  ok: boolean;
  checks: VerifyCheck[];
}

/** A check that throws (a damaged page met mid-way, say) is a failed check, never a crash. */
function safely(name: string, store: Store, run: () => VerifyCheck | VerifyCheck[]): VerifyCheck[] {
  try {
    const r = run();
    return Array.isArray(r) ? r : [r];
  } catch (err) {
    const typed = asStoreError(err, store.path);
    return [{ name, ok: false, detail: typed ? typed.message : `could not be checked: ${err instanceof Error ? err.message : String(err)}` }];
  }
}

/**
 * Every integrity check over an open store, for the `verify` command and the tests. Each domain adds
 * its invariants here as one more check.
 */
export async function verifyStore(backend: Backend): Promise<VerifyReport> {
  const store = backend.ctx.store;
  const sqlite = store.sqlite;
  const checks: VerifyCheck[] = [
    ...safely('file integrity', store, () => {
      const integrity = sqlite.pragma('quick_check') as { quick_check: string }[];
      const ok = integrity.length === 1 && integrity[0]?.quick_check === 'ok';
      return {
        name: 'file integrity',
        ok,
        detail: ok ? 'every page readable' : `${integrity.length} problem(s)`,
        problems: ok ? undefined : integrity.map((r) => r.quick_check),
      };
    }),
    ...safely('migrations', store, () => migrationsCheck(store)),
    ...safely('audit chain', store, () => {
      const audit = backend.services.audit.verify();
      return {
        name: 'audit chain',
        ok: audit.ok,
        detail: `${audit.records} records${audit.ok ? ', chain intact' : `, ${audit.problems.length} problem(s)`}`,
        problems: audit.problems.map((p) => `#${p.seq}: ${p.problem}`),
      };
    }),
    ...safely('audit anchor', store, () => anchorCheck(store)),
    ...safely('audit guards', store, () => guardsCheck(sqlite)),
    ...safely('ledger invariants', store, () => receivablesChecks(sqlite)),
    ...safely('collections invariants', store, () => collectionsPolicyChecks(sqlite)),
  ];
  return { ok: checks.every((c) => c.ok), checks };
}

/**
 * Verify a store file as it lies on disk, for the CLI: opened read-only (no WAL or shared-memory file
 * appears, the file is not written), and every failure, the open included, is a finding.
 */
export async function verifyStoreFile(storePath: string, key: Buffer): Promise<VerifyReport> {
  const finding = (detail: string): VerifyReport => ({ ok: false, checks: [{ name: 'store file', ok: false, detail }] });
  const path = nodePath.resolve(storePath);
  if (!fs.existsSync(path)) return finding(`not found: ${path}`);
  const inUse = fs.existsSync(`${path}-wal`);
  const before = fs.statSync(path);
  let backend: Backend;
  try {
    backend = createBackend({ storePath: path, key, readonly: true, log: () => undefined });
  } catch (err) {
    const typed = asStoreError(err, path, 'open');
    return finding(typed ? typed.message : `could not be opened: ${err instanceof Error ? err.message : String(err)}`);
  }
  let report: VerifyReport;
  try {
    report = await verifyStore(backend);
  } finally {
    await backend.close();
  }
  // A closed store is read without locks (immutable): if a program opened it meanwhile, say so.
  const after = fs.statSync(path);
  if (!inUse && (fs.existsSync(`${path}-wal`) || after.mtimeMs !== before.mtimeMs || after.size !== before.size)) {
    report.checks.push({
      name: 'store file',
      ok: false,
      detail: 'another program opened the store while it was being checked; run verify again when it is closed',
    });
    report.ok = false;
  }
  return report;
}

function migrationsCheck(store: Store): VerifyCheck {
  const applied = store.sqlite.prepare(`SELECT id, name, ${store.hasChecksums ? 'checksum' : 'NULL AS checksum'} FROM migration ORDER BY id`).all() as {
    id: number;
    name: string;
    checksum: string | null;
  }[];
  const expected = [...migrations].sort((a, b) => a.id - b.id);
  const ids = (xs: { id: number }[]) => xs.map((x) => x.id).join(', ');
  if (ids(applied) !== ids(expected)) return { name: 'migrations', ok: false, detail: `applied [${ids(applied)}], expected [${ids(expected)}]` };
  if (!store.hasChecksums)
    return { name: 'migrations', ok: true, detail: `${applied.length} applied, up to date (checksums are recorded the next time Ledgerdesk opens the store)` };
  const problems = expected
    .filter((m) => applied.find((r) => r.id === m.id)?.checksum !== migrationChecksum(m))
    .map((m) => `migration ${m.id} (${m.name}): the checksum recorded when it was applied is not this version's`);
  return problems.length === 0
    ? { name: 'migrations', ok: true, detail: `${applied.length} applied, up to date, checksums match` }
    : { name: 'migrations', ok: false, detail: `${problems.length} checksum(s) differ: a released migration changed`, problems };
}

function anchorCheck(store: Store): VerifyCheck {
  const name = 'audit anchor';
  const anchor = store.anchor;
  if (!anchor) return { name, ok: true, detail: 'no audit table' };
  const file = nodePath.basename(anchor.file);
  const read = readAnchor(anchor.file, anchor.macKey);
  switch (read.kind) {
    case 'absent':
      return store.hasChecksums
        ? {
            name,
            ok: false,
            detail: `the anchor file (${file}) is missing, so records cut from the end of the chain could not be seen. Restore it with the store from a backup; if the store was moved without it, run \`reanchor\` (it checks the chain first).`,
          }
        : { name, ok: true, detail: 'not anchored yet: the store was last opened by an older version (opening it anchors the chain)' };
    case 'unreadable':
      return { name, ok: false, detail: `the anchor file (${file}) cannot be read (${read.why}): it was damaged or replaced` };
    case 'forged':
      return { name, ok: false, detail: `the anchor file (${file}) was not made with this store's key: it was forged, or damaged` };
    case 'valid': {
      const n = read.anchor.count;
      const fit = fitAnchor(store.sqlite, read.anchor);
      switch (fit.kind) {
        case 'match':
          return { name, ok: true, detail: `${n} records anchored; the chain ends at the anchored record` };
        case 'behind':
          return {
            name,
            ok: true,
            detail: `${n} records anchored; ${fit.newer} record${fit.newer === 1 ? '' : 's'} written after the anchor (the app stopped before updating it; the next open catches up)`,
          };
        case 'removed':
          return {
            name,
            ok: false,
            detail: `${n} records were anchored, but record #${n} is gone (the chain has ${fit.chainCount}): records were removed from the audit log`,
          };
        case 'rewritten':
          return { name, ok: false, detail: `record #${n} is not the record that was anchored: the audit log was rewritten` };
      }
    }
  }
}

let migratedGuards: Map<string, string> | null = null;

/** The triggers on the audit table exactly as the migrations make them (built once, in memory). */
function expectedGuards(): Map<string, string> {
  if (!migratedGuards) {
    const mem = new Sqlite(':memory:');
    try {
      runMigrations(mem, migrations, ':memory:');
      migratedGuards = auditTriggers(mem);
    } finally {
      mem.close();
    }
  }
  return migratedGuards;
}

const auditTriggers = (sqlite: Sqlite.Database) =>
  new Map(
    (sqlite.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit'`).all() as { name: string; sql: string }[]).map((t) => [
      t.name,
      t.sql.replace(/\s+/g, ' ').trim(),
    ]),
  );

/** The append-only triggers: present, unchanged, and no others on the audit table. */
function guardsCheck(sqlite: Sqlite.Database): VerifyCheck {
  const expected = expectedGuards();
  const actual = auditTriggers(sqlite);
  const problems: string[] = [];
  for (const [name, sql] of expected) {
    if (!actual.has(name)) problems.push(`${name}: missing (dropped)`);
    else if (actual.get(name) !== sql) problems.push(`${name}: changed (not what the migrations made)`);
  }
  for (const name of actual.keys()) if (!expected.has(name)) problems.push(`${name}: a trigger on the audit table the migrations did not make`);
  return problems.length === 0
    ? { name: 'audit guards', ok: true, detail: `append-only triggers in place (${[...expected.keys()].join(', ')})` }
    : { name: 'audit guards', ok: false, detail: `${problems.length} problem(s): the audit table is not append-only as made`, problems };
}
