import type { Generated } from 'kysely';

/** A customer's bank (debit) account (migration 026). Numbers are fixed; only the status changes. */
export interface BankAccountTable {
  id: Generated<number>;
  account_id: number;
  holder_name: string;
  scheme: 'us_aba' | 'iban';
  routing_number: string | null;
  /** Full digits; only in the encrypted store, never on a screen unless revealed (audited). */
  account_number: string | null;
  /** Normalized: no spaces, upper case. */
  iban: string | null;
  bic: string | null;
  account_type: 'checking' | 'savings' | null;
  last4: string;
  status: Generated<'active' | 'unusable'>;
  unusable_reason: string | null;
  created_at: string;
  created_by: string | null;
}

export interface BankAccountsTables {
  bank_account: BankAccountTable;
}
