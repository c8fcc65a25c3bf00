import type { Generated } from 'kysely';
import type { ReconciliationMatchMethod, ReconciliationStatus, ReconciliationSubject } from '@shared/domain/reconciliation';

/** A reconciliation of one office bank account for a period (migration 029); locked once finished. */
export interface ReconciliationTable {
  id: Generated<number>;
  office_bank_account_id: number;
  period_from: string;
  period_to: string;
  status: ReconciliationStatus;
  created_at: string;
  created_by_id: number | null;
  created_by: string | null;
  finished_at: string | null;
  finished_by_id: number | null;
  finished_by: string | null;
}

/** A statement line matched to one deposit or one electronic payment (exactly one of the two). */
export interface ReconciliationMatchTable {
  id: Generated<number>;
  reconciliation_id: number;
  statement_line_id: number;
  deposit_id: number | null;
  payment_document_id: number | null;
  method: ReconciliationMatchMethod;
  created_at: string;
  created_by_id: number | null;
  created_by: string | null;
}

/** The explanation of an item left open; one per subject per reconciliation. */
export interface ReconciliationNoteTable {
  id: Generated<number>;
  reconciliation_id: number;
  subject: ReconciliationSubject;
  subject_id: number;
  note: string;
  created_at: string;
  created_by_id: number | null;
  created_by: string | null;
}

export interface ReconciliationTables {
  reconciliation: ReconciliationTable;
  reconciliation_match: ReconciliationMatchTable;
  reconciliation_note: ReconciliationNoteTable;
}
