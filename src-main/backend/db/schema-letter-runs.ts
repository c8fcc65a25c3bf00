import type { Generated } from 'kysely';

/** A letter run (migration 015): what was asked and for whom; never edited. */
export interface LetterRunTable {
  id: Generated<number>;
  template_id: number;
  template_version: number;
  filters: string; // JSON object
  pay_by_date: string;
  channel: 'print' | 'pdf';
  email_opted_in: number;
  account_ids: string; // JSON number[]
  task_ids: string; // JSON (number | null)[], parallel to account_ids
  created_at: string;
  created_by_id: number | null;
  created_by: string | null;
}

export interface LetterRunsTables {
  letter_run: LetterRunTable;
}
