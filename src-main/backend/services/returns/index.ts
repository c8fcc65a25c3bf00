import { Buffer } from 'node:buffer';
import type { z } from 'zod';
import { isAchReturnCode, returnReason, returnReasonText } from '@shared/domain/nacha';
import { paymentMethodLabels, type PaymentMethod } from '@shared/domain/payments';
import type {
  PaymentReturn,
  ReturnEntryPreview,
  ReturnSource,
  ReturnsImportResult,
  ReturnsPreview,
  returnRecordSchema,
  returnsFileSchema,
  returnsListSchema,
} from '@shared/domain/returns';
import type { PostingResult } from '@shared/domain/payments';
import type { Actor, Queryable, ServiceContext } from '../../context';
import { nowIso } from '../../context';
import { conflict, invalid } from '../../errors';
import { appendAudit } from '../audit';
import { markBankAccountUnusableInTrx } from '../bank-accounts';
import { accountBalance, businessToday, loadDocument, receivablesDomains, type DocumentRow, type Posting } from '../ledger/posting';
import { reversePaymentInTrx } from '../payments';
import { matchReturns } from './match';
import { parseNachaReturns } from './nacha';

type RecordInput = z.output<typeof returnRecordSchema>;
type FileInput = z.output<typeof returnsFileSchema>;
type ListInput = z.output<typeof returnsListSchema>;

/** Methods that can come back from the bank: ACH R-codes for electronic debits (and converted checks), check reasons for checks. */
function requireReturnable(pay: DocumentRow, code: string): void {
  const method = pay.method as PaymentMethod | null;
  if (method !== 'ach' && method !== 'bank_transfer' && method !== 'check')
    throw invalid(
      `${pay.number} was paid ${method ? `by ${paymentMethodLabels[method].toLowerCase()}` : 'without a method'}; only check, ACH and bank transfer payments come back as returned items.`,
    );
  if (!isAchReturnCode(code) && method !== 'check')
    throw invalid(`${returnReasonText(code)} is a reason for a bounced check; ${pay.number} was not paid by check.`);
}

/**
 * Record a returned payment in the caller's transaction: the existing reversal (reopens what the payment
 * paid, posts the returned-payment fee), the payment_return record with its reason code, and the audit
 * record. Deposited payments take this path (a return is how a deposited payment is undone).
 */
export async function recordReturnInTrx(
  p: Posting,
  input: RecordInput,
  today: string,
  source: { kind: ReturnSource; fileName: string | null; originalTrace: string | null },
): Promise<{ payment: DocumentRow; reversal: DocumentRow; fee: DocumentRow | null; withdrawn: DocumentRow[]; returnId: number }> {
  const pay = await loadDocument(p.trx, input.paymentId, 'Payment');
  if (pay.kind !== 'payment') throw invalid(`${pay.number ?? `Document ${pay.id}`} is not a payment; only payments come back returned.`);
  requireReturnable(pay, input.returnCode);
  const earlier = await p.trx.selectFrom('payment_return').select('return_date').where('payment_document_id', '=', pay.id).executeTakeFirst();
  if (earlier) throw conflict(`Payment ${pay.number} was already recorded as returned (${earlier.return_date}).`);
  const reasonText = returnReasonText(input.returnCode);
  const { reversal, fee, withdrawn } = await reversePaymentInTrx(
    p,
    { paymentId: pay.id, date: input.returnDate, reason: `Returned: ${reasonText}${input.note ? `. ${input.note}` : ''}`, feeCents: input.feeCents },
    today,
  );
  const row = await p.trx
    .insertInto('payment_return')
    .values({
      payment_document_id: pay.id,
      reversal_document_id: reversal.id,
      return_code: input.returnCode,
      return_date: input.returnDate,
      source: source.kind,
      file_name: source.fileName,
      original_trace: source.originalTrace,
      created_at: nowIso(p.clock),
      created_by: p.actor.username,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // A return that says the account is gone or not to be debited blocks the bank account the payment came from.
  const blocksAccount = (returnReason(input.returnCode)?.marksAccountUnusable ?? false) && pay.bank_account_id !== null;
  if (blocksAccount) await markBankAccountUnusableInTrx(p, pay.bank_account_id!, input.returnCode);
  await appendAudit(p.trx, p.clock, p.actor, {
    action: 'payment.return',
    entity: 'document',
    entityId: pay.id,
    after: {
      payment: pay.number,
      reversal: reversal.number,
      fee: fee?.number ?? null,
      returnCode: input.returnCode,
      returnDate: input.returnDate,
      source: source.kind,
      fileName: source.fileName,
      marksAccountUnusable: returnReason(input.returnCode)?.marksAccountUnusable ?? false,
      bankAccountMarkedUnusable: blocksAccount ? pay.bank_account_id : null,
    },
  });
  return { payment: pay, reversal, fee, withdrawn, returnId: row.id };
}

async function listReturns(db: Queryable, input: ListInput): Promise<PaymentReturn[]> {
  let q = db
    .selectFrom('payment_return as r')
    .innerJoin('document as p', 'p.id', 'r.payment_document_id')
    .innerJoin('document as v', 'v.id', 'r.reversal_document_id')
    .innerJoin('account as a', 'a.id', 'p.account_id')
    .select([
      'r.id',
      'r.payment_document_id as paymentId',
      'p.number as paymentNumber',
      'p.account_id as accountId',
      'a.name as accountName',
      'p.method',
      'p.total_cents as amountCents',
      'v.id as reversalId',
      'v.number as reversalNumber',
      'r.return_code as returnCode',
      'r.return_date as returnDate',
      'r.source',
      'r.file_name as fileName',
      'r.created_at as createdAt',
      'r.created_by as createdBy',
    ])
    .orderBy('r.return_date', 'desc')
    .orderBy('r.id', 'desc')
    .limit(input.limit);
  if (input.accountId) q = q.where('p.account_id', '=', input.accountId);
  const rows = await q.execute();
  return rows.map((r) => ({ ...r, paymentNumber: r.paymentNumber ?? '', reversalNumber: r.reversalNumber ?? '' }));
}

export function createReturnsService(ctx: ServiceContext) {
  const changed = () => ctx.emit('data.changed', { domains: receivablesDomains });

  /** Parse and match a return file; preview and import read it the same way. */
  async function read(db: Queryable, input: FileInput): Promise<ReturnsPreview> {
    const text = Buffer.from(input.contentBase64, 'base64').toString('latin1');
    const parsed = parseNachaReturns(input.fileName, text);
    const { entries, errors } = await matchReturns(db, input.fileName, parsed.entries, parsed.fileDate);
    const all = [...parsed.errors, ...errors].sort((a, b) => a.line - b.line);
    const toPost = all.length ? [] : entries.filter((e) => e.status === 'to_post');
    return {
      fileName: input.fileName,
      fileDate: parsed.fileDate,
      entries,
      errors: all,
      totals: {
        entries: entries.length,
        toPost: toPost.length,
        alreadyReturned: entries.filter((e) => e.status === 'already_returned').length,
        amountCents: toPost.reduce((s, e) => s + e.amountCents, 0),
      },
    };
  }

  return {
    async record(actor: Actor, input: RecordInput): Promise<PostingResult> {
      const r = await ctx.db.transaction().execute(async (trx) => {
        const p = { trx, clock: ctx.clock, actor };
        const { reversal, fee, withdrawn } = await recordReturnInTrx(p, input, await businessToday(trx, ctx.clock), {
          kind: 'manual',
          fileName: null,
          originalTrace: null,
        });
        return {
          documentId: reversal.id,
          number: reversal.number!,
          related: [
            ...(fee ? [{ documentId: fee.id, number: fee.number!, kind: 'fee' }] : []),
            ...withdrawn.map((w) => ({ documentId: w.id, number: w.number!, kind: 'adjustment' })),
          ],
          accountBalanceCents: await accountBalance(trx, reversal.account_id),
        };
      });
      changed();
      return r;
    },

    preview: (input: FileInput): Promise<ReturnsPreview> => read(ctx.db, input),

    /** Post every return in the file in one transaction, or nothing; entries already returned are skipped (re-import posts nothing twice). */
    async importNacha(actor: Actor, input: FileInput): Promise<ReturnsImportResult> {
      const r = await ctx.db.transaction().execute(async (trx) => {
        const preview = await read(trx, input);
        if (preview.errors.length)
          throw invalid(
            `${input.fileName} has ${preview.errors.length} problem(s); nothing was posted. First: line ${preview.errors[0].line}, ${preview.errors[0].field}: ${preview.errors[0].reason}`,
            {
              errors: preview.errors.slice(0, 200),
            },
          );
        const today = await businessToday(trx, ctx.clock);
        const p = { trx, clock: ctx.clock, actor };
        const posted: ReturnsImportResult['posted'] = [];
        for (const e of preview.entries.filter((x): x is ReturnEntryPreview & { paymentId: number } => x.status === 'to_post' && x.paymentId !== null)) {
          const returnDate = e.returnDate ?? today;
          const { payment, reversal } = await recordReturnInTrx(
            p,
            { paymentId: e.paymentId, returnCode: e.returnCode, returnDate, feeCents: input.feeCents, note: `Return file ${input.fileName}, line ${e.line}` },
            today,
            { kind: 'nacha', fileName: input.fileName, originalTrace: e.originalTrace },
          );
          posted.push({ paymentNumber: payment.number!, reversalNumber: reversal.number!, returnCode: e.returnCode });
        }
        return { fileName: input.fileName, posted, alreadyReturned: preview.totals.alreadyReturned };
      });
      if (r.posted.length) changed();
      return r;
    },

    list: (input: ListInput): Promise<PaymentReturn[]> => listReturns(ctx.db, input),
  };
}
export type ReturnsService = ReturnType<typeof createReturnsService>;
