import type { Migration } from './types';

/**
 * The day starts ready (docs/clerks-day.md): each collections evaluation, automatic or asked for, is
 * recorded, so that the worklist can say when it was last evaluated and the automatic run happens once
 * per business day. Append-only like the audit log.
 */
export const m018EvaluationRuns: Migration = {
  id: 18,
  name: 'collections: evaluation runs',
  up(db) {
    db.exec(`
      CREATE TABLE evaluation_run (
        id INTEGER PRIMARY KEY,
        business_date TEXT NOT NULL,
        as_of TEXT NOT NULL,
        trigger TEXT NOT NULL CHECK (trigger IN ('open', 'schedule', 'demo', 'manual')),
        at TEXT NOT NULL,
        by_user_id INTEGER REFERENCES app_user (id),
        by_username TEXT,
        counts TEXT NOT NULL
      );
      CREATE INDEX evaluation_run_day ON evaluation_run (business_date, at);
      CREATE TRIGGER evaluation_run_no_update BEFORE UPDATE ON evaluation_run BEGIN SELECT RAISE(ABORT, 'evaluation runs are append-only'); END;
      CREATE TRIGGER evaluation_run_no_delete BEFORE DELETE ON evaluation_run BEGIN SELECT RAISE(ABORT, 'evaluation runs are append-only'); END;
    `);
  },
};
