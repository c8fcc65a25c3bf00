import { addDays, formatDate, type IsoDate } from '@shared/dates';
import { formatMoney } from '@shared/money';
import type { NachaError, ReturnEntryPreview } from '@shared/domain/returns';
import type { Queryable } from '../../context';
import type { NachaReturnEntry } from './nacha';

/** How far back a return may reach: the longest ACH return window (unauthorized consumer debits) is 60 days. */
export const RETURN_WINDOW_DAYS = 60;
const RETURNABLE = ['ach', 'bank_transfer', 'check'] as const;

interface Candidate {
  id: number;
  number: string | null;
  reference: string | null;
  method: string | null;
  doc_date: string;
  total_cents: number;
  account_id: number;
  account_name: string;
  returned: number | boolean;
  reversed: number | boolean;
}

function payments(db: Queryable) {
  return db
    .selectFrom('document as d')
    .innerJoin('account as a', 'a.id', 'd.account_id')
    .select([
      'd.id',
      'd.number',
      'd.reference',
      'd.method',
      'd.doc_date',
      'd.total_cents',
      'd.account_id',
      'a.name as account_name',
      (eb) => eb.exists(eb.selectFrom('payment_return as r').select('r.id').where('r.payment_document_id', '=', eb.ref('d.id'))).as('returned'),
      (eb) =>
        eb
          .exists(eb.selectFrom('document as v').select('v.id').where('v.related_document_id', '=', eb.ref('d.id')).where('v.kind', '=', 'reversal'))
          .as('reversed'),
    ])
    .where('d.kind', '=', 'payment')
    .where('d.status', '=', 'posted');
}

/**
 * Which payment each return entry undoes (docs/money-in.md, Returned payments). In order:
 *  1. an entry whose original trace number is already on a recorded return is that return again
 *     (listed as already returned and skipped: a file imported twice posts nothing the second time);
 *  2. the payment whose reference, read as digits, is the original trace number (a reference holds no
 *     run of 15 digits, which the card-number guard refuses: write it e.g. 09100001/0000001);
 *  3. else the payment that names the bank account of the entry (routing and account number), of the
 *     entry's amount, within the 60 days before the return and not yet reversed;
 *  4. else the payment of the account whose number is the entry's individual identification number
 *     (where the office's debits carry it), of the entry's amount, paid by ACH, bank transfer or check
 *     within the 60 days before the return and not yet reversed.
 * No payment, or more than one, is an error: nothing in the file posts until it is resolved (a
 * return the rules cannot place is recorded by hand from the payment).
 */
export async function matchReturns(
  db: Queryable,
  file: string,
  entries: readonly NachaReturnEntry[],
  fileDate: string | null,
): Promise<{ entries: ReturnEntryPreview[]; errors: NachaError[] }> {
  const errors: NachaError[] = [];
  const seen = new Map<number, number>();
  const out: ReturnEntryPreview[] = [];
  for (const e of entries) {
    const err = (field: string, reason: string) => errors.push({ file, line: e.line, field, reason });
    const returnDate = e.effectiveDate ?? fileDate;
    const base: ReturnEntryPreview = {
      line: e.line,
      returnCode: e.returnCode,
      originalTrace: e.originalTrace,
      amountCents: e.amountCents,
      returnDate,
      name: e.name,
      accountLast4: e.accountNumber.slice(-4),
      status: 'not_found',
      paymentId: null,
      paymentNumber: null,
      accountId: null,
      accountName: null,
      matchedBy: null,
    };
    const done = await payments(db)
      .innerJoin('payment_return as pr', 'pr.payment_document_id', 'd.id')
      .where('pr.original_trace', '=', e.originalTrace)
      .executeTakeFirst();
    if (done) {
      out.push({
        ...base,
        status: 'already_returned',
        paymentId: done.id,
        paymentNumber: done.number,
        accountId: done.account_id,
        accountName: done.account_name,
        matchedBy: 'trace',
      });
      continue;
    }
    let matchedBy: ReturnEntryPreview['matchedBy'] = 'trace';
    let found: Candidate[] = (
      await payments(db)
        .where('d.reference', 'like', `%${e.originalTrace.slice(-7)}`)
        .execute()
    ).filter((c) => (c.reference ?? '').replace(/\D/g, '') === e.originalTrace);
    if (found.length === 0 && returnDate) {
      matchedBy = 'bank_account';
      found = await payments(db)
        .innerJoin('bank_account as ba', 'ba.id', 'd.bank_account_id')
        .where('ba.routing_number', '=', e.routingNumber)
        .where('ba.account_number', '=', e.accountNumber)
        .where('d.total_cents', '=', e.amountCents)
        .where('d.doc_date', '>=', addDays(returnDate as IsoDate, -RETURN_WINDOW_DAYS))
        .where('d.doc_date', '<=', returnDate)
        .execute();
      found = found.filter((c) => !Number(c.returned) && !Number(c.reversed));
    }
    if (found.length === 0 && e.individualId && returnDate) {
      matchedBy = 'account_number';
      found = await payments(db)
        .where('a.account_number', '=', e.individualId)
        .where('d.total_cents', '=', e.amountCents)
        .where('d.method', 'in', RETURNABLE)
        .where('d.doc_date', '>=', addDays(returnDate as IsoDate, -RETURN_WINDOW_DAYS))
        .where('d.doc_date', '<=', returnDate)
        .execute();
      found = found.filter((c) => !Number(c.returned) && !Number(c.reversed));
    }
    if (found.length === 0) {
      err(
        'original entry trace number',
        `no payment matches: ${e.originalTrace} is no payment's reference, and no ACH, bank transfer or check payment of ${formatMoney(e.amountCents)} on account "${e.individualId}" falls in the ${RETURN_WINDOW_DAYS} days before the return`,
      );
      out.push(base);
      continue;
    }
    if (found.length > 1) {
      err(
        'original entry trace number',
        `matches ${found.length} payments (${found.map((f) => f.number).join(', ')}); record this return by hand from the payment`,
      );
      out.push(base);
      continue;
    }
    const pay = found[0];
    out.push({ ...base, status: 'to_post', paymentId: pay.id, paymentNumber: pay.number, accountId: pay.account_id, accountName: pay.account_name, matchedBy });
    const again = seen.get(pay.id);
    if (again !== undefined) err('original entry trace number', `returns ${pay.number} a second time (line ${again} returns it already)`);
    seen.set(pay.id, e.line);
    if (!(RETURNABLE as readonly (string | null)[]).includes(pay.method))
      err('original entry trace number', `${pay.number} was not paid by ACH, bank transfer or check`);
    if (Number(pay.returned)) err('original entry trace number', `${pay.number} was already recorded as returned`);
    else if (Number(pay.reversed)) err('original entry trace number', `${pay.number} was already reversed`);
    if (pay.total_cents !== e.amountCents) err('amount', `${formatMoney(e.amountCents)} differs from ${pay.number}'s ${formatMoney(pay.total_cents)}`);
    if (returnDate && returnDate < pay.doc_date)
      err('effective entry date', `${formatDate(returnDate)} is before ${pay.number}'s date, ${formatDate(pay.doc_date)}`);
  }
  return { entries: out, errors };
}
