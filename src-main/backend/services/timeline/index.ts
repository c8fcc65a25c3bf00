import { formatMoney } from '@shared/money';
import { callOutcomeLabels, flagLabels, ruleLabels, type ComplianceRule, type TimelineEntry } from '@shared/domain/collections';
import type { Queryable, ServiceContext } from '../../context';
import { loadAccount } from '../compliance';
import type { PromisesService } from '../promises';

/**
 * One source of timeline entries for an account. The contact timeline is the union of its sources; a
 * service that adds a kind of event (stage moves and the letters they queue: stages/timeline-source.ts)
 * passes its own source to createTimelineService in services/index.ts.
 */
export type TimelineSource = (db: Queryable, accountId: number) => Promise<TimelineEntry[]>;

const callsSource: TimelineSource = async (db, accountId) => {
  const rows = await db.selectFrom('call_log').selectAll().where('account_id', '=', accountId).execute();
  return rows.map((r) => ({
    at: r.started_at,
    kind: 'call',
    title: `${r.direction === 'outgoing' ? 'Call to' : 'Call from'} ${r.contact_name}: ${callOutcomeLabels[r.outcome]}`,
    detail: [r.phone, r.notes, r.callback_at ? `callback ${r.callback_at}${r.callback_done_at ? ' (done)' : ''}` : '', r.override_id ? `compliance override #${r.override_id}` : ''].filter(Boolean).join(' \u00b7 '),
    by: r.clerk,
    ref: { type: 'call', id: r.id },
  }));
};

const flagsSource: TimelineSource = async (db, accountId) => {
  const rows = await db.selectFrom('collection_flag').selectAll().where('account_id', '=', accountId).execute();
  const out: TimelineEntry[] = [];
  for (const r of rows) {
    const label = `${flagLabels[r.kind]}${r.phone ? ` (${r.phone})` : ''}`;
    out.push({ at: r.set_at, kind: 'flag_set', title: `Flag set: ${label}`, detail: r.reason, by: r.set_by, ref: { type: 'flag', id: r.id } });
    if (r.cleared_at) {
      out.push({
        at: r.cleared_at,
        kind: 'flag_cleared',
        title: r.resolution === 'verified' ? `Dispute verified${r.verified_on ? ` (sent ${r.verified_on})` : ''}` : `Flag cleared: ${label}`,
        detail: r.clear_reason ?? '',
        by: r.cleared_by,
        ref: { type: 'flag', id: r.id },
      });
    }
  }
  return out;
};

const overridesSource: TimelineSource = async (db, accountId) => {
  const rows = await db.selectFrom('compliance_override').selectAll().where('account_id', '=', accountId).execute();
  return rows.map((r) => ({
    at: r.created_at,
    kind: 'override',
    title: `Compliance override (${r.action}): ${(JSON.parse(r.rules) as ComplianceRule[]).map((x) => ruleLabels[x]).join(', ')}`,
    detail: r.reason,
    by: r.username,
    ref: { type: 'override', id: r.id },
  }));
};

const noticesSource: TimelineSource = async (db, accountId) => {
  const rows = await db.selectFrom('validation_notice').selectAll().where('account_id', '=', accountId).execute();
  return rows.map((r) => ({ at: r.recorded_at, kind: 'validation_notice', title: `Validation notice sent ${r.sent_on}`, detail: '', by: r.recorded_by, ref: { type: 'validation_notice', id: r.id } }));
};

export function createTimelineService(ctx: ServiceContext, deps: { promises: PromisesService }, extraSources: readonly TimelineSource[] = []) {
  const promisesSource: TimelineSource = async (db, accountId) =>
    (await deps.promises.list(accountId, undefined, db)).map((p) => ({
      at: p.createdAt,
      kind: 'promise',
      title: `Promise to pay ${formatMoney(p.amountCents)} by ${p.dueDate}: ${p.status}`,
      detail: `${p.contactName ?? ''}${p.status === 'pending' ? ` \u00b7 counts payments through ${p.lastDate}` : ` \u00b7 paid ${formatMoney(p.paidCents)}${p.decidedOn ? `, decided ${p.decidedOn}` : ''}`}`,
      by: p.createdBy,
      ref: { type: 'promise', id: p.id },
    }));
  const sources: TimelineSource[] = [callsSource, flagsSource, promisesSource, overridesSource, noticesSource, ...extraSources];

  return {
    /** timeline.get: every contact event of the account, newest first. */
    async get(accountId: number, limit = 500): Promise<TimelineEntry[]> {
      await loadAccount(ctx.db, accountId);
      const all = (await Promise.all(sources.map((s) => s(ctx.db, accountId)))).flat();
      // Same instant: follow-ups before what caused them (a call's promise or flag before the call, the call
      // before the override that let it through), as they happened in that order.
      const order = ['validation_notice', 'flag_cleared', 'flag_set', 'promise', 'letter', 'stage', 'call', 'override'];
      all.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : order.indexOf(a.kind) - order.indexOf(b.kind) || b.ref.id - a.ref.id));
      return all.slice(0, limit);
    },
  };
}
export type TimelineService = ReturnType<typeof createTimelineService>;
