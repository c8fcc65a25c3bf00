import type { z } from 'zod';
import { addDays, addMonths } from '@shared/dates';
import {
  defaultPlanSettings,
  type planCreateSchema,
  planSchedule,
  planSettingsSchema,
  type InstallmentStatus,
  type PaymentPlan,
  type PlanInstallment,
  type PlanSettings,
  type PlanStatus,
  type planListSchema,
} from '@shared/domain/collections-policy';
import { formatMoney } from '@shared/money';
import type { Actor, Clock, Queryable, ServiceContext, Trx } from '../../context';
import { conflict, invalid, notFound } from '../../errors';
import { appendAudit } from '../audit';
import { businessToday, openDebits, requirePostableAccount } from '../ledger/posting';
import { mergeSettings, readSetting, writeSetting } from '../settings';

type CreateInput = z.output<typeof planCreateSchema>;
type ListInput = z.output<typeof planListSchema>;

export const PLAN_SETTINGS_KEY = 'collections.plans';

export async function readPlanSettings(db: Queryable): Promise<PlanSettings> {
  const raw = await readSetting<Partial<PlanSettings>>(db, PLAN_SETTINGS_KEY);
  return planSettingsSchema.parse({ ...defaultPlanSettings, ...raw });
}

interface PlanRow {
  id: number;
  account_id: number;
  status: 'active' | 'completed' | 'broken' | 'cancelled';
  total_cents: number;
  down_payment_cents: number;
  installment_count: number;
  frequency: 'weekly' | 'biweekly' | 'monthly';
  start_date: string;
  first_date: string;
  grace_days: number;
  note: string;
  created_at: string;
  created_by: string | null;
  closed_on: string | null;
  close_reason: string;
}

interface PaymentRow {
  id: number;
  number: string | null;
  doc_date: string;
  total_cents: number;
}

/** What a plan looks like as of a date, from its stored schedule and the payments that count for it. */
export interface PlanState {
  plan: PlanRow;
  status: PlanStatus;
  paidCents: number;
  missedInstallments: number;
  lateInstallments: number;
  installments: PlanInstallment[];
}

/**
 * Fill the schedule with payments in order: every posted payment of the account dated on or after the
 * plan's start (and on or before its close, and `asOf`) that was not reversed by `asOf` counts in full,
 * oldest first; each fills the earliest installment not yet paid (the down payment first), spilling over
 * into the next ones. Then each installment is paid, partial, upcoming (due later), due (today), late
 * (past due within the grace days) or missed (past the grace days).
 */
export function planStateOf(
  plan: PlanRow,
  schedule: { seq: number; due_date: string; amount_cents: number }[],
  payments: PaymentRow[],
  asOf: string,
): PlanState {
  const inst: PlanInstallment[] = schedule.map((s) => ({
    seq: s.seq,
    dueDate: s.due_date,
    amountCents: s.amount_cents,
    paidCents: 0,
    paidOn: null,
    payments: [],
    status: 'upcoming' as InstallmentStatus,
  }));
  let i = 0;
  let paid = 0;
  for (const p of payments) {
    let left = p.total_cents;
    while (left > 0 && i < inst.length) {
      const it = inst[i]!;
      const take = Math.min(left, it.amountCents - it.paidCents);
      it.paidCents += take;
      it.payments.push({ documentId: p.id, number: p.number, date: p.doc_date, amountCents: take });
      left -= take;
      paid += take;
      if (it.paidCents === it.amountCents) {
        it.paidOn = p.doc_date;
        i++;
      }
    }
    if (i >= inst.length) break;
  }
  let missed = 0;
  let late = 0;
  for (const it of inst) {
    if (it.paidCents === it.amountCents) it.status = 'paid';
    else if (it.dueDate > asOf) it.status = it.paidCents > 0 ? 'partial' : 'upcoming';
    else if (it.dueDate === asOf) it.status = 'due';
    else if (addDays(it.dueDate, plan.grace_days) >= asOf) {
      it.status = 'late';
      late++;
    } else {
      it.status = 'missed';
      missed++;
    }
  }
  let status: PlanStatus;
  if (plan.status === 'cancelled') status = 'cancelled';
  else if (paid >= plan.total_cents) status = 'completed';
  else if (plan.status === 'broken' || missed > 0) status = 'broken';
  else if (late > 0) status = 'late';
  else status = 'current';
  return { plan, status, paidCents: paid, missedInstallments: missed, lateInstallments: late, installments: inst };
}

/** A plan in force (current, or late within its grace days) suspends late fees and stage escalation. */
export const inForce = (s: PlanStatus) => s === 'current' || s === 'late';

/** The states of the plans chosen by `where` as of `asOf`, in three queries whatever their number. */
export async function planStates(
  db: Queryable,
  asOf: string,
  filter: { planIds?: number[]; accountId?: number; statuses?: PlanRow['status'][] } = {},
): Promise<PlanState[]> {
  let q = db
    .selectFrom('payment_plan')
    .select([
      'id',
      'account_id',
      'status',
      'total_cents',
      'down_payment_cents',
      'installment_count',
      'frequency',
      'start_date',
      'first_date',
      'grace_days',
      'note',
      'created_at',
      'created_by',
      'closed_on',
      'close_reason',
    ])
    .orderBy('id');
  if (filter.planIds) q = q.where('id', 'in', filter.planIds.length ? filter.planIds : [0]);
  if (filter.accountId) q = q.where('account_id', '=', filter.accountId);
  if (filter.statuses) q = q.where('status', 'in', filter.statuses);
  const plans = (await q.execute()) as PlanRow[];
  if (plans.length === 0) return [];
  const ids = plans.map((p) => p.id);
  const schedules = new Map<number, { seq: number; due_date: string; amount_cents: number }[]>();
  const pays = new Map<number, PaymentRow[]>();
  for (let k = 0; k < ids.length; k += 500) {
    const chunk = ids.slice(k, k + 500);
    const inst = await db
      .selectFrom('payment_plan_installment')
      .select(['plan_id', 'seq', 'due_date', 'amount_cents'])
      .where('plan_id', 'in', chunk)
      .orderBy('plan_id')
      .orderBy('seq')
      .execute();
    for (const r of inst) (schedules.get(r.plan_id) ?? schedules.set(r.plan_id, []).get(r.plan_id)!).push(r);
    const payments = await db
      .selectFrom('payment_plan as p')
      .innerJoin('document as d', (j) => j.onRef('d.account_id', '=', 'p.account_id').onRef('d.doc_date', '>=', 'p.start_date'))
      .select(['p.id as plan_id', 'd.id', 'd.number', 'd.doc_date', 'd.total_cents'])
      .where('p.id', 'in', chunk)
      .where('d.kind', '=', 'payment')
      .where('d.status', '=', 'posted')
      .where('d.doc_date', '<=', asOf)
      .where((eb) => eb.or([eb('p.closed_on', 'is', null), eb('d.doc_date', '<=', eb.ref('p.closed_on'))]))
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('document as r')
              .select('r.id')
              .whereRef('r.related_document_id', '=', 'd.id')
              .where('r.kind', '=', 'reversal')
              .where('r.doc_date', '<=', asOf),
          ),
        ),
      )
      .orderBy('p.id')
      .orderBy('d.doc_date')
      .orderBy('d.id')
      .execute();
    for (const r of payments) (pays.get(r.plan_id) ?? pays.set(r.plan_id, []).get(r.plan_id)!).push(r);
  }
  return plans.map((p) => planStateOf(p, schedules.get(p.id) ?? [], pays.get(p.id) ?? [], asOf));
}

/** Account id -> the state of its active plan as of `asOf`. */
export async function activePlansByAccount(db: Queryable, asOf: string): Promise<Map<number, PlanState>> {
  const states = await planStates(db, asOf, { statuses: ['active'] });
  return new Map(states.map((s) => [s.plan.account_id, s]));
}

/** Invoice ids covered by plans in force as of `asOf`. */
export async function invoicesOnPlansInForce(db: Queryable, asOf: string): Promise<Set<number>> {
  const inForcePlans = [...(await activePlansByAccount(db, asOf)).values()].filter((s) => inForce(s.status)).map((s) => s.plan.id);
  if (inForcePlans.length === 0) return new Set();
  const rows = await db.selectFrom('payment_plan_invoice').select('document_id').where('plan_id', 'in', inForcePlans).execute();
  return new Set(rows.map((r) => r.document_id));
}

/**
 * Record what the schedule says happened: an active plan that is now broken or completed is marked so
 * (audited). Broken is final: the customer needs a new plan. Called by the stage evaluation.
 */
export async function settlePlans(trx: Trx, clock: Clock, actor: Actor, asOf: string): Promise<{ broken: number[]; completed: number[] }> {
  const states = await planStates(trx, asOf, { statuses: ['active'] });
  const out = { broken: [] as number[], completed: [] as number[] };
  for (const s of states) {
    if (s.status !== 'broken' && s.status !== 'completed') continue;
    await trx
      .updateTable('payment_plan')
      .set({
        status: s.status,
        closed_on: asOf,
        closed_at: clock.now().toISOString(),
        closed_by: actor.username,
        close_reason: s.status === 'broken' ? `${s.missedInstallments} installment(s) unpaid past the ${s.plan.grace_days} grace days` : 'Paid in full',
      })
      .where('id', '=', s.plan.id)
      .where('status', '=', 'active')
      .execute();
    await appendAudit(trx, clock, actor, {
      action: s.status === 'broken' ? 'plan.broken' : 'plan.completed',
      entity: 'payment_plan',
      entityId: s.plan.id,
      before: { status: 'active' },
      after: { status: s.status, asOf, paidCents: s.paidCents, missedInstallments: s.missedInstallments },
    });
    out[s.status].push(s.plan.id);
  }
  return out;
}

export function createPlansService(ctx: ServiceContext) {
  const today = (db: Queryable = ctx.db) => businessToday(db, ctx.clock);
  const changed = () => ctx.emit('data.changed', { domains: ['plans', 'collections'] });

  async function view(db: Queryable, planId: number, asOf: string): Promise<PaymentPlan> {
    const [s] = await planStates(db, asOf, { planIds: [planId] });
    if (!s) throw notFound(`Payment plan ${planId}`);
    return (await views(db, [s], asOf))[0]!;
  }

  async function views(db: Queryable, states: PlanState[], asOf: string): Promise<PaymentPlan[]> {
    if (states.length === 0) return [];
    const accountIds = [...new Set(states.map((s) => s.plan.account_id))];
    const accounts = new Map(
      (await db.selectFrom('account').select(['id', 'account_number', 'name']).where('id', 'in', accountIds).execute()).map((a) => [a.id, a]),
    );
    const invoiceRows = await db
      .selectFrom('payment_plan_invoice')
      .select(['plan_id', 'document_id'])
      .where(
        'plan_id',
        'in',
        states.map((s) => s.plan.id),
      )
      .orderBy('document_id')
      .execute();
    return states.map((s) => {
      const p = s.plan;
      const next = s.installments.find((i) => i.status !== 'paid');
      return {
        id: p.id,
        accountId: p.account_id,
        accountNumber: accounts.get(p.account_id)?.account_number ?? '',
        accountName: accounts.get(p.account_id)?.name ?? '',
        asOf,
        status: s.status,
        totalCents: p.total_cents,
        downPaymentCents: p.down_payment_cents,
        installmentCount: p.installment_count,
        frequency: p.frequency,
        startDate: p.start_date,
        firstDate: p.first_date,
        graceDays: p.grace_days,
        paidCents: s.paidCents,
        remainingCents: p.total_cents - s.paidCents,
        missedInstallments: s.missedInstallments,
        nextDue: next && s.status !== 'cancelled' ? { dueDate: next.dueDate, amountCents: next.amountCents - next.paidCents } : null,
        invoiceIds: invoiceRows.filter((r) => r.plan_id === p.id).map((r) => r.document_id),
        installments: s.installments,
        note: p.note,
        createdAt: p.created_at,
        createdBy: p.created_by,
        closedOn: p.closed_on,
        closeReason: p.close_reason,
      };
    });
  }

  return {
    getSettings: () => readPlanSettings(ctx.db),

    /** Changes the settings given; the others keep their stored value. */
    async saveSettings(actor: Actor, patch: Partial<PlanSettings>): Promise<PlanSettings> {
      const after = await ctx.db.transaction().execute(async (trx) => {
        const before = await readPlanSettings(trx);
        const after = mergeSettings(planSettingsSchema, before, patch);
        await writeSetting(trx, PLAN_SETTINGS_KEY, after);
        await appendAudit(trx, ctx.clock, actor, { action: 'settings.update', entity: 'setting', entityId: PLAN_SETTINGS_KEY, before, after });
        return after;
      });
      changed();
      return after;
    },

    /** Create a plan and store its generated schedule. One active plan per account. */
    async create(actor: Actor, input: CreateInput): Promise<PaymentPlan> {
      const r = await ctx.db.transaction().execute(async (trx) => {
        const acct = await requirePostableAccount(trx, input.accountId);
        const startDate = input.startDate ?? (await today(trx));
        if (input.firstDate < startDate) throw invalid(`The first installment (${input.firstDate}) cannot be before the plan starts (${startDate}).`);
        const existing = await trx.selectFrom('payment_plan').select('id').where('account_id', '=', acct.id).where('status', '=', 'active').executeTakeFirst();
        if (existing) throw conflict(`Account ${acct.account_number} already has an active payment plan (#${existing.id}); cancel it before making a new one.`);
        const open = await openDebits(trx, acct.id);
        let covered = open;
        if (input.invoiceIds) {
          const byId = new Map(open.map((d) => [d.id, d]));
          covered = input.invoiceIds.map((id) => {
            const d = byId.get(id);
            if (!d) throw invalid(`Document ${id} is not an open item of account ${acct.account_number}.`);
            return d;
          });
        }
        if (covered.length === 0) throw conflict(`Account ${acct.account_number} has nothing open to put on a plan.`);
        const openSum = covered.reduce((s, d) => s + d.open_cents, 0);
        const total = input.totalCents ?? openSum;
        if (input.downPaymentCents >= total) throw invalid('The down payment must be less than the plan total.');
        const settings = await readPlanSettings(trx);
        let schedule: ReturnType<typeof planSchedule>;
        try {
          schedule = planSchedule(
            {
              totalCents: total,
              downPaymentCents: input.downPaymentCents,
              installmentCount: input.installmentCount,
              frequency: input.frequency,
              startDate,
              firstDate: input.firstDate,
            },
            { addDays, addMonths },
          );
        } catch (err) {
          throw invalid((err as Error).message);
        }
        const now = ctx.clock.now().toISOString();
        const plan = await trx
          .insertInto('payment_plan')
          .values({
            account_id: acct.id,
            status: 'active',
            total_cents: total,
            down_payment_cents: input.downPaymentCents,
            installment_count: input.installmentCount,
            frequency: input.frequency,
            start_date: startDate,
            first_date: input.firstDate,
            grace_days: settings.graceDays,
            note: input.note,
            created_at: now,
            created_by: actor.username,
            closed_on: null,
            closed_at: null,
            closed_by: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('payment_plan_installment')
          .values(schedule.map((s) => ({ plan_id: plan.id, seq: s.seq, due_date: s.dueDate, amount_cents: s.amountCents })))
          .execute();
        await trx
          .insertInto('payment_plan_invoice')
          .values(covered.map((d) => ({ plan_id: plan.id, document_id: d.id })))
          .execute();
        await appendAudit(trx, ctx.clock, actor, {
          action: 'plan.create',
          entity: 'payment_plan',
          entityId: plan.id,
          after: {
            accountId: acct.id,
            totalCents: total,
            openCents: openSum,
            downPaymentCents: input.downPaymentCents,
            installmentCount: input.installmentCount,
            frequency: input.frequency,
            startDate,
            firstDate: input.firstDate,
            graceDays: settings.graceDays,
            invoices: covered.map((d) => d.number),
            schedule: schedule.map((s) => [s.dueDate, s.amountCents]),
          },
        });
        return view(trx, plan.id, startDate > (await today(trx)) ? startDate : await today(trx));
      });
      changed();
      return r;
    },

    async get(planId: number, asOf?: string): Promise<PaymentPlan> {
      return view(ctx.db, planId, asOf ?? (await today()));
    },

    async list(input: ListInput): Promise<PaymentPlan[]> {
      const asOf = input.asOf ?? (await today());
      const states = await planStates(ctx.db, asOf, { accountId: input.accountId });
      const chosen = input.status ? states.filter((s) => s.status === input.status) : states;
      return views(ctx.db, chosen.reverse(), asOf);
    },

    async cancel(actor: Actor, planId: number, reason: string): Promise<PaymentPlan> {
      const r = await ctx.db.transaction().execute(async (trx) => {
        const asOf = await today(trx);
        const before = await view(trx, planId, asOf);
        if (before.status === 'cancelled') throw conflict(`Payment plan #${planId} is already cancelled.`);
        const row = await trx.selectFrom('payment_plan').select('status').where('id', '=', planId).executeTakeFirstOrThrow();
        if (row.status !== 'active') throw conflict(`Payment plan #${planId} is ${row.status}; only an active plan can be cancelled.`);
        await trx
          .updateTable('payment_plan')
          .set({ status: 'cancelled', closed_on: asOf, closed_at: ctx.clock.now().toISOString(), closed_by: actor.username, close_reason: reason })
          .where('id', '=', planId)
          .execute();
        await appendAudit(trx, ctx.clock, actor, {
          action: 'plan.cancel',
          entity: 'payment_plan',
          entityId: planId,
          before: { status: before.status, paidCents: before.paidCents },
          after: { status: 'cancelled', reason },
        });
        return view(trx, planId, asOf);
      });
      changed();
      return r;
    },

    describe: (p: PaymentPlan) => `Payment plan #${p.id}: ${formatMoney(p.paidCents)} of ${formatMoney(p.totalCents)} paid, ${p.status}`,
  };
}
export type PlansService = ReturnType<typeof createPlansService>;
