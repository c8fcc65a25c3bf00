import type { Generated } from 'kysely';

export type BankStatementFormat = 'csv' | 'bai2' | 'camt053';

/** An imported bank statement (migration 028). Immutable: triggers refuse UPDATE and DELETE. */
export interface BankStatementTable {
  id: Generated<number>;
  office_bank_account_id: number | null;
  format: BankStatementFormat;
  file_name: string;
  file_sha256: string;
  /** The account as the file names it (BAI2 account number, camt.053 IBAN); null for CSV. */
  account_identifier: string | null;
  currency: string | null;
  statement_from: string;
  statement_to: string;
  opening_balance_cents: number | null;
  closing_balance_cents: number | null;
  imported_at: string;
  imported_by: string | null;
}

/** One line of a bank statement. amount_cents is signed: credits into the office's account positive. */
export interface BankStatementLineTable {
  id: Generated<number>;
  statement_id: number;
  /** The line of the file it was read from (1-based). */
  line: number;
  booking_date: string;
  value_date: string | null;
  amount_cents: number;
  bank_reference: string | null;
  customer_reference: string | null;
  description: Generated<string>;
  /** BAI2 type code or camt.053 bank transaction code; null for CSV. */
  type_code: string | null;
  /** Unique across statements: re-importing posts no line twice. */
  line_key: string;
}

export interface BankStatementsTables {
  bank_statement: BankStatementTable;
  bank_statement_line: BankStatementLineTable;
}
