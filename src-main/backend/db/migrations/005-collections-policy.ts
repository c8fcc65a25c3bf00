import type { Migration } from './types';

/**
 * Collections policy: the dunning ladder and each account's place on it, stage tasks for the worklist,
 * worklist assignment, payment plans and their stored schedules, late-fee assessments (one per invoice
 * and period), fee waivers, agency referrals and write-off requests.
 * Money is INTEGER cents; business dates are TEXT YYYY-MM-DD; instants are ISO-8601 UTC TEXT.
 * docs/collections.md explains the rules.
 */
export const m005CollectionsPolicy: Migration = {
  id: 5,
  name: 'collections policy: stages, tasks, plans, late fees, referrals, write-off requests',
  up(db) {
    db.exec(`
      -- The ladder. Stages removed from the ladder are retired (kept for history), never deleted.
      CREATE TABLE collection_stage (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        days_past_due INTEGER NOT NULL CHECK (days_past_due >= 0),
        actions TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(actions)),
        retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX collection_stage_threshold ON collection_stage (days_past_due) WHERE retired = 0;

      -- One row per account that has ever been on the ladder or assigned: its current stage and owner.
      CREATE TABLE account_collection (
        account_id INTEGER PRIMARY KEY REFERENCES account (id),
        stage_id INTEGER REFERENCES collection_stage (id),
        stage_entered_on TEXT,
        stage_entered_at TEXT,
        assigned_user_id INTEGER REFERENCES app_user (id),
        assigned_at TEXT,
        updated_at TEXT NOT NULL,
        CHECK (stage_id IS NULL OR (stage_entered_on IS NOT NULL AND stage_entered_at IS NOT NULL))
      ) STRICT;
      CREATE INDEX account_collection_stage ON account_collection (stage_id) WHERE stage_id IS NOT NULL;
      CREATE INDEX account_collection_assignee ON account_collection (assigned_user_id) WHERE assigned_user_id IS NOT NULL;

      CREATE TABLE collection_stage_history (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES account (id),
        from_stage_id INTEGER REFERENCES collection_stage (id),
        to_stage_id INTEGER REFERENCES collection_stage (id),
        as_of TEXT NOT NULL,
        days_past_due INTEGER NOT NULL,
        past_due_cents INTEGER NOT NULL,
        at TEXT NOT NULL,
        by_user_id INTEGER,
        by_username TEXT
      ) STRICT;
      CREATE INDEX collection_stage_history_account ON collection_stage_history (account_id, id);
      CREATE TRIGGER collection_stage_history_no_update BEFORE UPDATE ON collection_stage_history BEGIN SELECT RAISE(ABORT, 'stage history is append-only'); END;
      CREATE TRIGGER collection_stage_history_no_delete BEFORE DELETE ON collection_stage_history BEGIN SELECT RAISE(ABORT, 'stage history is append-only'); END;

      -- Actions a stage asks for (call, letter to queue, statement, fee, status change), for the worklist.
      CREATE TABLE collection_task (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES account (id),
        stage_id INTEGER REFERENCES collection_stage (id),
        history_id INTEGER REFERENCES collection_stage_history (id),
        kind TEXT NOT NULL CHECK (kind IN ('call', 'letter', 'statement', 'fee', 'status')),
        detail TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail)),
        due_date TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('open', 'done', 'cancelled', 'blocked')),
        note TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        closed_at TEXT,
        closed_by TEXT
      ) STRICT;
      -- The worklist counts open tasks per account and reads a page's tasks by account: account first.
      CREATE INDEX collection_task_open ON collection_task (account_id, due_date) WHERE status = 'open';
      CREATE INDEX collection_task_account ON collection_task (account_id, id);

      CREATE TABLE payment_plan (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES account (id),
        status TEXT NOT NULL CHECK (status IN ('active', 'completed', 'broken', 'cancelled')),
        total_cents INTEGER NOT NULL CHECK (total_cents > 0),
        down_payment_cents INTEGER NOT NULL CHECK (down_payment_cents >= 0 AND down_payment_cents < total_cents),
        installment_count INTEGER NOT NULL CHECK (installment_count BETWEEN 1 AND 120),
        frequency TEXT NOT NULL CHECK (frequency IN ('weekly', 'biweekly', 'monthly')),
        start_date TEXT NOT NULL,
        first_date TEXT NOT NULL CHECK (first_date >= start_date),
        grace_days INTEGER NOT NULL CHECK (grace_days >= 0),
        note TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        created_by TEXT,
        closed_on TEXT,
        closed_at TEXT,
        closed_by TEXT,
        close_reason TEXT NOT NULL DEFAULT ''
      ) STRICT;
      CREATE INDEX payment_plan_account ON payment_plan (account_id, id);
      CREATE INDEX payment_plan_active ON payment_plan (account_id) WHERE status = 'active';
      CREATE UNIQUE INDEX payment_plan_one_active ON payment_plan (account_id) WHERE status = 'active';

      -- The generated schedule; seq 0 is the down payment (when there is one).
      CREATE TABLE payment_plan_installment (
        plan_id INTEGER NOT NULL REFERENCES payment_plan (id),
        seq INTEGER NOT NULL CHECK (seq >= 0),
        due_date TEXT NOT NULL,
        amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
        PRIMARY KEY (plan_id, seq)
      ) STRICT;
      CREATE TRIGGER payment_plan_installment_no_update BEFORE UPDATE ON payment_plan_installment BEGIN SELECT RAISE(ABORT, 'a plan schedule is never changed; cancel the plan and make a new one'); END;
      CREATE TRIGGER payment_plan_installment_no_delete BEFORE DELETE ON payment_plan_installment BEGIN SELECT RAISE(ABORT, 'a plan schedule is never changed; cancel the plan and make a new one'); END;

      CREATE TABLE payment_plan_invoice (
        plan_id INTEGER NOT NULL REFERENCES payment_plan (id),
        document_id INTEGER NOT NULL REFERENCES document (id),
        PRIMARY KEY (plan_id, document_id)
      ) STRICT;
      CREATE INDEX payment_plan_invoice_document ON payment_plan_invoice (document_id);

      -- One late fee per invoice and period (calendar month of the run's as-of date): the idempotency key.
      -- The caps in force are copied so verify can check the fee against them later.
      CREATE TABLE fee_assessment (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES account (id),
        invoice_id INTEGER NOT NULL REFERENCES document (id),
        period TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),
        as_of TEXT NOT NULL,
        days_past_due INTEGER NOT NULL,
        basis_cents INTEGER NOT NULL CHECK (basis_cents >= 0),
        amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
        fee_document_id INTEGER NOT NULL UNIQUE REFERENCES document (id),
        max_per_invoice_cents INTEGER,
        max_per_account_year_cents INTEGER,
        created_at TEXT NOT NULL,
        created_by TEXT,
        UNIQUE (invoice_id, period)
      ) STRICT;
      CREATE INDEX fee_assessment_account_period ON fee_assessment (account_id, period);
      CREATE TRIGGER fee_assessment_no_update BEFORE UPDATE ON fee_assessment BEGIN SELECT RAISE(ABORT, 'fee assessments are immutable; waive the fee instead'); END;
      CREATE TRIGGER fee_assessment_no_delete BEFORE DELETE ON fee_assessment BEGIN SELECT RAISE(ABORT, 'fee assessments are immutable; waive the fee instead'); END;

      CREATE TABLE fee_waiver (
        id INTEGER PRIMARY KEY,
        fee_document_id INTEGER NOT NULL UNIQUE REFERENCES document (id),
        credit_document_id INTEGER NOT NULL REFERENCES document (id),
        amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
        reason TEXT NOT NULL,
        at TEXT NOT NULL,
        by_username TEXT
      ) STRICT;

      CREATE TABLE agency_referral (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES account (id),
        agency_name TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('referred', 'recalled')),
        referred_on TEXT NOT NULL,
        referred_at TEXT NOT NULL,
        referred_by TEXT,
        balance_cents INTEGER NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        recalled_on TEXT,
        recalled_at TEXT,
        recalled_by TEXT,
        recall_reason TEXT NOT NULL DEFAULT ''
      ) STRICT;
      CREATE INDEX agency_referral_account ON agency_referral (account_id, id);
      CREATE UNIQUE INDEX agency_referral_one_open ON agency_referral (account_id) WHERE status = 'referred';

      CREATE TABLE writeoff_request (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES account (id),
        invoice_ids TEXT CHECK (invoice_ids IS NULL OR json_valid(invoice_ids)),
        amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
        reason TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
        requested_at TEXT NOT NULL,
        requested_by_id INTEGER,
        requested_by TEXT,
        decided_at TEXT,
        decided_by TEXT,
        decision_note TEXT NOT NULL DEFAULT '',
        write_off_document_ids TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(write_off_document_ids))
      ) STRICT;
      CREATE INDEX writeoff_request_status ON writeoff_request (status, id);
      CREATE INDEX writeoff_request_account ON writeoff_request (account_id, id);
    `);
  },
};
