import { describe, expect, it } from 'vitest';
import type { ImportError, ImportInput } from '@shared/ipc/contract/imports';
import { DomainError } from '../../src-main/backend/errors';
import { verifyStore } from '../../src-main/backend/verify';
import { fixedClock, testBackend, withCompany } from '../support/store';

// Payments imported "as in the file" (issue 14, item 1): each row names the invoice it pays and how much;
// rows sharing a payment reference are one payment; the rest stays unapplied credit.
const admin = { userId: 1, username: 'admin' };
type B = Awaited<ReturnType<typeof setup>>;

async function setup() {
  const b = testBackend({ clock: fixedClock('2025-06-16T15:00:00Z') });
  await withCompany(b);
  return b;
}

function file(kind: ImportInput['kind'], name: string, lines: string[], extra: Partial<ImportInput> = {}): ImportInput {
  return { kind, fileName: name, contentBase64: Buffer.from(lines.join('\n')).toString('base64'), ...extra };
}
const asInFile = (name: string, lines: string[]) => file('payments', name, lines, { allocationMode: 'as_in_file' });

async function withBook(b: B) {
  const accounts = file('accounts', 'accounts.csv', ['account_number,name', 'A-100,Hartley Dental Group', 'A-101,Maria Gonzalez']);
  expect((await b.services.imports.post(admin, accounts)).posted).toBe(2);
  const invoices = file('invoices', 'invoices.csv', [
    'invoice_number,account_number,invoice_date,due_date,amount',
    'OLD-1,A-100,2025-01-10,2025-02-09,100.00',
    'OLD-2,A-100,2025-02-10,2025-03-12,200.00',
    'OLD-3,A-100,2025-03-10,2025-04-09,300.00',
    'OLD-4,A-101,2025-04-01,2025-05-01,80.00',
  ]);
  expect((await b.services.imports.post(admin, invoices)).posted).toBe(4);
}

function counts(b: B) {
  const q = (sql: string) => (b.ctx.store.sqlite.prepare(sql).get() as { n: number }).n;
  return {
    documents: q('SELECT count(*) n FROM document'),
    allocations: q('SELECT count(*) n FROM allocation'),
    keys: q('SELECT count(*) n FROM import_key'),
    audit: q('SELECT count(*) n FROM audit'),
  };
}

async function refused(b: B, i: ImportInput): Promise<ImportError[]> {
  const before = counts(b);
  const err = await b.services.imports.post(admin, i).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(DomainError);
  expect((err as DomainError).code).toBe('VALIDATION');
  expect((err as DomainError).message).toMatch(new RegExp(`^${i.fileName}: `));
  expect(counts(b)).toEqual(before);
  return ((err as DomainError).details as { errors: ImportError[] }).errors;
}

const PAYMENTS = [
  'payment_reference,account_number,payment_date,amount,method,check_number,invoice_number,applied_amount',
  // One check paying two invoices in part: 250 + 100 applied, 150 stays unapplied.
  'P-1,A-100,2025-05-02,500.00,check,1001,OLD-3,250.00',
  'P-1,A-100,2025-05-02,500.00,check,1001,OLD-1,100.00',
  // A single row naming an invoice without applied_amount: as much as is open (60 of OLD-2's 200).
  'P-2,A-100,2025-05-03,60.00,ach,,OLD-2,',
  // A payment naming no invoice: a payment on account, all unapplied.
  'P-3,A-101,2025-05-04,45.00,cash,,,',
  // An overpayment: OLD-4 is paid in full (80), the other 40 stays unapplied.
  'P-4,A-101,2025-05-05,120.00,cash,,OLD-4,',
];

describe('imports: payments as in the file', () => {
  it('previews per row what is applied and what stays unapplied, posts exactly that, and posts nothing twice', async () => {
    const b = await setup();
    await withBook(b);
    const p = await b.services.imports.preview(asInFile('lockbox.csv', PAYMENTS));
    expect(p.errors).toEqual([]);
    expect(p.allocations).toEqual([
      { line: 2, paymentReference: 'P-1', invoiceNumber: 'OLD-3', appliedCents: 25000, unappliedCents: 0 },
      { line: 3, paymentReference: 'P-1', invoiceNumber: 'OLD-1', appliedCents: 10000, unappliedCents: 15000 },
      { line: 4, paymentReference: 'P-2', invoiceNumber: 'OLD-2', appliedCents: 6000, unappliedCents: 0 },
      { line: 5, paymentReference: 'P-3', invoiceNumber: null, appliedCents: 0, unappliedCents: 4500 },
      { line: 6, paymentReference: 'P-4', invoiceNumber: 'OLD-4', appliedCents: 8000, unappliedCents: 4000 },
    ]);
    // Four payments (P-1 is one payment of two rows), 725.00 in all: 490.00 applied, 235.00 unapplied.
    expect(p.totals).toMatchObject({ rows: 5, toPost: 4, amountCents: 72500, appliedCents: 49000, unappliedCents: 23500 });

    const s = await b.services.imports.post(admin, asInFile('lockbox.csv', PAYMENTS));
    expect(s).toMatchObject({ posted: 4, amountCents: 72500 });
    const db = b.ctx.store.sqlite;
    expect(
      db
        .prepare(
          `SELECT c.reference, d.number, a.amount_cents FROM allocation a JOIN document c ON c.id = a.credit_document_id
           JOIN document d ON d.id = a.debit_document_id ORDER BY a.id`,
        )
        .all(),
    ).toEqual([
      { reference: 'P-1', number: 'INV-000003', amount_cents: 25000 },
      { reference: 'P-1', number: 'INV-000001', amount_cents: 10000 },
      { reference: 'P-2', number: 'INV-000002', amount_cents: 6000 },
      { reference: 'P-4', number: 'INV-000004', amount_cents: 8000 },
    ]);
    expect(db.prepare("SELECT reference, total_cents, open_cents FROM document WHERE kind = 'payment' ORDER BY id").all()).toEqual([
      { reference: 'P-1', total_cents: 50000, open_cents: 15000 },
      { reference: 'P-2', total_cents: 6000, open_cents: 0 },
      { reference: 'P-3', total_cents: 4500, open_cents: 4500 },
      { reference: 'P-4', total_cents: 12000, open_cents: 4000 },
    ]);
    expect(db.prepare('SELECT account_number, balance_cents, unapplied_cents FROM account ORDER BY account_number').all()).toEqual([
      { account_number: 'A-100', balance_cents: 60000 - 56000, unapplied_cents: 15000 },
      { account_number: 'A-101', balance_cents: 8000 - 16500, unapplied_cents: 12500 - 4000 },
    ]);
    // One import key per payment, the reference.
    expect(db.prepare("SELECT key, line FROM import_key WHERE kind = 'payments' ORDER BY line").all()).toEqual([
      { key: 'P-1', line: 2 },
      { key: 'P-2', line: 4 },
      { key: 'P-3', line: 5 },
      { key: 'P-4', line: 6 },
    ]);
    // The aging keeps the credit unapplied, as the old system had it: OLD-2 (140.00, 96 days) and OLD-3 (50.00, 68 days).
    const aging = await b.services.aging.summary({ asOf: '2025-06-16' });
    const a100 = aging.rows.find((r) => r.accountNumber === 'A-100')!;
    expect(a100).toMatchObject({ buckets: [0, 0, 0, 5000, 14000, 0], unappliedCents: 15000, totalCents: 4000 });

    const before = counts(b);
    const again = await b.services.imports.preview(asInFile('lockbox.csv', PAYMENTS));
    expect(again.totals).toMatchObject({ toPost: 0, duplicates: 4, appliedCents: 0, unappliedCents: 0 });
    expect(await b.services.imports.post(admin, asInFile('lockbox.csv', PAYMENTS))).toMatchObject({ posted: 0, skippedAsDuplicates: 4 });
    expect(counts(b).documents).toBe(before.documents);
    expect(counts(b).allocations).toBe(before.allocations);
    // The same payment with another invoice is not the same payment: refused, naming the first import.
    const changed = PAYMENTS.map((l) =>
      l.replace('P-1,A-100,2025-05-02,500.00,check,1001,OLD-1,100.00', 'P-1,A-100,2025-05-02,500.00,check,1001,OLD-2,100.00'),
    );
    const errors = await refused(b, asInFile('lockbox.csv', changed));
    expect(errors).toEqual([expect.objectContaining({ line: 2, column: 'payment_reference', reason: expect.stringMatching(/^"P-1" was imported before/) })]);
    expect((await verifyStore(b)).ok).toBe(true);
  });

  it('refuses disagreeing payment cells, applications over the payment or over what is open, naming the row and column; posts nothing', async () => {
    const b = await setup();
    await withBook(b);
    const errors = await refused(
      b,
      asInFile('bad.csv', [
        'payment_reference,account_number,payment_date,amount,method,check_number,invoice_number,applied_amount',
        'P-1,A-100,2025-05-02,500.00,check,1001,OLD-3,250.00',
        'P-1,A-100,2025-05-02,550.00,check,1001,OLD-1,100.00', // the amount differs from line 2
        'P-1,A-100,2025-05-03,500.00,check,1001,OLD-2,100.00', // the date differs from line 2
        'P-2,A-100,2025-05-02,300.00,cash,,OLD-2,150.00',
        'P-2,A-100,2025-05-02,300.00,cash,,OLD-1,200.00', // 200 of the 150 left of P-2
        'P-3,A-100,2025-05-04,90.00,cash,,OLD-1,90.00',
        'P-4,A-100,2025-05-04,90.00,cash,,OLD-1,90.00', // OLD-1 has 10.00 open once P-3 is applied
        'P-5,A-101,2025-05-04,20.00,cash,,,20.00', // applied_amount with no invoice
        'P-6,A-101,2025-05-04,20.00,cash,,OLD-1,', // another account's invoice
      ]),
    );
    const byLine = Object.fromEntries(errors.map((e) => [e.line, `${e.column}: ${e.reason}`]));
    expect(byLine).toEqual({
      3: 'amount: differs from line 2, the first row of payment "P-1": a payment\'s amount is the same on all its rows',
      4: 'payment_date: differs from line 2, the first row of payment "P-1": a payment\'s payment date is the same on all its rows',
      6: 'applied_amount: $200.00 is more than what is left of payment "P-2" ($150.00 of $300.00)',
      8: 'applied_amount: $90.00 is more than invoice "OLD-1" has open at this point of the file ($10.00)',
      9: 'applied_amount: is given but the row names no invoice; name the invoice it applies to',
      10: 'invoice_number: invoice "OLD-1" belongs to another account, not A-101',
    });
  });

  it('oldest due first stays as it was, previewed row by row; applied_amount is refused there, and so is a reference on two rows', async () => {
    const b = await setup();
    await withBook(b);
    const lines = ['payment_reference,account_number,payment_date,amount,invoice_number,applied_amount', 'P-1,A-100,2025-05-02,500.00,OLD-3,250.00'];
    expect(await refused(b, file('payments', 'p.csv', lines))).toEqual([
      {
        line: 2,
        column: 'applied_amount',
        reason: 'is read only when payments are applied as in the file; choose that mode, or leave the column out',
      },
    ]);
    const twice = ['payment_reference,account_number,payment_date,amount', 'P-1,A-100,2025-05-02,50.00', 'P-1,A-100,2025-05-02,50.00'];
    expect((await refused(b, file('payments', 'p.csv', twice)))[0]).toMatchObject({ line: 3, column: 'payment_reference' });
    // With no mode, oldest due first as before; the preview works out what posting will apply, row by row.
    const oldest = file('payments', 'p.csv', [
      'payment_reference,account_number,payment_date,amount,invoice_number',
      'P-1,A-100,2025-05-02,250.00,', // OLD-1 100.00, then OLD-2 150.00
      'P-2,A-100,2025-05-03,400.00,OLD-3', // the named OLD-3 300.00 first, then OLD-2's last 50.00; 50.00 unapplied
    ]);
    const p = await b.services.imports.preview(oldest);
    expect(p.allocations).toEqual([
      { line: 2, paymentReference: 'P-1', invoiceNumber: 'INV-000001', appliedCents: 10000, unappliedCents: 0 },
      { line: 2, paymentReference: 'P-1', invoiceNumber: 'INV-000002', appliedCents: 15000, unappliedCents: 0 },
      { line: 3, paymentReference: 'P-2', invoiceNumber: 'INV-000003', appliedCents: 30000, unappliedCents: 0 },
      { line: 3, paymentReference: 'P-2', invoiceNumber: 'INV-000002', appliedCents: 5000, unappliedCents: 5000 },
    ]);
    expect(p.totals).toMatchObject({ appliedCents: 60000, unappliedCents: 5000 });
    expect((await b.services.imports.post(admin, oldest)).posted).toBe(2);
    const posted = b.ctx.store.sqlite
      .prepare(
        'SELECT c.reference, d.number, a.amount_cents FROM allocation a JOIN document c ON c.id = a.credit_document_id JOIN document d ON d.id = a.debit_document_id ORDER BY a.id',
      )
      .all();
    expect(posted).toEqual(p.allocations.map((a) => ({ reference: a.paymentReference, number: a.invoiceNumber, amount_cents: a.appliedCents })));
  });
});
