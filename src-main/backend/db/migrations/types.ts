/**
 * What a migration may use of the connection: plain SQL run inside one transaction. Keeping it to
 * exec() makes the SQL the whole of a migration, so its checksum (checksum.ts) covers all it does.
 */
export interface MigrationDb {
  exec(sql: string): unknown;
}

/** A migration is plain SQL run inside one transaction; it never imports app code. Once released it never changes. */
export interface Migration {
  id: number;
  name: string;
  up: (db: MigrationDb) => void;
}
