import type { Migration } from './types';

/**
 * Phone search by any run of digits (docs/clerks-day.md, Lists that behave): "8276" must find
 * (773) 555-8276. Each phone's digits are stored once per suffix of four or more digits, so "contains
 * this run" becomes a prefix range scan on the primary key (a run is the start of some suffix), the same
 * shape as the other type-ahead keys. Filled here from the phone keys already written (digits without
 * the US country code), and kept by the accounts service whenever it rewrites an account's keys.
 */
export const m019AccountPhoneRuns: Migration = {
  id: 19,
  name: 'accounts: phone digit runs for search',
  up(db) {
    db.exec(`
      CREATE TABLE account_phone_run (
        digits TEXT NOT NULL,
        account_id INTEGER NOT NULL REFERENCES account (id),
        display TEXT NOT NULL,
        PRIMARY KEY (digits, account_id, display)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX account_phone_run_account ON account_phone_run (account_id);
      WITH RECURSIVE start(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM start WHERE i < 16)
      INSERT OR IGNORE INTO account_phone_run (digits, account_id, display)
      SELECT substr(k.key, start.i), k.account_id, k.display
      FROM account_search_key k JOIN start ON length(k.key) - start.i + 1 >= 4
      WHERE k.kind = 'phone';
    `);
  },
};
