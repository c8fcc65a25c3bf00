import type { Generated } from 'kysely';

/** Kysely table types of migration 004 (collections contact). Listed in the Database interface in schema.ts. */
export interface ComplianceOverrideTable {
  id: Generated<number>;
  account_id: number;
  action: 'call' | 'letter';
  rules: string; // JSON ComplianceRule[]
  blocks: string; // JSON ComplianceBlock[]
  reason: string;
  phone: string | null;
  contact_name: string | null;
  action_at: string;
  user_id: number | null;
  username: string | null;
  role: 'supervisor' | 'administrator';
  created_at: string;
}

export interface CallLogTable {
  id: Generated<number>;
  account_id: number;
  contact_id: number | null;
  contact_name: string;
  person_key: string;
  phone: string;
  phone_digits: string;
  direction: 'outgoing' | 'incoming';
  started_at: string;
  outcome: 'no_answer' | 'left_message' | 'wrong_number' | 'spoke_with_debtor' | 'promise_to_pay' | 'dispute' | 'refused' | 'paid';
  notes: string;
  callback_at: string | null;
  callback_done_at: string | null;
  override_id: number | null;
  clerk_id: number | null;
  clerk: string | null;
  created_at: string;
}

export interface PromiseToPayTable {
  id: Generated<number>;
  account_id: number;
  call_id: number | null;
  contact_name: string | null;
  amount_cents: number;
  promised_on: string;
  due_date: string;
  grace_days: number;
  created_at: string;
  created_by_id: number | null;
  created_by: string | null;
}

export interface CollectionFlagTable {
  id: Generated<number>;
  account_id: number;
  kind: 'disputed' | 'cease_communication' | 'attorney_represented' | 'bankruptcy' | 'deceased' | 'do_not_call' | 'wrong_number';
  phone: string | null;
  details: string; // JSON
  reason: string;
  call_id: number | null;
  set_at: string;
  set_by_id: number | null;
  set_by: string | null;
  cleared_at: string | null;
  cleared_by_id: number | null;
  cleared_by: string | null;
  clear_reason: string | null;
  resolution: 'cleared' | 'verified' | null;
  verified_on: string | null;
}

export interface InconvenientTimeTable {
  id: Generated<number>;
  account_id: number;
  contact_name: string | null;
  person_key: string | null;
  weekdays: string; // JSON number[] (1 = Monday)
  start_time: string;
  end_time: string;
  note: string;
  created_at: string;
  created_by: string | null;
  removed_at: string | null;
  removed_by: string | null;
  remove_reason: string | null;
  /** Migration 008; null on rows written before it (they match by person_key only). */
  contact_id: number | null;
}

export interface ValidationNoticeTable {
  id: Generated<number>;
  account_id: number;
  sent_on: string;
  recorded_at: string;
  recorded_by_id: number | null;
  recorded_by: string | null;
}
