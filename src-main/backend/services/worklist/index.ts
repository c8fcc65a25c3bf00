import type { z } from 'zod';
import { addDays, daysBetween } from '@shared/dates';
import type { Worklist, WorklistHeld, WorklistItem, WorklistReasonRow, worklistGetSchema } from '@shared/domain/collections-policy';
import { formatMoney } from '@shared/money';
import type { Actor, Queryable, ServiceContext } from '../../context';
import { invalid } from '../../errors';
import { appendAudit } from '../audit';
import { businessToday } from '../ledger/posting';
import { planStates, inForce } from '../plans';
import { pastDueByAccount, referredAccounts } from '../stages';
import { createPartners, type Partners } from './adapters';

type Query = z.output<typeof worklistGetSchema>;

/**
 * The worklist score (docs/collections.md, "Worklist score"):
 *   min(1000, floor(past due cents / 1000))   one point per $10 past due, at most 1000
 * + min(365, days past due of the oldest past-due item)
 * + 100 x broken promises (last 12 months)
 * + 75 x missed plan installments
 */
export function worklistScore(x: { pastDueCents: number; oldestDaysPastDue: number; brokenPromises: number; missedInstallments: number }): number {
  return Math.min(1000, Math.floor(Math.max(0, x.pastDueCents) / 1000)) + Math.min(365, Math.max(0, x.oldestDaysPastDue)) + 100 * x.brokenPromises + 75 * x.missedInstallments;
}

const taskLabel: Record<string, string> = { call: 'Call', letter: 'Send letter', statement: 'Send statement', fee: 'Fee', status: 'Status change' };

/**
 * Build the worklist as of a date for a user. Reads: open stage tasks due (index on open tasks), plans
 * (active ones only), the partner domain's promises and callbacks, and the open-item index for the
 * amounts past due: no scan of documents beyond open items.
 */
export async function buildWorklist(db: Queryable, asOf: string, q: Omit<Query, 'asOf'>, me: { userId: number | null }, partners: Partners): Promise<Worklist> {
  const started = performance.now();
  const reasons = new Map<number, WorklistReasonRow[]>();
  const add = (accountId: number, r: WorklistReasonRow) => (reasons.get(accountId) ?? reasons.set(accountId, []).get(accountId)!).push(r);

  const tasks = await db
    .selectFrom('collection_task as t')
    .leftJoin('collection_stage as s', 's.id', 't.stage_id')
    .select(['t.id', 't.account_id', 't.kind', 't.detail', 't.due_date', 't.note', 's.name as stage_name'])
    .where('t.status', '=', 'open')
    .where('t.due_date', '<=', asOf)
    .execute();
  for (const t of tasks) {
    const detail = JSON.parse(t.detail) as { templateCode?: string };
    add(t.account_id, { reason: 'stage_action', detail: `${taskLabel[t.kind] ?? t.kind}${detail.templateCode ? ` ${detail.templateCode}` : ''}${t.stage_name ? ` (${t.stage_name})` : ''}${t.note ? `: ${t.note}` : ''}`, dueDate: t.due_date, taskId: t.id });
  }
  for (const p of await partners.promisesForWorklist(db, asOf)) {
    add(p.accountId, { reason: p.state === 'due' ? 'promise_due' : 'promise_broken', detail: `Promise of ${formatMoney(p.amountCents)} for ${p.promisedDate} ${p.state === 'due' ? 'is due' : 'was broken'}`, dueDate: p.promisedDate, promiseId: p.promiseId });
  }
  for (const c of await partners.callbacksDue(db, asOf)) add(c.accountId, { reason: 'callback', detail: `Callback${c.note ? `: ${c.note}` : ''}`, dueDate: c.dueDate });

  // Plans: active ones, and ones recorded broken in the last 30 days (unpaid installments put the
  // account on the list; a plan in force with nothing unpaid holds it).
  const followUpFrom = addDays(asOf, -30);
  const plans = (await planStates(db, asOf, { statuses: ['active', 'broken'] })).filter((s) => s.plan.status === 'active' || (s.plan.closed_on !== null && s.plan.closed_on >= followUpFrom));
  const missedByAccount = new Map<number, number>();
  const planHold = new Map<number, string>();
  for (const s of plans) {
    const unpaid = s.installments.filter((i) => i.status === 'late' || i.status === 'missed');
    missedByAccount.set(s.plan.account_id, s.missedInstallments + s.lateInstallments);
    if (unpaid.length) {
      const first = unpaid[0]!;
      add(s.plan.account_id, { reason: 'installment_missed', detail: `Plan #${s.plan.id}: ${unpaid.length} installment(s) unpaid, first ${first.label.toLowerCase()} of ${formatMoney(first.amountCents - first.paidCents)} due ${first.dueDate}${s.status === 'broken' ? ' (past the grace days: plan broken)' : ''}`, dueDate: first.dueDate, planId: s.plan.id });
    }
    if (inForce(s.status) && unpaid.length === 0) planHold.set(s.plan.account_id, `On payment plan #${s.plan.id} (current)`);
  }

  const candidates = [...reasons.keys()];
  const flags = await partners.stoppingFlags(db, asOf);
  const referred = await referredAccounts(db);
  const held: WorklistHeld[] = [];
  const actionable: number[] = [];
  const holdOf = new Map<number, string>();
  for (const id of candidates) {
    const f = flags.get(id);
    // A promise whose date has come is a reason to call (promise_due), not a hold.
    const flagHold = f && !(f.kind === 'promise' && f.dueDate !== undefined && f.dueDate <= asOf) ? f.reason : undefined;
    const hold = flagHold ?? planHold.get(id) ?? referred.get(id);
    if (hold) holdOf.set(id, hold);
    else actionable.push(id);
  }

  const ids = [...candidates];
  const pastDue = await pastDueByAccount(db, asOf, ids);
  const broken = await partners.brokenPromiseCounts(db, asOf, ids);
  const accounts = new Map<number, { id: number; account_number: string; name: string; kind: 'consumer' | 'commercial'; balance_cents: number; stage_id: number | null; stage_name: string | null; stage_entered_on: string | null; assigned_user_id: number | null; username: string | null }>();
  const selectAccounts = (chunk: number[] | null) => {
    let qq = db
      .selectFrom('account as a')
      .leftJoin('account_collection as c', 'c.account_id', 'a.id')
      .leftJoin('collection_stage as s', 's.id', 'c.stage_id')
      .leftJoin('app_user as u', 'u.id', 'c.assigned_user_id')
      .select(['a.id', 'a.account_number', 'a.name', 'a.kind', 'a.balance_cents', 'c.stage_id', 's.name as stage_name', 'c.stage_entered_on', 'c.assigned_user_id', 'u.username']);
    if (chunk) qq = qq.where('a.id', 'in', chunk);
    return qq.execute();
  };
  if (ids.length > 2000) {
    const wanted = new Set(ids);
    for (const r of await selectAccounts(null)) if (wanted.has(r.id)) accounts.set(r.id, r);
  } else {
    for (let k = 0; k < ids.length; k += 500) for (const r of await selectAccounts(ids.slice(k, k + 500))) accounts.set(r.id, r);
  }

  for (const [id, reason] of holdOf) {
    const a = accounts.get(id);
    if (a) held.push({ accountId: id, accountNumber: a.account_number, name: a.name, reason });
  }
  held.sort((x, y) => x.name.localeCompare(y.name) || x.accountId - y.accountId);

  let items: WorklistItem[] = [];
  for (const id of actionable) {
    const a = accounts.get(id);
    if (!a) continue;
    const pd = pastDue.get(id);
    const base = {
      pastDueCents: pd?.pastDueCents ?? 0,
      oldestDaysPastDue: pd ? daysBetween(pd.oldestDue, asOf) : 0,
      brokenPromises: broken.get(id) ?? 0,
      missedInstallments: missedByAccount.get(id) ?? 0,
    };
    items.push({
      accountId: id,
      accountNumber: a.account_number,
      name: a.name,
      kind: a.kind,
      stageId: a.stage_id,
      stageName: a.stage_name,
      stageEnteredOn: a.stage_entered_on,
      assignedUserId: a.assigned_user_id,
      assignedTo: a.username,
      balanceCents: a.balance_cents,
      ...base,
      reasons: reasons.get(id)!.sort((x, y) => (x.dueDate ?? '').localeCompare(y.dueDate ?? '')),
      score: worklistScore(base),
    });
  }
  if (q.reason) items = items.filter((i) => i.reasons.some((r) => r.reason === q.reason));
  if (q.stageId) items = items.filter((i) => i.stageId === q.stageId);
  if (q.minPastDueCents !== undefined) items = items.filter((i) => i.pastDueCents >= q.minPastDueCents!);
  const assignee = q.assignee ?? 'all';
  if (assignee === 'mine') items = items.filter((i) => i.assignedUserId === null || i.assignedUserId === me.userId);
  else if (assignee === 'unassigned') items = items.filter((i) => i.assignedUserId === null);
  else if (typeof assignee === 'number') items = items.filter((i) => i.assignedUserId === assignee);
  items.sort((x, y) => y.score - x.score || y.pastDueCents - x.pastDueCents || x.accountId - y.accountId);
  return { asOf, total: items.length, items: items.slice(q.offset, q.offset + q.limit), held, buildMs: Math.round((performance.now() - started) * 10) / 10 };
}

export function createWorklistService(ctx: ServiceContext) {
  const partners = createPartners(ctx);
  return {
    async get(q: Query, me: { userId: number | null; role: string }): Promise<Worklist> {
      const asOf = q.asOf ?? (await businessToday(ctx.db, ctx.clock));
      return buildWorklist(ctx.db, asOf, { ...q, assignee: q.assignee ?? (me.role === 'clerk' ? 'mine' : 'all') }, me, partners);
    },

    /** For the bench: build the whole list as of a date, as a supervisor sees it. */
    build: (asOf: string) => buildWorklist(ctx.db, asOf, { limit: 500, offset: 0, assignee: 'all' }, { userId: null }, partners),

    /** Assign accounts to a clerk (or to no one). */
    async assign(actor: Actor, input: { accountIds: number[]; userId: number | null }): Promise<{ assigned: number }> {
      const r = await ctx.db.transaction().execute(async (trx) => {
        if (input.userId !== null) {
          const u = await trx.selectFrom('app_user').select(['id', 'active']).where('id', '=', input.userId).executeTakeFirst();
          if (!u || !u.active) throw invalid(`User ${input.userId} is not an active user.`);
        }
        const ids = [...new Set(input.accountIds)];
        const found = new Set<number>();
        for (let k = 0; k < ids.length; k += 500) for (const a of await trx.selectFrom('account').select('id').where('id', 'in', ids.slice(k, k + 500)).execute()) found.add(a.id);
        const missing = ids.filter((id) => !found.has(id));
        if (missing.length) throw invalid(`No account ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', ...' : ''}.`);
        const now = ctx.clock.now().toISOString();
        const before = new Map<number, number | null>();
        for (let k = 0; k < ids.length; k += 500) for (const c of await trx.selectFrom('account_collection').select(['account_id', 'assigned_user_id']).where('account_id', 'in', ids.slice(k, k + 500)).execute()) before.set(c.account_id, c.assigned_user_id);
        for (const id of ids) {
          await trx
            .insertInto('account_collection')
            .values({ account_id: id, stage_id: null, stage_entered_on: null, stage_entered_at: null, assigned_user_id: input.userId, assigned_at: now, updated_at: now })
            .onConflict((oc) => oc.column('account_id').doUpdateSet({ assigned_user_id: input.userId, assigned_at: now, updated_at: now }))
            .execute();
        }
        await appendAudit(trx, ctx.clock, actor, { action: 'worklist.assign', entity: 'account', entityId: ids.length === 1 ? ids[0] : null, before: ids.map((id) => ({ accountId: id, userId: before.get(id) ?? null })), after: { accountIds: ids, userId: input.userId } });
        return { assigned: ids.length };
      });
      ctx.emit('data.changed', { domains: ['collections'] });
      return r;
    },
  };
}
export type WorklistService = ReturnType<typeof createWorklistService>;
