import type { Generated } from 'kysely';
import type {
  CallLogTable,
  CollectionFlagTable,
  ComplianceOverrideTable,
  InconvenientTimeTable,
  PromiseToPayTable,
  ValidationNoticeTable,
} from './schema-collections';
import type { CollectionsPolicyTables } from './schema-collections-policy';
import type { DocumentsTables } from './schema-documents';
import type { LettersTables } from './schema-letters';
import type { LetterRunsTables } from './schema-letter-runs';
import type { LetterRecordsTables } from './schema-letter-records';
import type { StatementsTables } from './schema-statements';
import type { EvaluationTables } from './schema-evaluation';
import type { BankAccountsTables } from './schema-bank-accounts';
import type { BankStatementsTables } from './schema-bank-statements';
import type { ReturnsTables } from './schema-returns';
import type { DepositsTables } from './schema-deposits';
import type { ReconciliationTables } from './schema-reconciliation';

/** Kysely table types. One interface per table; names match the migrations. */
export interface MigrationTable {
  id: number;
  name: string;
  applied_at: string;
}

export interface SettingTable {
  key: string;
  value: string; // JSON
}

export interface UserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  role: 'clerk' | 'supervisor' | 'administrator';
  password_hash: string;
  active: number;
  failed_attempts: number;
  locked_until: string | null;
  last_sign_in_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface AuditTable {
  seq: Generated<number>;
  at: string;
  user_id: number | null;
  username: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
  prev_hash: string;
  hash: string;
}

// ---- Receivables (migration 002) ----
export interface AccountTable {
  id: Generated<number>;
  account_number: string;
  account_number_norm: string;
  name: string;
  name_norm: string;
  kind: 'consumer' | 'commercial';
  status: 'active' | 'on_hold' | 'closed';
  billing_address: string; // JSON Address
  mailing_address: string | null; // JSON Address; null = same as billing
  time_zone: string;
  terms: string;
  credit_limit_cents: number | null;
  notes: string;
  currency: string;
  balance_cents: number;
  unapplied_cents: number;
  created_at: string;
  updated_at: string;
}

export interface AccountContactTable {
  id: Generated<number>;
  account_id: number;
  sort_order: number;
  name: string;
  title: string;
  is_primary: number;
  phones: string; // JSON [{label, number}]
  emails: string; // JSON [{label, email}]
}

export interface AccountSearchKeyTable {
  key: string;
  account_id: number;
  kind: 'accountNumber' | 'name' | 'phone' | 'email';
  display: string;
}

/** Every suffix of four or more digits of a contact phone (migration 019): "contains a run" as a prefix scan. */
export interface AccountPhoneRunTable {
  digits: string;
  account_id: number;
  display: string;
}

export interface ItemTable {
  id: Generated<number>;
  code: string;
  code_system: 'item' | 'cpt' | 'hcpcs';
  description: string;
  unit_price_cents: number;
  tax_rate_bp: number;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface NumberSeriesTable {
  series: string;
  next_value: number;
}

export type DocumentKindColumn = 'invoice' | 'credit_note' | 'payment' | 'refund' | 'reversal' | 'fee' | 'adjustment' | 'write_off';

export interface DocumentTable {
  id: Generated<number>;
  account_id: number;
  kind: DocumentKindColumn;
  side: 'debit' | 'credit';
  status: 'draft' | 'posted';
  series: string | null;
  number_seq: number | null;
  number: string | null;
  doc_date: string;
  due_date: string | null;
  terms: string | null;
  discount_date: string | null;
  discount_bp: Generated<number>;
  po_number: Generated<string>;
  invoice_discount: string | null; // JSON Discount
  subtotal_cents: Generated<number>;
  discount_cents: Generated<number>;
  tax_cents: Generated<number>;
  shipping_cents: Generated<number>;
  shipping_tax_cents: Generated<number>;
  total_cents: number;
  open_cents: number;
  method: 'cash' | 'check' | 'card' | 'ach' | 'bank_transfer' | null;
  check_number: Generated<string>;
  card_last4: Generated<string>;
  reference: Generated<string>;
  reason: Generated<string>;
  memo: Generated<string>;
  related_document_id: number | null;
  currency: Generated<string>;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  posted_at: string | null;
  posted_by_id: number | null;
  posted_by: string | null;
  /** Invoices: JSON Address of the ship-to (migration 011); null: none. */
  ship_to: string | null;
  /** Check and ACH payments: the customer's bank account it came from (migration 026); null: not named. */
  bank_account_id: number | null;
}

export interface InvoiceLineTable {
  id: Generated<number>;
  document_id: number;
  line_no: number;
  item_code: string;
  description: string;
  quantity_milli: number;
  unit_price_cents: number;
  discount: string | null; // JSON Discount
  tax_rate_bp: number;
  icd10_codes: string; // JSON string[]
  gross_cents: number;
  line_discount_cents: number;
  invoice_discount_cents: number;
  net_cents: number;
  tax_cents: number;
  total_cents: number;
}

export interface LedgerEntryTable {
  id: Generated<number>;
  account_id: number;
  document_id: number;
  entry_date: string;
  amount_cents: number;
  created_at: string;
}

export interface AllocationTable {
  id: Generated<number>;
  account_id: number;
  credit_document_id: number;
  debit_document_id: number;
  amount_cents: number;
  effective_date: string;
  debit_doc_date: string;
  debit_due_date: string;
  credit_doc_date: string;
  source_document_id: number | null;
  created_at: string;
  created_by: string | null;
}

export interface Database {
  migration: MigrationTable;
  setting: SettingTable;
  app_user: UserTable;
  audit: AuditTable;
  account: AccountTable;
  account_contact: AccountContactTable;
  account_search_key: AccountSearchKeyTable;
  account_phone_run: AccountPhoneRunTable;
  item: ItemTable;
  number_series: NumberSeriesTable;
  document: DocumentTable;
  invoice_line: InvoiceLineTable;
  ledger_entry: LedgerEntryTable;
  allocation: AllocationTable;
  // collections contact (migration 004)
  compliance_override: ComplianceOverrideTable;
  call_log: CallLogTable;
  promise_to_pay: PromiseToPayTable;
  collection_flag: CollectionFlagTable;
  inconvenient_time: InconvenientTimeTable;
  validation_notice: ValidationNoticeTable;
}

// ---- Collections policy (migration 005): tables in schema-collections-policy.ts, merged in. ----
export interface Database extends CollectionsPolicyTables {}

// ---- Documents (migration 010): the archive, in schema-documents.ts. ----
export interface Database extends DocumentsTables {}

// ---- Letters (migration 012): the template library, in schema-letters.ts. ----
export interface Database extends LettersTables {}

// ---- Letters sent and letters by email (migration 014): in schema-letter-records.ts. ----
export interface Database extends LetterRecordsTables {}

// ---- Letter runs (migration 015): in schema-letter-runs.ts. ----
export interface Database extends LetterRunsTables {}

// ---- Statement runs (migration 016): in schema-statements.ts. ----
export interface Database extends StatementsTables {}

// ---- Evaluation runs (migration 018): in schema-evaluation.ts. ----
export interface Database extends EvaluationTables {}

// ---- Bank statements (migration 028): in schema-bank-statements.ts. ----
export interface Database extends BankStatementsTables {}

// ---- Returned payments (migration 030): in schema-returns.ts. ----
export interface Database extends ReturnsTables {}

// ---- Bank accounts (migration 026): in schema-bank-accounts.ts. ----
export interface Database extends BankAccountsTables {}

// ---- Deposits (migration 027): in schema-deposits.ts. ----
export interface Database extends DepositsTables {}

// ---- Reconciliation (migration 029): in schema-reconciliation.ts. ----
export interface Database extends ReconciliationTables {}
