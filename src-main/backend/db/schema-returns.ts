import type { Generated } from 'kysely';

/** A returned payment (migration 030). Append-only: triggers refuse UPDATE and DELETE. */
export interface PaymentReturnTable {
  id: Generated<number>;
  payment_document_id: number;
  reversal_document_id: number;
  /** A NACHA R-code ('R01') or a check reason ('NSF'); see src-shared/domain/nacha.ts. */
  return_code: string;
  return_date: string;
  source: 'manual' | 'nacha';
  file_name: string | null;
  /** NACHA returns: the original entry trace number (15 digits); null when entered by hand. */
  original_trace: string | null;
  created_at: string;
  created_by: string | null;
}

export interface ReturnsTables {
  payment_return: PaymentReturnTable;
}
