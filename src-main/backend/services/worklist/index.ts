import { sql } from 'kysely';
import type { z } from 'zod';
import { addDays, daysBetween } from '@shared/dates';
import type { WorklistCalling } from '@shared/domain/collections-calling';
import type { HoldReason, Worklist, WorklistHeld, WorklistItem, WorklistReasonRow, worklistGetSchema } from '@shared/domain/collections-policy';
import type { Actor, Queryable, ServiceContext } from '../../context';
import { invalid } from '../../errors';
import { appendAudit } from '../audit';
import { latestRun } from '../daily-evaluation/runs';
import { businessToday } from '../ledger/posting';
import { planStates, inForce } from '../plans';
import { pastDueByAccount, referredAccounts } from '../stages';
import { createPartners, type Partners } from './adapters';
import { callableStates, lastContacts } from './calling';
import { templateNamer } from '../letter-runs/template-names';

type Query = z.output<typeof worklistGetSchema>;

/**
 * The worklist score (docs/collections.md, "Worklist score"):
 *   min(1000, floor(past due cents / 1000))   one point per $10 past due, at most 1000
 * + min(365, days past due of the oldest past-due item)
 * + 100 x broken promises (last 12 months)
 * + 75 x missed plan installments
 */
export function worklistScore(x: { pastDueCents: number; oldestDaysPastDue: number; brokenPromises: number; missedInstallments: number }): number {
  return (
    Math.min(1000, Math.floor(Math.max(0, x.pastDueCents) / 1000)) +
    Math.min(365, Math.max(0, x.oldestDaysPastDue)) +
    100 * x.brokenPromises +
    75 * x.missedInstallments
  );
}

/** The promise a caller should mention: one due today or overdue first, else the latest broken one. */
function promiseOf(reasons: readonly WorklistReasonRow[]): WorklistCalling['promise'] {
  const due = reasons.find((r) => r.reason === 'promise_due') ?? reasons.find((r) => r.reason === 'promise_broken');
  return due && (due.reason === 'promise_due' || due.reason === 'promise_broken')
    ? { amountCents: due.amountCents, dueDate: due.dueDate, state: due.reason === 'promise_due' ? 'due' : 'broken' }
    : null;
}

interface Candidate {
  accountId: number;
  /** Reasons other than stage tasks (few), with their details. */
  reasons: WorklistReasonRow[];
  /** Open stage tasks due: counted here, detailed for the returned page only. */
  tasks: number;
  firstTaskDue: string | null;
}

/**
 * Build the worklist as of a date for a user, in two phases so that it stays fast when most accounts
 * are on it. Phase 1 ranks every candidate from compact reads: open stage tasks due, counted per account
 * in SQL (index on open tasks); plans (active and recently broken); the partner domain's promises,
 * callbacks and holds; the amounts past due from one grouped read of the open-item index; stage and
 * assignee from account_collection. Phase 2 loads names, task details and the rest for the returned
 * page only.
 */
export async function buildWorklist(
  db: Queryable,
  asOf: string,
  q: Omit<Query, 'asOf'>,
  me: { userId: number | null },
  partners: Partners,
  now: Date,
): Promise<Worklist> {
  const started = performance.now();
  const cands = new Map<number, Candidate>();
  const cand = (accountId: number) => cands.get(accountId) ?? cands.set(accountId, { accountId, reasons: [], tasks: 0, firstTaskDue: null }).get(accountId)!;

  const taskCounts = (
    await sql<{ account_id: number; n: number; first_due: string }>`
    SELECT account_id, COUNT(*) AS n, MIN(due_date) AS first_due FROM collection_task
    WHERE status = 'open' AND due_date <= ${asOf} GROUP BY account_id`.execute(db)
  ).rows;
  for (const t of taskCounts) {
    const c = cand(t.account_id);
    c.tasks = t.n;
    c.firstTaskDue = t.first_due;
  }
  for (const p of await partners.promisesForWorklist(db, asOf)) {
    cand(p.accountId).reasons.push({
      reason: p.state === 'due' ? 'promise_due' : 'promise_broken',
      dueDate: p.promisedDate,
      promiseId: p.promiseId,
      amountCents: p.amountCents,
    });
  }
  for (const c of await partners.callbacksDue(db, asOf))
    cand(c.accountId).reasons.push({ reason: 'callback', dueDate: c.dueDate, callId: c.callId, contactName: c.contactName, phone: c.phone, setBy: c.setBy });

  // Plans: active ones, and ones recorded broken in the last 30 days (unpaid installments put the
  // account on the list; a plan in force with nothing unpaid holds it).
  const followUpFrom = addDays(asOf, -30);
  const plans = (await planStates(db, asOf, { statuses: ['active', 'broken'] })).filter(
    (s) => s.plan.status === 'active' || (s.plan.closed_on !== null && s.plan.closed_on >= followUpFrom),
  );
  const missedByAccount = new Map<number, number>();
  const planHold = new Map<number, HoldReason>();
  for (const s of plans) {
    const unpaid = s.installments.filter((i) => i.status === 'late' || i.status === 'missed');
    missedByAccount.set(s.plan.account_id, s.missedInstallments + s.lateInstallments);
    if (unpaid.length) {
      const first = unpaid[0]!;
      cand(s.plan.account_id).reasons.push({
        reason: 'installment_missed',
        dueDate: first.dueDate,
        planId: s.plan.id,
        unpaid: unpaid.length,
        seq: first.seq,
        installmentCount: s.plan.installment_count,
        amountCents: first.amountCents - first.paidCents,
        planBroken: s.status === 'broken',
      });
    }
    if (inForce(s.status) && unpaid.length === 0) planHold.set(s.plan.account_id, { code: 'plan', planId: s.plan.id, planStatus: s.status });
  }

  const flags = await partners.stoppingFlags(db, asOf);
  const referred = await referredAccounts(db);
  const holdOf = new Map<number, HoldReason>();
  const actionable: Candidate[] = [];
  for (const c of cands.values()) {
    const f = flags.get(c.accountId);
    // A promise whose date has come is a reason to call (promise_due), not a hold.
    const flagHold = f && !(f.reason.code === 'promise' && f.reason.dueDate <= asOf) ? f.reason : undefined;
    const hold = flagHold ?? planHold.get(c.accountId) ?? referred.get(c.accountId);
    if (hold) holdOf.set(c.accountId, hold);
    else actionable.push(c);
  }

  const ids = actionable.map((c) => c.accountId);
  const pastDue = await pastDueByAccount(db, asOf, ids);
  const broken = await partners.brokenPromiseCounts(db, asOf, ids);
  const positions = new Map<number, { stage_id: number | null; assigned_user_id: number | null }>();
  const readPositions = (chunk: number[] | null) => {
    let qq = db.selectFrom('account_collection').select(['account_id', 'stage_id', 'assigned_user_id']);
    if (chunk) qq = qq.where('account_id', 'in', chunk);
    return qq.execute();
  };
  if (ids.length > 2000) for (const r of await readPositions(null)) positions.set(r.account_id, r);
  else for (let k = 0; k < ids.length; k += 500) for (const r of await readPositions(ids.slice(k, k + 500))) positions.set(r.account_id, r);

  // Phase 1: score, filter, sort every actionable account.
  const assignee = q.assignee ?? 'all';
  const daysSince = new Map<string, number>(); // few distinct due dates: parse each once
  const days = (d: string) => daysSince.get(d) ?? daysSince.set(d, daysBetween(d, asOf)).get(d)!;
  let ranked = actionable.map((c) => {
    const pd = pastDue.get(c.accountId);
    const pos = positions.get(c.accountId);
    const base = {
      pastDueCents: pd?.pastDueCents ?? 0,
      oldestDaysPastDue: pd ? days(pd.oldestDue) : 0,
      brokenPromises: broken.get(c.accountId) ?? 0,
      missedInstallments: missedByAccount.get(c.accountId) ?? 0,
    };
    return { c, base, stageId: pos?.stage_id ?? null, assignedUserId: pos?.assigned_user_id ?? null, score: worklistScore(base) };
  });
  if (q.reason) ranked = ranked.filter((r) => (q.reason === 'stage_action' ? r.c.tasks > 0 : r.c.reasons.some((x) => x.reason === q.reason)));
  if (q.stageId) ranked = ranked.filter((r) => r.stageId === q.stageId);
  if (q.minPastDueCents !== undefined) ranked = ranked.filter((r) => r.base.pastDueCents >= q.minPastDueCents!);
  if (assignee === 'mine') ranked = ranked.filter((r) => r.assignedUserId === null || r.assignedUserId === me.userId);
  else if (assignee === 'unassigned') ranked = ranked.filter((r) => r.assignedUserId === null);
  else if (typeof assignee === 'number') ranked = ranked.filter((r) => r.assignedUserId === assignee);
  // Who may be called now (the compliance engine's decision, docs/clerks-day.md): those that can come
  // first, each group in score order; "callable now" as a filter keeps only them.
  const calling = await callableStates(
    db,
    ranked.map((r) => r.c.accountId),
    now,
  );
  const callableNow = (id: number) => calling.get(id)?.callableNow === true;
  if (q.callableNow !== undefined) ranked = ranked.filter((r) => callableNow(r.c.accountId) === q.callableNow);
  ranked.sort(
    (x, y) =>
      Number(callableNow(y.c.accountId)) - Number(callableNow(x.c.accountId)) ||
      y.score - x.score ||
      y.base.pastDueCents - x.base.pastDueCents ||
      x.c.accountId - y.c.accountId,
  );
  const page = ranked.slice(q.offset, q.offset + q.limit);

  // Phase 2: details for the page and the held accounts.
  const pageIds = page.map((r) => r.c.accountId);
  const detailIds = [...pageIds, ...holdOf.keys()];
  const accounts = new Map<
    number,
    {
      id: number;
      account_number: string;
      name: string;
      kind: 'consumer' | 'commercial';
      balance_cents: number;
      stage_name: string | null;
      stage_entered_on: string | null;
      username: string | null;
    }
  >();
  const taskRows = new Map<number, WorklistReasonRow[]>();
  for (let k = 0; k < detailIds.length; k += 500) {
    const chunk = detailIds.slice(k, k + 500);
    const rows = await db
      .selectFrom('account as a')
      .leftJoin('account_collection as c', 'c.account_id', 'a.id')
      .leftJoin('collection_stage as s', 's.id', 'c.stage_id')
      .leftJoin('app_user as u', 'u.id', 'c.assigned_user_id')
      .select(['a.id', 'a.account_number', 'a.name', 'a.kind', 'a.balance_cents', 's.name as stage_name', 'c.stage_entered_on', 'u.username'])
      .where('a.id', 'in', chunk)
      .execute();
    for (const r of rows) accounts.set(r.id, r);
  }
  const nameOf = await templateNamer(db);
  const contacted = await lastContacts(db, pageIds);
  for (let k = 0; k < pageIds.length; k += 500) {
    const tasks = await db
      .selectFrom('collection_task as t')
      .leftJoin('collection_stage as s', 's.id', 't.stage_id')
      .select(['t.id', 't.account_id', 't.kind', 't.detail', 't.due_date', 't.note', 's.name as stage_name'])
      .where('t.account_id', 'in', pageIds.slice(k, k + 500))
      .where('t.status', '=', 'open')
      .where('t.due_date', '<=', asOf)
      .orderBy('t.id')
      .execute();
    for (const t of tasks) {
      const detail = JSON.parse(t.detail) as { templateCode?: string };
      const row: WorklistReasonRow = {
        reason: 'stage_action',
        dueDate: t.due_date,
        taskId: t.id,
        task: t.kind,
        templateCode: detail.templateCode ?? null,
        templateName: nameOf(detail.templateCode),
        stageName: t.stage_name,
        note: t.note,
      };
      (taskRows.get(t.account_id) ?? taskRows.set(t.account_id, []).get(t.account_id)!).push(row);
    }
  }

  const held: WorklistHeld[] = [];
  for (const [id, reason] of holdOf) {
    const a = accounts.get(id);
    if (a) held.push({ accountId: id, accountNumber: a.account_number, name: a.name, reason });
  }
  held.sort((x, y) => x.name.localeCompare(y.name) || x.accountId - y.accountId);

  const items: WorklistItem[] = page.map((r) => {
    const a = accounts.get(r.c.accountId)!;
    return {
      accountId: a.id,
      accountNumber: a.account_number,
      name: a.name,
      kind: a.kind,
      stageId: r.stageId,
      stageName: a.stage_name,
      stageEnteredOn: a.stage_entered_on,
      assignedUserId: r.assignedUserId,
      assignedTo: a.username,
      balanceCents: a.balance_cents,
      ...r.base,
      reasons: [...(taskRows.get(a.id) ?? []), ...r.c.reasons].sort((x, y) => x.dueDate.localeCompare(y.dueDate)),
      score: r.score,
      calling: {
        ...calling.get(a.id)!,
        lastContact: contacted.get(a.id) ?? null,
        promise: promiseOf(r.c.reasons),
      },
    };
  });
  return { asOf, total: ranked.length, items, held, buildMs: Math.round((performance.now() - started) * 10) / 10 };
}

export function createWorklistService(ctx: ServiceContext) {
  const partners = createPartners(ctx);
  return {
    async get(q: Query, me: { userId: number | null; role: string }): Promise<Worklist> {
      const asOf = q.asOf ?? (await businessToday(ctx.db, ctx.clock));
      const lastEvaluation = await latestRun(ctx.db);
      const list = await buildWorklist(ctx.db, asOf, { ...q, assignee: q.assignee ?? (me.role === 'clerk' ? 'mine' : 'all') }, me, partners, ctx.clock.now());
      return { ...list, lastEvaluation };
    },

    /** For the bench: build the whole list as of a date, as a supervisor sees it. */
    build: (asOf: string) => buildWorklist(ctx.db, asOf, { limit: 500, offset: 0, assignee: 'all' }, { userId: null }, partners, ctx.clock.now()),

    /** Assign accounts to a clerk (or to no one). */
    async assign(actor: Actor, input: { accountIds: number[]; userId: number | null }): Promise<{ assigned: number }> {
      const r = await ctx.db.transaction().execute(async (trx) => {
        if (input.userId !== null) {
          const u = await trx.selectFrom('app_user').select(['id', 'active']).where('id', '=', input.userId).executeTakeFirst();
          if (!u?.active) throw invalid(`User ${input.userId} is not an active user.`);
        }
        const ids = [...new Set(input.accountIds)];
        const found = new Set<number>();
        for (let k = 0; k < ids.length; k += 500)
          for (const a of await trx
            .selectFrom('account')
            .select('id')
            .where('id', 'in', ids.slice(k, k + 500))
            .execute())
            found.add(a.id);
        const missing = ids.filter((id) => !found.has(id));
        if (missing.length) throw invalid(`No account ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', ...' : ''}.`);
        const now = ctx.clock.now().toISOString();
        const before = new Map<number, number | null>();
        for (let k = 0; k < ids.length; k += 500)
          for (const c of await trx
            .selectFrom('account_collection')
            .select(['account_id', 'assigned_user_id'])
            .where('account_id', 'in', ids.slice(k, k + 500))
            .execute())
            before.set(c.account_id, c.assigned_user_id);
        for (const id of ids) {
          await trx
            .insertInto('account_collection')
            .values({
              account_id: id,
              stage_id: null,
              stage_entered_on: null,
              stage_entered_at: null,
              assigned_user_id: input.userId,
              assigned_at: now,
              updated_at: now,
            })
            .onConflict((oc) => oc.column('account_id').doUpdateSet({ assigned_user_id: input.userId, assigned_at: now, updated_at: now }))
            .execute();
        }
        await appendAudit(trx, ctx.clock, actor, {
          action: 'worklist.assign',
          entity: 'account',
          entityId: ids.length === 1 ? ids[0] : null,
          before: ids.map((id) => ({ accountId: id, userId: before.get(id) ?? null })),
          after: { accountIds: ids, userId: input.userId },
        });
        return { assigned: ids.length };
      });
      ctx.emit('data.changed', { domains: ['collections'] });
      return r;
    },
  };
}
export type WorklistService = ReturnType<typeof createWorklistService>;
