import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ImportError } from '@shared/ipc/contract/imports';
import { DomainError } from '../../src-main/backend/errors';
import { verifyStore } from '../../src-main/backend/verify';
import { runCli } from '../../src-main/cli';
import { fixedClock, tempDir, testBackend, withCompany } from '../support/store';

type Kind = 'accounts' | 'invoices' | 'payments';
const admin = { userId: 1, username: 'admin' };

async function setup() {
  const b = testBackend({ clock: fixedClock('2025-06-16T15:00:00Z') });
  await withCompany(b);
  return b;
}

function csvFile(dir: string, name: string, text: string): string {
  const f = path.join(dir, name);
  fs.writeFileSync(f, text);
  return f;
}

async function xlsxFile(dir: string, name: string, rows: unknown[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  for (const r of rows) ws.addRow(r);
  const f = path.join(dir, name);
  await wb.xlsx.writeFile(f);
  return f;
}

const input = (kind: Kind, file: string, mapping?: Record<string, string | null>) => ({
  kind,
  fileName: path.basename(file),
  contentBase64: fs.readFileSync(file).toString('base64'),
  mapping,
});

function counts(b: Awaited<ReturnType<typeof setup>>) {
  const q = (sql: string) => (b.ctx.store.sqlite.prepare(sql).get() as { n: number }).n;
  return {
    accounts: q('SELECT count(*) n FROM account'),
    documents: q('SELECT count(*) n FROM document'),
    ledger: q('SELECT count(*) n FROM ledger_entry'),
    allocations: q('SELECT count(*) n FROM allocation'),
    keys: q('SELECT count(*) n FROM import_key'),
    audit: q('SELECT count(*) n FROM audit'),
  };
}

async function postErrors(b: Awaited<ReturnType<typeof setup>>, i: ReturnType<typeof input>): Promise<ImportError[]> {
  const before = counts(b);
  let caught: unknown;
  try {
    await b.services.imports.post(admin, i);
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(DomainError);
  expect((caught as DomainError).code).toBe('VALIDATION');
  expect(counts(b)).toEqual(before); // nothing posted, not even an audit record
  return ((caught as DomainError).details as { errors: ImportError[] }).errors;
}

const ACCOUNTS_CSV = [
  'Acct #,Customer Name,Type,Phone Number,E-mail,Address,City,ST,Zip,Payment Terms',
  'A-100,Hartley Dental Group,business,(312) 555-0142,ap@hartleydental.example,12 Lake St,Chicago,IL,60601,Net 30',
  'A-101,Maria Gonzalez,consumer,602-555-0199,,88 Palm Ave,Phoenix,az,85001,',
  'A-102,<b>Bold</b> & Sons LLC,commercial,,,,Seattle,WA,98101,2/10 Net 30',
].join('\r\n');

async function withAccounts(b: Awaited<ReturnType<typeof setup>>, dir: string) {
  const s = await b.services.imports.post(admin, input('accounts', csvFile(dir, 'accounts.csv', ACCOUNTS_CSV)));
  expect(s.posted).toBe(3);
}

describe('imports: accounts', () => {
  it('detects aliased headers, posts the accounts with state time zones, and posts nothing the second time', async () => {
    const b = await setup();
    const dir = tempDir();
    const file = csvFile(dir, 'accounts.csv', ACCOUNTS_CSV);
    const preview = await b.services.imports.preview(input('accounts', file));
    expect(preview.errors).toEqual([]);
    expect(preview.mapping).toMatchObject({
      account_number: 'Acct #',
      name: 'Customer Name',
      kind: 'Type',
      phone: 'Phone Number',
      email: 'E-mail',
      address_line1: 'Address',
      state: 'ST',
      postal_code: 'Zip',
      terms: 'Payment Terms',
    });
    expect(preview.totals).toMatchObject({ rows: 3, toPost: 3, duplicates: 0 });
    expect(preview.sample[0]).toMatchObject({ line: 2, values: { account_number: 'A-100', name: 'Hartley Dental Group' } });

    const first = await b.services.imports.post(admin, input('accounts', file));
    expect(first).toMatchObject({ posted: 3, skippedAsDuplicates: 0 });
    const rows = b.ctx.store.sqlite.prepare('SELECT account_number, name, kind, time_zone, terms FROM account ORDER BY account_number').all();
    expect(rows).toEqual([
      { account_number: 'A-100', name: 'Hartley Dental Group', kind: 'commercial', time_zone: 'America/Chicago', terms: 'Net 30' },
      { account_number: 'A-101', name: 'Maria Gonzalez', kind: 'consumer', time_zone: 'America/Phoenix', terms: 'Net 30' },
      // HTML is stored as the characters typed: it is never interpreted (docs/import.md).
      { account_number: 'A-102', name: '<b>Bold</b> & Sons LLC', kind: 'commercial', time_zone: 'America/Los_Angeles', terms: '2/10 Net 30' },
    ]);
    const hit = await b.services.accounts.search('312555');
    expect(hit.map((h) => h.accountNumber)).toEqual(['A-100']);

    const before = counts(b);
    const again = await b.services.imports.post(admin, input('accounts', file));
    expect(again).toMatchObject({ posted: 0, skippedAsDuplicates: 3 });
    expect(counts(b).accounts).toBe(before.accounts);
    expect(counts(b).keys).toBe(before.keys);
  });

  it('takes an explicit mapping over detection, and reports a mapping to a missing column', async () => {
    const b = await setup();
    const dir = tempDir();
    const file = csvFile(dir, 'odd.csv', 'Ref,Who,Name\nX-1,Olga Petrova,ignored\nX-2,Sam Lee,ignored\n');
    const wrong = await b.services.imports.preview(input('accounts', file, { account_number: 'Ref', name: 'Whom' }));
    expect(wrong.errors).toEqual([{ line: 1, column: 'name', reason: expect.stringContaining('"Whom", which is not a column of the file') }]);
    const ok = await b.services.imports.preview(input('accounts', file, { account_number: 'Ref', name: 'Who' }));
    expect(ok.errors).toEqual([]);
    expect(ok.mapping.account_number).toBe('Ref');
    expect(ok.mapping.name).toBe('Who');
    await b.services.imports.post(admin, input('accounts', file, { account_number: 'Ref', name: 'Who' }));
    expect(b.ctx.store.sqlite.prepare('SELECT name FROM account ORDER BY account_number').all()).toEqual([{ name: 'Olga Petrova' }, { name: 'Sam Lee' }]);
  });

  it('reports a missing required column on the header line', async () => {
    const b = await setup();
    const file = csvFile(tempDir(), 'noname.csv', 'Account Number,City\nA-1,Boston\n');
    const p = await b.services.imports.preview(input('accounts', file));
    expect(p.errors).toEqual([{ line: 1, column: 'name', reason: expect.stringMatching(/required column is missing/) }]);
    expect(p.totals.toPost).toBe(0);
    await postErrors(b, input('accounts', file));
  });

  it('refuses control characters and full card numbers in any column, and duplicate numbers in the file', async () => {
    const b = await setup();
    const file = csvFile(
      tempDir(),
      'bad.csv',
      [
        'Account Number,Name,Notes,Extra',
        'A-1,Good Name,,',
        'A-2,Bad\u0007Bell,,',
        'A-3,Card Holder,card 4111 1111 1111 1111,',
        'A-4,Unmapped Card,,5500-0000-0000-0004',
        'a-1,Same Number Again,,',
      ].join('\n'),
    );
    const errors = await postErrors(b, input('accounts', file));
    expect(errors).toEqual([
      { line: 3, column: 'Name', reason: expect.stringMatching(/control characters/) },
      { line: 4, column: 'Notes', reason: expect.stringMatching(/full card number/) },
      { line: 5, column: 'Extra', reason: expect.stringMatching(/full card number/) },
      { line: 6, column: 'Account Number', reason: 'duplicate account number "a-1" in the file (also on line 2)' },
    ]);
  });
});

describe('imports: invoices', () => {
  it('posts invoices from an XLSX written by exceljs (date cells, number cells), due dates becoming terms', async () => {
    const b = await setup();
    const dir = tempDir();
    await withAccounts(b, dir);
    const file = await xlsxFile(dir, 'invoices.xlsx', [
      ['Invoice #', 'Account Number', 'Invoice Date', 'Due Date', 'Amount', 'Description', 'CPT'],
      ['OLD-1001', 'A-100', new Date(Date.UTC(2025, 0, 15)), new Date(Date.UTC(2025, 1, 14)), 1250.5, 'Cleaning supplies', 'SUP-1'],
      ['OLD-1002', 'A-100', '2025-03-01', '', '99.99', 'Office visit', '99213'],
      ['OLD-1003', 'a-101', '04/30/2025', '', 0.1 + 0.2, '', ''],
    ]);
    const p = await b.services.imports.preview(input('invoices', file));
    expect(p.format).toBe('xlsx');
    expect(p.errors).toEqual([]);
    expect(p.totals).toMatchObject({ rows: 3, toPost: 3, amountCents: 125050 + 9999 + 30 });
    const s = await b.services.imports.post(admin, input('invoices', file));
    expect(s).toMatchObject({ posted: 3, skippedAsDuplicates: 0, amountCents: 135079 });
    const docs = b.ctx.store.sqlite
      .prepare("SELECT number, doc_date, due_date, terms, total_cents, open_cents FROM document WHERE kind = 'invoice' ORDER BY id")
      .all();
    expect(docs).toEqual([
      { number: 'INV-000001', doc_date: '2025-01-15', due_date: '2025-02-14', terms: 'Net 30', total_cents: 125050, open_cents: 125050 },
      { number: 'INV-000002', doc_date: '2025-03-01', due_date: '2025-03-31', terms: 'Net 30', total_cents: 9999, open_cents: 9999 },
      { number: 'INV-000003', doc_date: '2025-04-30', due_date: '2025-05-30', terms: 'Net 30', total_cents: 30, open_cents: 30 },
    ]);
    expect(b.ctx.store.sqlite.prepare('SELECT item_code, description FROM invoice_line ORDER BY id').all()).toEqual([
      { item_code: 'SUP-1', description: 'Cleaning supplies' },
      { item_code: '99213', description: 'Office visit' },
      { item_code: 'IMPORT', description: 'Imported invoice OLD-1003' },
    ]);
    const again = await b.services.imports.post(admin, input('invoices', file));
    expect(again).toMatchObject({ posted: 0, skippedAsDuplicates: 3 });
    expect((await verifyStore(b)).ok).toBe(true);
  });

  it('lists every malformed row with its line and column, and posts nothing', async () => {
    const b = await setup();
    const dir = tempDir();
    await withAccounts(b, dir);
    const rows = [
      'Invoice Number,Account Number,Invoice Date,Amount,Memo',
      'I-1,A-100,2025-05-01,100.00,fine',
      'I-2,A-100,2025-02-30,100.00,impossible date',
      'I-3,A-100,13/01/2025,100.00,impossible US date',
      'I-4,A-100,yesterday,100.00,not a date',
      'I-5,A-100,2025-05-01,-5.00,negative',
      'I-6,A-100,2025-05-01,(5.00),negative in parentheses',
      'I-7,A-100,2025-05-01,abc,not a number',
      'I-8,A-999,2025-05-01,10.00,unknown account',
      'I-1,A-101,2025-05-01,10.00,duplicate reference',
      'I-9,A-100,2025-05-01,,missing amount',
      'I-10,A-100,2025-05-01,1.234,three decimals',
      '"I-11",A-100,2025-05-01,"1,000.00","a memo',
      'on two lines"',
      'I-12,A-100,02/29/2023,5.00,not a leap year',
    ];
    const errors = await postErrors(b, input('invoices', csvFile(dir, 'inv.csv', rows.join('\n'))));
    expect(errors.map((e) => [e.line, e.column])).toEqual([
      [3, 'Invoice Date'],
      [4, 'Invoice Date'],
      [5, 'Invoice Date'],
      [6, 'Amount'],
      [7, 'Amount'],
      [8, 'Amount'],
      [10, 'Invoice Number'],
      [11, 'Amount'],
      [12, 'Amount'],
      [15, 'Invoice Date'],
      [9, 'Account Number'],
    ]);
    const byLine = Object.fromEntries(errors.map((e) => [e.line, e.reason]));
    expect(byLine[3]).toMatch(/not a calendar date \(2025-02-30\)/);
    expect(byLine[4]).toMatch(/not a calendar date \(13\/01\/2025\)/);
    expect(byLine[5]).toMatch(/not a date \(yesterday\); use YYYY-MM-DD or MM\/DD\/YYYY/);
    expect(byLine[6]).toMatch(/negative/);
    expect(byLine[7]).toMatch(/negative/);
    expect(byLine[8]).toMatch(/not an amount \(abc\)/);
    expect(byLine[9]).toMatch(/unknown account "A-999"/);
    expect(byLine[10]).toMatch(/duplicate invoice number "I-1" in the file \(also on line 2\)/);
    expect(byLine[11]).toMatch(/is empty; this column is required/);
    expect(byLine[12]).toMatch(/more than 2 decimal places/);
    // The quoted two-line memo of line 13 is fine, and the row after it is numbered as the file's line 15.
    expect(byLine[13]).toBeUndefined();
    const preview = await b.services.imports.preview(input('invoices', csvFile(dir, 'inv.csv', rows.join('\n'))));
    expect(preview.errors).toHaveLength(11);
    expect(preview.totals).toMatchObject({ rows: 13, rowsWithErrors: 11, toPost: 0 });
  });

  it('refuses a re-import of the same invoice number with different values', async () => {
    const b = await setup();
    const dir = tempDir();
    await withAccounts(b, dir);
    await b.services.imports.post(
      admin,
      input('invoices', csvFile(dir, 'a.csv', 'invoice_number,account_number,invoice_date,amount\nQ-1,A-100,2025-05-01,10.00\n')),
    );
    const errors = await postErrors(
      b,
      input('invoices', csvFile(dir, 'b.csv', 'invoice_number,account_number,invoice_date,amount\nQ-1,A-100,2025-05-01,11.00\nQ-2,A-100,2025-05-01,12.00\n')),
    );
    expect(errors).toEqual([{ line: 2, column: 'invoice_number', reason: expect.stringMatching(/imported before \(batch 2, line 2\) with different values/) }]);
  });
});

describe('imports: payments', () => {
  async function withInvoices(b: Awaited<ReturnType<typeof setup>>, dir: string) {
    await withAccounts(b, dir);
    const file = csvFile(
      dir,
      'inv.csv',
      [
        'Inv #,Acct #,Date,Due Date,Total',
        'OLD-1,A-100,2025-01-10,2025-02-09,100.00',
        'OLD-2,A-100,2025-02-10,2025-03-12,200.00',
        'OLD-3,A-100,2025-03-10,2025-04-09,300.00',
      ].join('\n'),
    );
    expect((await b.services.imports.post(admin, input('invoices', file))).posted).toBe(3);
  }

  it('applies a payment to the invoice it names, else oldest due first; the rest stays unapplied', async () => {
    const b = await setup();
    const dir = tempDir();
    await withInvoices(b, dir);
    const file = await xlsxFile(dir, 'lockbox.xlsx', [
      ['Transaction ID', 'Customer #', 'Date Received', 'Amount Paid', 'Check No', 'Apply To'],
      ['T-1', 'A-100', new Date(Date.UTC(2025, 4, 2)), 250, '1001', 'OLD-3'], // OLD-3 by its imported number
      ['T-2', 'A-100', '05/03/2025', 120, '1002', ''], // oldest due first: OLD-1 100, then 20 on OLD-2
      ['T-3', 'A-100', '2025-05-04', 400, '', 'INV-000002'], // Ledgerdesk number: OLD-2's 180, then OLD-3's 50, 170 unapplied
    ]);
    const p = await b.services.imports.preview(input('payments', file));
    expect(p.errors).toEqual([]);
    expect(p.mapping).toMatchObject({
      payment_reference: 'Transaction ID',
      account_number: 'Customer #',
      payment_date: 'Date Received',
      amount: 'Amount Paid',
      check_number: 'Check No',
      invoice_number: 'Apply To',
    });
    const s = await b.services.imports.post(admin, input('payments', file));
    expect(s).toMatchObject({ posted: 3, amountCents: 77000 });
    const allocs = b.ctx.store.sqlite
      .prepare(
        'SELECT c.reference, d.number, a.amount_cents FROM allocation a JOIN document c ON c.id = a.credit_document_id JOIN document d ON d.id = a.debit_document_id ORDER BY a.id',
      )
      .all();
    expect(allocs).toEqual([
      { reference: 'T-1', number: 'INV-000003', amount_cents: 25000 },
      { reference: 'T-2', number: 'INV-000001', amount_cents: 10000 },
      { reference: 'T-2', number: 'INV-000002', amount_cents: 2000 },
      { reference: 'T-3', number: 'INV-000002', amount_cents: 18000 },
      { reference: 'T-3', number: 'INV-000003', amount_cents: 5000 },
    ]);
    const methods = b.ctx.store.sqlite.prepare("SELECT method, check_number FROM document WHERE kind = 'payment' ORDER BY id").all();
    expect(methods).toEqual([
      { method: 'check', check_number: '1001' },
      { method: 'check', check_number: '1002' },
      { method: 'bank_transfer', check_number: '' },
    ]);
    expect(b.ctx.store.sqlite.prepare("SELECT balance_cents, unapplied_cents FROM account WHERE account_number = 'A-100'").get()).toEqual({
      balance_cents: 60000 - 77000,
      unapplied_cents: 17000,
    });
    expect((await b.services.imports.post(admin, input('payments', file))).posted).toBe(0);
    expect((await verifyStore(b)).ok).toBe(true);
  });

  it('rejects future dates, card numbers, unknown invoices and accounts, and posts nothing', async () => {
    const b = await setup();
    const dir = tempDir();
    await withInvoices(b, dir);
    const file = csvFile(
      dir,
      'pay.csv',
      [
        'payment_reference,account_number,payment_date,amount,method,card_last4,invoice_number,memo',
        'P-1,A-100,2025-06-01,10.00,check,,,no check number',
        'P-2,A-100,2025-06-17,10.00,cash,,,tomorrow',
        'P-3,A-100,2025-06-01,10.00,card,4111111111111111,,full card in last4',
        'P-4,A-100,2025-06-01,10.00,card,1111,,',
        'P-5,A-101,2025-06-01,10.00,cash,,OLD-1,invoice of another account',
        'P-6,A-100,2025-06-01,10.00,cash,,NOPE-9,unknown invoice',
        'P-7,Z-1,2025-06-01,10.00,cash,,,unknown account',
        'P-8,A-100,2025-06-01,10.00,bitcoin,,,bad method',
        'P-9,A-100,2025-06-01,0,cash,,,zero',
      ].join('\n'),
    );
    const errors = await postErrors(b, input('payments', file));
    const byLine = Object.fromEntries(errors.map((e) => [e.line, `${e.column}: ${e.reason}`]));
    expect(
      Object.keys(byLine)
        .map(Number)
        .sort((x, y) => x - y),
    ).toEqual([2, 3, 4, 6, 7, 8, 9, 10]);
    expect(byLine[2]).toMatch(/^check_number: A check payment needs the check number/);
    expect(byLine[3]).toMatch(/^payment_date: is in the future \(2025-06-17; today is 2025-06-16\)/);
    expect(byLine[4]).toMatch(/^card_last4: looks like a full card number/);
    expect(byLine[6]).toMatch(/^invoice_number: invoice "OLD-1" belongs to another account/);
    expect(byLine[7]).toMatch(/^invoice_number: unknown invoice "NOPE-9"/);
    expect(byLine[8]).toMatch(/^account_number: unknown account "Z-1"/);
    expect(byLine[9]).toMatch(/^method: is not a payment method \(bitcoin\)/);
    expect(byLine[10]).toMatch(/^amount: is zero/);
    // No digits of the refused card number are kept anywhere.
    b.ctx.store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    expect(JSON.stringify(b.ctx.store.sqlite.prepare('SELECT * FROM audit').all())).not.toContain('4111111111111111');
  });
});

describe('imports: damaged CSV files', () => {
  // The parser's own errors are row errors: a damaged file never posts part of itself.
  it('a five-row payments file with an unterminated quote posts nothing and names the line', async () => {
    const b = await setup();
    const dir = tempDir();
    await withAccounts(b, dir);
    const file = csvFile(
      dir,
      'lockbox.csv',
      [
        'payment_reference,account_number,payment_date,amount,method,memo',
        'P-1,A-100,2025-06-01,10.00,cash,first',
        'P-2,A-100,2025-06-02,20.00,cash,"second, its quote never closed',
        'P-3,A-100,2025-06-03,30.00,cash,third',
        'P-4,A-100,2025-06-04,40.00,cash,fourth',
        'P-5,A-100,2025-06-05,50.00,cash,fifth',
        '',
      ].join('\n'),
    );
    const preview = await b.services.imports.preview(input('payments', file));
    expect(preview.errors).toEqual([
      { line: 3, column: 'memo', reason: expect.stringMatching(/^a quote opened here is never closed, so lines 3-6 were read as one value/) },
    ]);
    expect(preview.totals.toPost).toBe(0);
    const errors = await postErrors(b, input('payments', file));
    expect(errors).toEqual(preview.errors);
    expect(b.ctx.store.sqlite.prepare("SELECT count(*) n FROM document WHERE kind = 'payment'").get()).toEqual({ n: 0 });
  });

  it('a quote opened inside a row shifts nothing: the row is reported, not read with its columns moved', async () => {
    const b = await setup();
    const dir = tempDir();
    await withAccounts(b, dir);
    const file = csvFile(
      dir,
      'inv.csv',
      ['invoice_number,account_number,invoice_date,amount,memo', 'I-1,A-100,"2025-05-01,10.00,fine', 'I-2,A-100,2025-05-01,10.00,fine'].join('\r\n'),
    );
    const errors = await postErrors(b, input('invoices', file));
    expect(errors).toEqual([
      { line: 2, column: 'invoice_date', reason: expect.stringMatching(/^a quote opened here is never closed, so lines 2-3 were read as one value/) },
    ]);
  });

  it('a stray quote after a quoted value is a row error', async () => {
    const b = await setup();
    const dir = tempDir();
    await withAccounts(b, dir);
    const file = csvFile(
      dir,
      'inv.csv',
      [
        'invoice_number,account_number,invoice_date,amount,memo',
        'I-1,A-100,2025-05-01,10.00,"the ""good"" kind"',
        'I-2,A-100,2025-05-01,10.00,"12" pipe"',
        'I-3,A-100,2025-05-01,10.00,fine',
      ].join('\n'),
    );
    const errors = await postErrors(b, input('invoices', file));
    expect(errors).toEqual([
      {
        line: 3,
        column: 'memo',
        reason: 'a quoted value goes on after its closing quote; put the whole value in quotes and write a quote inside a value as two quotes ("")',
      },
    ]);
  });

  it('a row with more values than the header, or fewer, is a row error naming the column', async () => {
    const b = await setup();
    const dir = tempDir();
    await withAccounts(b, dir);
    const file = csvFile(
      dir,
      'inv.csv',
      [
        'invoice_number,account_number,invoice_date,amount,memo',
        'I-1,A-100,2025-05-01,1,250.00,unquoted thousands separator',
        'I-2,A-100,2025-05-01,10.00',
        'I-3,A-100,2025-05-01,10.00,empty values after the last column are fine,,',
      ].join('\n'),
    );
    const errors = await postErrors(b, input('invoices', file));
    expect(errors).toEqual([
      { line: 2, column: 'column 6', reason: 'the row has 6 values but the header has 5 columns; a value holding the separator (,) must be in quotes' },
      { line: 3, column: 'memo', reason: 'the row has 4 values but the header has 5 columns' },
    ]);
  });

  it('a cell longer than Excel allows (32,767 characters) is a row error', async () => {
    const b = await setup();
    const dir = tempDir();
    await withAccounts(b, dir);
    const file = csvFile(
      dir,
      'inv.csv',
      ['invoice_number,account_number,invoice_date,amount,memo', `I-1,A-100,2025-05-01,10.00,${'m'.repeat(40_000)}`].join('\n'),
    );
    expect(await postErrors(b, input('invoices', file))).toEqual([{ line: 2, column: 'memo', reason: 'holds 40,000 characters; a cell holds at most 32,767' }]);
  });

  it('refuses a file whose separator cannot be told, and a header whose quote is never closed', async () => {
    const b = await setup();
    const dir = tempDir();
    const refusal = async (file: string) => {
      const err = await b.services.imports.preview(input('accounts', file)).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(DomainError);
      return (err as DomainError).message;
    };
    expect(await refusal(csvFile(dir, 'colons.csv', 'Account Number:Name\nA-1:Ann\n'))).toMatch(
      /columns of colons.csv are not separated by a comma, semicolon, tab or pipe/,
    );
    expect(await refusal(csvFile(dir, 'head.csv', 'Account Number,"Name\nA-1,Ann\n'))).toMatch(/^head.csv, line 1: a quote opened here is never closed/);
  });
});

describe('imports: endpoints and the command line', () => {
  it('lets a clerk preview and post through dispatch; a bad file answers VALIDATION with the row errors', async () => {
    const b = await setup();
    await b.services.users.create(admin, { username: 'clerk', displayName: 'Casey Clerk', role: 'clerk', password: 'clerk-password' });
    const signIn = await b.dispatch('clerk-session', 'auth.signIn', { username: 'clerk', password: 'clerk-password' });
    expect(signIn.ok).toBe(true);
    const dir = tempDir();
    const good = input('accounts', csvFile(dir, 'a.csv', ACCOUNTS_CSV));
    const pv = await b.call('clerk-session', 'imports.preview', good);
    expect(pv.ok && pv.value.totals.toPost).toBe(3);
    const post = await b.call('clerk-session', 'imports.post', good);
    expect(post.ok && post.value).toMatchObject({ posted: 3, skippedAsDuplicates: 0 });
    const bad = await b.call('clerk-session', 'imports.post', input('accounts', csvFile(dir, 'b.csv', 'Account Number,Name\nB-1,\n')));
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('VALIDATION');
      expect((bad.error.details as { errors: ImportError[] }).errors).toEqual([{ line: 2, column: 'Name', reason: 'is empty; this column is required' }]);
    }
    const anon = await b.call('nobody', 'imports.preview', good);
    expect(!anon.ok && anon.error.code).toBe('UNAUTHENTICATED');
  });

  it('`import` prints row errors with line numbers and exits 1; --dry-run posts nothing; then posts', async () => {
    const b = await setup();
    const { storePath, key } = b;
    await b.close();
    const dir = tempDir();
    const keyFile = path.join(dir, 'store.key');
    fs.writeFileSync(keyFile, key.toString('hex'));
    const lines: string[] = [];
    const out = (l: string) => lines.push(l);
    const common = ['--store', storePath, '--key-file', keyFile];
    const bad = csvFile(dir, 'bad.csv', 'Account Number,Name\nC-1,Fine\nC-2,\n');
    expect(await runCli(['import', 'accounts', bad, ...common], out)).toBe(1);
    expect(lines.join('\n')).toMatch(/line 3, Name: is empty; this column is required/);
    const good = csvFile(dir, 'good.csv', ACCOUNTS_CSV);
    lines.length = 0;
    expect(await runCli(['import', 'accounts', good, '--dry-run', ...common], out)).toBe(0);
    expect(lines.join('\n')).toMatch(/dry run: would post 3 row\(s\)/);
    expect(await runCli(['import', 'accounts', good, ...common], out)).toBe(0);
    expect(lines.at(-1)).toMatch(/posted 3 row\(s\); skipped 0 already imported/);
    expect(await runCli(['import', 'accounts', good, ...common], out)).toBe(0);
    expect(lines.at(-1)).toMatch(/posted 0 row\(s\); skipped 3 already imported/);
  });
});
