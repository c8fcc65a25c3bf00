import { sql } from 'kysely';
import { daysBetween } from '@shared/dates';
import {
  defaultStages,
  stageActionSchema,
  stageInputSchema,
  type AccountCollectionView,
  type CollectionTask,
  type HoldReason,
  type Stage,
  type StageAction,
  type StageEvaluation,
  type StageInput,
  type TaskCancelled,
} from '@shared/domain/collections-policy';
import type { DataDomain } from '@shared/ipc/events';
import type { Actor, Queryable, ServiceContext, Trx } from '../../context';
import { conflict, invalid, notFound } from '../../errors';
import { appendAudit } from '../audit';
import { businessToday, postNewDocument, receivablesDomains, type Posting } from '../ledger/posting';
import { activePlansByAccount, inForce, settlePlans } from '../plans';
import { createPartners } from '../worklist/adapters';

interface StageRow {
  id: number;
  name: string;
  days_past_due: number;
  actions: StageAction[];
}

const parseActions = (json: string): StageAction[] => stageActionSchema.array().parse(JSON.parse(json));

/** The ladder in force, lowest threshold first. The default ladder is written the first time it is read. */
export async function activeStages(db: Queryable): Promise<StageRow[]> {
  const rows = await db
    .selectFrom('collection_stage')
    .select(['id', 'name', 'days_past_due', 'actions'])
    .where('retired', '=', 0)
    .orderBy('days_past_due')
    .execute();
  return rows.map((r) => ({ ...r, actions: parseActions(r.actions) }));
}

async function ensureLadder(trx: Trx, clock: { now(): Date }): Promise<void> {
  const any = await trx.selectFrom('collection_stage').select('id').limit(1).executeTakeFirst();
  if (any) return;
  const now = clock.now().toISOString();
  for (const s of defaultStages.map((x) => stageInputSchema.parse(x))) {
    await trx
      .insertInto('collection_stage')
      .values({ name: s.name, days_past_due: s.daysPastDue, actions: JSON.stringify(s.actions), created_at: now, updated_at: now })
      .execute();
  }
}

/** Per account: the oldest due date among open items past due on `asOf`, and the amount past due. Reads the open-item index only. */
export async function pastDueByAccount(db: Queryable, asOf: string, accountIds?: number[]): Promise<Map<number, { oldestDue: string; pastDueCents: number }>> {
  const out = new Map<number, { oldestDue: string; pastDueCents: number }>();
  const run = async (ids: number[] | null) => {
    const rows = (
      await sql<{ account_id: number; oldest: string; past_due: number }>`
      SELECT account_id, MIN(due_date) AS oldest, SUM(open_cents) AS past_due FROM document
      WHERE side = 'debit' AND open_cents > 0 AND due_date < ${asOf} ${ids ? sql`AND account_id IN (${sql.join(ids)})` : sql``}
      GROUP BY account_id`.execute(db)
    ).rows;
    for (const r of rows) out.set(r.account_id, { oldestDue: r.oldest, pastDueCents: Number(r.past_due) });
  };
  if (!accountIds || accountIds.length > 2000) await run(null);
  else for (let k = 0; k < accountIds.length; k += 500) if (accountIds.length) await run(accountIds.slice(k, k + 500));
  if (accountIds && accountIds.length > 2000) {
    const wanted = new Set(accountIds);
    for (const id of out.keys()) if (!wanted.has(id)) out.delete(id);
  }
  return out;
}

/** Accounts referred to an agency (escalation and the worklist leave them to the agency). */
export async function referredAccounts(db: Queryable): Promise<Map<number, HoldReason>> {
  const rows = await db.selectFrom('agency_referral').select(['account_id', 'agency_name', 'referred_on']).where('status', '=', 'referred').execute();
  return new Map(rows.map((r) => [r.account_id, { code: 'referred', agencyName: r.agency_name, referredOn: r.referred_on }]));
}

function toTask(r: {
  id: number;
  account_id: number;
  stage_id: number | null;
  stage_name: string | null;
  kind: CollectionTask['kind'];
  detail: string;
  due_date: string;
  status: CollectionTask['status'];
  note: string;
  created_at: string;
  closed_at: string | null;
  closed_by: string | null;
}): CollectionTask {
  return {
    id: r.id,
    accountId: r.account_id,
    stageId: r.stage_id,
    stageName: r.stage_name,
    kind: r.kind,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
    dueDate: r.due_date,
    status: r.status,
    note: r.note,
    createdAt: r.created_at,
    closedAt: r.closed_at,
    closedBy: r.closed_by,
  };
}

export function createStagesService(ctx: ServiceContext) {
  const partners = createPartners(ctx);
  const changed = (extra: DataDomain[] = []) => ctx.emit('data.changed', { domains: ['collections', 'stages', ...extra] });

  /** Carry out a stage's actions for an account that just entered it. Returns the number of tasks and fees. */
  async function runActions(p: Posting, accountId: number, stage: StageRow, historyId: number, asOf: string): Promise<{ tasks: number; fees: number }> {
    let tasks = 0;
    let fees = 0;
    const now = ctx.clock.now().toISOString();
    const addTask = async (kind: CollectionTask['kind'], detail: Record<string, unknown>, status: CollectionTask['status'], note = '') => {
      await p.trx
        .insertInto('collection_task')
        .values({
          account_id: accountId,
          stage_id: stage.id,
          history_id: historyId,
          kind,
          detail: JSON.stringify(detail),
          due_date: asOf,
          status,
          note,
          created_at: now,
          closed_at: status === 'open' ? null : now,
          closed_by: status === 'open' ? null : p.actor.username,
        })
        .execute();
      tasks++;
    };
    for (const a of stage.actions) {
      switch (a.kind) {
        case 'call':
          await addTask('call', {}, 'open', a.note);
          break;
        case 'statement':
          await addTask('statement', {}, 'open');
          break;
        case 'letter': {
          const check = await partners.letterAllowed(p.trx, accountId);
          if (check.allowed) await addTask('letter', { templateCode: a.templateCode }, 'open');
          else await addTask('letter', { templateCode: a.templateCode, rule: check.rule, until: check.until }, 'blocked');
          break;
        }
        case 'fee': {
          const acct = await p.trx.selectFrom('account').select(['status', 'currency']).where('id', '=', accountId).executeTakeFirstOrThrow();
          if (acct.status === 'closed') {
            await addTask('fee', { amountCents: a.amountCents, blockedBy: 'account_closed' }, 'blocked');
            break;
          }
          const fee = await postNewDocument(p, {
            accountId,
            kind: 'fee',
            date: asOf,
            dueDate: asOf,
            totalCents: a.amountCents,
            reason: `${a.description} (${stage.name})`,
            currency: acct.currency,
          });
          await appendAudit(p.trx, p.clock, p.actor, {
            action: 'fee.post',
            entity: 'document',
            entityId: fee.id,
            after: { number: fee.number, accountId, amountCents: a.amountCents, stage: stage.name, asOf },
          });
          await addTask('fee', { documentId: fee.id, number: fee.number, amountCents: a.amountCents }, 'done');
          fees++;
          break;
        }
        case 'status': {
          const before = await p.trx.selectFrom('account').select('status').where('id', '=', accountId).executeTakeFirstOrThrow();
          if (before.status !== 'closed' && before.status !== a.status) {
            await p.trx.updateTable('account').set({ status: a.status, updated_at: now }).where('id', '=', accountId).execute();
            await appendAudit(p.trx, p.clock, p.actor, {
              action: 'account.update',
              entity: 'account',
              entityId: accountId,
              before: { status: before.status },
              after: { status: a.status, stage: stage.name },
            });
          }
          await addTask('status', { from: before.status, to: before.status === 'closed' ? 'closed' : a.status }, 'done');
          break;
        }
      }
    }
    return { tasks, fees };
  }

  return {
    async list(): Promise<Stage[]> {
      const hasAny = await ctx.db.selectFrom('collection_stage').select('id').limit(1).executeTakeFirst();
      if (!hasAny) await ctx.db.transaction().execute((trx) => ensureLadder(trx, ctx.clock));
      const stages = await activeStages(ctx.db);
      const counts = await ctx.db
        .selectFrom('account_collection')
        .select(['stage_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('stage_id', 'is not', null)
        .groupBy('stage_id')
        .execute();
      const byStage = new Map(counts.map((c) => [c.stage_id, Number(c.n)]));
      return stages.map((s) => ({ id: s.id, name: s.name, daysPastDue: s.days_past_due, actions: s.actions, accountCount: byStage.get(s.id) ?? 0 }));
    },

    /** Replace the ladder: stages with an id are updated, new ones added, the ones left out retired (accounts in them move at the next evaluation). */
    async save(actor: Actor, input: { stages: StageInput[] }): Promise<Stage[]> {
      await ctx.db.transaction().execute(async (trx) => {
        await ensureLadder(trx, ctx.clock);
        const before = await activeStages(trx);
        const now = ctx.clock.now().toISOString();
        const parsed = input.stages.map((s) => stageInputSchema.parse(s));
        const keep = new Set(parsed.filter((s) => s.id).map((s) => s.id!));
        for (const id of keep) if (!before.some((b) => b.id === id)) throw notFound(`Stage ${id}`);
        // Retire first so that the unique threshold index sees the new ladder only.
        for (const b of before) await trx.updateTable('collection_stage').set({ retired: 1, updated_at: now }).where('id', '=', b.id).execute();
        for (const s of parsed) {
          if (s.id)
            await trx
              .updateTable('collection_stage')
              .set({ name: s.name, days_past_due: s.daysPastDue, actions: JSON.stringify(s.actions), retired: 0, updated_at: now })
              .where('id', '=', s.id)
              .execute();
          else
            await trx
              .insertInto('collection_stage')
              .values({ name: s.name, days_past_due: s.daysPastDue, actions: JSON.stringify(s.actions), created_at: now, updated_at: now })
              .execute();
        }
        const after = await activeStages(trx);
        await appendAudit(trx, ctx.clock, actor, {
          action: 'stages.save',
          entity: 'setting',
          entityId: 'collections.stages',
          before: before.map((s) => ({ id: s.id, name: s.name, daysPastDue: s.days_past_due, actions: s.actions })),
          after: after.map((s) => ({ id: s.id, name: s.name, daysPastDue: s.days_past_due, actions: s.actions })),
        });
      });
      changed();
      return this.list();
    },

    /**
     * Move every account to the stage its oldest past-due open item calls for on `asOf` (the highest
     * stage whose threshold is at most that item's days past due; none when nothing is past due).
     * Accounts with a stopping flag, a plan in force or an agency referral are not moved. Entering a
     * higher stage carries out its actions; any move cancels the open tasks of the stage left (they are
     * superseded). Every move is a stage history row and an audit record, in one transaction.
     */
    async evaluate(actor: Actor, asOfInput?: string): Promise<StageEvaluation> {
      const r = await ctx.db.transaction().execute(async (trx) => (await this.evaluateInTrx(trx, actor, asOfInput)).evaluation);
      changed(r.feesPosted ? receivablesDomains : []);
      return r;
    },

    /** evaluate() inside the caller's transaction (the daily run records itself in the same one); the plans settled on the way. The caller announces the change. */
    async evaluateInTrx(
      trx: Trx,
      actor: Actor,
      asOfInput?: string,
    ): Promise<{ evaluation: StageEvaluation; plans: { broken: number[]; completed: number[] } }> {
      const today = await businessToday(trx, ctx.clock);
      const asOf = asOfInput ?? today;
      if (asOf > today) throw invalid(`Stages cannot be evaluated as of a future date (${asOf}); today is ${today}.`);
      await ensureLadder(trx, ctx.clock);
      const settled = await settlePlans(trx, ctx.clock, actor, asOf);
      const stages = await activeStages(trx);
      const stageById = new Map(stages.map((s) => [s.id, s]));
      const pastDue = await pastDueByAccount(trx, asOf);
      const positions = new Map(
        (await trx.selectFrom('account_collection').select(['account_id', 'stage_id']).where('stage_id', 'is not', null).execute()).map((r) => [
          r.account_id,
          r.stage_id,
        ]),
      );
      const flags = await partners.stoppingFlags(trx, asOf);
      const plans = await activePlansByAccount(trx, asOf);
      const referred = await referredAccounts(trx);
      const p: Posting = { trx, clock: ctx.clock, actor };
      const now = ctx.clock.now().toISOString();
      const out: StageEvaluation = { asOf, evaluated: 0, movedUp: 0, movedDown: 0, cleared: 0, tasksCreated: 0, feesPosted: 0, skipped: [], moves: [] };
      const ids = [...new Set([...pastDue.keys(), ...positions.keys()])].sort((a, b) => a - b);
      for (const accountId of ids) {
        out.evaluated++;
        const pd = pastDue.get(accountId);
        const dpd = pd ? daysBetween(pd.oldestDue, asOf) : 0;
        let target: StageRow | null = null;
        for (const s of stages) if (s.days_past_due <= dpd) target = s;
        const currentId = positions.get(accountId) ?? null;
        const current = currentId !== null ? (stageById.get(currentId) ?? null) : null;
        if ((target?.id ?? null) === currentId && (currentId === null || current)) continue;
        if (target) {
          const plan = plans.get(accountId);
          const hold: HoldReason | null =
            flags.get(accountId)?.reason ??
            (plan && inForce(plan.status) ? { code: 'plan', planId: plan.plan.id, planStatus: plan.status } : null) ??
            referred.get(accountId) ??
            null;
          if (hold) {
            out.skipped.push({ accountId, reason: hold });
            continue;
          }
        }
        const up = target !== null && (current === null || target.days_past_due > current.days_past_due);
        await trx
          .insertInto('account_collection')
          .values({
            account_id: accountId,
            stage_id: target?.id ?? null,
            stage_entered_on: target ? asOf : null,
            stage_entered_at: target ? now : null,
            assigned_user_id: null,
            assigned_at: null,
            updated_at: now,
          })
          .onConflict((oc) =>
            oc
              .column('account_id')
              .doUpdateSet({ stage_id: target?.id ?? null, stage_entered_on: target ? asOf : null, stage_entered_at: target ? now : null, updated_at: now }),
          )
          .execute();
        const hist = await trx
          .insertInto('collection_stage_history')
          .values({
            account_id: accountId,
            from_stage_id: currentId,
            to_stage_id: target?.id ?? null,
            as_of: asOf,
            days_past_due: dpd,
            past_due_cents: pd?.pastDueCents ?? 0,
            at: now,
            by_user_id: actor.userId,
            by_username: actor.username,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await appendAudit(trx, ctx.clock, actor, {
          action: 'stage.move',
          entity: 'account',
          entityId: accountId,
          before: { stageId: currentId, stage: current?.name ?? (currentId !== null ? 'retired stage' : null) },
          after: { stageId: target?.id ?? null, stage: target?.name ?? null, asOf, daysPastDue: dpd, pastDueCents: pd?.pastDueCents ?? 0 },
        });
        if (out.moves.length < 500)
          out.moves.push({ accountId, fromStageId: currentId, toStageId: target?.id ?? null, daysPastDue: dpd, pastDueCents: pd?.pastDueCents ?? 0 });
        // The open tasks of the stage left behind are superseded (a second notice replaces an unsent reminder).
        let stale = trx.selectFrom('collection_task').select(['id', 'detail']).where('account_id', '=', accountId).where('status', '=', 'open');
        if (target) stale = stale.where((eb) => eb.or([eb('stage_id', 'is', null), eb('stage_id', '!=', target.id)]));
        const cancelled: TaskCancelled = target ? { code: 'superseded', stageName: target.name } : { code: 'nothing_past_due' };
        for (const t of await stale.execute()) {
          const detail = JSON.stringify({ ...(JSON.parse(t.detail) as Record<string, unknown>), cancelled });
          await trx
            .updateTable('collection_task')
            .set({ status: 'cancelled', closed_at: now, closed_by: actor.username, detail })
            .where('id', '=', t.id)
            .execute();
        }
        if (up) {
          out.movedUp++;
          const done = await runActions(p, accountId, target!, hist.id, asOf);
          out.tasksCreated += done.tasks;
          out.feesPosted += done.fees;
        } else if (target) out.movedDown++;
        else out.cleared++;
      }
      return { evaluation: out, plans: settled };
    },

    /** An account's place on the ladder: current stage, history (newest first), tasks (newest first). */
    async account(accountId: number): Promise<AccountCollectionView> {
      const acct = await ctx.db.selectFrom('account').select('id').where('id', '=', accountId).executeTakeFirst();
      if (!acct) throw notFound(`Account ${accountId}`);
      const pos = await ctx.db
        .selectFrom('account_collection as c')
        .leftJoin('collection_stage as s', 's.id', 'c.stage_id')
        .select(['c.stage_id', 's.name', 'c.stage_entered_on', 'c.stage_entered_at', 'c.assigned_user_id'])
        .where('c.account_id', '=', accountId)
        .executeTakeFirst();
      const history = await ctx.db
        .selectFrom('collection_stage_history as h')
        .leftJoin('collection_stage as f', 'f.id', 'h.from_stage_id')
        .leftJoin('collection_stage as t', 't.id', 'h.to_stage_id')
        .select([
          'h.id',
          'h.from_stage_id',
          'f.name as from_name',
          'h.to_stage_id',
          't.name as to_name',
          'h.as_of',
          'h.days_past_due',
          'h.past_due_cents',
          'h.at',
          'h.by_username',
        ])
        .where('h.account_id', '=', accountId)
        .orderBy('h.id', 'desc')
        .execute();
      const tasks = await ctx.db
        .selectFrom('collection_task as t')
        .leftJoin('collection_stage as s', 's.id', 't.stage_id')
        .select([
          't.id',
          't.account_id',
          't.stage_id',
          's.name as stage_name',
          't.kind',
          't.detail',
          't.due_date',
          't.status',
          't.note',
          't.created_at',
          't.closed_at',
          't.closed_by',
        ])
        .where('t.account_id', '=', accountId)
        .orderBy('t.id', 'desc')
        .execute();
      return {
        accountId,
        stage: pos?.stage_id ? { id: pos.stage_id, name: pos.name ?? '', enteredOn: pos.stage_entered_on!, enteredAt: pos.stage_entered_at! } : null,
        assignedUserId: pos?.assigned_user_id ?? null,
        history: history.map((h) => ({
          id: h.id,
          fromStageId: h.from_stage_id,
          fromStageName: h.from_name,
          toStageId: h.to_stage_id,
          toStageName: h.to_name,
          asOf: h.as_of,
          daysPastDue: h.days_past_due,
          pastDueCents: h.past_due_cents,
          at: h.at,
          by: h.by_username,
        })),
        tasks: tasks.map(toTask),
      };
    },

    /** Close a worklist task (done or cancelled) with a note. */
    async closeTask(actor: Actor, input: { taskId: number; outcome: 'done' | 'cancelled'; note: string }): Promise<CollectionTask> {
      const r = await ctx.db.transaction().execute(async (trx) => {
        const t = await trx.selectFrom('collection_task').selectAll().where('id', '=', input.taskId).executeTakeFirst();
        if (!t) throw notFound(`Task ${input.taskId}`);
        if (t.status !== 'open' && t.status !== 'blocked') throw conflict(`Task ${t.id} is already ${t.status}.`);
        const now = ctx.clock.now().toISOString();
        await trx
          .updateTable('collection_task')
          .set({ status: input.outcome, note: input.note || t.note, closed_at: now, closed_by: actor.username })
          .where('id', '=', t.id)
          .execute();
        await appendAudit(trx, ctx.clock, actor, {
          action: `task.${input.outcome}`,
          entity: 'account',
          entityId: t.account_id,
          before: { taskId: t.id, kind: t.kind, status: t.status },
          after: { taskId: t.id, status: input.outcome, note: input.note },
        });
        const row = await trx
          .selectFrom('collection_task as t')
          .leftJoin('collection_stage as s', 's.id', 't.stage_id')
          .select([
            't.id',
            't.account_id',
            't.stage_id',
            's.name as stage_name',
            't.kind',
            't.detail',
            't.due_date',
            't.status',
            't.note',
            't.created_at',
            't.closed_at',
            't.closed_by',
          ])
          .where('t.id', '=', t.id)
          .executeTakeFirstOrThrow();
        return toTask(row);
      });
      changed();
      return r;
    },
  };
}
export type StagesService = ReturnType<typeof createStagesService>;
