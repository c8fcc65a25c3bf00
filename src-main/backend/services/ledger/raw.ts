import type Sqlite from 'better-sqlite3-multiple-ciphers';
import { CompiledQuery } from 'kysely';
import type { Queryable, ServiceContext, Trx } from '../../context';

/**
 * Hot read paths (aging, search, ledger) run prepared statements on the store's connection directly:
 * Kysely prepares every query again, which costs more than the query itself for small lookups. They
 * run while holding Kysely's connection, so they never interleave with another call's open
 * transaction (the backend has one connection; Kysely serializes its users with a mutex).
 */
const caches = new WeakMap<Sqlite.Database, Map<string, Sqlite.Statement>>();

export function stmt(sqlite: Sqlite.Database, text: string): Sqlite.Statement {
  let cache = caches.get(sqlite);
  if (!cache) {
    cache = new Map();
    caches.set(sqlite, cache);
  }
  let s = cache.get(text);
  if (!s) {
    s = sqlite.prepare(text);
    if (cache.size > 500) cache.clear();
    cache.set(text, s);
  }
  return s;
}

/** Run synchronous reads on the raw connection while no other call can use it. Never call inside a transaction. */
export function withSqlite<T>(ctx: ServiceContext, fn: (sqlite: Sqlite.Database) => T): Promise<T> {
  return ctx.db.connection().execute(async () => fn(ctx.store.sqlite));
}

/**
 * A bulk writer's transaction (an import: tens of thousands of postings in one) whose fixed statements run
 * on the store's connection directly, skipping Kysely's per-call layers. Safe because the transaction holds
 * Kysely's one connection for its whole run: nothing else can interleave, and the statements run inside it.
 */
const direct = new WeakMap<object, Sqlite.Database>();
export function runDirect(trx: Trx, sqlite: Sqlite.Database): void {
  direct.set(trx, sqlite);
}

/**
 * The posting hot path (every document, allocation and audit record, thousands per import): fixed SQL
 * run through the caller's transaction as it is, without building and compiling the query each time,
 * which cost more than SQLite's own work. The statement itself is prepared once. The same text and
 * parameters whichever way it runs (Kysely's connection, or directly in a `runDirect` transaction).
 */
export async function sqlRows<R>(db: Queryable, text: string, params: readonly unknown[]): Promise<R[]> {
  const sqlite = direct.get(db);
  if (sqlite) return stmt(sqlite, text).all(...params) as R[];
  return (await db.executeQuery<R>(CompiledQuery.raw(text, [...params]))).rows;
}
export async function sqlFirst<R>(db: Queryable, text: string, params: readonly unknown[]): Promise<R | undefined> {
  return (await sqlRows<R>(db, text, params))[0];
}
export async function sqlRun(db: Queryable, text: string, params: readonly unknown[]): Promise<number> {
  const sqlite = direct.get(db);
  if (sqlite) {
    const s = stmt(sqlite, text);
    return s.reader ? s.all(...params).length : s.run(...params).changes;
  }
  return Number((await db.executeQuery(CompiledQuery.raw(text, [...params]))).numAffectedRows ?? 0);
}
