import type { Migration } from './types';

/**
 * Imports: one batch row per posted file, and the external reference key of every imported row, unique
 * per kind, so importing the same file twice posts nothing new (DOMAIN.md invariant 4).
 * See docs/import.md.
 */
export const m003Imports: Migration = {
  id: 3,
  name: 'imports: batches and idempotency keys',
  up(db) {
    db.exec(`
      CREATE TABLE import_batch (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('accounts', 'invoices', 'payments')),
        file_name TEXT NOT NULL,
        file_sha256 TEXT NOT NULL,
        row_count INTEGER NOT NULL,
        posted INTEGER NOT NULL,
        skipped INTEGER NOT NULL,
        amount_cents INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        created_by TEXT
      ) STRICT;

      -- key_norm: the row's external reference (account number, the source system's invoice number,
      -- the payment reference), trimmed and lowercased. row_hash: of the row's parsed values, so a
      -- re-import with the same key but different values is reported instead of silently skipped.
      CREATE TABLE import_key (
        kind TEXT NOT NULL CHECK (kind IN ('accounts', 'invoices', 'payments')),
        key_norm TEXT NOT NULL,
        key TEXT NOT NULL,
        batch_id INTEGER NOT NULL REFERENCES import_batch (id),
        line INTEGER NOT NULL,
        row_hash TEXT NOT NULL,
        account_id INTEGER REFERENCES account (id),
        document_id INTEGER REFERENCES document (id),
        PRIMARY KEY (kind, key_norm)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX import_key_document ON import_key (document_id) WHERE document_id IS NOT NULL;

      CREATE TRIGGER import_key_no_update BEFORE UPDATE ON import_key BEGIN SELECT RAISE(ABORT, 'import keys are immutable'); END;
      CREATE TRIGGER import_key_no_delete BEFORE DELETE ON import_key BEGIN SELECT RAISE(ABORT, 'import keys are immutable'); END;
    `);
  },
};
