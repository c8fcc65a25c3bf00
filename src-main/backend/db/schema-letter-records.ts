import type { Generated } from 'kysely';
import type { DeliveryChannel } from '@shared/domain/documents';
import type { LetterPurpose } from '@shared/domain/letters';

/** A letter that went out (migration 014), with the version and exact text it used. Triggers refuse UPDATE and DELETE. */
export interface LetterTable {
  id: Generated<number>;
  account_id: number;
  template_id: number;
  template_version: number;
  purpose: LetterPurpose;
  subject: string;
  body_html: string;
  pay_by_date: string;
  task_id: number | null;
  run_id: number | null;
  override_id: number | null;
  archived_document_id: number;
  channel: DeliveryChannel;
  created_at: string;
  created_by_id: number | null;
  created_by: string | null;
}

/** Whether the account asked for letters by email (migration 014); no row: no. */
export interface AccountDeliveryPreferenceTable {
  account_id: number;
  letters_by_email: number;
  updated_at: string;
  updated_by_id: number | null;
  updated_by: string | null;
}

export interface LetterRecordsTables {
  letter: LetterTable;
  account_delivery_preference: AccountDeliveryPreferenceTable;
}
