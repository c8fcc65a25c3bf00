import type Sqlite from 'better-sqlite3-multiple-ciphers';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from '../db/schema';

/**
 * A Kysely over the store's open connection that reuses prepared statements. Kysely's SQLite driver
 * prepares every query afresh, which is a fifth of the time of a long run of postings; the demo
 * generator posts thousands in one transaction through the services' in-transaction functions, so it
 * gives them this instance. Same connection, so the same transaction. Never destroy it (that would
 * close the store's connection): drop it.
 */
export function cachedKysely(sqlite: Sqlite.Database, maxStatements = 1000): Kysely<Database> {
  const cache = new Map<string, Sqlite.Statement>();
  const database = {
    prepare(sql: string) {
      let stmt = cache.get(sql);
      if (!stmt) {
        if (cache.size >= maxStatements) cache.clear();
        stmt = sqlite.prepare(sql);
        cache.set(sql, stmt);
      }
      return stmt;
    },
    close() {
      cache.clear();
    },
  };
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: database as never }) });
}
