import type { Generated } from 'kysely';
import type { DeliveryChannel, StatementType } from '@shared/domain/documents';

/** A saved statement run (migration 016). Append-only: triggers refuse UPDATE and DELETE. */
export interface StatementRunTable {
  id: Generated<number>;
  as_of: string;
  type: StatementType;
  /** Balance-forward: the period's first day; null for open-item. */
  from_date: string | null;
  filters: string; // JSON StatementFilters
  account_ids: string; // JSON number[], in print order
  channel: DeliveryChannel;
  created_at: string;
  created_by_id: number | null;
  created_by: string | null;
}

export interface StatementsTables {
  statement_run: StatementRunTable;
}
