import type { Migration } from './types';

/**
 * Bank reconciliation (issue 15, docs/money-in.md "Reconciliation"): a period of one office bank
 * account, the statement lines matched to deposits or to single electronic payments, and the notes that
 * explain what was left open. A statement line, a deposit and a payment are each matched at most once
 * (unique indexes), and an office account has at most one open reconciliation at a time. A finished
 * reconciliation is locked: triggers refuse any change to it, its matches and its notes, so that the
 * discrepancy report stays what was signed off.
 */
export const m029Reconciliation: Migration = {
  id: 29,
  name: 'reconciliation: periods, matches, notes, locked when finished',
  up(db) {
    db.exec(`
      CREATE TABLE reconciliation (
        id INTEGER PRIMARY KEY,
        office_bank_account_id INTEGER NOT NULL REFERENCES office_bank_account (id),
        period_from TEXT NOT NULL,
        period_to TEXT NOT NULL CHECK (period_to >= period_from),
        status TEXT NOT NULL CHECK (status IN ('open', 'finished')),
        created_at TEXT NOT NULL,
        created_by_id INTEGER,
        created_by TEXT,
        finished_at TEXT,
        finished_by_id INTEGER,
        finished_by TEXT,
        CHECK ((status = 'finished') = (finished_at IS NOT NULL))
      ) STRICT;
      CREATE INDEX reconciliation_account ON reconciliation (office_bank_account_id, period_from);
      CREATE UNIQUE INDEX reconciliation_one_open ON reconciliation (office_bank_account_id) WHERE status = 'open';

      CREATE TABLE reconciliation_match (
        id INTEGER PRIMARY KEY,
        reconciliation_id INTEGER NOT NULL REFERENCES reconciliation (id),
        statement_line_id INTEGER NOT NULL UNIQUE REFERENCES bank_statement_line (id),
        deposit_id INTEGER REFERENCES deposit (id),
        payment_document_id INTEGER REFERENCES document (id),
        method TEXT NOT NULL CHECK (method IN ('auto', 'manual')),
        created_at TEXT NOT NULL,
        created_by_id INTEGER,
        created_by TEXT,
        CHECK ((deposit_id IS NULL) <> (payment_document_id IS NULL))
      ) STRICT;
      CREATE INDEX reconciliation_match_reconciliation ON reconciliation_match (reconciliation_id);
      CREATE UNIQUE INDEX reconciliation_match_deposit ON reconciliation_match (deposit_id) WHERE deposit_id IS NOT NULL;
      CREATE UNIQUE INDEX reconciliation_match_payment ON reconciliation_match (payment_document_id) WHERE payment_document_id IS NOT NULL;

      CREATE TABLE reconciliation_note (
        id INTEGER PRIMARY KEY,
        reconciliation_id INTEGER NOT NULL REFERENCES reconciliation (id),
        subject TEXT NOT NULL CHECK (subject IN ('statement_line', 'deposit', 'payment')),
        subject_id INTEGER NOT NULL,
        note TEXT NOT NULL CHECK (length(trim(note)) > 0),
        created_at TEXT NOT NULL,
        created_by_id INTEGER,
        created_by TEXT
      ) STRICT;
      CREATE UNIQUE INDEX reconciliation_note_subject ON reconciliation_note (reconciliation_id, subject, subject_id);

      CREATE TRIGGER reconciliation_finished_locked BEFORE UPDATE ON reconciliation WHEN OLD.status = 'finished'
        BEGIN SELECT RAISE(ABORT, 'a finished reconciliation is locked'); END;
      CREATE TRIGGER reconciliation_no_delete BEFORE DELETE ON reconciliation
        BEGIN SELECT RAISE(ABORT, 'reconciliations are never removed'); END;
      CREATE TRIGGER reconciliation_match_locked_insert BEFORE INSERT ON reconciliation_match
        WHEN (SELECT status FROM reconciliation WHERE id = NEW.reconciliation_id) = 'finished'
        BEGIN SELECT RAISE(ABORT, 'a finished reconciliation is locked'); END;
      CREATE TRIGGER reconciliation_match_no_update BEFORE UPDATE ON reconciliation_match
        BEGIN SELECT RAISE(ABORT, 'a match is removed and made again, never edited'); END;
      CREATE TRIGGER reconciliation_match_locked_delete BEFORE DELETE ON reconciliation_match
        WHEN (SELECT status FROM reconciliation WHERE id = OLD.reconciliation_id) = 'finished'
        BEGIN SELECT RAISE(ABORT, 'a finished reconciliation is locked'); END;
      CREATE TRIGGER reconciliation_note_locked_insert BEFORE INSERT ON reconciliation_note
        WHEN (SELECT status FROM reconciliation WHERE id = NEW.reconciliation_id) = 'finished'
        BEGIN SELECT RAISE(ABORT, 'a finished reconciliation is locked'); END;
      CREATE TRIGGER reconciliation_note_locked_update BEFORE UPDATE ON reconciliation_note
        WHEN (SELECT status FROM reconciliation WHERE id = OLD.reconciliation_id) = 'finished'
        BEGIN SELECT RAISE(ABORT, 'a finished reconciliation is locked'); END;
      CREATE TRIGGER reconciliation_note_locked_delete BEFORE DELETE ON reconciliation_note
        WHEN (SELECT status FROM reconciliation WHERE id = OLD.reconciliation_id) = 'finished'
        BEGIN SELECT RAISE(ABORT, 'a finished reconciliation is locked'); END;
    `);
  },
};
