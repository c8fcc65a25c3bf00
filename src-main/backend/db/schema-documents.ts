import type { Generated } from 'kysely';
import type { DeliveryChannel, OutputKind } from '@shared/domain/documents';

/** The archive of documents that left (migration 010). Append-only: triggers refuse UPDATE and DELETE. */
export interface ArchivedDocumentTable {
  id: Generated<number>;
  kind: OutputKind;
  number: string | null;
  account_id: number | null;
  source_document_id: number | null;
  channel: DeliveryChannel;
  destination: string;
  copy: number;
  pdf: Uint8Array;
  sha256: string;
  pages: number;
  bytes: number;
  job_id: string;
  created_at: string;
  created_by_id: number | null;
  created_by: string | null;
}

export interface DocumentsTables {
  archived_document: ArchivedDocumentTable;
}
