import type { Migration } from './types';

/**
 * Letters that went out (docs/letters.md, Recording): the archive takes letters (the kind CHECK gains
 * 'letter'; rebuilt as migration 013 does: rows copied as they are, then indexes and no-edit, no-removal
 * triggers recreated), and each letter is recorded with the template version it used and the exact
 * text it printed, beside its archived PDF. A letter is never edited or removed.
 *
 * `run_id` names a letter run (migration 015), without a foreign key so that this migration stands on
 * its own; one letter per run and account (the unique index), so a rerun after a cancel never sends one
 * twice. A later rebuild of archived_document must rebuild `letter` with it (it references the archive).
 *
 * The "letters by email" consent is a table of its own rather than a column of `account`: it is set on
 * its own from the account's Documents tab with its own audit record, the account form and its update
 * never carry it, and the account table (rebuilt by migration 007) stays as it is. No row means no.
 */
export const m014Letters: Migration = {
  id: 14,
  name: 'letters: letter records, the archive takes letters, letters by email',
  up(db) {
    db.exec(`
      CREATE TABLE archived_document_next (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('invoice', 'credit_note', 'receipt', 'calibration', 'statement', 'letter')),
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

      CREATE TABLE letter (
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
        archived_document_id INTEGER NOT NULL UNIQUE REFERENCES archived_document (id),
        channel TEXT NOT NULL CHECK (channel IN ('print', 'pdf', 'email')),
        created_at TEXT NOT NULL,
        created_by_id INTEGER,
        created_by TEXT
      ) STRICT;
      CREATE INDEX letter_account ON letter (account_id, id);
      CREATE INDEX letter_template_version_used ON letter (template_id, template_version);
      CREATE UNIQUE INDEX letter_run_account ON letter (run_id, account_id) WHERE run_id IS NOT NULL;
      CREATE TRIGGER letter_no_update BEFORE UPDATE ON letter BEGIN SELECT RAISE(ABORT, 'letters are never edited'); END;
      CREATE TRIGGER letter_no_delete BEFORE DELETE ON letter BEGIN SELECT RAISE(ABORT, 'letters are never removed'); END;

      CREATE TABLE account_delivery_preference (
        account_id INTEGER PRIMARY KEY REFERENCES account (id),
        letters_by_email INTEGER NOT NULL DEFAULT 0 CHECK (letters_by_email IN (0, 1)),
        updated_at TEXT NOT NULL,
        updated_by_id INTEGER,
        updated_by TEXT
      ) STRICT;
    `);
  },
};
