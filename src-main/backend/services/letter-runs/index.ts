import { z } from 'zod';
import { addDays } from '@shared/dates';
import { LETTER_PAY_BY_DAYS } from '@shared/domain/documents';
import {
  templateKeyOf,
  type LetterCandidate,
  type LetterRunException,
  type LetterRunPlan,
  type LetterRunRef,
  type LetterRunStart,
  type LetterRunView,
  type LetterSelect,
  letterQueueSchema,
  letterRunStartSchema,
} from '@shared/domain/letter-runs';
import type { Actor, Queryable, ServiceContext } from '../../context';
import { conflict, invalid, notFound } from '../../errors';
import { appendAudit } from '../audit';
import type { ComplianceService } from '../compliance';
import { businessToday } from '../ledger/posting';
import type { createLettersService } from '../letters';
import { accountFacts, byPostalCode, candidateOf, exceptionOf, type AccountFacts, type TemplateFacts } from './candidates';
import { lastLetterOn, lettersOfRun } from './recorded';

export interface LetterRunsDeps {
  compliance: ComplianceService;
  letters: ReturnType<typeof createLettersService>;
}

const numberList = z.array(z.number().int().positive());
const taskList = z.array(z.number().int().positive().nullable());

/**
 * The letter queue and letter runs (docs/letters.md, The queue and letter runs). The queue is the open
 * and blocked letter tasks of the collection stages; a run records the accounts chosen and hands the
 * screen the letter refs to produce through the document pipeline, which records each letter sent.
 */
export function createLetterRunsService(ctx: ServiceContext, deps: LetterRunsDeps) {
  async function templates(db: Queryable): Promise<{ byId: Map<number, TemplateFacts & { key: string }>; byKey: Map<string, TemplateFacts> }> {
    await deps.letters.templates.ensureDefaults();
    const rows = await db.selectFrom('letter_template').select(['id', 'key', 'name', 'purpose', 'active']).execute();
    const all = rows.map((r) => ({ id: r.id, key: r.key, name: r.name, purpose: r.purpose, active: r.active === 1 }));
    return { byId: new Map(all.map((t) => [t.id, t])), byKey: new Map(all.map((t) => [t.key, t])) };
  }

  async function currentVersion(db: Queryable, templateId: number): Promise<number> {
    const r = await db
      .selectFrom('letter_template_version')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('template_id', '=', templateId)
      .executeTakeFirst();
    if (!r?.v) throw notFound(`Letter template ${templateId}`);
    return Number(r.v);
  }

  /** Refs and exceptions for the chosen accounts, with the template version and pay-by date of the run. */
  function plan(
    run: { id: number; template: TemplateFacts; version: number; payByDate: string; channel: 'print' | 'pdf'; emailOptedIn: boolean },
    chosen: readonly { accountId: number; taskId: number | null }[],
    facts: Map<number, AccountFacts>,
  ): LetterRunPlan {
    const paper: { ref: LetterRunRef; f: AccountFacts }[] = [];
    const email: LetterRunRef[] = [];
    const exceptions: LetterRunException[] = [];
    for (const c of chosen) {
      const f = facts.get(c.accountId);
      if (!f) throw notFound(`Account ${c.accountId}`);
      const byEmail = run.emailOptedIn && f.emailConsent;
      const code = exceptionOf(run.template, f, byEmail);
      if (code) {
        exceptions.push({
          accountId: f.accountId,
          accountNumber: f.accountNumber,
          accountName: f.accountName,
          taskId: c.taskId,
          code,
          missing: code === 'NO_ADDRESS' ? f.addressMissing : [],
          blocks: code === 'BLOCKED' ? f.blocks : [],
        });
        continue;
      }
      const ref: LetterRunRef = {
        kind: 'letter',
        accountId: f.accountId,
        templateId: run.template.id,
        version: run.version,
        payByDate: run.payByDate,
        runId: run.id,
        ...(c.taskId ? { taskId: c.taskId } : {}),
      };
      if (byEmail) email.push(ref);
      else paper.push({ ref, f });
    }
    paper.sort((a, b) => byPostalCode(a.f, b.f));
    return {
      runId: run.id,
      templateName: run.template.name,
      version: run.version,
      channel: run.channel,
      payByDate: run.payByDate,
      paper: paper.map((p) => p.ref),
      email,
      exceptions,
    };
  }

  return {
    /** The open and blocked letter tasks of the stages, with what stands in the way of each now. */
    async queue(filter: z.input<typeof letterQueueSchema> = {}): Promise<LetterCandidate[]> {
      const f = letterQueueSchema.parse(filter);
      const lib = await templates(ctx.db);
      let q = ctx.db
        .selectFrom('collection_task as t')
        .leftJoin('collection_stage as s', 's.id', 't.stage_id')
        .select(['t.id', 't.account_id', 't.stage_id', 's.name as stage_name', 't.detail', 't.status', 't.due_date'])
        .where('t.kind', '=', 'letter')
        .where('t.status', 'in', f.status ? [f.status] : ['open', 'blocked'])
        .orderBy('t.id');
      if (f.stageId) q = q.where('t.stage_id', '=', f.stageId);
      const tasks = (await q.execute()).map((t) => {
        const code = (JSON.parse(t.detail) as { templateCode?: unknown }).templateCode;
        return { ...t, template: typeof code === 'string' ? (lib.byKey.get(templateKeyOf(code)) ?? null) : null };
      });
      const wanted = f.templateId ? tasks.filter((t) => t.template?.id === f.templateId) : tasks;
      const today = await businessToday(ctx.db, ctx.clock);
      // Each letter is checked for its template's purpose (a cease-permitted notice passes a cease request).
      const facts = new Map<string, AccountFacts>();
      for (const purpose of new Set(wanted.map((t) => t.template?.purpose ?? 'collection'))) {
        const ids = wanted.filter((t) => (t.template?.purpose ?? 'collection') === purpose).map((t) => t.account_id);
        for (const [id, f] of await accountFacts(ctx.db, deps.compliance, ids, today, purpose)) facts.set(`${purpose}:${id}`, f);
      }
      return wanted.map((t) =>
        candidateOf(facts.get(`${t.template?.purpose ?? 'collection'}:${t.account_id}`)!, t.template, {
          id: t.id,
          status: t.status as 'open' | 'blocked',
          stageId: t.stage_id,
          stageName: t.stage_name,
          queuedOn: t.due_date,
        }),
      );
    },

    /** Ad-hoc selection: accounts past due by the filters, each with what stands in the way of this template's letter. */
    async select(input: LetterSelect): Promise<LetterCandidate[]> {
      const lib = await templates(ctx.db);
      const template = lib.byId.get(input.templateId);
      if (!template) throw notFound(`Letter template ${input.templateId}`);
      const today = await businessToday(ctx.db, ctx.clock);
      let q = ctx.db
        .selectFrom('document as d')
        .innerJoin('account as a', 'a.id', 'd.account_id')
        .leftJoin('account_collection as c', 'c.account_id', 'd.account_id')
        .leftJoin('collection_stage as s', 's.id', 'c.stage_id')
        .select(['d.account_id', 'c.stage_id', 's.name as stage_name'])
        .select((eb) => [eb.fn.min('d.due_date').as('oldest'), eb.fn.sum<number>('d.open_cents').as('past_due')])
        .where('d.side', '=', 'debit')
        .where('d.open_cents', '>', 0)
        .where('d.due_date', '<', today)
        .where('a.status', '!=', 'closed')
        .groupBy('d.account_id');
      if (input.accountKind) q = q.where('a.kind', '=', input.accountKind);
      if (input.stageId) q = q.where('c.stage_id', '=', input.stageId);
      if (input.minDaysPastDue) q = q.having((eb) => eb.fn.min('d.due_date'), '<=', addDays(today, -input.minDaysPastDue));
      if (input.minPastDueCents) q = q.having((eb) => eb.fn.sum('d.open_cents'), '>=', input.minPastDueCents);
      let rows = await q.orderBy('d.account_id').execute();
      if (input.noLetterInDays) {
        const since = addDays(today, -input.noLetterInDays);
        const last = await lastLetterOn(
          ctx.db,
          rows.map((r) => r.account_id),
        );
        rows = rows.filter((r) => {
          const on = last.get(r.account_id);
          return !on || on < since;
        });
      }
      const facts = await accountFacts(
        ctx.db,
        deps.compliance,
        rows.map((r) => r.account_id),
        today,
        template.purpose,
      );
      return rows.map((r) => {
        const c = candidateOf(facts.get(r.account_id)!, template, null);
        return { ...c, stageId: r.stage_id, stageName: r.stage_name };
      });
    },

    /** Close chosen letter tasks as cancelled with the written reason; one audit record each, all or none. */
    async skip(actor: Actor, input: { taskIds: number[]; reason: string }): Promise<{ skipped: number }> {
      const ids = [...new Set(input.taskIds)];
      await ctx.db.transaction().execute(async (trx) => {
        const rows = await trx.selectFrom('collection_task').select(['id', 'account_id', 'kind', 'status', 'detail']).where('id', 'in', ids).execute();
        const byId = new Map(rows.map((r) => [r.id, r]));
        const now = ctx.clock.now().toISOString();
        for (const id of ids) {
          const t = byId.get(id);
          if (t?.kind !== 'letter') throw notFound(`Letter task ${id}`);
          if (t.status !== 'open' && t.status !== 'blocked') throw conflict(`Letter task ${id} is already ${t.status}.`);
          const detail = JSON.stringify({ ...(JSON.parse(t.detail) as Record<string, unknown>), skipped: { reason: input.reason } });
          await trx
            .updateTable('collection_task')
            .set({ status: 'cancelled', note: input.reason, closed_at: now, closed_by: actor.username, detail })
            .where('id', '=', id)
            .execute();
          await appendAudit(trx, ctx.clock, actor, {
            action: 'letter.skip',
            entity: 'account',
            entityId: t.account_id,
            before: { taskId: id, status: t.status },
            after: { taskId: id, status: 'cancelled', reason: input.reason },
          });
        }
      });
      ctx.emit('data.changed', { domains: ['collections', 'stages'] });
      return { skipped: ids.length };
    },

    /**
     * Records a run (template version, pay-by date, filters, the accounts chosen and their tasks) and
     * answers the letters to produce, paper sorted by postal code, and the accounts that cannot get one
     * with the reason. Nothing is sent here: the document pipeline records each letter as it goes out.
     */
    async start(actor: Actor, input: LetterRunStart): Promise<LetterRunPlan> {
      const p = letterRunStartSchema.parse(input);
      const seen = new Set<number>();
      for (const [i, a] of p.accounts.entries()) {
        if (seen.has(a.accountId))
          throw invalid(`accounts.${i}: account ${a.accountId} is chosen twice; one letter per account.`, [{ path: `accounts.${i}`, message: 'twice' }]);
        seen.add(a.accountId);
      }
      const lib = await templates(ctx.db);
      const template = lib.byId.get(p.templateId);
      if (!template) throw notFound(`Letter template ${p.templateId}`);
      if (!template.active) throw conflict(`The template "${template.name}" is retired; restore it or choose another.`);
      const today = await businessToday(ctx.db, ctx.clock);
      const payByDate = p.payByDate ?? addDays(today, LETTER_PAY_BY_DAYS);
      if (payByDate < today) throw invalid(`payByDate: ${payByDate} is before today (${today}).`, [{ path: 'payByDate', message: 'in the past' }]);
      const version = await currentVersion(ctx.db, template.id);
      const facts = await accountFacts(
        ctx.db,
        deps.compliance,
        p.accounts.map((a) => a.accountId),
        today,
        template.purpose,
      );
      const runId = await ctx.db.transaction().execute(async (trx) => {
        const now = ctx.clock.now().toISOString();
        const row = await trx
          .insertInto('letter_run')
          .values({
            template_id: template.id,
            template_version: version,
            filters: JSON.stringify(p.filters),
            pay_by_date: payByDate,
            channel: p.channel,
            email_opted_in: p.emailOptedIn ? 1 : 0,
            account_ids: JSON.stringify(p.accounts.map((a) => a.accountId)),
            task_ids: JSON.stringify(p.accounts.map((a) => a.taskId)),
            created_at: now,
            created_by_id: actor.userId,
            created_by: actor.username,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await appendAudit(trx, ctx.clock, actor, {
          action: 'letterRun.start',
          entity: 'letter_run',
          entityId: row.id,
          after: {
            templateId: template.id,
            version,
            payByDate,
            channel: p.channel,
            emailOptedIn: p.emailOptedIn,
            accounts: p.accounts.length,
            filters: p.filters,
          },
        });
        return row.id;
      });
      return plan({ id: runId, template, version, payByDate, channel: p.channel, emailOptedIn: p.emailOptedIn }, p.accounts, facts);
    },

    /** A run as recorded, to resume it: the letters still to produce are those of accounts without a letter recorded for it. */
    async get(runId: number): Promise<LetterRunView> {
      const run = await ctx.db.selectFrom('letter_run').selectAll().where('id', '=', runId).executeTakeFirst();
      if (!run) throw notFound(`Letter run ${runId}`);
      const lib = await templates(ctx.db);
      const template = lib.byId.get(run.template_id)!;
      const accountIds = numberList.parse(JSON.parse(run.account_ids));
      const taskIds = taskList.parse(JSON.parse(run.task_ids));
      const sent = await lettersOfRun(ctx.db, runId);
      const left = accountIds.map((accountId, i) => ({ accountId, taskId: taskIds[i] ?? null })).filter((a) => !sent.has(a.accountId));
      const today = await businessToday(ctx.db, ctx.clock);
      const facts = await accountFacts(
        ctx.db,
        deps.compliance,
        left.map((a) => a.accountId),
        today,
        template.purpose,
      );
      const channel = run.channel;
      return {
        ...plan(
          { id: run.id, template, version: run.template_version, payByDate: run.pay_by_date, channel, emailOptedIn: run.email_opted_in === 1 },
          left,
          facts,
        ),
        createdAt: run.created_at,
        createdBy: run.created_by,
        accounts: accountIds.length,
        sent: accountIds.filter((id) => sent.has(id)),
      };
    },
  };
}
export type LetterRunsService = ReturnType<typeof createLetterRunsService>;
