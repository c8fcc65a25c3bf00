import type { Migration } from './types';

/**
 * Receivables: accounts, price list, documents (invoices, credit notes, payments, refunds, reversals,
 * fees, adjustments, write-offs), invoice lines, ledger entries, allocations, number series.
 * Money is INTEGER cents; business dates are TEXT YYYY-MM-DD; instants are ISO-8601 UTC TEXT.
 * docs/data-model.md explains every table and invariant.
 */
export const m002Receivables: Migration = {
  id: 2,
  name: 'receivables: accounts, documents, ledger, allocations',
  up(db) {
    db.exec(`
      CREATE TABLE account (
        id INTEGER PRIMARY KEY,
        account_number TEXT NOT NULL,
        account_number_norm TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        name_norm TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('consumer', 'commercial')),
        status TEXT NOT NULL CHECK (status IN ('active', 'on_hold', 'closed')),
        billing_address TEXT NOT NULL CHECK (json_valid(billing_address)),
        mailing_address TEXT CHECK (mailing_address IS NULL OR json_valid(mailing_address)),
        time_zone TEXT NOT NULL,
        terms TEXT NOT NULL,
        credit_limit_cents INTEGER CHECK (credit_limit_cents IS NULL OR credit_limit_cents >= 0),
        notes TEXT NOT NULL DEFAULT '',
        currency TEXT NOT NULL DEFAULT 'USD',
        balance_cents INTEGER NOT NULL DEFAULT 0,
        unapplied_cents INTEGER NOT NULL DEFAULT 0 CHECK (unapplied_cents >= 0),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      -- Covering: browse by name, and names for the aging report, without reading the wide rows.
      CREATE INDEX account_name_norm ON account (name_norm, id, account_number, name);

      CREATE TABLE account_contact (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES account (id),
        sort_order INTEGER NOT NULL,
        name TEXT NOT NULL,
        title TEXT NOT NULL DEFAULT '',
        is_primary INTEGER NOT NULL DEFAULT 0 CHECK (is_primary IN (0, 1)),
        phones TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(phones)),
        emails TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(emails))
      ) STRICT;
      CREATE INDEX account_contact_account ON account_contact (account_id, sort_order);

      -- Search keys for type-ahead: account number, name, each name word, phone digits, email.
      -- A prefix search is one range scan on the primary key: key >= ? AND key < ?.
      CREATE TABLE account_search_key (
        key TEXT NOT NULL,
        account_id INTEGER NOT NULL REFERENCES account (id),
        kind TEXT NOT NULL CHECK (kind IN ('accountNumber', 'name', 'phone', 'email')),
        display TEXT NOT NULL,
        PRIMARY KEY (key, account_id, kind)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX account_search_key_account ON account_search_key (account_id);

      CREATE TABLE item (
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL COLLATE NOCASE UNIQUE,
        code_system TEXT NOT NULL CHECK (code_system IN ('item', 'cpt', 'hcpcs')),
        description TEXT NOT NULL,
        unit_price_cents INTEGER NOT NULL CHECK (unit_price_cents >= 0),
        tax_rate_bp INTEGER NOT NULL CHECK (tax_rate_bp BETWEEN 0 AND 10000),
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE number_series (
        series TEXT PRIMARY KEY,
        next_value INTEGER NOT NULL CHECK (next_value >= 1)
      ) STRICT;

      CREATE TABLE document (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES account (id),
        kind TEXT NOT NULL CHECK (kind IN ('invoice', 'credit_note', 'payment', 'refund', 'reversal', 'fee', 'adjustment', 'write_off')),
        side TEXT NOT NULL CHECK (side IN ('debit', 'credit')),
        status TEXT NOT NULL CHECK (status IN ('draft', 'posted')),
        series TEXT,
        number_seq INTEGER,
        number TEXT UNIQUE,
        doc_date TEXT NOT NULL,
        due_date TEXT,
        terms TEXT,
        discount_date TEXT,
        discount_bp INTEGER NOT NULL DEFAULT 0,
        po_number TEXT NOT NULL DEFAULT '',
        invoice_discount TEXT CHECK (invoice_discount IS NULL OR json_valid(invoice_discount)),
        subtotal_cents INTEGER NOT NULL DEFAULT 0,
        discount_cents INTEGER NOT NULL DEFAULT 0,
        tax_cents INTEGER NOT NULL DEFAULT 0,
        shipping_cents INTEGER NOT NULL DEFAULT 0,
        shipping_tax_cents INTEGER NOT NULL DEFAULT 0,
        total_cents INTEGER NOT NULL CHECK (total_cents >= 0),
        open_cents INTEGER NOT NULL DEFAULT 0 CHECK (open_cents >= 0 AND open_cents <= total_cents),
        method TEXT CHECK (method IS NULL OR method IN ('cash', 'check', 'card', 'ach', 'bank_transfer')),
        check_number TEXT NOT NULL DEFAULT '',
        card_last4 TEXT NOT NULL DEFAULT '' CHECK (card_last4 = '' OR (length(card_last4) = 4 AND card_last4 NOT GLOB '*[^0-9]*')),
        reference TEXT NOT NULL DEFAULT '',
        reason TEXT NOT NULL DEFAULT '',
        memo TEXT NOT NULL DEFAULT '',
        related_document_id INTEGER REFERENCES document (id),
        currency TEXT NOT NULL DEFAULT 'USD',
        created_at TEXT NOT NULL,
        created_by TEXT,
        updated_at TEXT NOT NULL,
        posted_at TEXT,
        posted_by_id INTEGER,
        posted_by TEXT,
        CHECK (status = 'draft' OR (number IS NOT NULL AND series IS NOT NULL AND number_seq IS NOT NULL AND posted_at IS NOT NULL)),
        CHECK (side = 'credit' OR status = 'draft' OR due_date IS NOT NULL),
        CHECK (status = 'posted' OR open_cents = 0)
      ) STRICT;
      CREATE INDEX document_account_date ON document (account_id, doc_date, id);
      CREATE INDEX document_related ON document (related_document_id) WHERE related_document_id IS NOT NULL;
      CREATE UNIQUE INDEX document_series_seq ON document (series, number_seq) WHERE series IS NOT NULL;
      CREATE INDEX document_drafts ON document (account_id) WHERE status = 'draft';
      -- Aging "as of today" and payment allocation read only these: open items and unapplied credits.
      CREATE INDEX document_open_debit ON document (account_id, due_date, doc_date, open_cents, total_cents, kind, number) WHERE side = 'debit' AND open_cents > 0;
      CREATE INDEX document_open_credit ON document (account_id, doc_date, open_cents) WHERE side = 'credit' AND open_cents > 0;

      CREATE TABLE invoice_line (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES document (id),
        line_no INTEGER NOT NULL,
        item_code TEXT NOT NULL,
        description TEXT NOT NULL,
        quantity_milli INTEGER NOT NULL CHECK (quantity_milli > 0),
        unit_price_cents INTEGER NOT NULL CHECK (unit_price_cents >= 0),
        discount TEXT CHECK (discount IS NULL OR json_valid(discount)),
        tax_rate_bp INTEGER NOT NULL CHECK (tax_rate_bp BETWEEN 0 AND 10000),
        icd10_codes TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(icd10_codes)),
        gross_cents INTEGER NOT NULL,
        line_discount_cents INTEGER NOT NULL,
        invoice_discount_cents INTEGER NOT NULL,
        net_cents INTEGER NOT NULL,
        tax_cents INTEGER NOT NULL,
        total_cents INTEGER NOT NULL,
        UNIQUE (document_id, line_no)
      ) STRICT;

      CREATE TABLE ledger_entry (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES account (id),
        document_id INTEGER NOT NULL REFERENCES document (id),
        entry_date TEXT NOT NULL,
        amount_cents INTEGER NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX ledger_entry_account_date ON ledger_entry (account_id, entry_date, id);
      CREATE INDEX ledger_entry_document ON ledger_entry (document_id);

      -- A match of a credit document against a debit document. Negative rows undo earlier matches
      -- (a payment reversal); rows are never changed. effective_date is the business date from which
      -- the match counts, so "open as of D" is computable.
      CREATE TABLE allocation (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES account (id),
        credit_document_id INTEGER NOT NULL REFERENCES document (id),
        debit_document_id INTEGER NOT NULL REFERENCES document (id),
        amount_cents INTEGER NOT NULL CHECK (amount_cents <> 0),
        effective_date TEXT NOT NULL,
        -- Copies of the (immutable) dates of the two documents, so as-of aging reads the allocations
        -- after a date from one covering index without visiting the documents.
        debit_doc_date TEXT NOT NULL,
        debit_due_date TEXT NOT NULL,
        credit_doc_date TEXT NOT NULL,
        source_document_id INTEGER REFERENCES document (id),
        created_at TEXT NOT NULL,
        created_by TEXT
      ) STRICT;
      CREATE INDEX allocation_debit ON allocation (debit_document_id, effective_date);
      CREATE INDEX allocation_credit ON allocation (credit_document_id, effective_date);
      CREATE INDEX allocation_effective ON allocation (effective_date);
      CREATE INDEX allocation_later_debit ON allocation (effective_date, debit_doc_date, account_id, debit_due_date, amount_cents, debit_document_id);
      CREATE INDEX allocation_later_credit ON allocation (effective_date, credit_doc_date, account_id, amount_cents);
      CREATE INDEX allocation_account_effective ON allocation (account_id, effective_date);

      -- Posted documents are immutable: only open_cents (the maintained remainder) may change.
      CREATE TRIGGER document_posted_immutable BEFORE UPDATE ON document
      WHEN OLD.status = 'posted' AND (
        NEW.status IS NOT OLD.status OR NEW.account_id IS NOT OLD.account_id OR NEW.kind IS NOT OLD.kind OR NEW.side IS NOT OLD.side
        OR NEW.number IS NOT OLD.number OR NEW.series IS NOT OLD.series OR NEW.number_seq IS NOT OLD.number_seq
        OR NEW.doc_date IS NOT OLD.doc_date OR NEW.due_date IS NOT OLD.due_date OR NEW.terms IS NOT OLD.terms
        OR NEW.discount_date IS NOT OLD.discount_date OR NEW.discount_bp IS NOT OLD.discount_bp
        OR NEW.invoice_discount IS NOT OLD.invoice_discount
        OR NEW.subtotal_cents IS NOT OLD.subtotal_cents OR NEW.discount_cents IS NOT OLD.discount_cents
        OR NEW.tax_cents IS NOT OLD.tax_cents OR NEW.shipping_cents IS NOT OLD.shipping_cents
        OR NEW.shipping_tax_cents IS NOT OLD.shipping_tax_cents OR NEW.total_cents IS NOT OLD.total_cents
        OR NEW.method IS NOT OLD.method OR NEW.check_number IS NOT OLD.check_number OR NEW.card_last4 IS NOT OLD.card_last4
        OR NEW.reference IS NOT OLD.reference OR NEW.reason IS NOT OLD.reason OR NEW.memo IS NOT OLD.memo
        OR NEW.po_number IS NOT OLD.po_number OR NEW.related_document_id IS NOT OLD.related_document_id
        OR NEW.posted_at IS NOT OLD.posted_at OR NEW.posted_by IS NOT OLD.posted_by OR NEW.currency IS NOT OLD.currency)
      BEGIN SELECT RAISE(ABORT, 'posted documents are immutable; post a correcting document instead'); END;
      CREATE TRIGGER document_posted_no_delete BEFORE DELETE ON document WHEN OLD.status = 'posted'
      BEGIN SELECT RAISE(ABORT, 'posted documents are never deleted'); END;

      CREATE TRIGGER invoice_line_posted_no_insert BEFORE INSERT ON invoice_line
      WHEN (SELECT status FROM document WHERE id = NEW.document_id) = 'posted'
      BEGIN SELECT RAISE(ABORT, 'lines of a posted invoice are immutable'); END;
      CREATE TRIGGER invoice_line_posted_no_update BEFORE UPDATE ON invoice_line
      WHEN (SELECT status FROM document WHERE id = OLD.document_id) = 'posted'
      BEGIN SELECT RAISE(ABORT, 'lines of a posted invoice are immutable'); END;
      CREATE TRIGGER invoice_line_posted_no_delete BEFORE DELETE ON invoice_line
      WHEN (SELECT status FROM document WHERE id = OLD.document_id) = 'posted'
      BEGIN SELECT RAISE(ABORT, 'lines of a posted invoice are immutable'); END;

      CREATE TRIGGER ledger_entry_no_update BEFORE UPDATE ON ledger_entry BEGIN SELECT RAISE(ABORT, 'ledger entries are immutable'); END;
      CREATE TRIGGER ledger_entry_no_delete BEFORE DELETE ON ledger_entry BEGIN SELECT RAISE(ABORT, 'ledger entries are immutable'); END;
      CREATE TRIGGER allocation_no_update BEFORE UPDATE ON allocation BEGIN SELECT RAISE(ABORT, 'allocations are immutable; add an undoing allocation'); END;
      CREATE TRIGGER allocation_no_delete BEFORE DELETE ON allocation BEGIN SELECT RAISE(ABORT, 'allocations are immutable; add an undoing allocation'); END;
    `);
  },
};
