import type Sqlite from 'better-sqlite3-multiple-ciphers';
import { CompiledQuery } from 'kysely';
import type { Queryable, ServiceContext } from '../../context';

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
 * The posting hot path (every document, allocation and audit record, thousands per import): fixed SQL
 * run through the caller's Kysely transaction as it is, without building and compiling the query each
 * time, which cost more than SQLite's own work. The statement itself is prepared once (statement-cache.ts).
 */
export async function sqlRows<R>(db: Queryable, text: string, params: readonly unknown[]): Promise<R[]> {
  return (await db.executeQuery<R>(CompiledQuery.raw(text, [...params]))).rows;
}
export async function sqlFirst<R>(db: Queryable, text: string, params: readonly unknown[]): Promise<R | undefined> {
  return (await sqlRows<R>(db, text, params))[0];
}
export async function sqlRun(db: Queryable, text: string, params: readonly unknown[]): Promise<number> {
  return Number((await db.executeQuery(CompiledQuery.raw(text, [...params]))).numAffectedRows ?? 0);
}
