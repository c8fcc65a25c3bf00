/**
 * The day starts ready (docs/clerks-day.md): one collections evaluation per business day, run by
 * itself when the store opens on a new day, at the office's time of day while the app stays open, and
 * after the demo company is made; or by a supervisor. A run settles the plans and moves the stages
 * (stages.evaluateInTrx), counts the promises due and broken, hands the worklist accounts no one holds
 * to the clerks by the office's rules, and records itself: all in one transaction with its audit.
 */
import {
  dailyEvaluationSettingsSchema,
  defaultDailyEvaluationSettings,
  type DailyEvaluationSettings,
  type DailyEvaluationView,
  type EvaluationRun,
  type EvaluationTrigger,
} from '@shared/domain/daily-evaluation';
import type { StageEvaluation } from '@shared/domain/collections-policy';
import { type Actor, type Queryable, type ServiceContext, systemActor, type Trx } from '../../context';
import { invalid } from '../../errors';
import { appendAudit } from '../audit';
import { businessToday, receivablesDomains } from '../ledger/posting';
import { createPromisesService } from '../promises';
import { companyTimeZone, readSetting, writeSetting } from '../settings';
import type { StagesService } from '../stages';
import { buildWorklist } from '../worklist';
import { createPartners } from '../worklist/adapters';
import { planAssignments, type AssignCandidate } from './assign';
import { latestRun, type Counts } from './runs';
import { evaluationDue, nextRunAt } from './schedule';

const SETTING_KEY = 'collections.daily';

/** The stored settings; a value the schema refuses (an older shape) reads as the defaults, never as an error. */
export async function readDailySettings(db: Queryable): Promise<DailyEvaluationSettings> {
  const raw = await readSetting<unknown>(db, SETTING_KEY);
  const r = dailyEvaluationSettingsSchema.safeParse(raw);
  return r.success ? r.data : defaultDailyEvaluationSettings;
}

export function createDailyEvaluationService(ctx: ServiceContext, deps: { stages: StagesService }) {
  const partners = createPartners(ctx);
  const promises = createPromisesService(ctx);

  /** Hand the worklist accounts no one holds to the clerks; returns how many were assigned. */
  async function assignNew(trx: Trx, actor: Actor, asOf: string, settings: DailyEvaluationSettings): Promise<number> {
    if (settings.assignment.mode === 'none') return 0;
    const users = await trx
      .selectFrom('app_user')
      .select(['id', 'role', 'display_name'])
      .where('active', '=', 1)
      .orderBy('display_name')
      .orderBy('id')
      .execute();
    const active = new Set(users.map((u) => u.id));
    const offDuty = new Set(settings.assignment.offDuty);
    const onDuty = users.filter((u) => u.role === 'clerk' && !offDuty.has(u.id)).map((u) => u.id);
    const wl = await buildWorklist(trx, asOf, { limit: Number.MAX_SAFE_INTEGER, offset: 0, assignee: 'all' }, { userId: null }, partners, ctx.clock.now());
    const load = new Map<number, number>();
    const open: AssignCandidate[] = [];
    const noOne: number[] = [];
    for (const i of wl.items) {
      if (i.assignedUserId !== null && active.has(i.assignedUserId)) load.set(i.assignedUserId, (load.get(i.assignedUserId) ?? 0) + 1);
      else open.push({ accountId: i.accountId, name: i.name, kind: i.kind, stageId: i.stageId });
      if (i.assignedUserId === null) noOne.push(i.accountId);
    }
    // A supervisor's choice stands: an account made shared by hand (assigned to no one on purpose) stays shared.
    const chosenShared = new Set<number>();
    const openIds = noOne;
    for (let k = 0; k < openIds.length; k += 500)
      for (const r of await trx
        .selectFrom('account_collection')
        .select('account_id')
        .where('account_id', 'in', openIds.slice(k, k + 500))
        .where('assigned_user_id', 'is', null)
        .where('assigned_at', 'is not', null)
        .execute())
        chosenShared.add(r.account_id);
    const before = new Map(wl.items.map((i) => [i.accountId, i.assignedUserId]));
    const plan = planAssignments(
      open.filter((c) => !chosenShared.has(c.accountId)),
      settings.assignment,
      { active, onDuty, load },
    );
    const now = ctx.clock.now().toISOString();
    const byUser = new Map<number, number[]>();
    for (const [accountId, userId] of plan) {
      await trx
        .insertInto('account_collection')
        .values({
          account_id: accountId,
          stage_id: null,
          stage_entered_on: null,
          stage_entered_at: null,
          assigned_user_id: userId,
          assigned_at: now,
          updated_at: now,
        })
        .onConflict((oc) => oc.column('account_id').doUpdateSet({ assigned_user_id: userId, assigned_at: now, updated_at: now }))
        .execute();
      (byUser.get(userId) ?? byUser.set(userId, []).get(userId)!).push(accountId);
    }
    for (const [userId, ids] of byUser)
      await appendAudit(trx, ctx.clock, actor, {
        action: 'worklist.assign',
        entity: 'account',
        entityId: ids.length === 1 ? ids[0]! : null,
        before: ids.map((id) => ({ accountId: id, userId: before.get(id) ?? null })),
        after: { accountIds: ids, userId, rule: settings.assignment.mode },
      });
    return plan.size;
  }

  async function runInTrx(
    trx: Trx,
    actor: Actor,
    trigger: EvaluationTrigger,
    asOfInput?: string,
  ): Promise<{ run: EvaluationRun; evaluation: StageEvaluation }> {
    const today = await businessToday(trx, ctx.clock);
    const { evaluation, plans } = await deps.stages.evaluateInTrx(trx, actor, asOfInput);
    const asOf = evaluation.asOf;
    const owed = await promises.promisesDueOrBroken(asOf, {}, trx);
    const settings = await readDailySettings(trx);
    const assigned = await assignNew(trx, actor, asOf, settings);
    const counts: Counts = {
      movedUp: evaluation.movedUp,
      movedDown: evaluation.movedDown,
      cleared: evaluation.cleared,
      tasksCreated: evaluation.tasksCreated,
      feesPosted: evaluation.feesPosted,
      plansBroken: plans.broken.length,
      plansCompleted: plans.completed.length,
      promisesDue: owed.filter((p) => p.status === 'pending').length,
      promisesBroken: owed.filter((p) => p.status === 'broken').length,
      assigned,
    };
    const at = ctx.clock.now().toISOString();
    const row = await trx
      .insertInto('evaluation_run')
      .values({ business_date: today, as_of: asOf, trigger, at, by_user_id: actor.userId, by_username: actor.username, counts: JSON.stringify(counts) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, ctx.clock, actor, {
      action: 'evaluation.run',
      entity: 'evaluation_run',
      entityId: row.id,
      after: { trigger, businessDate: today, asOf, ...counts },
    });
    const run = await latestRun(trx);
    return { run: run!, evaluation };
  }

  const announce = (feesPosted: number) => ctx.emit('data.changed', { domains: ['collections', 'stages', 'plans', ...(feesPosted ? receivablesDomains : [])] });

  return {
    readSettings: (db: Queryable = ctx.db) => readDailySettings(db),
    latest: (db: Queryable = ctx.db) => latestRun(db),

    async view(): Promise<DailyEvaluationView> {
      const settings = await readDailySettings(ctx.db);
      const timeZone = await companyTimeZone(ctx.db);
      const today = await businessToday(ctx.db, ctx.clock);
      const todays = await latestRun(ctx.db, today);
      const next = nextRunAt({ now: ctx.clock.now(), timeZone, settings, lastRunTodayAt: todays ? new Date(todays.at) : null });
      return { settings, lastRun: await latestRun(ctx.db), nextRunAt: next?.toISOString() ?? null };
    },

    /** Replace the settings: the people and stages the rules name must exist (a person active). */
    async saveSettings(actor: Actor, input: DailyEvaluationSettings): Promise<DailyEvaluationView> {
      const next = dailyEvaluationSettingsSchema.parse(input);
      await ctx.db.transaction().execute(async (trx) => {
        const a = next.assignment;
        const named = [...a.byStage.map((r) => r.userId), a.byKind.consumer, a.byKind.commercial, ...a.byAlphabet.map((r) => r.userId)].filter(
          (x): x is number => x !== null,
        );
        const active = new Set((await trx.selectFrom('app_user').select('id').where('active', '=', 1).execute()).map((u) => u.id));
        const inactive = [...new Set(named)].filter((id) => !active.has(id));
        if (inactive.length)
          throw invalid(`assignment: user ${inactive.join(', ')} is not an active user.`, [{ path: 'assignment', message: 'Choose active users only' }]);
        const stageIds = new Set((await trx.selectFrom('collection_stage').select('id').where('retired', '=', 0).execute()).map((s) => s.id));
        const unknown = a.byStage.filter((r) => !stageIds.has(r.stageId)).map((r) => r.stageId);
        if (unknown.length)
          throw invalid(`assignment.byStage: stage ${unknown.join(', ')} is not on the ladder.`, [
            { path: 'assignment.byStage', message: 'Choose stages on the ladder' },
          ]);
        const before = await readDailySettings(trx);
        await writeSetting(trx, SETTING_KEY, next);
        await appendAudit(trx, ctx.clock, actor, { action: 'settings.update', entity: 'setting', entityId: SETTING_KEY, before, after: next });
      });
      ctx.emit('data.changed', { domains: ['settings', 'collections'] });
      return this.view();
    },

    /** A supervisor's run (Collections › Run stage evaluation): always runs, recorded with their name. */
    async run(actor: Actor, asOf?: string): Promise<{ run: EvaluationRun; evaluation: StageEvaluation }> {
      const r = await ctx.db.transaction().execute((trx) => runInTrx(trx, actor, 'manual', asOf));
      announce(r.evaluation.feesPosted);
      return r;
    },

    /**
     * The automatic run, when it is due (schedule.ts); null when it is not, or before the company
     * exists. The check and the run share one transaction, so two triggers at once run it once.
     */
    async runIfDue(trigger: 'open' | 'schedule' | 'demo'): Promise<EvaluationRun | null> {
      const r = await ctx.db.transaction().execute(async (trx) => {
        if (!(await readSetting(trx, 'company'))) return null;
        const timeZone = await companyTimeZone(trx);
        const today = await businessToday(trx, ctx.clock);
        const todays = await latestRun(trx, today);
        const settings = await readDailySettings(trx);
        const due = evaluationDue({
          trigger: trigger === 'schedule' ? 'schedule' : 'open',
          now: ctx.clock.now(),
          timeZone,
          settings,
          lastRunTodayAt: todays ? new Date(todays.at) : null,
        });
        return due ? runInTrx(trx, systemActor, trigger) : null;
      });
      if (r) announce(r.evaluation.feesPosted);
      return r?.run ?? null;
    },
  };
}
export type DailyEvaluationService = ReturnType<typeof createDailyEvaluationService>;
