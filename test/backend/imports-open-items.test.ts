import { describe, expect, it } from 'vitest';
import type { ImportError, ImportInput } from '@shared/ipc/contract/imports';
import { DomainError } from '../../src-main/backend/errors';
import { verifyStore } from '../../src-main/backend/verify';
import { fixedClock, testBackend, withCompany } from '../support/store';

// Opening balances (issue 14, item 3): open items only, as of the cut-over date, so that the ledger and
// the aging equal the old system's on that day.
const admin = { userId: 1, username: 'admin' };

async function setup() {
  const b = testBackend({ clock: fixedClock('2025-06-16T15:00:00Z') });
  await withCompany(b);
  const accounts = ['account_number,name', 'A-100,Hartley Dental Group', 'A-101,Maria Gonzalez'].join('\n');
  await b.services.imports.post(admin, { kind: 'accounts', fileName: 'accounts.csv', contentBase64: Buffer.from(accounts).toString('base64') });
  return b;
}
type B = Awaited<ReturnType<typeof setup>>;

const openItems = (lines: string[], cutOverDate: string | null = '2025-06-15'): ImportInput => ({
  kind: 'open_items',
  fileName: 'open-items.csv',
  contentBase64: Buffer.from(lines.join('\n')).toString('base64'),
  cutOverDate: cutOverDate ?? undefined,
});

// The old system's open items on 2025-06-15, as QuickBooks' Open Invoices report lists them (credits negative).
const BOOK = [
  'Num,Customer #,Type,Date,Due Date,Amount,Open Balance,Memo',
  '1001,A-100,Invoice,2025-01-10,2025-02-09,500.00,500.00,Cleaning', // 126 days past due: over 120
  '1002,A-100,Invoice,2025-04-20,2025-05-20,300.00,120.50,Crown', // 179.50 paid before: 120.50 open, 26 days: 1-30
  '1003,A-100,,2025-06-01,2025-07-01,250.00,250.00,', // not yet due: Current
  'CM-7,A-100,Credit Memo,2025-05-10,,-40.00,-40.00,Returned kit', // an open credit memo
  '1004,A-101,Invoice,2025-03-01,2025-03-31,"1,000.00",999.99,', // 76 days: 61-90
  'PMT-9,A-101,Payment,2025-06-10,,75.00,25.00,Unapplied part', // 25.00 of a payment still unapplied
];

function counts(b: B) {
  const q = (sql: string) => (b.ctx.store.sqlite.prepare(sql).get() as { n: number }).n;
  return { documents: q('SELECT count(*) n FROM document'), keys: q('SELECT count(*) n FROM import_key'), audit: q('SELECT count(*) n FROM audit') };
}
async function refused(b: B, i: ImportInput): Promise<ImportError[]> {
  const before = counts(b);
  const err = await b.services.imports.post(admin, i).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(DomainError);
  expect((err as DomainError).code).toBe('VALIDATION');
  expect(counts(b)).toEqual(before);
  return ((err as DomainError).details as { errors: ImportError[] }).errors;
}

describe('imports: open items (opening balances)', () => {
  it("posts the open items so that the aging as of the cut-over date is the old system's, to the cent; verify passes; nothing twice", async () => {
    const b = await setup();
    const p = await b.services.imports.preview(openItems(BOOK));
    expect(p.errors).toEqual([]);
    expect(p.mapping).toMatchObject({ document_number: 'Num', kind: 'Type', original_amount: 'Amount', open_amount: 'Open Balance' });
    // Invoices count what is open, credits less: 500 + 120.50 + 250 - 40 + 999.99 - 25.
    expect(p.totals).toMatchObject({ toPost: 6, amountCents: 180549 });
    expect(await b.services.imports.post(admin, openItems(BOOK))).toMatchObject({ posted: 6, amountCents: 180549 });

    const aging = await b.services.aging.summary({ asOf: '2025-06-15' });
    const row = (n: string) => aging.rows.find((r) => r.accountNumber === n)!;
    // Hand-checked from the list above: Current, 1-30, 31-60, 61-90, 91-120, over 120; credits in their column.
    expect(row('A-100')).toMatchObject({ buckets: [25000, 12050, 0, 0, 0, 50000], unappliedCents: 4000, totalCents: 83050 });
    expect(row('A-101')).toMatchObject({ buckets: [0, 0, 0, 99999, 0, 0], unappliedCents: 2500, totalCents: 97499 });
    // The unapplied payment is money never tied to an invoice: kept apart as a prepayment when asked, the credit note not.
    const apart = await b.services.aging.summary({ asOf: '2025-06-15', presentation: { prepaymentsApart: true } });
    expect(apart.rows.find((r) => r.accountNumber === 'A-101')).toMatchObject({ unappliedCents: 0, prepaymentCents: 2500, totalCents: 97499 });
    expect(apart.rows.find((r) => r.accountNumber === 'A-100')).toMatchObject({ unappliedCents: 4000, prepaymentCents: 0, totalCents: 83050 });

    const db = b.ctx.store.sqlite;
    // Each invoice keeps its date, due date (terms from the difference) and original amount; what was paid
    // before is one adjustment on the cut-over date, applied to it.
    expect(db.prepare("SELECT kind, doc_date, due_date, terms, total_cents, open_cents FROM document WHERE kind = 'invoice' ORDER BY id").all()).toEqual([
      { kind: 'invoice', doc_date: '2025-01-10', due_date: '2025-02-09', terms: 'Net 30', total_cents: 50000, open_cents: 50000 },
      { kind: 'invoice', doc_date: '2025-04-20', due_date: '2025-05-20', terms: 'Net 30', total_cents: 30000, open_cents: 12050 },
      { kind: 'invoice', doc_date: '2025-06-01', due_date: '2025-07-01', terms: 'Net 30', total_cents: 25000, open_cents: 25000 },
      { kind: 'invoice', doc_date: '2025-03-01', due_date: '2025-03-31', terms: 'Net 30', total_cents: 100000, open_cents: 99999 },
    ]);
    expect(db.prepare("SELECT doc_date, total_cents, open_cents, reason FROM document WHERE kind = 'adjustment' ORDER BY id").all()).toEqual([
      { doc_date: '2025-06-15', total_cents: 17950, open_cents: 0, reason: 'Paid before cut-over' },
      { doc_date: '2025-06-15', total_cents: 1, open_cents: 0, reason: 'Paid before cut-over' },
    ]);
    // Open credits are standalone credit notes dated their own date, unapplied; an unapplied payment is a
    // payment on account for what is open (a prepayment to the aging), its reference the document number.
    expect(db.prepare("SELECT doc_date, total_cents, open_cents, related_document_id FROM document WHERE kind = 'credit_note' ORDER BY id").all()).toEqual([
      { doc_date: '2025-05-10', total_cents: 4000, open_cents: 4000, related_document_id: null },
    ]);
    expect(db.prepare("SELECT doc_date, total_cents, open_cents, reference, memo FROM document WHERE kind = 'payment' ORDER BY id").all()).toEqual([
      {
        doc_date: '2025-06-10',
        total_cents: 2500,
        open_cents: 2500,
        reference: 'PMT-9',
        memo: 'Unapplied payment brought over at cut-over; Unapplied part; Original amount $75.00',
      },
    ]);
    expect(db.prepare('SELECT account_number, balance_cents FROM account ORDER BY account_number').all()).toEqual([
      { account_number: 'A-100', balance_cents: 83050 },
      { account_number: 'A-101', balance_cents: 97499 },
    ]);
    expect((await verifyStore(b)).ok).toBe(true);

    // A re-import posts nothing; a payment after the cut-over names the old invoice number.
    const before = counts(b);
    expect(await b.services.imports.post(admin, openItems(BOOK))).toMatchObject({ posted: 0, skippedAsDuplicates: 6 });
    expect(counts(b).documents).toBe(before.documents);
    const pay = ['payment_reference,account_number,payment_date,amount,invoice_number', 'T-1,A-100,2025-06-16,120.50,1002'].join('\n');
    await b.services.imports.post(admin, {
      kind: 'payments',
      fileName: 'p.csv',
      contentBase64: Buffer.from(pay).toString('base64'),
      allocationMode: 'as_in_file',
    });
    expect(db.prepare("SELECT open_cents FROM document WHERE kind = 'invoice' AND doc_date = '2025-04-20'").get()).toEqual({ open_cents: 0 });
  });

  it('refuses a missing or future cut-over date, documents after it, an open amount over the original, and posts nothing', async () => {
    const b = await setup();
    expect(await refused(b, openItems(BOOK, null))).toEqual([
      { line: 1, column: 'cut-over date', reason: "is required for open items: the day the old system's open items are as of" },
    ]);
    expect((await refused(b, openItems(BOOK, '2025-06-17')))[0]).toEqual({
      line: 1,
      column: 'cut-over date',
      reason: 'is in the future (Jun 17, 2025; today is Jun 16, 2025)',
    });
    const errors = await refused(
      b,
      openItems(
        [
          'document_number,account_number,kind,document_date,due_date,original_amount,open_amount',
          'X-1,A-100,invoice,2025-06-20,,100.00,50.00', // after the cut-over date
          'X-2,A-100,invoice,2025-06-01,,100.00,150.00', // open over original
          'X-3,A-100,invoice,2025-06-01,,100.00,0', // nothing open: not an open item
          'X-4,A-100,invoice,2025-06-01,,-100.00,-10.00', // negative on an invoice
          'X-5,A-100,refund,2025-06-01,,100.00,10.00', // unknown kind
          'X-6,A-100,invoice,2025-06-01,2025-05-01,100.00,10.00', // due before the date
          'X-7,A-999,invoice,2025-06-01,,100.00,10.00', // unknown account
          'X-8,A-100,invoice,2025-06-01,,100.00,"1.234,56"', // an amount in another format
        ],
        '2025-06-15',
      ),
    );
    expect(Object.fromEntries(errors.map((e) => [e.line, `${e.column}: ${e.reason}`]))).toEqual({
      2: 'document_date: is after the cut-over date (Jun 20, 2025 is after Jun 15, 2025)',
      3: 'open_amount: $150.00 is more than the original amount ($100.00)',
      4: 'open_amount: is zero; it must be more than zero',
      5: 'original_amount: is negative on an invoice; an open credit has the kind credit',
      6: 'kind: is not a kind of open item (refund); use invoice, credit or payment',
      7: 'due_date: is before the document date (May 1, 2025 is before Jun 1, 2025)',
      8: 'account_number: unknown account "A-999": no account has this number (import the accounts first)',
      9: 'open_amount: writes thousands with a point (1.234,56); write it like 1234.56 (a point before the cents only)',
    });
  });
});
