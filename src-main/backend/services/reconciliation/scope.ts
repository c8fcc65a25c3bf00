/**
 * What a reconciliation looks at: the credits of its office account's imported statements booked in
 * the period, and the deposits to that account and single electronic payments dated from `window`
 * business days before the period to its end; anything another reconciliation matched stays out.
 */
import { sql } from 'kysely';
import { DEFAULT_MATCH_WINDOW_DAYS, electronicPaymentMethods, type ReconciliationItem, type ReconciliationLine } from '@shared/domain/reconciliation';
import type { Queryable } from '../../context';
import { businessDaysBefore } from './business-days';

export interface Period {
  id: number;
  officeBankAccountId: number;
  periodFrom: string;
  periodTo: string;
}

const notMatchedElsewhere = (column: string, reconciliationId: number) =>
  sql<boolean>`NOT EXISTS (SELECT 1 FROM reconciliation_match m WHERE m.${sql.ref(column)} = x.id AND m.reconciliation_id <> ${reconciliationId})`;

/** Statement lines in scope (credits and debits; the matcher looks at credits only). */
export async function linesInScope(db: Queryable, p: Period): Promise<ReconciliationLine[]> {
  const rows = await sql<{
    id: number;
    booking_date: string;
    amount_cents: number;
    bank_reference: string | null;
    customer_reference: string | null;
    description: string;
  }>`
    SELECT x.id, x.booking_date, x.amount_cents, x.bank_reference, x.customer_reference, x.description
    FROM bank_statement_line x JOIN bank_statement s ON s.id = x.statement_id
    WHERE (s.office_bank_account_id = ${p.officeBankAccountId} OR s.office_bank_account_id IS NULL)
      AND x.booking_date BETWEEN ${p.periodFrom} AND ${p.periodTo}
      AND ${notMatchedElsewhere('statement_line_id', p.id)}
    ORDER BY x.booking_date, x.id`.execute(db);
  return rows.rows.map((r) => ({
    id: r.id,
    bookingDate: r.booking_date,
    amountCents: r.amount_cents,
    bankReference: r.bank_reference ?? '',
    customerReference: r.customer_reference ?? '',
    description: r.description,
  }));
}

/** Deposits to the account and electronic payments (posted, not reversed, in no deposit) in scope. */
export async function itemsInScope(db: Queryable, p: Period, windowDays = DEFAULT_MATCH_WINDOW_DAYS): Promise<ReconciliationItem[]> {
  const from = businessDaysBefore(p.periodFrom, windowDays);
  const deposits = await sql<{ id: number; number: string; deposit_date: string; total_cents: number; memo: string }>`
    SELECT x.id, x.number, x.deposit_date, x.total_cents, x.memo FROM deposit x
    WHERE x.office_bank_account_id = ${p.officeBankAccountId} AND x.deposit_date BETWEEN ${from} AND ${p.periodTo}
      AND ${notMatchedElsewhere('deposit_id', p.id)}
    ORDER BY x.deposit_date, x.id`.execute(db);
  const payments = await sql<{
    id: number;
    number: string | null;
    doc_date: string;
    total_cents: number;
    method: string;
    reference: string;
    check_number: string;
    account_name: string;
  }>`
    SELECT x.id, x.number, x.doc_date, x.total_cents, x.method, x.reference, x.check_number, a.name AS account_name
    FROM document x JOIN account a ON a.id = x.account_id
    WHERE x.kind = 'payment' AND x.status = 'posted' AND x.method IN (${sql.join([...electronicPaymentMethods])})
      AND x.doc_date BETWEEN ${from} AND ${p.periodTo}
      AND NOT EXISTS (SELECT 1 FROM document r WHERE r.related_document_id = x.id AND r.kind = 'reversal')
      AND NOT EXISTS (SELECT 1 FROM deposit_payment dp WHERE dp.payment_document_id = x.id)
      AND ${notMatchedElsewhere('payment_document_id', p.id)}
    ORDER BY x.doc_date, x.id`.execute(db);
  return [
    ...deposits.rows.map(
      (d): ReconciliationItem => ({
        kind: 'deposit',
        id: d.id,
        number: d.number,
        date: d.deposit_date,
        amountCents: d.total_cents,
        method: null,
        reference: d.memo,
        checkNumber: '',
        accountName: null,
      }),
    ),
    ...payments.rows.map(
      (d): ReconciliationItem => ({
        kind: 'payment',
        id: d.id,
        number: d.number ?? '',
        date: d.doc_date,
        amountCents: d.total_cents,
        method: d.method,
        reference: d.reference,
        checkNumber: d.check_number,
        accountName: d.account_name,
      }),
    ),
  ];
}
