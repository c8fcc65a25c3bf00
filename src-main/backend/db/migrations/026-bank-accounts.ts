import type { Migration } from './types';

/**
 * Customers' bank (debit) accounts (issue 15): a US account (ABA routing number, account number, type)
 * or an IBAN with its BIC, checked by the codecs in src-shared/domain/bank-accounts.ts before they get
 * here. Full numbers live only in this table of the encrypted store; screens show last4. A row is never
 * removed and its numbers never change: a bank account a return proved wrong is marked unusable with
 * the reason, and a corrected one is added anew. Only one active row per number and account.
 * A check or ACH payment names the bank account it came from in document.bank_account_id, fixed once
 * the payment is posted (its own trigger, so that the wide posted-document trigger stays as it is).
 */
export const m026BankAccounts: Migration = {
  id: 26,
  name: 'bank accounts: customers\u2019 debit accounts and the payment\u2019s bank account',
  up(db) {
    db.exec(`
      CREATE TABLE bank_account (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES account (id),
        holder_name TEXT NOT NULL CHECK (length(holder_name) BETWEEN 1 AND 120),
        scheme TEXT NOT NULL CHECK (scheme IN ('us_aba', 'iban')),
        routing_number TEXT CHECK (routing_number IS NULL OR (length(routing_number) = 9 AND routing_number NOT GLOB '*[^0-9]*')),
        account_number TEXT CHECK (account_number IS NULL OR (length(account_number) BETWEEN 4 AND 17 AND account_number NOT GLOB '*[^0-9]*')),
        iban TEXT CHECK (iban IS NULL OR (length(iban) BETWEEN 15 AND 34 AND iban NOT GLOB '*[^0-9A-Z]*')),
        bic TEXT CHECK (bic IS NULL OR length(bic) IN (8, 11)),
        account_type TEXT CHECK (account_type IS NULL OR account_type IN ('checking', 'savings')),
        last4 TEXT NOT NULL CHECK (length(last4) = 4),
        status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'unusable')),
        unusable_reason TEXT,
        created_at TEXT NOT NULL,
        created_by TEXT,
        CHECK (
          (scheme = 'us_aba' AND routing_number IS NOT NULL AND account_number IS NOT NULL AND account_type IS NOT NULL AND iban IS NULL AND bic IS NULL)
          OR (scheme = 'iban' AND iban IS NOT NULL AND routing_number IS NULL AND account_number IS NULL AND account_type IS NULL)
        ),
        CHECK ((status = 'unusable') = (unusable_reason IS NOT NULL))
      ) STRICT;
      CREATE INDEX bank_account_account ON bank_account (account_id, id);
      CREATE UNIQUE INDEX bank_account_active_us ON bank_account (account_id, routing_number, account_number) WHERE scheme = 'us_aba' AND status = 'active';
      CREATE UNIQUE INDEX bank_account_active_iban ON bank_account (account_id, iban) WHERE scheme = 'iban' AND status = 'active';
      CREATE TRIGGER bank_account_numbers_fixed BEFORE UPDATE ON bank_account
      WHEN NEW.account_id IS NOT OLD.account_id OR NEW.holder_name IS NOT OLD.holder_name OR NEW.scheme IS NOT OLD.scheme
        OR NEW.routing_number IS NOT OLD.routing_number OR NEW.account_number IS NOT OLD.account_number
        OR NEW.iban IS NOT OLD.iban OR NEW.bic IS NOT OLD.bic OR NEW.account_type IS NOT OLD.account_type
        OR NEW.last4 IS NOT OLD.last4 OR NEW.created_at IS NOT OLD.created_at OR NEW.created_by IS NOT OLD.created_by
        OR (OLD.status = 'unusable' AND NEW.status IS NOT OLD.status)
      BEGIN SELECT RAISE(ABORT, 'a bank account''s numbers never change and an unusable one stays unusable; add a new one'); END;
      CREATE TRIGGER bank_account_no_delete BEFORE DELETE ON bank_account BEGIN SELECT RAISE(ABORT, 'bank accounts are never removed; mark one unusable'); END;

      ALTER TABLE document ADD COLUMN bank_account_id INTEGER REFERENCES bank_account (id);
      CREATE INDEX document_bank_account ON document (bank_account_id) WHERE bank_account_id IS NOT NULL;
      CREATE TRIGGER document_bank_account_fixed BEFORE UPDATE OF bank_account_id ON document
      WHEN OLD.status = 'posted' AND NEW.bank_account_id IS NOT OLD.bank_account_id
      BEGIN SELECT RAISE(ABORT, 'posted documents are immutable; post a correcting document instead'); END;
    `);
  },
};
