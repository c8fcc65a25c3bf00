import type { Generated } from 'kysely';
import type { LetterPurpose } from '@shared/domain/letters';

/** A letter template (migration 012): the named slot; its wording is in letter_template_version. */
export interface LetterTemplateTable {
  id: Generated<number>;
  key: string;
  name: string;
  purpose: LetterPurpose;
  active: number;
  created_at: string;
  created_by_id: number | null;
  created_by: string | null;
}

/** One version of a template's wording. Append-only: triggers refuse UPDATE and DELETE. */
export interface LetterTemplateVersionTable {
  id: Generated<number>;
  template_id: number;
  version: number;
  subject: string;
  body_html: string;
  created_at: string;
  created_by_id: number | null;
  created_by: string | null;
}

export interface LettersTables {
  letter_template: LetterTemplateTable;
  letter_template_version: LetterTemplateVersionTable;
}
