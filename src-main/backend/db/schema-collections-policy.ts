import type { Generated } from 'kysely';

/** Kysely table types of migration 005 (collections policy); merged into Database in schema.ts. */
export interface CollectionStageTable {
  id: Generated<number>;
  name: string;
  days_past_due: number;
  actions: string; // JSON StageAction[]
  retired: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface AccountCollectionTable {
  account_id: number;
  stage_id: number | null;
  stage_entered_on: string | null;
  stage_entered_at: string | null;
  assigned_user_id: number | null;
  assigned_at: string | null;
  updated_at: string;
}

export interface CollectionStageHistoryTable {
  id: Generated<number>;
  account_id: number;
  from_stage_id: number | null;
  to_stage_id: number | null;
  as_of: string;
  days_past_due: number;
  past_due_cents: number;
  at: string;
  by_user_id: number | null;
  by_username: string | null;
}

export type CollectionTaskKind = 'call' | 'letter' | 'statement' | 'fee' | 'status';
export type CollectionTaskStatus = 'open' | 'done' | 'cancelled' | 'blocked';

export interface CollectionTaskTable {
  id: Generated<number>;
  account_id: number;
  stage_id: number | null;
  history_id: number | null;
  kind: CollectionTaskKind;
  detail: string; // JSON
  due_date: string;
  status: CollectionTaskStatus;
  note: Generated<string>;
  created_at: string;
  closed_at: string | null;
  closed_by: string | null;
}

export interface PaymentPlanTable {
  id: Generated<number>;
  account_id: number;
  status: 'active' | 'completed' | 'broken' | 'cancelled';
  total_cents: number;
  down_payment_cents: number;
  installment_count: number;
  frequency: 'weekly' | 'biweekly' | 'monthly';
  start_date: string;
  first_date: string;
  grace_days: number;
  note: Generated<string>;
  created_at: string;
  created_by: string | null;
  closed_on: string | null;
  closed_at: string | null;
  closed_by: string | null;
  close_reason: Generated<string>;
}

export interface PaymentPlanInstallmentTable {
  plan_id: number;
  seq: number;
  due_date: string;
  amount_cents: number;
}

export interface PaymentPlanInvoiceTable {
  plan_id: number;
  document_id: number;
}

export interface FeeAssessmentTable {
  id: Generated<number>;
  account_id: number;
  invoice_id: number;
  period: string;
  as_of: string;
  days_past_due: number;
  basis_cents: number;
  amount_cents: number;
  fee_document_id: number;
  max_per_invoice_cents: number | null;
  max_per_account_year_cents: number | null;
  created_at: string;
  created_by: string | null;
}

export interface FeeWaiverTable {
  id: Generated<number>;
  fee_document_id: number;
  credit_document_id: number;
  amount_cents: number;
  reason: string;
  at: string;
  by_username: string | null;
}

export interface AgencyReferralTable {
  id: Generated<number>;
  account_id: number;
  agency_name: string;
  status: 'referred' | 'recalled';
  referred_on: string;
  referred_at: string;
  referred_by: string | null;
  balance_cents: number;
  note: Generated<string>;
  recalled_on: string | null;
  recalled_at: string | null;
  recalled_by: string | null;
  recall_reason: Generated<string>;
}

export interface WriteoffRequestTable {
  id: Generated<number>;
  account_id: number;
  invoice_ids: string | null; // JSON number[]
  amount_cents: number;
  reason: string;
  status: 'pending' | 'approved' | 'rejected';
  requested_at: string;
  requested_by_id: number | null;
  requested_by: string | null;
  decided_at: string | null;
  decided_by: string | null;
  decision_note: Generated<string>;
  write_off_document_ids: Generated<string>; // JSON number[]
}

export interface CollectionsPolicyTables {
  collection_stage: CollectionStageTable;
  account_collection: AccountCollectionTable;
  collection_stage_history: CollectionStageHistoryTable;
  collection_task: CollectionTaskTable;
  payment_plan: PaymentPlanTable;
  payment_plan_installment: PaymentPlanInstallmentTable;
  payment_plan_invoice: PaymentPlanInvoiceTable;
  fee_assessment: FeeAssessmentTable;
  fee_waiver: FeeWaiverTable;
  agency_referral: AgencyReferralTable;
  writeoff_request: WriteoffRequestTable;
}
