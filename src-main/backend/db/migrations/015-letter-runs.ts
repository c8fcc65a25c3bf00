import type { Migration } from './types';

/**
 * Letter runs (docs/letters.md, The queue and letter runs): each batch of letters is recorded with the
 * template version it used, the filters asked for and the accounts chosen (with the stage task each
 * answers), so that a cancelled or failed run can be resumed with only the accounts that have no
 * letter recorded for it yet. A run is a record of what was asked: never edited or removed.
 */
export const m015LetterRuns: Migration = {
  id: 15,
  name: 'letters: letter runs',
  up(db) {
    db.exec(`
      CREATE TABLE letter_run (
        id INTEGER PRIMARY KEY,
        template_id INTEGER NOT NULL REFERENCES letter_template (id),
        template_version INTEGER NOT NULL CHECK (template_version >= 1),
        filters TEXT NOT NULL CHECK (json_valid(filters)),
        pay_by_date TEXT NOT NULL,
        channel TEXT NOT NULL CHECK (channel IN ('print', 'pdf')),
        email_opted_in INTEGER NOT NULL CHECK (email_opted_in IN (0, 1)),
        account_ids TEXT NOT NULL CHECK (json_valid(account_ids)),
        task_ids TEXT NOT NULL CHECK (json_valid(task_ids)),
        created_at TEXT NOT NULL,
        created_by_id INTEGER,
        created_by TEXT
      ) STRICT;
      CREATE TRIGGER letter_run_no_update BEFORE UPDATE ON letter_run BEGIN SELECT RAISE(ABORT, 'letter runs are never edited'); END;
      CREATE TRIGGER letter_run_no_delete BEFORE DELETE ON letter_run BEGIN SELECT RAISE(ABORT, 'letter runs are never removed'); END;
    `);
  },
};
