import { describe, expect, it } from 'vitest';
import type { ImportError, ImportInput } from '@shared/ipc/contract/imports';
import { DomainError } from '../../src-main/backend/errors';
import { verifyStore } from '../../src-main/backend/verify';
import { fixedClock, testBackend, withCompany } from '../support/store';

// Credit notes imported from another system (issue 14, item 2): posted as Ledgerdesk credit notes, applied
// to the invoice they name (applied_amount, else as much as is open), else unapplied credit.
const admin = { userId: 1, username: 'admin' };
const csv = (kind: ImportInput['kind'], name: string, lines: string[]): ImportInput => ({
  kind,
  fileName: name,
  contentBase64: Buffer.from(lines.join('\n')).toString('base64'),
});

async function setup() {
  const b = testBackend({ clock: fixedClock('2025-06-16T15:00:00Z') });
  await withCompany(b);
  await b.services.imports.post(admin, csv('accounts', 'accounts.csv', ['account_number,name', 'A-100,Hartley Dental Group', 'A-101,Maria Gonzalez']));
  await b.services.imports.post(
    admin,
    csv('invoices', 'invoices.csv', [
      'invoice_number,account_number,invoice_date,due_date,amount',
      'OLD-1,A-100,2025-01-10,2025-02-09,100.00',
      'OLD-2,A-100,2025-02-10,2025-03-12,200.00',
      'OLD-3,A-101,2025-03-10,2025-04-09,300.00',
    ]),
  );
  return b;
}
type B = Awaited<ReturnType<typeof setup>>;

function counts(b: B) {
  const q = (sql: string) => (b.ctx.store.sqlite.prepare(sql).get() as { n: number }).n;
  return { documents: q('SELECT count(*) n FROM document'), allocations: q('SELECT count(*) n FROM allocation'), audit: q('SELECT count(*) n FROM audit') };
}

const NOTES = [
  'Credit Memo No,Customer #,Date,Amount,Reason,Invoice,Applied,Memo',
  'CM-1,A-100,2025-05-01,-30.00,Returned kit,OLD-1,,', // as much as is open: all 30 on OLD-1
  'CM-2,A-100,2025-05-02,(250.00),Billing error,OLD-2,120.00,', // 120 on OLD-2, 130 unapplied
  'CM-3,A-101,2025-05-03,25.00,Goodwill,,,Standalone', // no invoice: unapplied
  'CM-4,A-101,2025-05-04,400.00-,Overbilled,OLD-3,,', // over what is open: 300 applied, 100 unapplied
];

describe('imports: credit notes', () => {
  it('applies each to the invoice it names as the file says, keeps the rest unapplied, and posts nothing twice', async () => {
    const b = await setup();
    const p = await b.services.imports.preview(csv('credit_notes', 'credits.csv', NOTES));
    expect(p.errors).toEqual([]);
    expect(p.mapping).toMatchObject({ credit_note_number: 'Credit Memo No', credit_date: 'Date', invoice_number: 'Invoice', applied_amount: 'Applied' });
    expect(p.allocations).toEqual([
      { line: 2, paymentReference: 'CM-1', invoiceNumber: 'OLD-1', appliedCents: 3000, unappliedCents: 0 },
      { line: 3, paymentReference: 'CM-2', invoiceNumber: 'OLD-2', appliedCents: 12000, unappliedCents: 13000 },
      { line: 4, paymentReference: 'CM-3', invoiceNumber: null, appliedCents: 0, unappliedCents: 2500 },
      { line: 5, paymentReference: 'CM-4', invoiceNumber: 'OLD-3', appliedCents: 30000, unappliedCents: 10000 },
    ]);
    expect(p.totals).toMatchObject({ toPost: 4, amountCents: 70500, appliedCents: 45000, unappliedCents: 25500 });
    expect(await b.services.imports.post(admin, csv('credit_notes', 'credits.csv', NOTES))).toMatchObject({ posted: 4, amountCents: 70500 });
    const db = b.ctx.store.sqlite;
    expect(db.prepare("SELECT doc_date, total_cents, open_cents, reason, memo FROM document WHERE kind = 'credit_note' ORDER BY id").all()).toEqual([
      { doc_date: '2025-05-01', total_cents: 3000, open_cents: 0, reason: 'Returned kit', memo: '' },
      { doc_date: '2025-05-02', total_cents: 25000, open_cents: 13000, reason: 'Billing error', memo: '' },
      { doc_date: '2025-05-03', total_cents: 2500, open_cents: 2500, reason: 'Goodwill', memo: 'Standalone' },
      { doc_date: '2025-05-04', total_cents: 40000, open_cents: 10000, reason: 'Overbilled', memo: '' },
    ]);
    expect(db.prepare("SELECT number, open_cents FROM document WHERE kind = 'invoice' ORDER BY id").all()).toEqual([
      { number: 'INV-000001', open_cents: 7000 },
      { number: 'INV-000002', open_cents: 8000 },
      { number: 'INV-000003', open_cents: 0 },
    ]);
    expect((await verifyStore(b)).ok).toBe(true);
    const before = counts(b);
    expect(await b.services.imports.post(admin, csv('credit_notes', 'credits.csv', NOTES))).toMatchObject({ posted: 0, skippedAsDuplicates: 4 });
    expect(counts(b)).toEqual({ ...before, audit: before.audit + 1 });
  });

  it('refuses rows naming the row and column, and posts nothing when any row is wrong', async () => {
    const b = await setup();
    const before = counts(b);
    const err = await b.services.imports
      .post(
        admin,
        csv('credit_notes', 'credits.csv', [
          'credit_note_number,account_number,credit_date,amount,reason,invoice_number,applied_amount',
          'CM-1,A-100,2025-05-01,30.00,Returned kit,OLD-1,', // fine, but nothing posts
          'CM-2,A-100,2025-05-01,30.00,,OLD-1,', // no reason
          'CM-3,A-100,2025-05-01,30.00,Goodwill,OLD-2,40.00', // applies more than the credit
          'CM-4,A-100,2025-05-01,30.00,Goodwill,,10.00', // applied with no invoice
          'CM-5,A-100,2025-07-01,30.00,Goodwill,,', // in the future
          'CM-6,A-100,2025-05-01,"1,23",Goodwill,,', // ambiguous amount
          'CM-7,A-100,2025-05-01,30.00,Goodwill,OLD-3,', // another account's invoice
        ]),
      )
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).message).toMatch(/^credits\.csv: 6 problem\(s\) found; nothing was posted/);
    const errors = ((err as DomainError).details as { errors: ImportError[] }).errors;
    expect(Object.fromEntries(errors.map((e) => [e.line, `${e.column}: ${e.reason}`]))).toEqual({
      3: 'reason: is empty; this column is required',
      4: 'applied_amount: $40.00 is more than what is left of credit note "CM-3" ($30.00 of $30.00)',
      5: 'applied_amount: is given but the row names no invoice; name the invoice it applies to',
      6: 'credit_date: is in the future (Jul 1, 2025; today is Jun 16, 2025)',
      7: 'amount: has a decimal comma or a thousands group that is not 3 digits (1,23); write cents after a point (1234.56)',
      8: 'invoice_number: invoice "OLD-3" belongs to another account, not A-100',
    });
    expect(counts(b)).toEqual(before);
  });
});
