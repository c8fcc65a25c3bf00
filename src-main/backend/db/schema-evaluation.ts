import type { Generated } from 'kysely';
import type { EvaluationTrigger } from '@shared/domain/daily-evaluation';

/** One collections evaluation (migration 018); append-only. */
export interface EvaluationRunTable {
  id: Generated<number>;
  business_date: string;
  as_of: string;
  trigger: EvaluationTrigger;
  at: string;
  by_user_id: number | null;
  by_username: string | null;
  counts: string; // JSON EvaluationCounts
}

export interface EvaluationTables {
  evaluation_run: EvaluationRunTable;
}
