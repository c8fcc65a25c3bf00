import type { z } from 'zod';
import { daysBetween } from '@shared/dates';
import { ledgerDescription } from '@shared/domain/ledger-text';
import type { adjustmentSchema, DocumentDetail, LedgerView, writeOffSchema } from '@shared/domain/ledger';
import type { PostingResult } from '@shared/domain/payments';
import type { Actor, Queryable, ServiceContext } from '../../context';
import { conflict, invalid, notFound } from '../../errors';
import { appendAudit } from '../audit';
import type { AccountsService } from '../accounts';
import type { AuditService } from '../audit';
import type { InvoicesService } from '../invoices';
import {
  accountBalance,
  allocate,
  businessToday,
  loadDocument,
  maxDate,
  postNewDocument,
  receivablesDomains,
  requirePostableAccount,
  type DocumentRow,
  type Posting,
} from './posting';

type AdjustmentInput = z.output<typeof adjustmentSchema>;
type WriteOffInput = z.output<typeof writeOffSchema>;

/**
 * Post an adjustment in the caller's transaction. Positive: a debit document, an open item due at once.
 * Negative: a credit document, applied to `applyToDocumentId` when given, else unapplied credit.
 */
export async function postAdjustmentInTrx(p: Posting, input: AdjustmentInput, today: string): Promise<DocumentRow> {
  const acct = await requirePostableAccount(p.trx, input.accountId);
  const date = input.date ?? today;
  const side = input.amountCents > 0 ? 'debit' : 'credit';
  if (side === 'debit' && input.applyToDocumentId) throw invalid('Only a negative adjustment can be applied to an open item.');
  const adj = await postNewDocument(p, {
    accountId: acct.id,
    kind: 'adjustment',
    side,
    date,
    dueDate: date,
    totalCents: Math.abs(input.amountCents),
    reason: input.reason,
    relatedDocumentId: input.applyToDocumentId ?? null,
    currency: acct.currency,
  });
  if (input.applyToDocumentId) {
    const target = await loadDocument(p.trx, input.applyToDocumentId);
    const amt = Math.min(target.open_cents, adj.total_cents);
    if (amt <= 0) throw conflict(`${target.number ?? `Document ${target.id}`} has nothing open to adjust.`);
    await allocate(p, {
      accountId: acct.id,
      creditDocumentId: adj.id,
      debitDocumentId: target.id,
      amountCents: amt,
      effectiveDate: maxDate(date, target.doc_date),
      sourceDocumentId: adj.id,
    });
  }
  await appendAudit(p.trx, p.clock, p.actor, {
    action: 'adjustment.post',
    entity: 'document',
    entityId: adj.id,
    after: { number: adj.number, accountId: acct.id, date, amountCents: input.amountCents, reason: input.reason, appliedTo: input.applyToDocumentId ?? null },
  });
  return adj;
}

/** Write off (part of) an open item in the caller's transaction. The role check (supervisors) is the endpoint's. */
export async function postWriteOffInTrx(p: Posting, input: WriteOffInput, today: string): Promise<DocumentRow> {
  const target = await loadDocument(p.trx, input.invoiceId, 'Invoice');
  if (target.side !== 'debit' || target.status !== 'posted')
    throw invalid(`${target.number ?? `Document ${target.id}`} is not a posted open item; only invoices, fees and charges can be written off.`);
  const amount = input.amountCents ?? target.open_cents;
  if (target.open_cents === 0) throw conflict(`${target.number} is paid in full; there is nothing to write off.`);
  if (amount > target.open_cents) throw conflict(`Cannot write off ${amount} cents: only ${target.open_cents} cents are open on ${target.number}.`);
  await requirePostableAccount(p.trx, target.account_id);
  const date = input.date ?? today;
  const wo = await postNewDocument(p, {
    accountId: target.account_id,
    kind: 'write_off',
    date,
    totalCents: amount,
    reason: input.reason,
    relatedDocumentId: target.id,
    currency: target.currency,
  });
  await allocate(p, {
    accountId: target.account_id,
    creditDocumentId: wo.id,
    debitDocumentId: target.id,
    amountCents: amount,
    effectiveDate: maxDate(date, target.doc_date),
    sourceDocumentId: wo.id,
  });
  await appendAudit(p.trx, p.clock, p.actor, {
    action: 'writeOff.post',
    entity: 'document',
    entityId: wo.id,
    after: { number: wo.number, document: target.number, amountCents: amount, reason: input.reason, approvedBy: p.actor.username },
  });
  return wo;
}

/** Each invoice's first line and its line count, for the ledger's Description (one indexed read per 500 invoices). */
async function invoiceLines(db: Queryable, invoiceIds: number[]): Promise<Map<number, { first: { itemCode: string; description: string }; count: number }>> {
  const out = new Map<number, { first: { itemCode: string; description: string }; count: number }>();
  for (let k = 0; k < invoiceIds.length; k += 500) {
    const lines = await db
      .selectFrom('invoice_line')
      .select(['document_id', 'item_code', 'description'])
      .where('document_id', 'in', invoiceIds.slice(k, k + 500))
      .orderBy('document_id')
      .orderBy('line_no')
      .execute();
    for (const l of lines) {
      const seen = out.get(l.document_id);
      if (seen) seen.count++;
      else out.set(l.document_id, { first: { itemCode: l.item_code, description: l.description }, count: 1 });
    }
  }
  return out;
}

export function createLedgerService(ctx: ServiceContext, deps: { accounts: AccountsService; invoices: InvoicesService; audit: AuditService }) {
  const posting = <T>(actor: Actor, fn: (p: Posting, today: string) => Promise<T>): Promise<T> =>
    ctx.db.transaction().execute(async (trx) => fn({ trx, clock: ctx.clock, actor }, await businessToday(trx, ctx.clock)));
  const changed = () => ctx.emit('data.changed', { domains: receivablesDomains });

  return {
    /** The account ledger: every posted document in date order with a running balance; open items; unapplied credit; totals. */
    async get(accountId: number, asOfInput?: string): Promise<LedgerView> {
      const summaries = await deps.accounts.summaries([accountId]);
      const account = summaries.get(accountId);
      if (!account) throw notFound(`Account ${accountId}`);
      const asOf = asOfInput ?? (await businessToday(ctx.db, ctx.clock));
      const rows = await ctx.db
        .selectFrom('ledger_entry as e')
        .innerJoin('document as d', 'd.id', 'e.document_id')
        .leftJoin('document as r', 'r.id', 'd.related_document_id')
        .select([
          'e.document_id',
          'e.entry_date',
          'e.amount_cents',
          'd.kind',
          'd.side',
          'd.number',
          'd.due_date',
          'd.doc_date',
          'd.total_cents',
          'd.open_cents',
          'd.method',
          'd.check_number',
          'd.card_last4',
          'd.reason',
          'd.memo',
          'r.number as related_number',
        ])
        .where('e.account_id', '=', accountId)
        .orderBy('e.entry_date')
        .orderBy('e.id')
        .execute();
      const lines = await invoiceLines(
        ctx.db,
        rows.filter((r) => r.kind === 'invoice').map((r) => r.document_id),
      );
      let running = 0;
      let debits = 0;
      let credits = 0;
      const entries = rows.map((r) => {
        running += r.amount_cents;
        if (r.amount_cents > 0) debits += r.amount_cents;
        else credits -= r.amount_cents;
        return {
          documentId: r.document_id,
          kind: r.kind,
          number: r.number,
          date: r.entry_date,
          dueDate: r.due_date,
          description: ledgerDescription({
            kind: r.kind,
            method: r.method,
            checkNumber: r.check_number,
            cardLast4: r.card_last4,
            reason: r.reason,
            memo: r.memo,
            relatedNumber: r.related_number,
            firstLine: lines.get(r.document_id)?.first ?? null,
            lineCount: lines.get(r.document_id)?.count ?? 0,
          }),
          amountCents: r.amount_cents,
          debitCents: Math.max(0, r.amount_cents),
          creditCents: Math.max(0, -r.amount_cents),
          runningBalanceCents: running,
          openCents: r.open_cents,
        };
      });
      const openItems = rows
        .filter((r) => r.side === 'debit' && r.open_cents > 0)
        .sort((a, b) => (a.due_date! < b.due_date! ? -1 : a.due_date! > b.due_date! ? 1 : a.document_id - b.document_id))
        .map((r) => ({
          documentId: r.document_id,
          kind: r.kind,
          number: r.number,
          docDate: r.doc_date,
          dueDate: r.due_date!,
          totalCents: r.total_cents,
          openCents: r.open_cents,
          daysPastDue: Math.max(0, daysBetween(r.due_date!, asOf)),
        }));
      const unappliedCredits = rows
        .filter((r) => r.side === 'credit' && r.open_cents > 0)
        .map((r) => ({
          documentId: r.document_id,
          kind: r.kind,
          number: r.number,
          date: r.doc_date,
          amountCents: r.total_cents,
          unappliedCents: r.open_cents,
        }));
      const openCents = openItems.reduce((s, o) => s + o.openCents, 0);
      return {
        account,
        asOf,
        entries,
        openItems,
        unappliedCredits,
        totals: {
          debitsCents: debits,
          creditsCents: credits,
          balanceCents: running,
          openCents,
          pastDueCents: openItems.filter((o) => o.dueDate < asOf).reduce((s, o) => s + o.openCents, 0),
          unappliedCents: unappliedCredits.reduce((s, c) => s + c.unappliedCents, 0),
        },
      };
    },

    /** Drill into any document: header, invoice lines, allocations both ways, related documents, audit trail. */
    async document(documentId: number): Promise<DocumentDetail> {
      const d = await ctx.db
        .selectFrom('document')
        .innerJoin('account', 'account.id', 'document.account_id')
        .selectAll('document')
        .select(['account.account_number', 'account.name as account_name'])
        .where('document.id', '=', documentId)
        .executeTakeFirst();
      if (!d) throw notFound(`Document ${documentId}`);
      const otherSide = d.side === 'debit' ? 'credit_document_id' : 'debit_document_id';
      const mySide = d.side === 'debit' ? 'debit_document_id' : 'credit_document_id';
      const allocs = await ctx.db
        .selectFrom('allocation as a')
        .innerJoin('document as o', 'o.id', `a.${otherSide}`)
        .select(['a.id', 'o.id as other_id', 'o.kind', 'o.number', 'a.amount_cents', 'a.effective_date', 'a.created_at', 'a.created_by'])
        .where(`a.${mySide}`, '=', documentId)
        .orderBy('a.id')
        .execute();
      const related = d.related_document_id
        ? await ctx.db.selectFrom('document').select(['id', 'kind', 'number']).where('id', '=', d.related_document_id).executeTakeFirst()
        : undefined;
      const referencedBy = await ctx.db
        .selectFrom('document')
        .select(['id', 'kind', 'number'])
        .where('related_document_id', '=', documentId)
        .orderBy('id')
        .execute();
      return {
        id: d.id,
        accountId: d.account_id,
        accountNumber: d.account_number,
        accountName: d.account_name,
        kind: d.kind,
        side: d.side,
        status: d.status,
        number: d.number,
        date: d.doc_date,
        dueDate: d.due_date,
        totalCents: d.total_cents,
        openCents: d.open_cents,
        method: d.method,
        checkNumber: d.check_number,
        cardLast4: d.card_last4,
        reference: d.reference,
        reason: d.reason,
        memo: d.memo,
        relatedDocument: related ?? null,
        referencedBy,
        invoice: d.kind === 'invoice' ? await deps.invoices.get(d.id) : null,
        allocations: allocs.map((a) => ({
          id: a.id,
          documentId: a.other_id,
          kind: a.kind,
          number: a.number,
          amountCents: a.amount_cents,
          effectiveDate: a.effective_date,
          createdAt: a.created_at,
          createdBy: a.created_by,
        })),
        audit: await deps.audit.list({ entity: 'document', entityId: String(d.id), limit: 100 }),
        postedAt: d.posted_at,
        postedBy: d.posted_by,
      };
    },

    async postAdjustment(actor: Actor, input: AdjustmentInput): Promise<PostingResult> {
      const r = await posting(actor, async (p, today) => {
        const adj = await postAdjustmentInTrx(p, input, today);
        return { documentId: adj.id, number: adj.number!, related: [], accountBalanceCents: await accountBalance(p.trx, adj.account_id) };
      });
      changed();
      return r;
    },

    async postWriteOff(actor: Actor, input: WriteOffInput): Promise<PostingResult> {
      const r = await posting(actor, async (p, today) => {
        const wo = await postWriteOffInTrx(p, input, today);
        return { documentId: wo.id, number: wo.number!, related: [], accountBalanceCents: await accountBalance(p.trx, wo.account_id) };
      });
      changed();
      return r;
    },
  };
}
export type LedgerService = ReturnType<typeof createLedgerService>;
