import type { Migration } from './types';

/**
 * Bank statements (issue 15): the office's statements imported from CSV, BAI2 or camt.053, and their
 * lines, which reconciliation matches to deposits and payments. line_key is unique across statements
 * (the bank's reference, or a hash of date, amount, description and occurrence), so importing the same
 * statement again, or one that overlaps it, posts no line twice. Imported lines are facts from the bank:
 * triggers refuse changing or deleting them or their statement.
 * office_bank_account (migration 027) is optional: a statement may be imported before its account is set up.
 */
export const m028BankStatements: Migration = {
  id: 28,
  name: 'bank statements and their lines',
  up(db) {
    db.exec(`
      CREATE TABLE bank_statement (
        id INTEGER PRIMARY KEY,
        office_bank_account_id INTEGER REFERENCES office_bank_account (id),
        format TEXT NOT NULL CHECK (format IN ('csv', 'bai2', 'camt053')),
        file_name TEXT NOT NULL,
        file_sha256 TEXT NOT NULL,
        -- the account as the file names it (BAI2 account number, camt.053 IBAN); null for CSV
        account_identifier TEXT,
        currency TEXT,
        statement_from TEXT NOT NULL,
        statement_to TEXT NOT NULL,
        opening_balance_cents INTEGER,
        closing_balance_cents INTEGER,
        imported_at TEXT NOT NULL,
        imported_by TEXT
      ) STRICT;
      CREATE INDEX bank_statement_account ON bank_statement (office_bank_account_id, statement_to);

      CREATE TABLE bank_statement_line (
        id INTEGER PRIMARY KEY,
        statement_id INTEGER NOT NULL REFERENCES bank_statement (id),
        line INTEGER NOT NULL,
        booking_date TEXT NOT NULL,
        value_date TEXT,
        amount_cents INTEGER NOT NULL,
        bank_reference TEXT,
        customer_reference TEXT,
        description TEXT NOT NULL DEFAULT '',
        type_code TEXT,
        line_key TEXT NOT NULL UNIQUE
      ) STRICT;
      CREATE INDEX bank_statement_line_statement ON bank_statement_line (statement_id, line);
      CREATE INDEX bank_statement_line_booking ON bank_statement_line (booking_date, amount_cents);

      CREATE TRIGGER bank_statement_no_update BEFORE UPDATE ON bank_statement BEGIN SELECT RAISE(ABORT, 'imported bank statements are immutable'); END;
      CREATE TRIGGER bank_statement_no_delete BEFORE DELETE ON bank_statement BEGIN SELECT RAISE(ABORT, 'imported bank statements are immutable'); END;
      CREATE TRIGGER bank_statement_line_no_update BEFORE UPDATE ON bank_statement_line BEGIN SELECT RAISE(ABORT, 'imported bank statement lines are immutable'); END;
      CREATE TRIGGER bank_statement_line_no_delete BEFORE DELETE ON bank_statement_line BEGIN SELECT RAISE(ABORT, 'imported bank statement lines are immutable'); END;
    `);
  },
};
