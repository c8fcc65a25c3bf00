import type { Generated } from 'kysely';

/** Deposits (migration 027): the office's own bank accounts, deposits and the payments in each. */
export interface OfficeBankAccountTable {
  id: Generated<number>;
  name: string;
  routing_number: string;
  account_number: string; // full digits; the store is encrypted, screens show last4 only
  last4: string;
  active: number;
  created_at: string;
  created_by: string | null;
  updated_at: string;
}

export interface DepositTable {
  id: Generated<number>;
  series: string;
  number_seq: number;
  number: string;
  office_bank_account_id: number;
  deposit_date: string;
  cash_cents: number;
  check_cents: number;
  total_cents: number;
  payment_count: number;
  memo: string;
  currency: string;
  created_at: string;
  created_by_id: number | null;
  created_by: string | null;
}

export interface DepositPaymentTable {
  deposit_id: number;
  payment_document_id: number;
  method: 'cash' | 'check';
  amount_cents: number;
}

export interface DepositsTables {
  office_bank_account: OfficeBankAccountTable;
  deposit: DepositTable;
  deposit_payment: DepositPaymentTable;
}
