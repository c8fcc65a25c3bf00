import type { Migration } from './types';

/**
 * Imports of credit notes and of open items (opening balances, issue 14): the kind CHECK of the import
 * tables takes 'credit_notes' and 'open_items'. SQLite cannot change a CHECK in place, so both tables are
 * copied into new ones with the wider CHECK and renamed (renaming the batch table carries the key table's
 * reference to it along); the index and the triggers that keep import keys immutable are made again.
 */
export const m022ImportKinds: Migration = {
  id: 22,
  name: 'imports: credit notes and open items',
  up(db) {
    db.exec(`
      CREATE TABLE import_batch_v22 (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('accounts', 'invoices', 'payments', 'credit_notes', 'open_items')),
        file_name TEXT NOT NULL,
        file_sha256 TEXT NOT NULL,
        row_count INTEGER NOT NULL,
        posted INTEGER NOT NULL,
        skipped INTEGER NOT NULL,
        amount_cents INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        created_by TEXT
      ) STRICT;
      INSERT INTO import_batch_v22 SELECT id, kind, file_name, file_sha256, row_count, posted, skipped, amount_cents, created_at, created_by FROM import_batch;

      CREATE TABLE import_key_v22 (
        kind TEXT NOT NULL CHECK (kind IN ('accounts', 'invoices', 'payments', 'credit_notes', 'open_items')),
        key_norm TEXT NOT NULL,
        key TEXT NOT NULL,
        batch_id INTEGER NOT NULL REFERENCES import_batch_v22 (id),
        line INTEGER NOT NULL,
        row_hash TEXT NOT NULL,
        account_id INTEGER REFERENCES account (id),
        document_id INTEGER REFERENCES document (id),
        PRIMARY KEY (kind, key_norm)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO import_key_v22 SELECT kind, key_norm, key, batch_id, line, row_hash, account_id, document_id FROM import_key;

      DROP TABLE import_key;
      DROP TABLE import_batch;
      ALTER TABLE import_batch_v22 RENAME TO import_batch;
      ALTER TABLE import_key_v22 RENAME TO import_key;
      CREATE INDEX import_key_document ON import_key (document_id) WHERE document_id IS NOT NULL;
      CREATE TRIGGER import_key_no_update BEFORE UPDATE ON import_key BEGIN SELECT RAISE(ABORT, 'import keys are immutable'); END;
      CREATE TRIGGER import_key_no_delete BEFORE DELETE ON import_key BEGIN SELECT RAISE(ABORT, 'import keys are immutable'); END;
    `);
  },
};
