import type { z } from 'zod';
import type {
  AllocationPreview,
  PostingResult,
  Receipt,
  paymentPostSchema,
  previewAllocationSchema,
  applyCreditSchema,
  reversalSchema,
  refundSchema,
} from '@shared/domain/payments';
import type { Actor, Queryable, ServiceContext } from '../../context';
import { conflict, invalid, notFound } from '../../errors';
import { appendAudit } from '../audit';
import { requireUsableBankAccount } from '../bank-accounts';
import { depositOfPayment } from '../deposits';
import { readSetting } from '../settings';
import { discountOffers, discountsTakenWith, requirePaidInFull, takeDiscountsInTrx, withdrawDiscountsInTrx, type DiscountTaken } from './early-discount';
import {
  accountBalance,
  allocate,
  allocateMany,
  businessToday,
  loadDocument,
  maxDate,
  openCredits,
  openDebits,
  planAllocation,
  postNewDocument,
  receivablesDomains,
  requirePostableAccount,
  type DocumentRow,
  type Posting,
} from '../ledger/posting';

type PaymentInput = z.output<typeof paymentPostSchema>;
type PreviewInput = z.output<typeof previewAllocationSchema>;
type ApplyCreditInput = z.output<typeof applyCreditSchema>;
type ReversalInput = z.output<typeof reversalSchema>;
type RefundInput = z.output<typeof refundSchema>;

/**
 * Post a payment in the caller's transaction: number (its receipt number, RCT-), ledger entry,
 * allocations (auto: oldest due first; manual; none), audit record. What is not allocated stays on
 * the account as unapplied credit.
 */
export async function postPaymentInTrx(
  p: Posting,
  input: PaymentInput,
  today: string,
): Promise<{ payment: DocumentRow; appliedCents: number; discounts: DiscountTaken[] }> {
  const acct = await requirePostableAccount(p.trx, input.accountId);
  const date = input.date ?? today;
  if (input.bankAccountId) await requireUsableBankAccount(p.trx, acct.id, input.bankAccountId);
  const payment = await postNewDocument(p, {
    accountId: acct.id,
    kind: 'payment',
    date,
    totalCents: input.amountCents,
    method: input.method,
    checkNumber: input.checkNumber,
    cardLast4: input.cardLast4,
    reference: input.reference,
    memo: input.memo,
    currency: acct.currency,
    bankAccountId: input.bankAccountId ?? null,
  });
  // Discounts first: the cash then pays what is left on those invoices.
  const discounts = input.earlyPaymentDiscounts.length ? await takeDiscountsInTrx(p, payment, input.earlyPaymentDiscounts) : [];
  const open = await openDebits(p.trx, acct.id);
  const plan = planAllocation(open, input.amountCents, input.allocation);
  requirePaidInFull(discounts, new Map(open.map((d) => [d.id, d.open_cents])), new Map(plan.map((l) => [l.debit.id, l.amountCents])));
  const applied = plan.reduce((s, l) => s + l.amountCents, 0);
  await allocateMany(
    p,
    acct.id,
    plan.map((line) => ({
      creditDocumentId: payment.id,
      debitDocumentId: line.debit.id,
      amountCents: line.amountCents,
      effectiveDate: maxDate(date, line.debit.doc_date),
      sourceDocumentId: payment.id,
    })),
  );
  await appendAudit(p.trx, p.clock, p.actor, {
    action: 'payment.post',
    entity: 'document',
    entityId: payment.id,
    after: {
      number: payment.number,
      accountId: acct.id,
      date,
      method: input.method,
      amountCents: input.amountCents,
      ...(input.bankAccountId ? { bankAccountId: input.bankAccountId } : {}),
      allocations: plan.map((l) => ({ documentId: l.debit.id, number: l.debit.number, amountCents: l.amountCents })),
      unappliedCents: input.amountCents - applied,
      ...(discounts.length
        ? { earlyPaymentDiscounts: discounts.map((d) => ({ invoice: d.invoiceNumber, creditNote: d.creditNoteNumber, amountCents: d.amountCents })) }
        : {}),
    },
  });
  return { payment, appliedCents: applied, discounts };
}

/**
 * Apply unapplied credit (payments, credit notes, negative adjustments) to open items, in the caller's
 * transaction. Auto: oldest credit first against oldest due first. Manual: the lines name the open
 * items and amounts; the credits are used oldest first.
 */
export async function applyCreditInTrx(
  p: Posting,
  input: ApplyCreditInput,
  today: string,
): Promise<{ documentId: number; creditDocumentId: number; amountCents: number }[]> {
  await requirePostableAccount(p.trx, input.accountId);
  const date = input.date ?? today;
  let credits = await openCredits(p.trx, input.accountId);
  if (input.creditDocumentIds) {
    const wanted = new Set(input.creditDocumentIds);
    for (const id of wanted) if (!credits.some((c) => c.id === id)) throw conflict(`Document ${id} has no unapplied credit on this account.`);
    credits = credits.filter((c) => wanted.has(c.id));
  }
  const available = credits.reduce((s, c) => s + c.open_cents, 0);
  if (available === 0) throw conflict('This account has no unapplied credit to apply.');
  const debits = await openDebits(p.trx, input.accountId);
  const plan = planAllocation(debits, available, input.allocation);
  const done: { documentId: number; creditDocumentId: number; amountCents: number }[] = [];
  let ci = 0;
  const left = credits.map((c) => c.open_cents);
  for (const line of plan) {
    let need = line.amountCents;
    while (need > 0) {
      while (left[ci] === 0) ci++;
      const c = credits[ci]!;
      const take = Math.min(need, left[ci]!);
      await allocate(p, {
        accountId: input.accountId,
        creditDocumentId: c.id,
        debitDocumentId: line.debit.id,
        amountCents: take,
        effectiveDate: maxDate(date, c.doc_date, line.debit.doc_date),
        sourceDocumentId: null,
      });
      done.push({ documentId: line.debit.id, creditDocumentId: c.id, amountCents: take });
      left[ci]! -= take;
      need -= take;
    }
  }
  if (done.length === 0) throw conflict('There is nothing open on this account to apply the credit to.');
  await appendAudit(p.trx, p.clock, p.actor, { action: 'credit.apply', entity: 'account', entityId: input.accountId, after: { date, allocations: done } });
  return done;
}

/**
 * Reverse a payment (bounced check, returned ACH) in the caller's transaction: a reversal document
 * (debit, REV-) for the payment's amount; every allocation of the payment is undone by a negative
 * allocation, which reopens what it paid; the reversal is then matched against the payment. An
 * optional returned-payment fee is its own fee document (FEE-), an open item due at once.
 */
export async function reversePaymentInTrx(
  p: Posting,
  input: ReversalInput,
  today: string,
): Promise<{ reversal: DocumentRow; fee: DocumentRow | null; withdrawn: DocumentRow[] }> {
  const pay = await loadDocument(p.trx, input.paymentId, 'Payment');
  if (pay.kind !== 'payment' || pay.status !== 'posted')
    throw invalid(`${pay.number ?? `Document ${pay.id}`} is not a posted payment; only payments can be reversed.`);
  const already = await p.trx
    .selectFrom('document')
    .select('number')
    .where('related_document_id', '=', pay.id)
    .where('kind', '=', 'reversal')
    .executeTakeFirst();
  if (already) throw conflict(`Payment ${pay.number} was already reversed by ${already.number}.`);
  const date = input.date ?? today;
  if (date < pay.doc_date) throw invalid(`The reversal date ${date} is before the payment date ${pay.doc_date}.`);
  const reversal = await postNewDocument(p, {
    accountId: pay.account_id,
    kind: 'reversal',
    date,
    totalCents: pay.total_cents,
    reason: input.reason,
    relatedDocumentId: pay.id,
    method: pay.method,
    reference: pay.reference,
    currency: pay.currency,
  });
  const nets = await p.trx
    .selectFrom('allocation')
    .select(['debit_document_id', (eb) => eb.fn.sum<number>('amount_cents').as('net'), (eb) => eb.fn.max('effective_date').as('last')])
    .where('credit_document_id', '=', pay.id)
    .groupBy('debit_document_id')
    .execute();
  const reopened: { documentId: number; amountCents: number }[] = [];
  for (const n of nets) {
    const net = Number(n.net);
    if (net <= 0) continue;
    await allocate(p, {
      accountId: pay.account_id,
      creditDocumentId: pay.id,
      debitDocumentId: n.debit_document_id,
      amountCents: -net,
      effectiveDate: maxDate(date, String(n.last)),
      sourceDocumentId: reversal.id,
    });
    reopened.push({ documentId: n.debit_document_id, amountCents: net });
  }
  await allocate(p, {
    accountId: pay.account_id,
    creditDocumentId: pay.id,
    debitDocumentId: reversal.id,
    amountCents: pay.total_cents,
    effectiveDate: date,
    sourceDocumentId: reversal.id,
  });
  const withdrawn = await withdrawDiscountsInTrx(p, pay, reversal, date);
  let fee: DocumentRow | null = null;
  if (input.feeCents > 0) {
    fee = await postNewDocument(p, {
      accountId: pay.account_id,
      kind: 'fee',
      date,
      dueDate: date,
      totalCents: input.feeCents,
      reason: `Returned payment fee (${pay.number})`,
      relatedDocumentId: reversal.id,
      currency: pay.currency,
    });
    await appendAudit(p.trx, p.clock, p.actor, {
      action: 'fee.post',
      entity: 'document',
      entityId: fee.id,
      after: { number: fee.number, amountCents: fee.total_cents, reversal: reversal.number },
    });
  }
  await appendAudit(p.trx, p.clock, p.actor, {
    action: 'payment.reverse',
    entity: 'document',
    entityId: reversal.id,
    after: {
      number: reversal.number,
      payment: pay.number,
      amountCents: pay.total_cents,
      reason: input.reason,
      reopened,
      fee: fee?.number ?? null,
      ...(withdrawn.length ? { discountsWithdrawn: withdrawn.map((w) => w.number) } : {}),
    },
  });
  return { reversal, fee, withdrawn };
}

/** Refund unapplied credit in the caller's transaction: a refund document (debit, RF-) matched against the credits. */
export async function refundInTrx(p: Posting, input: RefundInput, today: string): Promise<DocumentRow> {
  const acct = await requirePostableAccount(p.trx, input.accountId);
  const date = input.date ?? today;
  let credits = await openCredits(p.trx, acct.id);
  if (input.creditDocumentIds) {
    const wanted = new Set(input.creditDocumentIds);
    for (const id of wanted) if (!credits.some((c) => c.id === id)) throw conflict(`Document ${id} has no unapplied credit on this account.`);
    credits = credits.filter((c) => wanted.has(c.id));
  }
  const available = credits.reduce((s, c) => s + c.open_cents, 0);
  if (input.amountCents > available) throw conflict(`Cannot refund ${input.amountCents} cents: only ${available} cents of unapplied credit are available.`);
  const refund = await postNewDocument(p, {
    accountId: acct.id,
    kind: 'refund',
    date,
    dueDate: date,
    totalCents: input.amountCents,
    method: input.method,
    checkNumber: input.checkNumber,
    reference: input.reference,
    memo: input.memo,
    currency: acct.currency,
  });
  let need: number = input.amountCents;
  const used: { creditDocumentId: number; amountCents: number }[] = [];
  for (const c of credits) {
    if (need === 0) break;
    const take = Math.min(need, c.open_cents);
    await allocate(p, {
      accountId: acct.id,
      creditDocumentId: c.id,
      debitDocumentId: refund.id,
      amountCents: take,
      effectiveDate: maxDate(date, c.doc_date),
      sourceDocumentId: refund.id,
    });
    used.push({ creditDocumentId: c.id, amountCents: take });
    need -= take;
  }
  await appendAudit(p.trx, p.clock, p.actor, {
    action: 'refund.post',
    entity: 'document',
    entityId: refund.id,
    after: { number: refund.number, accountId: acct.id, date, amountCents: input.amountCents, method: input.method, from: used },
  });
  return refund;
}

export async function receiptOf(db: Queryable, paymentId: number): Promise<Receipt> {
  const pay = await db
    .selectFrom('document')
    .innerJoin('account', 'account.id', 'document.account_id')
    .selectAll('document')
    .select(['account.account_number', 'account.name as account_name'])
    .where('document.id', '=', paymentId)
    .executeTakeFirst();
  if (pay?.kind !== 'payment') throw notFound(`Payment ${paymentId}`);
  const allocs = await db
    .selectFrom('allocation')
    .innerJoin('document as d', 'd.id', 'allocation.debit_document_id')
    .select(['d.id', 'd.kind', 'd.number', 'allocation.amount_cents'])
    .where('allocation.credit_document_id', '=', paymentId)
    .where('allocation.source_document_id', '=', paymentId)
    .orderBy('allocation.id')
    .execute();
  const discounts = await discountsTakenWith(db, paymentId);
  const company = await readSetting<{ companyName?: string }>(db, 'company');
  const applied = allocs.reduce((s, a) => s + a.amount_cents, 0);
  // Posting order, not date order: the balance as it stood once this payment and the discount credit
  // notes posted with it were in (entries are numbered as they are written, in one transaction).
  const ownEntries = [paymentId, ...discounts.map((d) => d.creditNoteId)];
  const through = await db
    .selectFrom('ledger_entry')
    .select((eb) => eb.fn.max('id').as('last'))
    .where('document_id', 'in', ownEntries)
    .executeTakeFirstOrThrow();
  const balance = await db
    .selectFrom('ledger_entry')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_cents'), eb.lit(0)).as('b'))
    .where('account_id', '=', pay.account_id)
    .where('id', '<=', Number(through.last))
    .executeTakeFirstOrThrow();
  return {
    receiptNumber: pay.number!,
    paymentId: pay.id,
    date: pay.doc_date,
    companyName: company?.companyName ?? '',
    accountId: pay.account_id,
    accountNumber: pay.account_number,
    accountName: pay.account_name,
    method: pay.method!,
    checkNumber: pay.check_number,
    cardLast4: pay.card_last4,
    reference: pay.reference,
    amountCents: pay.total_cents,
    allocations: allocs.map((a) => ({ documentId: a.id, kind: a.kind, number: a.number, amountCents: a.amount_cents })),
    unappliedCents: pay.total_cents - applied,
    earlyPaymentDiscounts: discounts.map((d) => ({
      documentId: d.invoiceId,
      number: d.invoiceNumber,
      creditNoteNumber: d.creditNoteNumber,
      amountCents: d.amountCents,
    })),
    balanceAfterCents: Number(balance.b),
    clerk: pay.posted_by ?? '',
    postedAt: pay.posted_at!,
  };
}

export function createPaymentsService(ctx: ServiceContext) {
  const posting = <T>(actor: Actor, fn: (p: Posting, today: string) => Promise<T>): Promise<T> =>
    ctx.db.transaction().execute(async (trx) => fn({ trx, clock: ctx.clock, actor }, await businessToday(trx, ctx.clock)));
  const changed = () => ctx.emit('data.changed', { domains: receivablesDomains });

  return {
    /** What posting this amount would apply where, without posting anything. */
    async previewAllocation(input: PreviewInput): Promise<AllocationPreview> {
      const offers = await discountOffers(ctx.db, input.accountId, input.date ?? (await businessToday(ctx.db, ctx.clock)));
      // Discounts asked for that are on offer lower what is open before the cash is planned; the others are left to post() to refuse.
      const taking = new Set(input.earlyPaymentDiscounts.filter((id) => offers.has(id)));
      const open = (await openDebits(ctx.db, input.accountId)).map((d) =>
        taking.has(d.id) ? { ...d, open_cents: d.open_cents - offers.get(d.id)!.amountCents } : d,
      );
      const plan = planAllocation(
        open.filter((d) => d.open_cents > 0),
        input.amountCents,
        input.allocation,
      );
      const byId = new Map(plan.map((l) => [l.debit.id, l.amountCents]));
      const applied = plan.reduce((s, l) => s + l.amountCents, 0);
      return {
        lines: open.map((d) => {
          const offer = offers.get(d.id);
          return {
            documentId: d.id,
            kind: d.kind,
            number: d.number,
            docDate: d.doc_date,
            dueDate: d.due_date ?? d.doc_date,
            openCents: d.open_cents,
            applyCents: byId.get(d.id) ?? 0,
            discountOffer: offer ? { amountCents: offer.amountCents, rateBp: offer.rateBp, until: offer.until } : null,
            discountCents: taking.has(d.id) ? offer!.amountCents : 0,
          };
        }),
        appliedCents: applied,
        unappliedCents: input.amountCents - applied,
      };
    },

    async post(actor: Actor, input: PaymentInput): Promise<PostingResult & { receipt: Receipt }> {
      const r = await posting(actor, async (p, today) => {
        const { payment, discounts } = await postPaymentInTrx(p, input, today);
        return {
          documentId: payment.id,
          number: payment.number!,
          related: discounts.map((d) => ({ documentId: d.creditNoteId, number: d.creditNoteNumber, kind: 'credit_note' })),
          accountBalanceCents: await accountBalance(p.trx, payment.account_id),
          receipt: await receiptOf(p.trx, payment.id),
        };
      });
      changed();
      return r;
    },

    receipt: (paymentId: number) => receiptOf(ctx.db, paymentId),

    async applyCredit(
      actor: Actor,
      input: ApplyCreditInput,
    ): Promise<{ allocations: { documentId: number; creditDocumentId: number; amountCents: number }[]; accountBalanceCents: number; unappliedCents: number }> {
      const r = await posting(actor, async (p, today) => {
        const allocations = await applyCreditInTrx(p, input, today);
        const acct = await p.trx.selectFrom('account').select(['balance_cents', 'unapplied_cents']).where('id', '=', input.accountId).executeTakeFirstOrThrow();
        return { allocations, accountBalanceCents: acct.balance_cents, unappliedCents: acct.unapplied_cents };
      });
      changed();
      return r;
    },

    async reverse(actor: Actor, input: ReversalInput): Promise<PostingResult> {
      const r = await posting(actor, async (p, today) => {
        // A payment the bank already has (in a deposit) comes back as a returned item, which records why.
        const deposit = await depositOfPayment(p.trx, input.paymentId);
        if (deposit)
          throw conflict(`This payment was deposited in ${deposit.number}; record it as a returned item (Returned payments) instead of reversing it.`, {
            depositId: deposit.depositId,
          });
        const { reversal, fee, withdrawn } = await reversePaymentInTrx(p, input, today);
        return {
          documentId: reversal.id,
          number: reversal.number!,
          related: [
            ...(fee ? [{ documentId: fee.id, number: fee.number!, kind: 'fee' }] : []),
            ...withdrawn.map((w) => ({ documentId: w.id, number: w.number!, kind: 'adjustment' })),
          ],
          accountBalanceCents: await accountBalance(p.trx, reversal.account_id),
        };
      });
      changed();
      return r;
    },

    async refund(actor: Actor, input: RefundInput): Promise<PostingResult> {
      const r = await posting(actor, async (p, today) => {
        const refund = await refundInTrx(p, input, today);
        return { documentId: refund.id, number: refund.number!, related: [], accountBalanceCents: await accountBalance(p.trx, refund.account_id) };
      });
      changed();
      return r;
    },
  };
}
export type PaymentsService = ReturnType<typeof createPaymentsService>;
