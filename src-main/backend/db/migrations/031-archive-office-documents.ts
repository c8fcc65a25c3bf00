import type { Migration } from './types';

const archiveColumns =
  'id, kind, number, account_id, source_document_id, channel, destination, copy, pdf, sha256, pages, bytes, job_id, created_at, created_by_id, created_by';
const letterColumns =
  'id, account_id, template_id, template_version, purpose, subject, body_html, pay_by_date, task_id, run_id, override_id, archived_document_id, channel, created_at, created_by_id, created_by';

/**
 * The archive takes the office's own documents (docs/money-in.md): a deposit slip and a reconciliation's
 * discrepancy report are printed or saved through the document pipeline and archived like every
 * document that leaves, so the kind CHECK gains 'deposit_slip' and 'discrepancy_report'.
 *
 * SQLite cannot change a CHECK in place, and `letter` references the archive (migration 014): with
 * foreign keys on, renaming or dropping the archive would carry or break that reference. So both are
 * rebuilt, as migration 014 foresaw: new tables, rows copied with their ids, the old letter then the old
 * archive dropped, the new ones renamed into place (the rename points letter's reference at the
 * archive's name), then the indexes and the no-edit, no-removal triggers of both made again. Nothing of
 * the rows changes.
 */
export const m031ArchiveOfficeDocuments: Migration = {
  id: 31,
  name: 'archive: deposit slips and discrepancy reports',
  up(db) {
    db.exec(`
      CREATE TABLE archived_document_next (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('invoice', 'credit_note', 'receipt', 'calibration', 'statement', 'letter', 'deposit_slip', 'discrepancy_report')),
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
      INSERT INTO archived_document_next (${archiveColumns}) SELECT ${archiveColumns} FROM archived_document;

      CREATE TABLE letter_next (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES account (id),
        template_id INTEGER NOT NULL REFERENCES letter_template (id),
        template_version INTEGER NOT NULL CHECK (template_version >= 1),
        purpose TEXT NOT NULL CHECK (purpose IN ('collection', 'cease_permitted', 'confirmation', 'validation_notice')),
        subject TEXT NOT NULL,
        -- Exactly as it went out: merged, edited for this letter, sanitized.
        body_html TEXT NOT NULL,
        pay_by_date TEXT NOT NULL,
        task_id INTEGER REFERENCES collection_task (id),
        run_id INTEGER,
        override_id INTEGER REFERENCES compliance_override (id),
        archived_document_id INTEGER NOT NULL UNIQUE REFERENCES archived_document_next (id),
        channel TEXT NOT NULL CHECK (channel IN ('print', 'pdf', 'email')),
        created_at TEXT NOT NULL,
        created_by_id INTEGER,
        created_by TEXT
      ) STRICT;
      INSERT INTO letter_next (${letterColumns}) SELECT ${letterColumns} FROM letter;

      DROP TABLE letter;
      DROP TABLE archived_document;
      ALTER TABLE archived_document_next RENAME TO archived_document;
      ALTER TABLE letter_next RENAME TO letter;

      CREATE INDEX archived_document_account ON archived_document (account_id, id) WHERE account_id IS NOT NULL;
      CREATE INDEX archived_document_source ON archived_document (source_document_id, id) WHERE source_document_id IS NOT NULL;
      CREATE INDEX archived_document_kind_number ON archived_document (kind, number, id) WHERE account_id IS NULL;
      CREATE TRIGGER archived_document_no_update BEFORE UPDATE ON archived_document BEGIN SELECT RAISE(ABORT, 'archived documents are never edited'); END;
      CREATE TRIGGER archived_document_no_delete BEFORE DELETE ON archived_document BEGIN SELECT RAISE(ABORT, 'archived documents are never removed'); END;

      CREATE INDEX letter_account ON letter (account_id, id);
      CREATE INDEX letter_template_version_used ON letter (template_id, template_version);
      CREATE UNIQUE INDEX letter_run_account ON letter (run_id, account_id) WHERE run_id IS NOT NULL;
      CREATE TRIGGER letter_no_update BEFORE UPDATE ON letter BEGIN SELECT RAISE(ABORT, 'letters are never edited'); END;
      CREATE TRIGGER letter_no_delete BEFORE DELETE ON letter BEGIN SELECT RAISE(ABORT, 'letters are never removed'); END;
    `);
  },
};
