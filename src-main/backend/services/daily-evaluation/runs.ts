/** The record of evaluation runs (migration 018), read by the worklist's header and the daily schedule. */
import type { EvaluationRun } from '@shared/domain/daily-evaluation';
import type { Queryable } from '../../context';

export type Counts = Omit<EvaluationRun, 'id' | 'businessDate' | 'asOf' | 'trigger' | 'at' | 'byUserId' | 'byName'>;

/** The newest run (of `businessDate` evaluated as of it, when given); the name of the person for a supervisor's run. */
export async function latestRun(db: Queryable, businessDate?: string): Promise<EvaluationRun | null> {
  let q = db
    .selectFrom('evaluation_run as r')
    .leftJoin('app_user as u', 'u.id', 'r.by_user_id')
    .select(['r.id', 'r.business_date', 'r.as_of', 'r.trigger', 'r.at', 'r.by_user_id', 'r.counts', 'u.display_name'])
    .orderBy('r.id', 'desc')
    .limit(1);
  if (businessDate) q = q.where('r.business_date', '=', businessDate).whereRef('r.as_of', '=', 'r.business_date');
  const r = await q.executeTakeFirst();
  if (!r) return null;
  return {
    id: r.id,
    businessDate: r.business_date,
    asOf: r.as_of,
    trigger: r.trigger,
    at: r.at,
    byUserId: r.by_user_id,
    byName: r.trigger === 'manual' ? (r.display_name ?? null) : null,
    ...(JSON.parse(r.counts) as Counts),
  };
}
