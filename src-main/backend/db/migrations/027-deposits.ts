import type { Migration } from './types';

/**
 * Deposits (issue 15): the office's own bank accounts, and bank deposits that group payments received
 * (cash and checks) the way the bank sees them. A deposit is a record of what went to the bank: once
 * made it never changes (a bounced check is a returned item against its payment, not an edit of the
 * deposit), so both tables are append-only. A payment is in at most one deposit (the unique key).
 * Totals by method are stored with the deposit so that the slip and reconciliation read the same sums.
 */
export const m027Deposits: Migration = {
  id: 27,
  name: 'deposits: office bank accounts, deposits and their payments',
  up(db) {
    db.exec(`
      CREATE TABLE office_bank_account (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
        routing_number TEXT NOT NULL CHECK (length(routing_number) = 9 AND routing_number NOT GLOB '*[^0-9]*'),
        account_number TEXT NOT NULL CHECK (length(account_number) BETWEEN 4 AND 17 AND account_number NOT GLOB '*[^0-9]*'),
        last4 TEXT NOT NULL CHECK (length(last4) = 4 AND last4 NOT GLOB '*[^0-9]*'),
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at TEXT NOT NULL,
        created_by TEXT,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE deposit (
        id INTEGER PRIMARY KEY,
        series TEXT NOT NULL,
        number_seq INTEGER NOT NULL,
        number TEXT NOT NULL UNIQUE,
        office_bank_account_id INTEGER NOT NULL REFERENCES office_bank_account (id),
        deposit_date TEXT NOT NULL,
        cash_cents INTEGER NOT NULL CHECK (cash_cents >= 0),
        check_cents INTEGER NOT NULL CHECK (check_cents >= 0),
        total_cents INTEGER NOT NULL CHECK (total_cents > 0 AND total_cents = cash_cents + check_cents),
        payment_count INTEGER NOT NULL CHECK (payment_count > 0),
        memo TEXT NOT NULL DEFAULT '',
        currency TEXT NOT NULL DEFAULT 'USD',
        created_at TEXT NOT NULL,
        created_by_id INTEGER,
        created_by TEXT,
        UNIQUE (series, number_seq)
      ) STRICT;
      CREATE INDEX deposit_date ON deposit (deposit_date, id);
      CREATE INDEX deposit_office_account ON deposit (office_bank_account_id, deposit_date);

      CREATE TABLE deposit_payment (
        deposit_id INTEGER NOT NULL REFERENCES deposit (id),
        payment_document_id INTEGER NOT NULL UNIQUE REFERENCES document (id),
        method TEXT NOT NULL CHECK (method IN ('cash', 'check')),
        amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
        PRIMARY KEY (deposit_id, payment_document_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TRIGGER deposit_no_update BEFORE UPDATE ON deposit BEGIN SELECT RAISE(ABORT, 'deposits are never changed'); END;
      CREATE TRIGGER deposit_no_delete BEFORE DELETE ON deposit BEGIN SELECT RAISE(ABORT, 'deposits are never deleted'); END;
      CREATE TRIGGER deposit_payment_no_update BEFORE UPDATE ON deposit_payment BEGIN SELECT RAISE(ABORT, 'deposited payments are never changed'); END;
      CREATE TRIGGER deposit_payment_no_delete BEFORE DELETE ON deposit_payment BEGIN SELECT RAISE(ABORT, 'deposited payments are never removed'); END;
    `);
  },
};
