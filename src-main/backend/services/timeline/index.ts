import type { ComplianceRule, TimelineEntry } from '@shared/domain/collections';
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
    direction: r.direction,
    contactName: r.contact_name,
    outcome: r.outcome,
    phone: r.phone,
    notes: r.notes,
    callbackAt: r.callback_at,
    callbackDone: r.callback_done_at !== null,
    overrideId: r.override_id,
    by: r.clerk,
    ref: { type: 'call', id: r.id },
  }));
};

const flagsSource: TimelineSource = async (db, accountId) => {
  const rows = await db.selectFrom('collection_flag').selectAll().where('account_id', '=', accountId).execute();
  const out: TimelineEntry[] = [];
  for (const r of rows) {
    out.push({ at: r.set_at, kind: 'flag_set', flag: r.kind, phone: r.phone, reason: r.reason, by: r.set_by, ref: { type: 'flag', id: r.id } });
    if (r.cleared_at) {
      out.push({
        at: r.cleared_at,
        kind: 'flag_cleared',
        flag: r.kind,
        phone: r.phone,
        verified: r.resolution === 'verified',
        verifiedOn: r.verified_on,
        reason: r.clear_reason ?? '',
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
    action: r.action,
    rules: JSON.parse(r.rules) as ComplianceRule[],
    reason: r.reason,
    by: r.username,
    ref: { type: 'override', id: r.id },
  }));
};

const noticesSource: TimelineSource = async (db, accountId) => {
  const rows = await db.selectFrom('validation_notice').selectAll().where('account_id', '=', accountId).execute();
  return rows.map((r) => ({
    at: r.recorded_at,
    kind: 'validation_notice',
    sentOn: r.sent_on,
    by: r.recorded_by,
    ref: { type: 'validation_notice', id: r.id },
  }));
};

export function createTimelineService(ctx: ServiceContext, deps: { promises: PromisesService }, extraSources: readonly TimelineSource[] = []) {
  const promisesSource: TimelineSource = async (db, accountId) =>
    (await deps.promises.list(accountId, undefined, db)).map((p) => ({
      at: p.createdAt,
      kind: 'promise',
      amountCents: p.amountCents,
      dueDate: p.dueDate,
      status: p.status,
      contactName: p.contactName,
      lastDate: p.lastDate,
      paidCents: p.paidCents,
      decidedOn: p.decidedOn,
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
      const order = ['validation_notice', 'flag_cleared', 'flag_set', 'promise', 'letter', 'stage', 'call', 'override', 'writeoff', 'referral'];
      all.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : order.indexOf(a.kind) - order.indexOf(b.kind) || b.ref.id - a.ref.id));
      return all.slice(0, limit);
    },
  };
}
export type TimelineService = ReturnType<typeof createTimelineService>;
