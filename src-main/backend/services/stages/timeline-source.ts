import { formatMoney } from '@shared/money';
import type { TimelineEntry } from '@shared/domain/collections';
import type { CollectionTaskStatus } from '../../db/schema-collections-policy';
import type { TimelineSource } from '../timeline';

/**
 * The account's collection stage moves and the letters its stages queued (or were blocked from
 * queuing), for the contact timeline. Letters themselves are produced by a later feature; what the
 * collector needs now is that one was asked for, and when.
 */
const letterVerb: Record<CollectionTaskStatus, string> = { open: 'queued', done: 'done', cancelled: 'cancelled', blocked: 'not queued' };

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
  const out: TimelineEntry[] = moves.map((m) => ({
    at: m.at,
    kind: 'stage',
    title: m.to_name ? `Collection stage: ${m.to_name}${m.from_name ? ` (was ${m.from_name})` : ''}` : `Left collections${m.from_name ? ` (was ${m.from_name})` : ''}`,
    detail: m.to_name ? `${m.days_past_due} days past due \u00b7 ${formatMoney(m.past_due_cents)} past due on ${m.as_of}` : `nothing past due on ${m.as_of}`,
    by: m.by_username,
    ref: { type: 'stage_move', id: m.id },
  }));
  for (const l of letters) {
    const template = (JSON.parse(l.detail) as { templateCode?: string }).templateCode ?? 'letter';
    out.push({
      at: l.created_at,
      kind: 'letter',
      title: `Letter ${letterVerb[l.status]}: ${template}${l.stage_name ? ` (${l.stage_name})` : ''}`,
      detail: l.note,
      by: l.by_username,
      ref: { type: 'collection_task', id: l.id },
    });
  }
  return out;
};
