import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';

/** A migration is plain SQL run inside one transaction; it never imports app code. */
export interface Migration {
  id: number;
  name: string;
  up: (db: BetterSqlite3.Database) => void;
}
