import type Sqlite from 'better-sqlite3-multiple-ciphers';

/**
 * What Kysely's SqliteDialect is given instead of the raw connection: the same connection, with
 * prepared statements reused by SQL text. Kysely's driver prepares every query afresh, which costs
 * more than running most of ours. A statement still being iterated is never handed out twice.
 */
export function statementCachingDatabase(sqlite: Sqlite.Database, maxStatements = 1000) {
  const cache = new Map<string, Sqlite.Statement>();
  return {
    prepare(sql: string): Sqlite.Statement {
      const cached = cache.get(sql);
      if (cached && !cached.busy) return cached;
      const stmt = sqlite.prepare(sql);
      if (!cached) {
        if (cache.size >= maxStatements) cache.clear();
        cache.set(sql, stmt);
      }
      return stmt;
    },
    close(): void {
      cache.clear();
      sqlite.close();
    },
  };
}
