import type { Migration } from './types';

/**
 * Statement runs (docs/documents.md, Statement runs): a run's parameters and the accounts it covered,
 * in order, so it can be reprinted identically. A run is a record of what was asked: triggers refuse
 * UPDATE and DELETE, as on archived_document (migration 010). The statements themselves are archived
 * one by one as they leave.
 */
export const m016StatementRuns: Migration = {
  id: 16,
  name: 'statements: saved statement runs (immutable)',
  up(db) {
    db.exec(`
      CREATE TABLE statement_run (
        id INTEGER PRIMARY KEY,
        as_of TEXT NOT NULL CHECK (length(as_of) = 10),
        type TEXT NOT NULL CHECK (type IN ('open_item', 'balance_forward')),
        from_date TEXT CHECK (from_date IS NULL OR (length(from_date) = 10 AND from_date <= as_of)),
        filters TEXT NOT NULL CHECK (json_valid(filters)),
        account_ids TEXT NOT NULL CHECK (json_valid(account_ids) AND json_array_length(account_ids) >= 1),
        channel TEXT NOT NULL CHECK (channel IN ('print', 'pdf', 'email')),
        created_at TEXT NOT NULL,
        created_by_id INTEGER,
        created_by TEXT,
        CHECK ((type = 'open_item') = (from_date IS NULL))
      ) STRICT;
      CREATE INDEX statement_run_created ON statement_run (created_at, id);
      CREATE TRIGGER statement_run_no_update BEFORE UPDATE ON statement_run BEGIN SELECT RAISE(ABORT, 'statement runs are never edited'); END;
      CREATE TRIGGER statement_run_no_delete BEFORE DELETE ON statement_run BEGIN SELECT RAISE(ABORT, 'statement runs are never removed'); END;
    `);
  },
};
