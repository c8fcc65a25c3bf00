import type { DeliveryChannel, OutputProblem } from '@shared/domain/documents';
import type { LetterPurpose as CompliancePurpose } from '@shared/domain/collections';
import { isLetterField, type ComposedLetter, type LetterCompose, type LetterPurpose } from '@shared/domain/letters';
import type { Role } from '@shared/domain/users';
import type { Actor, Queryable, ServiceContext, Trx } from '../../context';
import { DomainError, invalid } from '../../errors';
import { appendAudit } from '../audit';
import type { Caller } from '../compliance';
import type { Services } from '../index';
import { createLetterConsent, lettersByEmailOf } from '../letters/consent';
import { businessToday } from '../ledger/posting';
import type { LetterFacts, LetterMaking, LetterRef } from './letter-facts';
import { loadLetterFacts } from './letter-facts';
import { readDocumentSettings } from './settings';

/**
 * Letters in the document pipeline (docs/letters.md, Composing and recording): what a letter needs to
 * be made (today, the signer), the gates a letter passes when a job is prepared (a run that already
 * sent it, compliance, nothing due, consent to email), and recording each letter that went out in the
 * transaction that archives its PDF.
 */

/**
 * The compliance purpose of a template's: the notices a cease request permits are checked as a notice
 * that a remedy may be invoked (the stricter of the two: attorney representation and bankruptcy still
 * block it); a confirmation or a validation notice is a collection communication.
 */
export function compliancePurposeOf(purpose: LetterPurpose): CompliancePurpose {
  return purpose === 'cease_permitted' ? 'remedy_may_be_invoked' : 'collection';
}

/** Who makes a letter: the signed-in user (their display name signs it) and the business date. */
export async function letterMaking(ctx: ServiceContext, user: { role: Role; display_name?: string } | null, actor: Actor): Promise<LetterMaking> {
  return { today: await businessToday(ctx.db, ctx.clock), clerk: { name: user?.display_name ?? actor.username, role: user?.role ?? null } };
}

const problemOf = (ref: LetterRef, f: LetterFacts, code: OutputProblem['code'], extra: Partial<OutputProblem> = {}): OutputProblem => ({
  ref,
  number: f.templateName,
  accountName: f.account.name,
  code,
  missing: [],
  ...extra,
});

/** The services a letter is made and checked with (an interface: Services is inferred from the services that use this). */
export interface LetterServices {
  services: Services;
}

/** Who asks for a letter: their services, user (role, name) and actor. */
export interface LetterCall extends LetterServices {
  user: { role: Role; display_name?: string } | null;
  actor: Actor;
}

export function createLetterDocuments(ctx: ServiceContext) {
  const consent = createLetterConsent(ctx);

  /**
   * Why this letter cannot go out on the channel now, in the order a clerk would fix them: a run that
   * already sent it, a compliance block (unless a supervisor overrides it: a clerk's override is
   * FORBIDDEN), a collection letter with nothing past due, an email the account did not ask for, a
   * merge field with no value. A stage task the letter answers must be that account's letter task.
   */
  async function gates(
    { services }: LetterServices,
    ref: LetterRef,
    f: LetterFacts,
    channel: DeliveryChannel,
    role: Role | null,
    db: Queryable = ctx.db,
  ): Promise<OutputProblem[]> {
    const out: OutputProblem[] = [];
    if (ref.taskId !== undefined) {
      const t = await db.selectFrom('collection_task').select(['account_id', 'kind']).where('id', '=', ref.taskId).executeTakeFirst();
      if (!t || t.account_id !== ref.accountId || t.kind !== 'letter')
        throw invalid(`taskId: task ${ref.taskId} is not a letter task of this account.`, [{ path: 'taskId', message: 'not a letter task of this account' }]);
    }
    if (ref.runId !== undefined) {
      const sent = await db.selectFrom('letter').select('id').where('run_id', '=', ref.runId).where('account_id', '=', ref.accountId).executeTakeFirst();
      if (sent) out.push(problemOf(ref, f, 'ALREADY_SENT'));
    }
    const check = await services.compliance.checkLetter({ accountId: ref.accountId, purpose: compliancePurposeOf(f.purpose) }, db);
    if (!check.allowed) {
      if (ref.overrideReason === undefined) out.push(problemOf(ref, f, 'BLOCKED', { blocks: check.blocks }));
      else if (role !== 'supervisor' && role !== 'administrator')
        throw new DomainError('FORBIDDEN', `Only a collections supervisor or an administrator can override a compliance block (your role: ${role ?? 'none'}).`);
    }
    if (f.purpose === 'collection' && f.amountPastDueCents <= 0) out.push(problemOf(ref, f, 'NOTHING_DUE'));
    if (channel === 'email' && !(await lettersByEmailOf(db, [ref.accountId])).has(ref.accountId)) out.push(problemOf(ref, f, 'NO_EMAIL_CONSENT'));
    // A field with no value and no fallback: the letter would go out with a blank where it was.
    if (f.missing.length) out.push(problemOf(ref, f, 'MISSING_FIELD', { missing: f.missing }));
    return out;
  }

  /**
   * Records one letter that went out, inside the transaction that archives its PDF: the supervisor's
   * override (compliance `enforce`, checked again here), the letter row with its exact text, the stage
   * task closed as done naming the archive entry, and the `letter.sent` audit record. A failure rolls
   * back the archive row with it.
   */
  async function record(
    trx: Trx,
    { services }: LetterServices,
    caller: Caller,
    input: { ref: LetterRef; facts: LetterFacts; channel: DeliveryChannel; archivedId: number },
  ): Promise<number> {
    const { ref, facts: f } = input;
    const now = ctx.clock.now().toISOString();
    const overrideId =
      ref.overrideReason === undefined
        ? null
        : await services.compliance.assertLetterAllowed(trx, caller, {
            accountId: ref.accountId,
            purpose: compliancePurposeOf(f.purpose),
            override: { reason: ref.overrideReason },
          });
    const row = await trx
      .insertInto('letter')
      .values({
        account_id: ref.accountId,
        template_id: f.templateId,
        template_version: f.version,
        purpose: f.purpose,
        subject: f.subject,
        body_html: f.bodyHtml,
        pay_by_date: f.payByDate,
        task_id: ref.taskId ?? null,
        run_id: ref.runId ?? null,
        override_id: overrideId,
        archived_document_id: input.archivedId,
        channel: input.channel,
        created_at: now,
        created_by_id: caller.actor.userId,
        created_by: caller.actor.username,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    let taskClosed = false;
    if (ref.taskId !== undefined) {
      const t = await trx.selectFrom('collection_task').select(['id', 'status', 'account_id']).where('id', '=', ref.taskId).executeTakeFirst();
      if (t && (t.status === 'open' || t.status === 'blocked')) {
        const note = `Letter sent: ${f.templateName} (version ${f.version}), archive #${input.archivedId}`;
        await trx
          .updateTable('collection_task')
          .set({ status: 'done', note, closed_at: now, closed_by: caller.actor.username })
          .where('id', '=', t.id)
          .execute();
        await appendAudit(trx, ctx.clock, caller.actor, {
          action: 'task.done',
          entity: 'account',
          entityId: t.account_id,
          before: { taskId: t.id, kind: 'letter', status: t.status },
          after: { taskId: t.id, status: 'done', note },
        });
        taskClosed = true;
      }
    }
    await appendAudit(trx, ctx.clock, caller.actor, {
      action: 'letter.sent',
      entity: 'letter',
      entityId: row.id,
      after: {
        accountId: ref.accountId,
        templateId: f.templateId,
        version: f.version,
        purpose: f.purpose,
        channel: input.channel,
        archivedDocumentId: input.archivedId,
        overrideId,
        taskId: ref.taskId ?? null,
        taskClosed,
        runId: ref.runId ?? null,
      },
    });
    return row.id;
  }

  return {
    consent,
    gates,
    record,

    /** letters.compose: the template merged with the account's figures, ready to edit, and what would stop it. */
    async compose(call: LetterCall, input: LetterCompose): Promise<ComposedLetter> {
      const { services } = call;
      const [making, settings, company] = await Promise.all([
        letterMaking(ctx, call.user, call.actor),
        readDocumentSettings(ctx.db),
        services.settings.requireCompany(),
      ]);
      const ref: LetterRef = { kind: 'letter', ...input };
      const f = await loadLetterFacts(services, ref, making, { letterhead: settings.letterhead, companyName: company.companyName });
      if (!f) throw new DomainError('NOT_FOUND', 'The letter template was not found.');
      const [check, byEmail] = await Promise.all([
        services.compliance.checkLetter({ accountId: input.accountId, purpose: compliancePurposeOf(f.purpose) }),
        lettersByEmailOf(ctx.db, [input.accountId]),
      ]);
      return {
        templateId: f.templateId,
        templateName: f.templateName,
        version: f.version,
        purpose: f.purpose,
        subject: f.subject,
        bodyHtml: f.bodyHtml,
        payByDate: f.payByDate,
        missing: f.missing.filter(isLetterField),
        check,
        nothingDue: f.purpose === 'collection' && f.amountPastDueCents <= 0,
        lettersByEmail: byEmail.has(input.accountId),
      };
    },
  };
}
export type LetterDocuments = ReturnType<typeof createLetterDocuments>;
