/**
 * Bank reconciliation (docs/money-in.md, "Reconciliation"): start a period (auto-matching), match and
 * unmatch by hand, explain what is left open, finish (locked, audited) and report. Every change runs in
 * one transaction with its audit record, after checking the reconciliation is still open in it.
 */
import type { z } from 'zod';
import { formatDate } from '@shared/dates';
import { formatMoney } from '@shared/money';
import type {
  Discrepancy,
  ReconciliationItem,
  ReconciliationLine,
  ReconciliationMatchInput,
  ReconciliationNoteInput,
  ReconciliationReport,
  ReconciliationList,
  ReconciliationStart,
  ReconciliationView,
  reconciliationUnmatchSchema,
} from '@shared/domain/reconciliation';
import { type Actor, nowIso, type Queryable, type ServiceContext, type Trx } from '../../context';
import { conflict, invalid, notFound } from '../../errors';
import { appendAudit } from '../audit';
import { workbookInfo } from '../reports/workbook';
import type { SettingsService } from '../settings';
import { findDiscrepancies, proposeMatches } from './match';
import { itemsInScope, linesInScope, type Period } from './scope';
import { reconciliationWorkbook } from './workbook';

const itemKey = (kind: string, id: number) => `${kind}:${id}`;

async function loadPeriod(db: Queryable, id: number) {
  const r = await db
    .selectFrom('reconciliation as r')
    .innerJoin('office_bank_account as o', 'o.id', 'r.office_bank_account_id')
    .leftJoin('app_user as u', 'u.id', 'r.finished_by_id')
    .select([
      'r.id',
      'r.office_bank_account_id',
      'r.period_from',
      'r.period_to',
      'r.status',
      'r.created_at',
      'r.finished_at',
      'r.finished_by',
      'u.display_name',
      'o.name as account_name',
    ])
    .where('r.id', '=', id)
    .executeTakeFirst();
  if (!r) throw notFound('The reconciliation');
  return r;
}

async function openPeriod(trx: Trx, id: number): Promise<Period> {
  const r = await loadPeriod(trx, id);
  if (r.status !== 'open') throw conflict('This reconciliation is finished and locked: nothing in it can change.');
  return { id: r.id, officeBankAccountId: r.office_bank_account_id, periodFrom: r.period_from, periodTo: r.period_to };
}

/** The reconciliation as the screen and the report show it: matches, what is open, discrepancies with their notes. */
export async function reconciliationView(db: Queryable, id: number): Promise<ReconciliationView> {
  const r = await loadPeriod(db, id);
  const period: Period = { id: r.id, officeBankAccountId: r.office_bank_account_id, periodFrom: r.period_from, periodTo: r.period_to };
  const [lines, items, matches, notes] = await Promise.all([
    linesInScope(db, period),
    itemsInScope(db, period),
    db.selectFrom('reconciliation_match').selectAll().where('reconciliation_id', '=', id).orderBy('id').execute(),
    db.selectFrom('reconciliation_note').selectAll().where('reconciliation_id', '=', id).orderBy('id').execute(),
  ]);
  const lineById = new Map(lines.map((l) => [l.id, l]));
  const itemByKey = new Map(items.map((i) => [itemKey(i.kind, i.id), i]));
  const noteOf = new Map(notes.map((n) => [itemKey(n.subject === 'statement_line' ? 'line' : n.subject, n.subject_id), n.note]));
  const matched = matches.flatMap((m) => {
    const line = lineById.get(m.statement_line_id);
    const item = m.deposit_id !== null ? itemByKey.get(itemKey('deposit', m.deposit_id)) : itemByKey.get(itemKey('payment', m.payment_document_id ?? 0));
    return line && item ? [{ id: m.id, method: m.method, line, item }] : [];
  });
  const matchedLines = new Set(matches.map((m) => m.statement_line_id));
  const matchedItems = new Set(matches.map((m) => (m.deposit_id !== null ? itemKey('deposit', m.deposit_id) : itemKey('payment', m.payment_document_id ?? 0))));
  const openLines = lines.filter((l) => l.amountCents > 0 && !matchedLines.has(l.id));
  const openItems = items.filter((i) => !matchedItems.has(itemKey(i.kind, i.id)));
  const found = findDiscrepancies(
    openLines,
    openItems.filter((i) => i.kind === 'deposit'),
    openItems.filter((i) => i.kind === 'payment'),
    { asOf: r.period_to },
  );
  const discrepancies: Discrepancy[] = found.discrepancies.map((d) => {
    const own = d.subject === 'statement_line' ? lineById.get(d.subjectId) : itemByKey.get(itemKey(d.subject, d.subjectId));
    const other = d.related ? itemByKey.get(itemKey(d.related.kind, d.related.id)) : undefined;
    return {
      kind: d.kind,
      subject: d.subject,
      subjectId: d.subjectId,
      relatedSubject: d.related?.kind ?? null,
      relatedId: d.related?.id ?? null,
      amountCents: own?.amountCents ?? 0,
      expectedCents: other?.amountCents ?? null,
      date: own ? ('bookingDate' in own ? own.bookingDate : own.date) : r.period_to,
      note: noteOf.get(itemKey(d.subject === 'statement_line' ? 'line' : d.subject, d.subjectId)) ?? null,
    };
  });
  const sum = (xs: { amountCents: number }[]) => xs.reduce((s, x) => s + x.amountCents, 0);
  return {
    id: r.id,
    officeBankAccountId: r.office_bank_account_id,
    officeBankAccountName: r.account_name,
    periodFrom: r.period_from,
    periodTo: r.period_to,
    status: r.status,
    createdAt: r.created_at,
    finishedAt: r.finished_at,
    // A person's name on screen and in the report; the user name only when the user is gone.
    finishedBy: r.display_name ?? r.finished_by,
    matched,
    unmatchedLines: openLines.map((l) => ({ ...l, note: noteOf.get(itemKey('line', l.id)) ?? null })),
    unmatchedItems: openItems.map((i) => ({ ...i, note: noteOf.get(itemKey(i.kind, i.id)) ?? null })),
    discrepancies,
    notes: notes.map((n) => ({ subject: n.subject, subjectId: n.subject_id, note: n.note, createdAt: n.created_at, createdBy: n.created_by })),
    totals: {
      statementCreditsCents: sum(lines.filter((l) => l.amountCents > 0)),
      matchedCents: sum(matched.map((m) => m.line)),
      unmatchedLinesCents: sum(openLines),
      unmatchedItemsCents: sum(openItems),
    },
  };
}

/** A discrepancy as a clerk names it in a refusal: "the credit of March 3, 2026 ($74.00)". */
export function discrepancyWords(d: Discrepancy): string {
  const what = d.subject === 'statement_line' ? 'the bank credit' : d.subject === 'deposit' ? 'the deposit' : 'the payment';
  return `${what} of ${formatDate(d.date)} (${formatMoney(d.amountCents)})`;
}

export function createReconciliationService(ctx: ServiceContext, deps: { settings: SettingsService }) {
  const audit = (trx: Trx, actor: Actor, action: Parameters<typeof appendAudit>[3]['action'], entityId: number, after: unknown) =>
    appendAudit(trx, ctx.clock, actor, { action, entity: 'reconciliation', entityId, after });
  const changed = () => ctx.emit('data.changed', { domains: ['reconciliation'] });

  return {
    async list(officeBankAccountId?: number): Promise<ReconciliationList> {
      let q = ctx.db
        .selectFrom('reconciliation as r')
        .innerJoin('office_bank_account as o', 'o.id', 'r.office_bank_account_id')
        .select(['r.id', 'r.office_bank_account_id', 'o.name', 'r.period_from', 'r.period_to', 'r.status', 'r.finished_at'])
        .orderBy('r.period_from', 'desc')
        .orderBy('r.id', 'desc');
      if (officeBankAccountId !== undefined) q = q.where('r.office_bank_account_id', '=', officeBankAccountId);
      const [rows, accounts] = await Promise.all([
        q.execute(),
        ctx.db.selectFrom('office_bank_account').select(['id', 'name', 'last4', 'active']).orderBy('name').orderBy('id').execute(),
      ]);
      return {
        officeBankAccounts: accounts.map((a) => ({ id: a.id, name: a.name, last4: a.last4, active: a.active === 1 })),
        reconciliations: rows.map((r) => ({
          id: r.id,
          officeBankAccountId: r.office_bank_account_id,
          officeBankAccountName: r.name,
          periodFrom: r.period_from,
          periodTo: r.period_to,
          status: r.status,
          finishedAt: r.finished_at,
        })),
      };
    },

    get: (id: number) => reconciliationView(ctx.db, id),

    /** The discrepancy report: what was left open with its notes, and what matched; `creator` names who made it. */
    async report(reconciliationId: number, format: 'xlsx', creator: string): Promise<ReconciliationReport> {
      const [view, company] = await Promise.all([reconciliationView(ctx.db, reconciliationId), deps.settings.requireCompany()]);
      const info = workbookInfo(company, 'Bank reconciliation', view.periodTo, creator, ctx.clock.now());
      const bytes = await reconciliationWorkbook(info, view);
      return {
        fileName: `bank-reconciliation-${view.periodFrom}-to-${view.periodTo}.${format}`,
        base64: bytes.toString('base64'),
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      };
    },

    /** Opens the period and records the matcher's proposals as automatic matches. */
    async start(actor: Actor, input: ReconciliationStart): Promise<ReconciliationView> {
      const id = await ctx.db.transaction().execute(async (trx) => {
        const account = await trx.selectFrom('office_bank_account').select(['id', 'name']).where('id', '=', input.officeBankAccountId).executeTakeFirst();
        if (!account) throw notFound('The office bank account');
        const open = await trx
          .selectFrom('reconciliation')
          .select(['id', 'period_from', 'period_to'])
          .where('office_bank_account_id', '=', account.id)
          .where('status', '=', 'open')
          .executeTakeFirst();
        if (open) {
          throw conflict(
            `${account.name} already has an open reconciliation (${formatDate(open.period_from)} to ${formatDate(open.period_to)}): finish it before starting another.`,
          );
        }
        const overlap = await trx
          .selectFrom('reconciliation')
          .select(['period_from', 'period_to'])
          .where('office_bank_account_id', '=', account.id)
          .where('period_from', '<=', input.periodTo)
          .where('period_to', '>=', input.periodFrom)
          .executeTakeFirst();
        if (overlap) {
          throw conflict(
            `${account.name} was already reconciled from ${formatDate(overlap.period_from)} to ${formatDate(overlap.period_to)}: choose a period after it.`,
          );
        }
        const now = nowIso(ctx.clock);
        const row = await trx
          .insertInto('reconciliation')
          .values({
            office_bank_account_id: account.id,
            period_from: input.periodFrom,
            period_to: input.periodTo,
            status: 'open',
            created_at: now,
            created_by_id: actor.userId,
            created_by: actor.username,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const period: Period = { id: row.id, officeBankAccountId: account.id, periodFrom: input.periodFrom, periodTo: input.periodTo };
        const [lines, items] = await Promise.all([linesInScope(trx, period), itemsInScope(trx, period)]);
        const proposed = proposeMatches(
          lines,
          items.filter((i) => i.kind === 'deposit'),
          items.filter((i) => i.kind === 'payment'),
          { asOf: input.periodTo },
        );
        for (const m of proposed.matched) {
          await trx
            .insertInto('reconciliation_match')
            .values({
              reconciliation_id: row.id,
              statement_line_id: m.lineId,
              deposit_id: m.item.kind === 'deposit' ? m.item.id : null,
              payment_document_id: m.item.kind === 'payment' ? m.item.id : null,
              method: 'auto',
              created_at: now,
              created_by_id: actor.userId,
              created_by: actor.username,
            })
            .execute();
        }
        await audit(trx, actor, 'reconciliation.start', row.id, {
          officeBankAccountId: account.id,
          periodFrom: input.periodFrom,
          periodTo: input.periodTo,
          autoMatched: proposed.matched.length,
          ambiguous: proposed.unmatchedLines.filter((u) => u.reason === 'ambiguous').length,
        });
        return row.id;
      });
      changed();
      return reconciliationView(ctx.db, id);
    },

    /** A clerk's match of one statement credit to one deposit or payment of the same amount. */
    async match(actor: Actor, input: ReconciliationMatchInput): Promise<ReconciliationView> {
      await ctx.db.transaction().execute(async (trx) => {
        const period = await openPeriod(trx, input.reconciliationId);
        const view = await reconciliationView(trx, period.id);
        const line = view.unmatchedLines.find((l) => l.id === input.statementLineId);
        if (!line) throw invalid('statementLineId: that statement line is not an unmatched credit of this reconciliation.');
        const kind = input.depositId !== undefined ? 'deposit' : 'payment';
        const itemId = input.depositId ?? input.paymentDocumentId ?? 0;
        const item = view.unmatchedItems.find((i) => i.kind === kind && i.id === itemId);
        if (!item) throw invalid(`${kind === 'deposit' ? 'depositId' : 'paymentDocumentId'}: that ${kind} is not an unmatched item of this reconciliation.`);
        if (item.amountCents !== line.amountCents) {
          throw invalid(
            `The bank credit is ${formatMoney(line.amountCents)} and the ${kind} ${formatMoney(item.amountCents)}: only equal amounts match; explain the difference with a note.`,
          );
        }
        const match = await trx
          .insertInto('reconciliation_match')
          .values({
            reconciliation_id: period.id,
            statement_line_id: line.id,
            deposit_id: kind === 'deposit' ? item.id : null,
            payment_document_id: kind === 'payment' ? item.id : null,
            method: 'manual',
            created_at: nowIso(ctx.clock),
            created_by_id: actor.userId,
            created_by: actor.username,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await audit(trx, actor, 'reconciliation.match', period.id, {
          matchId: match.id,
          statementLineId: line.id,
          [kind === 'deposit' ? 'depositId' : 'paymentDocumentId']: item.id,
        });
      });
      changed();
      return reconciliationView(ctx.db, input.reconciliationId);
    },

    async unmatch(actor: Actor, input: z.output<typeof reconciliationUnmatchSchema>): Promise<ReconciliationView> {
      await ctx.db.transaction().execute(async (trx) => {
        const period = await openPeriod(trx, input.reconciliationId);
        const m = await trx
          .selectFrom('reconciliation_match')
          .selectAll()
          .where('id', '=', input.matchId)
          .where('reconciliation_id', '=', period.id)
          .executeTakeFirst();
        if (!m) throw notFound('The match');
        await trx.deleteFrom('reconciliation_match').where('id', '=', m.id).execute();
        await audit(trx, actor, 'reconciliation.unmatch', period.id, {
          matchId: m.id,
          statementLineId: m.statement_line_id,
          depositId: m.deposit_id,
          paymentDocumentId: m.payment_document_id,
          method: m.method,
        });
      });
      changed();
      return reconciliationView(ctx.db, input.reconciliationId);
    },

    /** The explanation of an open item (replaces an earlier one while the reconciliation is open). */
    async note(actor: Actor, input: ReconciliationNoteInput): Promise<ReconciliationView> {
      await ctx.db.transaction().execute(async (trx) => {
        const period = await openPeriod(trx, input.reconciliationId);
        const view = await reconciliationView(trx, period.id);
        const isOpen =
          input.subject === 'statement_line'
            ? view.unmatchedLines.some((l) => l.id === input.subjectId)
            : view.unmatchedItems.some((i) => i.kind === input.subject && i.id === input.subjectId);
        if (!isOpen) throw invalid('subjectId: only an item left open in this reconciliation takes a note.');
        const before = await trx
          .selectFrom('reconciliation_note')
          .select(['id', 'note'])
          .where('reconciliation_id', '=', period.id)
          .where('subject', '=', input.subject)
          .where('subject_id', '=', input.subjectId)
          .executeTakeFirst();
        const stamp = { note: input.note, created_at: nowIso(ctx.clock), created_by_id: actor.userId, created_by: actor.username };
        if (before) await trx.updateTable('reconciliation_note').set(stamp).where('id', '=', before.id).execute();
        else
          await trx
            .insertInto('reconciliation_note')
            .values({ reconciliation_id: period.id, subject: input.subject, subject_id: input.subjectId, ...stamp })
            .execute();
        await audit(trx, actor, 'reconciliation.note', period.id, {
          subject: input.subject,
          subjectId: input.subjectId,
          before: before?.note ?? null,
          note: input.note,
        });
      });
      changed();
      return reconciliationView(ctx.db, input.reconciliationId);
    },

    /**
     * Finishing locks the reconciliation. Open items are allowed (a deposit in transit, a credit the
     * bank has not explained yet), but every discrepancy must carry a note: refused naming those that do not.
     */
    async finish(actor: Actor, reconciliationId: number): Promise<ReconciliationView> {
      await ctx.db.transaction().execute(async (trx) => {
        const period = await openPeriod(trx, reconciliationId);
        const view = await reconciliationView(trx, period.id);
        const unexplained = view.discrepancies.filter((d) => d.note === null);
        if (unexplained.length > 0) {
          const named = unexplained.slice(0, 5).map(discrepancyWords).join('; ');
          const more = unexplained.length > 5 ? ` and ${unexplained.length - 5} more` : '';
          throw conflict(`Explain every discrepancy before finishing: ${named}${more} ${unexplained.length === 1 ? 'has' : 'have'} no note.`, {
            unexplained: unexplained.map((d) => ({ subject: d.subject, subjectId: d.subjectId })),
          });
        }
        await trx
          .updateTable('reconciliation')
          .set({ status: 'finished', finished_at: nowIso(ctx.clock), finished_by_id: actor.userId, finished_by: actor.username })
          .where('id', '=', period.id)
          .execute();
        await audit(trx, actor, 'reconciliation.finish', period.id, {
          periodFrom: period.periodFrom,
          periodTo: period.periodTo,
          matched: view.matched.length,
          unmatchedLines: view.unmatchedLines.length,
          unmatchedItems: view.unmatchedItems.length,
          discrepancies: view.discrepancies.length,
        });
      });
      changed();
      return reconciliationView(ctx.db, reconciliationId);
    },
  };
}
export type ReconciliationService = ReturnType<typeof createReconciliationService>;
export type { ReconciliationItem, ReconciliationLine };
