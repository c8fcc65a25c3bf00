import type { Migration } from './types';

/**
 * Returned payments (issue 15, item 4): one record per payment that came back (a returned ACH entry or a
 * bounced check), naming the reversal that undid it and the reason code (a NACHA R-code, or a check
 * reason such as NSF; the table is src-shared/domain/nacha.ts). A payment is returned at most once
 * (UNIQUE). A return from a NACHA file keeps the original entry trace number (the trace of the debit
 * the office sent), so an entry already imported is recognised whatever the file is called: re-importing
 * posts nothing twice. The record is history: triggers refuse UPDATE and DELETE.
 */
export const m030PaymentReturns: Migration = {
  id: 30,
  name: 'returned payments: payment_return (immutable)',
  up(db) {
    db.exec(`
      CREATE TABLE payment_return (
        id INTEGER PRIMARY KEY,
        payment_document_id INTEGER NOT NULL UNIQUE REFERENCES document (id),
        reversal_document_id INTEGER NOT NULL UNIQUE REFERENCES document (id),
        return_code TEXT NOT NULL CHECK (length(return_code) BETWEEN 2 AND 20),
        return_date TEXT NOT NULL CHECK (length(return_date) = 10),
        source TEXT NOT NULL CHECK (source IN ('manual', 'nacha')),
        file_name TEXT CHECK ((source = 'nacha') = (file_name IS NOT NULL)),
        original_trace TEXT UNIQUE CHECK (original_trace IS NULL OR length(original_trace) = 15),
        created_at TEXT NOT NULL,
        created_by TEXT
      ) STRICT;
      CREATE INDEX payment_return_date ON payment_return (return_date, id);
      CREATE TRIGGER payment_return_no_update BEFORE UPDATE ON payment_return BEGIN SELECT RAISE(ABORT, 'returned payments are never edited'); END;
      CREATE TRIGGER payment_return_no_delete BEFORE DELETE ON payment_return BEGIN SELECT RAISE(ABORT, 'returned payments are never removed'); END;
    `);
  },
};
