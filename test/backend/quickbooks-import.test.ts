import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ImportError, ImportInput } from '@shared/ipc/contract/imports';
import { DomainError } from '../../src-main/backend/errors';
import { readQuickBooksDate } from '../../src-main/backend/services/quickbooks';
import { must } from '../kit';
import { fixedClock, testBackend, withCompany } from '../support/store';

/**
 * QuickBooks Desktop exports, written by hand to the published layouts (docs/quickbooks.md), imported
 * through the imports service with `source: 'quickbooks'` into a real encrypted store.
 */
const admin = { userId: 1, username: 'admin' };

async function setup() {
  const b = testBackend({ clock: fixedClock('2025-06-16T15:00:00Z') });
  await withCompany(b);
  return b;
}
type B = Awaited<ReturnType<typeof setup>>;

const qb = (kind: ImportInput['kind'], fileName: string, content: string | Buffer): ImportInput => ({
  kind,
  fileName,
  contentBase64: Buffer.from(content).toString('base64'),
  source: 'quickbooks',
});
const tsv = (...lines: string[][]) => `${lines.map((l) => l.join('\t')).join('\r\n')}\r\n`;

async function refused(b: B, input: ImportInput): Promise<ImportError[]> {
  const count = () =>
    (
      b.ctx.store.sqlite.prepare('SELECT (SELECT count(*) FROM account) + (SELECT count(*) FROM document) + (SELECT count(*) FROM audit) n').get() as {
        n: number;
      }
    ).n;
  const before = count();
  const err = await b.services.imports.post(admin, input).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DomainError);
  expect((err as DomainError).code).toBe('VALIDATION');
  expect(count()).toBe(before); // all or nothing
  return ((err as DomainError).details as { errors: ImportError[] }).errors;
}

// File › Utilities › Export › Lists to IIF Files (Customer list): a header record, then !CUST.
const CUSTOMERS_IIF = tsv(
  ['!HDR', 'PROD', 'VER', 'REL', 'IIFVER', 'DATE', 'TIME', 'ACCNTNT', 'ACCNTNTSPLITTIME'],
  ['HDR', 'QuickBooks Pro', 'Version 34.0D', 'Release R5P', '1', '2025-06-10', '1749560000', 'N', '0'],
  [
    '!CUST',
    'NAME',
    'REFNUM',
    'TIMESTAMP',
    'BADDR1',
    'BADDR2',
    'BADDR3',
    'BADDR4',
    'BADDR5',
    'PHONE1',
    'EMAIL',
    'CONT1',
    'CTYPE',
    'TERMS',
    'LIMIT',
    'COMPANYNAME',
    'FIRSTNAME',
    'LASTNAME',
    'NOTE',
  ],
  [
    'CUST',
    'Hartley Dental Group',
    '1',
    '1749560001',
    'Hartley Dental Group',
    '12 Lake St',
    'Suite 200',
    'Chicago, IL 60601',
    '',
    '(312) 555-0142',
    'ap@hartleydental.example',
    'Dana Hart',
    'Commercial',
    'Net 30',
    '5,000.00',
    'Hartley Dental Group',
    '',
    '',
    'Pays by check',
  ],
  [
    'CUST',
    '"Gonzalez, Maria"',
    '2',
    '1749560002',
    'Maria Gonzalez',
    '88 Palm Ave',
    'Phoenix, AZ 85001',
    '',
    '',
    '602-555-0199',
    '',
    '',
    '',
    '2% 10 Net 30',
    '0.00',
    '',
    'Maria',
    'Gonzalez',
    '',
  ],
  [
    'CUST',
    'Acme Supply:Warehouse',
    '3',
    '1749560003',
    '',
    '400 Dock Rd',
    'Gary, IN 46402',
    '',
    '',
    '',
    '',
    '',
    '',
    'Consignment',
    '',
    'Acme Supply',
    '',
    '',
    '',
  ],
);

const TRNS_HEAD = ['!TRNS', 'TRNSID', 'TRNSTYPE', 'DATE', 'ACCNT', 'NAME', 'AMOUNT', 'DOCNUM', 'MEMO', 'TERMS', 'DUEDATE', 'PONUM'];
const SPL_HEAD = ['!SPL', 'SPLID', 'TRNSTYPE', 'DATE', 'ACCNT', 'NAME', 'AMOUNT', 'DOCNUM', 'MEMO', 'INVITEM', 'QNTY', 'PRICE', 'EXTRA'];

// Invoices as QuickBooks writes them in IIF: the TRNS line on Accounts Receivable, SPL lines for income and tax.
const INVOICES_IIF = tsv(
  TRNS_HEAD,
  SPL_HEAD,
  ['!ENDTRNS'],
  ['TRNS', '', 'INVOICE', '05/01/2025', 'Accounts Receivable', 'Hartley Dental Group', '1082.50', '1001', 'May cleaning', 'Net 30', '05/31/2025', 'PO-77'],
  ['SPL', '', 'INVOICE', '05/01/2025', 'Sales', '', '-1000.00', '1001', 'Cleaning service', 'Service', '-10', '100.00', ''],
  ['SPL', '', 'INVOICE', '05/01/2025', 'Sales Tax Payable', '', '-82.50', '1001', 'IL sales tax', 'IL Tax', '', '8.25%', 'AUTOSTAX'],
  ['ENDTRNS'],
  ['TRNS', '', 'INVOICE', '5/15/25', 'Accounts Receivable', '"Gonzalez, Maria"', '250.00', '1002', '', '2% 10 Net 30', '6/14/25', ''],
  ['SPL', '', 'INVOICE', '5/15/25', 'Sales', '', '-250.00', '1002', 'Consultation', 'Consult', '-1', '250.00', ''],
  ['ENDTRNS'],
  // A payment: not an invoice, left out of an invoices import.
  ['TRNS', '', 'PAYMENT', '05/20/2025', 'Undeposited Funds', 'Hartley Dental Group', '100.00', '', '', '', '', ''],
  ['SPL', '', 'PAYMENT', '05/20/2025', 'Accounts Receivable', 'Hartley Dental Group', '-100.00', '', '', '', '', '', ''],
  ['ENDTRNS'],
);

describe('QuickBooks IIF import', () => {
  it('imports the customer list (!CUST) as accounts, then the INVOICE transactions as invoices, once', async () => {
    const b = await setup();
    const preview = await b.services.imports.preview(qb('accounts', 'customers.IIF', CUSTOMERS_IIF));
    expect(preview.errors).toEqual([]);
    expect(preview.sample.map((s) => [s.line, s.values.account_number])).toEqual([
      [4, 'Hartley-Dental-Group'],
      [5, 'Gonzalez-Maria'],
      [6, 'Acme-Supply-Warehouse'],
    ]);
    expect(await b.services.imports.post(admin, qb('accounts', 'customers.IIF', CUSTOMERS_IIF))).toMatchObject({ posted: 3 });
    const accounts = b.ctx.store.sqlite
      .prepare('SELECT account_number, name, kind, terms, credit_limit_cents, billing_address, notes FROM account ORDER BY id')
      .all() as { billing_address: string }[];
    expect(accounts.map((a) => ({ ...a, billing_address: JSON.parse(a.billing_address) }))).toEqual([
      {
        account_number: 'Hartley-Dental-Group',
        name: 'Hartley Dental Group',
        kind: 'commercial',
        terms: 'Net 30',
        credit_limit_cents: 500_000,
        billing_address: expect.objectContaining({ line1: '12 Lake St', line2: 'Suite 200', city: 'Chicago', state: 'IL', postalCode: '60601' }),
        notes: 'Pays by check',
      },
      {
        account_number: 'Gonzalez-Maria',
        name: 'Gonzalez, Maria',
        kind: 'consumer',
        terms: '2/10 Net 30',
        credit_limit_cents: null,
        billing_address: expect.objectContaining({ line1: '88 Palm Ave', city: 'Phoenix', state: 'AZ', postalCode: '85001' }),
        notes: '',
      },
      {
        account_number: 'Acme-Supply-Warehouse',
        name: 'Acme Supply:Warehouse',
        kind: 'commercial',
        terms: 'Net 30',
        credit_limit_cents: null,
        billing_address: expect.objectContaining({ line1: '400 Dock Rd', city: 'Gary', state: 'IN' }),
        notes: 'QuickBooks terms: Consignment',
      },
    ]);

    const inv = await b.services.imports.post(admin, qb('invoices', 'invoices.iif', INVOICES_IIF));
    expect(inv).toMatchObject({ posted: 2, amountCents: 133_250 });
    const docs = b.ctx.store.sqlite
      .prepare(
        `SELECT a.account_number, d.doc_date, d.due_date, d.total_cents, d.po_number, k.key FROM document d JOIN account a ON a.id = d.account_id
         JOIN import_key k ON k.document_id = d.id WHERE d.kind = 'invoice' ORDER BY d.id`,
      )
      .all();
    expect(docs).toEqual([
      { account_number: 'Hartley-Dental-Group', doc_date: '2025-05-01', due_date: '2025-05-31', total_cents: 108_250, po_number: 'PO-77', key: '1001' },
      { account_number: 'Gonzalez-Maria', doc_date: '2025-05-15', due_date: '2025-06-14', total_cents: 25_000, po_number: '', key: '1002' },
    ]);
    const again = await b.services.imports.post(admin, qb('invoices', 'invoices.iif', INVOICES_IIF));
    expect(again).toMatchObject({ posted: 0, skippedAsDuplicates: 2 });
  });

  it('uses the account number of an account already named as the QuickBooks customer', async () => {
    const b = await setup();
    await must(b, 'admin-session', 'accounts.create', { accountNumber: 'H-7', name: 'Hartley Dental Group', kind: 'commercial' });
    await must(b, 'admin-session', 'accounts.create', { accountNumber: 'G-9', name: 'Gonzalez, Maria', kind: 'consumer' });
    const p = await b.services.imports.preview(qb('invoices', 'invoices.iif', INVOICES_IIF));
    expect(p.errors).toEqual([]);
    expect(p.sample.map((s) => s.values.account_number)).toEqual(['H-7', 'G-9']);
  });

  it('refuses a broken file with every problem on its line, and posts nothing', async () => {
    const b = await setup();
    await b.services.imports.post(admin, qb('accounts', 'customers.iif', CUSTOMERS_IIF));
    const broken = tsv(
      ['!TRNS', 'TRNSID', 'TRNSTYPE', 'DATE', 'ACCNT', 'NAME', 'AMOUNT', 'DOCNUM'],
      ['SPL', '', 'INVOICE', '05/01/2025', 'Sales', '', '-5.00', '2000'],
      ['!SPL', 'SPLID', 'TRNSTYPE', 'DATE', 'ACCNT', 'NAME', 'AMOUNT', 'DOCNUM'],
      ['!ENDTRNS'],
      ['SPL', '', 'INVOICE', '05/01/2025', 'Sales', '', '-5.00', '2000'],
      ['TRNS', '', 'INVOICE', '05/02/2025', 'Accounts Receivable', 'Hartley Dental Group', '40.00', '2001'],
      ['SPL', '', 'INVOICE', '05/02/2025', 'Sales', '', '-40.00', '2001'],
      ['TRNS', '', 'INVOICE', '05/03/2025', 'Accounts Receivable', 'Hartley Dental Group', '60.00', '2002'],
      ['SPL', '', 'INVOICE', '05/03/2025', 'Sales', '', '-59.00', '2002'],
      ['ENDTRNS'],
      ['TRNS', '', 'INVOICE', '13/45/2025', 'Accounts Receivable', 'Hartley Dental Group', '10.00', '2003'],
      ['SPL', '', 'INVOICE', '13/45/2025', 'Sales', '', '-10.00', '2003'],
      ['ENDTRNS'],
      ['TRNS', '', 'INVOICE', '05/04/2025', 'Accounts Receivable', 'Nobody Known', '10.00', '2004'],
      ['SPL', '', 'INVOICE', '05/04/2025', 'Sales', '', '-10.00', '2004'],
      ['ENDTRNS'],
      ['TRNS', '', 'INVOICE', '05/05/2025', 'Accounts Receivable', 'Hartley Dental Group', '20.00', '2005'],
      ['SPL', '', 'INVOICE', '05/05/2025', 'Sales', '', '-20.00', '2005'],
    );
    const errors = await refused(b, qb('invoices', 'broken.iif', broken));
    const at = (line: number) => errors.filter((e) => e.line === line).map((e) => `${e.column}: ${e.reason}`);
    expect(at(2)).toEqual([expect.stringMatching(/^SPL: .*before any !SPL header/)]);
    expect(at(5)).toEqual(['SPL: is a split line (SPL) outside a transaction: it must follow a TRNS line']);
    expect(at(6)).toEqual([expect.stringMatching(/^TRNS: starts a transaction that has no ENDTRNS line before the next TRNS on line 8/)]);
    expect(at(8)).toEqual(['AMOUNT: the transaction does not balance: its TRNS and SPL amounts add up to 1.00, not 0.00']);
    expect(at(11)).toEqual([expect.stringMatching(/^DATE: .*13\/45\/2025/)]);
    // A row check after the conversion (no such account) names the QuickBooks column too.
    expect(at(14)).toEqual([expect.stringMatching(/^NAME: .*Nobody-Known/i)]);
    expect(at(17)).toEqual([expect.stringMatching(/^TRNS: .*no ENDTRNS line before the end of the file/)]);
  });

  it('refuses what IIF does not carry, and a file that is not IIF', async () => {
    const b = await setup();
    await expect(b.services.imports.preview(qb('payments', 'x.iif', INVOICES_IIF))).rejects.toThrow(/IIF file imports as accounts .* or invoices/);
    await expect(b.services.imports.preview(qb('accounts', 'x.iif', 'Customer,Phone\nA,1\n'))).rejects.toThrow(/not an IIF file/);
  });

  it('reads QuickBooks dates, two-digit years by the documented window', () => {
    expect(readQuickBooksDate('7/1/98')).toEqual({ ok: true, value: '1998-07-01' });
    expect(readQuickBooksDate('12/31/49')).toEqual({ ok: true, value: '2049-12-31' });
    expect(readQuickBooksDate('01/01/50')).toEqual({ ok: true, value: '1950-01-01' });
    expect(readQuickBooksDate('02/29/2024')).toEqual({ ok: true, value: '2024-02-29' });
    expect(readQuickBooksDate('02/30/24')).toMatchObject({ ok: false, reason: expect.stringContaining('not a calendar date') });
    expect(readQuickBooksDate('2024/02/03')).toMatchObject({ ok: false, reason: expect.stringContaining('MM/DD/YYYY') });
  });
});

// Customer Center › Excel › Export Customer List: one row per customer (jobs too), the first column unnamed.
const CUSTOMER_LIST_HEAD = [
  '',
  'Active Status',
  'Customer',
  'Balance',
  'Balance Total',
  'Company',
  'Mr./Ms./...',
  'First Name',
  'M.I.',
  'Last Name',
  'Primary Contact',
  'Main Phone',
  'Main Email',
  'Bill to 1',
  'Bill to 2',
  'Bill to 3',
  'Bill to 4',
  'Bill to 5',
  'Customer Type',
  'Terms',
  'Account No.',
  'Credit Limit',
];
const CUSTOMER_LIST_ROWS = [
  [
    '',
    'Active',
    'Hartley Dental Group',
    '1,082.50',
    '1,082.50',
    'Hartley Dental Group',
    '',
    '',
    '',
    '',
    'Dana Hart',
    '(312) 555-0142',
    'ap@hartleydental.example',
    'Hartley Dental Group',
    '12 Lake St',
    'Chicago, IL 60601',
    '',
    '',
    'Commercial',
    'Net 30',
    'HDG-001',
    '5,000.00',
  ],
  [
    '',
    'Active',
    'Gonzalez, Maria',
    '250.00',
    '250.00',
    '',
    'Ms.',
    'Maria',
    '',
    'Gonzalez',
    '',
    '602-555-0199',
    '',
    'Maria Gonzalez',
    '88 Palm Ave',
    'Phoenix, AZ 85001',
    '',
    '',
    '',
    '2% 10 Net 30',
    '',
    '',
  ],
];
const csv = (rows: string[][]) => `${rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\r\n')}\r\n`;

async function xlsx(rows: (string | number | Date)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('QuickBooks Customer List import', () => {
  it('reads the CSV export (account numbers from Account No., else from the name)', async () => {
    const b = await setup();
    const s = await b.services.imports.post(admin, qb('accounts', 'customers.csv', csv([CUSTOMER_LIST_HEAD, ...CUSTOMER_LIST_ROWS])));
    expect(s).toMatchObject({ posted: 2 });
    const rows = b.ctx.store.sqlite.prepare('SELECT account_number, name, kind, terms, credit_limit_cents FROM account ORDER BY id').all();
    expect(rows).toEqual([
      { account_number: 'HDG-001', name: 'Hartley Dental Group', kind: 'commercial', terms: 'Net 30', credit_limit_cents: 500_000 },
      { account_number: 'Gonzalez-Maria', name: 'Gonzalez, Maria', kind: 'consumer', terms: '2/10 Net 30', credit_limit_cents: null },
    ]);
  });

  it('reads the Excel export with title lines above the table, and names the line of a bad row', async () => {
    const b = await setup();
    const bad = [...CUSTOMER_LIST_ROWS[1]!];
    bad[12] = 'not-an-email';
    const file = await xlsx([['Riverside Billing Co'], ['Customer List'], [], CUSTOMER_LIST_HEAD, CUSTOMER_LIST_ROWS[0]!, bad]);
    const p = await b.services.imports.preview(qb('accounts', 'customers.xlsx', file));
    expect(p.format).toBe('xlsx');
    expect(p.errors).toEqual([{ line: 6, column: 'Main Email', reason: expect.any(String) }]);
    expect(p.sample[0]).toMatchObject({ line: 5, values: { account_number: 'HDG-001', city: 'Chicago' } });
  });

  it('refuses an unknown column layout with the columns it looks for', async () => {
    const b = await setup();
    await expect(b.services.imports.preview(qb('accounts', 'list.csv', 'Name,Phone\nA,1\n'))).rejects.toThrow(
      /not a QuickBooks customer list: none of its first 30 lines is a header row with the columns Customer/,
    );
  });
});
