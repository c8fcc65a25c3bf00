import type { Migration } from './types';

/**
 * The archive of documents that left Ledgerdesk (docs/documents.md): each printed, saved or emailed
 * PDF, byte for byte, with what it was, where it went, who sent it and when. The store is encrypted,
 * so the PDFs are too. Rows are never edited or removed: triggers refuse both.
 */
export const m010DocumentArchive: Migration = {
  id: 10,
  name: 'documents: the archive of PDFs that left',
  up(db) {
    db.exec(`
      CREATE TABLE archived_document (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('invoice', 'credit_note', 'receipt', 'calibration')),
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
      CREATE INDEX archived_document_account ON archived_document (account_id, id) WHERE account_id IS NOT NULL;
      CREATE INDEX archived_document_source ON archived_document (source_document_id, id) WHERE source_document_id IS NOT NULL;
      CREATE TRIGGER archived_document_no_update BEFORE UPDATE ON archived_document BEGIN SELECT RAISE(ABORT, 'archived documents are never edited'); END;
      CREATE TRIGGER archived_document_no_delete BEFORE DELETE ON archived_document BEGIN SELECT RAISE(ABORT, 'archived documents are never removed'); END;
    `);
  },
};
