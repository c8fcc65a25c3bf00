import type { Migration } from './types';

/**
 * Collections contact: call log, promises to pay, collection flags (with their history), consumer's
 * inconvenient times, validation notices and compliance overrides. docs/compliance.md explains the rules.
 *
 * Contacts are identified by their account_contact id at the time and by a snapshot of the person's name:
 * account edits rewrite account_contact rows (new ids), so there is no foreign key to them and the
 * frequency rule counts calls by the normalized name (person_key) within the account.
 */
export const m004CollectionsContact: Migration = {
  id: 4,
  name: 'collections contact: calls, promises, flags, inconvenient times, validation notices, overrides',
  up(db) {
    db.exec(`
      CREATE TABLE compliance_override (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES account (id),
        action TEXT NOT NULL CHECK (action IN ('call', 'letter')),
        rules TEXT NOT NULL CHECK (json_valid(rules)),
        blocks TEXT NOT NULL CHECK (json_valid(blocks)),
        reason TEXT NOT NULL CHECK (length(reason) >= 10),
        phone TEXT,
        contact_name TEXT,
        action_at TEXT NOT NULL,
        user_id INTEGER,
        username TEXT,
        role TEXT NOT NULL CHECK (role IN ('supervisor', 'administrator')),
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX compliance_override_created ON compliance_override (created_at);
      CREATE INDEX compliance_override_account ON compliance_override (account_id, created_at);

      CREATE TABLE call_log (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES account (id),
        contact_id INTEGER,
        contact_name TEXT NOT NULL,
        person_key TEXT NOT NULL,
        phone TEXT NOT NULL,
        phone_digits TEXT NOT NULL,
        direction TEXT NOT NULL CHECK (direction IN ('outgoing', 'incoming')),
        started_at TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('no_answer', 'left_message', 'wrong_number', 'spoke_with_debtor', 'promise_to_pay', 'dispute', 'refused', 'paid')),
        notes TEXT NOT NULL DEFAULT '',
        callback_at TEXT,
        callback_done_at TEXT,
        override_id INTEGER REFERENCES compliance_override (id),
        clerk_id INTEGER,
        clerk TEXT,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX call_log_account_started ON call_log (account_id, started_at);
      CREATE INDEX call_log_person ON call_log (account_id, person_key, started_at);
      CREATE INDEX call_log_callback_open ON call_log (callback_at) WHERE callback_at IS NOT NULL AND callback_done_at IS NULL;

      CREATE TABLE promise_to_pay (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES account (id),
        call_id INTEGER REFERENCES call_log (id),
        contact_name TEXT,
        amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
        promised_on TEXT NOT NULL,
        due_date TEXT NOT NULL CHECK (due_date >= promised_on),
        grace_days INTEGER NOT NULL CHECK (grace_days >= 0),
        created_at TEXT NOT NULL,
        created_by_id INTEGER,
        created_by TEXT
      ) STRICT;
      CREATE INDEX promise_to_pay_account ON promise_to_pay (account_id, due_date);
      CREATE INDEX promise_to_pay_due ON promise_to_pay (due_date);

      CREATE TABLE collection_flag (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES account (id),
        kind TEXT NOT NULL CHECK (kind IN ('disputed', 'cease_communication', 'attorney_represented', 'bankruptcy', 'deceased', 'do_not_call', 'wrong_number')),
        phone TEXT,
        details TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details)),
        reason TEXT NOT NULL CHECK (length(reason) > 0),
        call_id INTEGER REFERENCES call_log (id),
        set_at TEXT NOT NULL,
        set_by_id INTEGER,
        set_by TEXT,
        cleared_at TEXT,
        cleared_by_id INTEGER,
        cleared_by TEXT,
        clear_reason TEXT,
        resolution TEXT CHECK (resolution IS NULL OR resolution IN ('cleared', 'verified')),
        verified_on TEXT CHECK (verified_on IS NULL OR resolution = 'verified'),
        CHECK ((kind IN ('do_not_call', 'wrong_number')) = (phone IS NOT NULL)),
        CHECK ((cleared_at IS NULL) = (clear_reason IS NULL) AND (cleared_at IS NULL) = (resolution IS NULL))
      ) STRICT;
      CREATE INDEX collection_flag_account ON collection_flag (account_id, set_at);
      CREATE UNIQUE INDEX collection_flag_one_open ON collection_flag (account_id, kind, ifnull(phone, '')) WHERE cleared_at IS NULL;
      CREATE INDEX collection_flag_open_kind ON collection_flag (kind, account_id) WHERE cleared_at IS NULL;

      CREATE TABLE inconvenient_time (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES account (id),
        contact_name TEXT,
        person_key TEXT,
        weekdays TEXT NOT NULL CHECK (json_valid(weekdays)),
        start_time TEXT NOT NULL,
        end_time TEXT NOT NULL CHECK (end_time > start_time),
        note TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        created_by TEXT,
        removed_at TEXT,
        removed_by TEXT,
        remove_reason TEXT
      ) STRICT;
      CREATE INDEX inconvenient_time_account ON inconvenient_time (account_id) WHERE removed_at IS NULL;

      CREATE TABLE validation_notice (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES account (id),
        sent_on TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        recorded_by_id INTEGER,
        recorded_by TEXT
      ) STRICT;
      CREATE INDEX validation_notice_account ON validation_notice (account_id, recorded_at);

      -- History is kept: nothing here is ever deleted; a flag changes once, when it is cleared; a call only
      -- gets its callback marked done; overrides, promises and notices never change.
      CREATE TRIGGER compliance_override_no_update BEFORE UPDATE ON compliance_override BEGIN SELECT RAISE(ABORT, 'overrides are immutable'); END;
      CREATE TRIGGER compliance_override_no_delete BEFORE DELETE ON compliance_override BEGIN SELECT RAISE(ABORT, 'overrides are immutable'); END;
      CREATE TRIGGER call_log_no_delete BEFORE DELETE ON call_log BEGIN SELECT RAISE(ABORT, 'calls are never deleted'); END;
      CREATE TRIGGER call_log_update BEFORE UPDATE ON call_log
      WHEN NEW.id IS NOT OLD.id OR NEW.account_id IS NOT OLD.account_id OR NEW.contact_id IS NOT OLD.contact_id OR NEW.contact_name IS NOT OLD.contact_name
        OR NEW.person_key IS NOT OLD.person_key OR NEW.phone IS NOT OLD.phone OR NEW.phone_digits IS NOT OLD.phone_digits OR NEW.direction IS NOT OLD.direction
        OR NEW.started_at IS NOT OLD.started_at OR NEW.outcome IS NOT OLD.outcome OR NEW.notes IS NOT OLD.notes OR NEW.callback_at IS NOT OLD.callback_at
        OR NEW.override_id IS NOT OLD.override_id OR NEW.clerk_id IS NOT OLD.clerk_id OR NEW.clerk IS NOT OLD.clerk OR NEW.created_at IS NOT OLD.created_at
        OR OLD.callback_done_at IS NOT NULL
      BEGIN SELECT RAISE(ABORT, 'a logged call is immutable (only its callback can be marked done)'); END;
      CREATE TRIGGER promise_to_pay_no_update BEFORE UPDATE ON promise_to_pay BEGIN SELECT RAISE(ABORT, 'promises are immutable'); END;
      CREATE TRIGGER promise_to_pay_no_delete BEFORE DELETE ON promise_to_pay BEGIN SELECT RAISE(ABORT, 'promises are never deleted'); END;
      CREATE TRIGGER collection_flag_no_delete BEFORE DELETE ON collection_flag BEGIN SELECT RAISE(ABORT, 'flags are never deleted; clear them'); END;
      CREATE TRIGGER collection_flag_update BEFORE UPDATE ON collection_flag
      WHEN OLD.cleared_at IS NOT NULL OR NEW.id IS NOT OLD.id OR NEW.account_id IS NOT OLD.account_id OR NEW.kind IS NOT OLD.kind
        OR NEW.phone IS NOT OLD.phone OR NEW.details IS NOT OLD.details OR NEW.reason IS NOT OLD.reason OR NEW.call_id IS NOT OLD.call_id
        OR NEW.set_at IS NOT OLD.set_at OR NEW.set_by_id IS NOT OLD.set_by_id OR NEW.set_by IS NOT OLD.set_by
      BEGIN SELECT RAISE(ABORT, 'a flag changes only once, when it is cleared'); END;
      CREATE TRIGGER inconvenient_time_no_delete BEFORE DELETE ON inconvenient_time BEGIN SELECT RAISE(ABORT, 'inconvenient times are never deleted; remove them'); END;
      CREATE TRIGGER inconvenient_time_update BEFORE UPDATE ON inconvenient_time
      WHEN OLD.removed_at IS NOT NULL OR NEW.account_id IS NOT OLD.account_id OR NEW.person_key IS NOT OLD.person_key OR NEW.weekdays IS NOT OLD.weekdays
        OR NEW.start_time IS NOT OLD.start_time OR NEW.end_time IS NOT OLD.end_time OR NEW.created_at IS NOT OLD.created_at
      BEGIN SELECT RAISE(ABORT, 'an inconvenient time changes only once, when it is removed'); END;
      CREATE TRIGGER validation_notice_no_update BEFORE UPDATE ON validation_notice BEGIN SELECT RAISE(ABORT, 'validation notices are immutable'); END;
      CREATE TRIGGER validation_notice_no_delete BEFORE DELETE ON validation_notice BEGIN SELECT RAISE(ABORT, 'validation notices are never deleted'); END;
    `);
  },
};
