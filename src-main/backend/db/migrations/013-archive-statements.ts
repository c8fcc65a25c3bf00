import type { Migration } from './types';

/**
 * The archive takes statements (docs/document-layout.md, Statements): the kind CHECK of migration 010
 * gains 'statement'. SQLite cannot change a CHECK in place, so the table is rebuilt: rows copied as they
 * are (DROP TABLE fires no trigger), then its indexes and its no-edit, no-removal triggers recreated.
 */
export const m013ArchiveStatements: Migration = {
  id: 13,
  name: 'documents: the archive takes statements',
  up(db) {
    db.exec(`
      CREATE TABLE archived_document_next (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('invoice', 'credit_note', 'receipt', 'calibration', 'statement')),
        number TEXT,
        account_id INTEGER REFERENCES account (id),
        source_document_id INTEGER REFERENCES document (id),
        channel TEXT NOT NULL CHECK (channel IN ('print', 'pdf', 'email')),
        destination TEXT NOT NULL,
        copy INTEGER NOT NULL CHECK (copy IN (0, 1)),
        pdf BLOB NOT NULL,
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        pages INTEGER NOT NULL CHECK (pages >= 0),
        bytes INTEGER NOT NULL CHECK (bytes > 0),
        job_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by_id INTEGER,
        created_by TEXT
      ) STRICT;
      INSERT INTO archived_document_next (id, kind, number, account_id, source_document_id, channel, destination, copy, pdf, sha256, pages, bytes, job_id, created_at, created_by_id, created_by)
        SELECT id, kind, number, account_id, source_document_id, channel, destination, copy, pdf, sha256, pages, bytes, job_id, created_at, created_by_id, created_by FROM archived_document;
      DROP TABLE archived_document;
      ALTER TABLE archived_document_next RENAME TO archived_document;
      CREATE INDEX archived_document_account ON archived_document (account_id, id) WHERE account_id IS NOT NULL;
      CREATE INDEX archived_document_source ON archived_document (source_document_id, id) WHERE source_document_id IS NOT NULL;
      CREATE TRIGGER archived_document_no_update BEFORE UPDATE ON archived_document BEGIN SELECT RAISE(ABORT, 'archived documents are never edited'); END;
      CREATE TRIGGER archived_document_no_delete BEFORE DELETE ON archived_document BEGIN SELECT RAISE(ABORT, 'archived documents are never removed'); END;
    `);
  },
};
