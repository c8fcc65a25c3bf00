import type Sqlite from 'better-sqlite3-multiple-ciphers';
import { Kysely, SqliteDialect, SqliteDriver, type DatabaseConnection, type SqliteDialectConfig } from 'kysely';
import type { Database } from './schema';
import { statementCachingDatabase } from './statement-cache';

/**
 * SQLite rolls a transaction back by itself on some errors (SQLITE_FULL, SQLITE_IOERR, SQLITE_NOMEM,
 * some SQLITE_BUSY). Kysely then sends its own ROLLBACK, which fails with "cannot rollback - no
 * transaction is active" and hides the real error from the caller. Skip it when nothing is open.
 */
class StoreDriver extends SqliteDriver {
  constructor(
    private readonly sqlite: Sqlite.Database,
    config: SqliteDialectConfig,
    private readonly afterCommit: () => void,
  ) {
    super(config);
  }

  /** After a commit, the store's own bookkeeping outside the file (the audit anchor, anchor.ts). */
  override async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await super.commitTransaction(connection);
    this.afterCommit();
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (this.sqlite.inTransaction) await super.rollbackTransaction(connection);
  }

  override async rollbackToSavepoint(...args: Parameters<SqliteDriver['rollbackToSavepoint']>): Promise<void> {
    if (this.sqlite.inTransaction) await super.rollbackToSavepoint(...args);
  }
}

class StoreDialect extends SqliteDialect {
  constructor(
    private readonly sqlite: Sqlite.Database,
    private readonly config: SqliteDialectConfig,
    private readonly afterCommit: () => void,
  ) {
    super(config);
  }

  override createDriver() {
    return new StoreDriver(this.sqlite, this.config, this.afterCommit);
  }
}

/**
 * The Kysely instance over an open store connection (statements reused, see statement-cache.ts).
 * `afterCommit` runs after each committed transaction and must not throw: the commit has happened.
 */
export function storeKysely(sqlite: Sqlite.Database, afterCommit: () => void = () => undefined): Kysely<Database> {
  return new Kysely<Database>({ dialect: new StoreDialect(sqlite, { database: statementCachingDatabase(sqlite) as never }, afterCommit) });
}
