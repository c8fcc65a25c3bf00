import type { ComplianceRule, TimelineEntry } from '@shared/domain/collections';
import type { TaskCancelled } from '@shared/domain/collections-policy';
import { templateNamer } from '../letter-runs/template-names';
import type { TimelineSource } from '../timeline';

/**
 * The account's collection stage moves and the letters its stages queued (or were blocked from
 * queuing), for the contact timeline. Letters themselves are produced by a later feature; what the
 * collector needs now is that one was asked for, and when.
 */
export const stagesTimelineSource: TimelineSource = async (db, accountId) => {
  const moves = await db
    .selectFrom('collection_stage_history as h')
    .leftJoin('collection_stage as f', 'f.id', 'h.from_stage_id')
    .leftJoin('collection_stage as t', 't.id', 'h.to_stage_id')
    .select(['h.id', 'h.at', 'h.as_of', 'h.days_past_due', 'h.past_due_cents', 'h.by_username', 'f.name as from_name', 't.name as to_name'])
    .where('h.account_id', '=', accountId)
    .execute();
  const letters = await db
    .selectFrom('collection_task as k')
    .leftJoin('collection_stage as s', 's.id', 'k.stage_id')
    .leftJoin('collection_stage_history as h', 'h.id', 'k.history_id')
    .select(['k.id', 'k.created_at', 'k.detail', 'k.status', 'k.note', 'h.by_username', 's.name as stage_name'])
    .where('k.account_id', '=', accountId)
    .where('k.kind', '=', 'letter')
    .execute();
  const nameOf = await templateNamer(db);
  const out: TimelineEntry[] = moves.map((m) => ({
    at: m.at,
    kind: 'stage',
    toStage: m.to_name,
    fromStage: m.from_name,
    daysPastDue: m.days_past_due,
    pastDueCents: m.past_due_cents,
    asOf: m.as_of,
    by: m.by_username,
    ref: { type: 'stage_move', id: m.id },
  }));
  for (const l of letters) {
    const detail = JSON.parse(l.detail) as { templateCode?: string; rule?: ComplianceRule; cancelled?: TaskCancelled };
    out.push({
      at: l.created_at,
      kind: 'letter',
      status: l.status,
      templateCode: detail.templateCode ?? null,
      templateName: nameOf(detail.templateCode),
      stageName: l.stage_name,
      blockedBy: l.status === 'blocked' ? (detail.rule ?? null) : null,
      cancelled: detail.cancelled ?? null,
      note: l.note,
      by: l.by_username,
      ref: { type: 'collection_task', id: l.id },
    });
  }
  return out;
};
