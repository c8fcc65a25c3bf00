import { centsToDecimalString } from '@shared/money';
import type { ImportError } from '@shared/ipc/contract/imports';
import type { SheetData } from '../imports/sheet';
import { accountsColumns, canonicalSheet, invoicesColumns, quickBooksTerms, type CanonicalRow } from './canonical';
import { readIifAmount, readQuickBooksDate, type IifFile, type IifRecord, type IifTransaction } from './iif';
import { resolveAccountNumber, splitAddress } from './names';

/** The customer names an IIF file uses: its CUST records, or the NAME of its invoices. */
export function iifCustomerNames(file: IifFile, kind: 'accounts' | 'invoices'): string[] {
  if (kind === 'accounts') return file.lists.filter((r) => r.type === 'CUST').map((r) => r.get('NAME'));
  return file.transactions.map((t) => t.trns.get('NAME'));
}

/** `!CUST` records -> the accounts import's columns. */
export function iifAccounts(file: IifFile, known: Map<string, string>): SheetData {
  const problems: ImportError[] = [...file.problems];
  const rows: CanonicalRow[] = [];
  const customers = file.lists.filter((r) => r.type === 'CUST');
  for (const c of customers) {
    const name = c.get('NAME');
    if (!name) {
      problems.push({ line: c.line, column: 'NAME', reason: 'is empty; every customer needs its name' });
      continue;
    }
    const person = [c.get('FIRSTNAME'), c.get('MIDINIT'), c.get('LASTNAME')].filter(Boolean).join(' ');
    const company = c.get('COMPANYNAME');
    const address = splitAddress(
      ['BADDR1', 'BADDR2', 'BADDR3', 'BADDR4', 'BADDR5'].map((k) => c.get(k)),
      [name, company, person],
    );
    const termsText = c.get('TERMS');
    const terms = quickBooksTerms(termsText);
    const notes = [c.get('NOTE'), termsText && !terms ? `QuickBooks terms: ${termsText}` : ''].filter(Boolean).join('; ');
    const limit = readIifAmount(c.get('LIMIT'));
    rows.push({
      line: c.line,
      values: {
        account_number: resolveAccountNumber(known, name),
        name,
        kind: company ? 'commercial' : 'consumer',
        contact_name: c.get('CONT1') || person,
        phone: c.get('PHONE1'),
        email: c.get('EMAIL'),
        address_line1: address.line1,
        address_line2: address.line2,
        city: address.city,
        state: address.state,
        postal_code: address.postalCode,
        terms: terms ?? '',
        // A limit QuickBooks left at zero means none; a bad one reaches the row check as written.
        credit_limit: limit.ok ? (limit.value > 0 ? centsToDecimalString(limit.value) : '') : c.get('LIMIT'),
        notes,
      },
    });
  }
  if (customers.length === 0 && problems.length === 0)
    problems.push({
      line: 1,
      column: '!CUST',
      reason: 'the file has no customer (CUST) records; export the Customer list (File › Utilities › Export › Lists to IIF Files)',
    });
  return canonicalSheet(accountsColumns, 'csv', 1, rows, problems, {
    account_number: 'NAME',
    name: 'NAME',
    kind: 'COMPANYNAME',
    contact_name: 'CONT1',
    phone: 'PHONE1',
    email: 'EMAIL',
    address_line1: 'BADDR',
    address_line2: 'BADDR',
    city: 'BADDR',
    state: 'BADDR',
    postal_code: 'BADDR',
    terms: 'TERMS',
    credit_limit: 'LIMIT',
    notes: 'NOTE',
  });
}

/** A transaction's debits and credits must cancel out: TRNS amount plus SPL amounts = 0. */
function balanceProblem(tx: IifTransaction): ImportError | null {
  let sum = 0;
  for (const r of [tx.trns, ...tx.spls]) {
    const a = readIifAmount(r.get('AMOUNT'));
    if (!a.ok) return { line: r.line, column: 'AMOUNT', reason: a.reason };
    sum += a.value;
  }
  if (sum === 0) return null;
  return {
    line: tx.trns.line,
    column: 'AMOUNT',
    reason: `the transaction does not balance: its TRNS and SPL amounts add up to ${centsToDecimalString(sum)}, not 0.00`,
  };
}

/** What an invoice's split lines say: their memos or items, as one description. */
function describeLines(spls: IifRecord[]): string {
  const parts = spls
    .filter((s) => !/^AUTOSTAX$/i.test(s.get('EXTRA')))
    .map((s) => s.get('MEMO') || s.get('INVITEM'))
    .filter(Boolean);
  const text = [...new Set(parts)].join('; ');
  return text.length > 500 ? `${text.slice(0, 499)}…` : text;
}

/** INVOICE transactions -> the invoices import's columns; other transaction types are left out. */
export function iifInvoices(file: IifFile, known: Map<string, string>): SheetData {
  const problems: ImportError[] = [...file.problems];
  const rows: CanonicalRow[] = [];
  const invoices = file.transactions.filter((t) => t.trns.get('TRNSTYPE').toUpperCase() === 'INVOICE');
  for (const tx of invoices) {
    const t = tx.trns;
    const bad = (column: string, reason: string) => problems.push({ line: t.line, column, reason });
    const balance = balanceProblem(tx);
    if (balance) {
      problems.push(balance);
      continue;
    }
    const amount = readIifAmount(t.get('AMOUNT'));
    const date = readQuickBooksDate(t.get('DATE'));
    const due = t.get('DUEDATE') ? readQuickBooksDate(t.get('DUEDATE')) : null;
    const name = t.get('NAME');
    const before = problems.length;
    if (!t.get('DOCNUM')) bad('DOCNUM', 'is empty; an invoice needs its number (DOCNUM) to be imported once only');
    if (!name) bad('NAME', 'is empty; an invoice needs its customer (NAME)');
    if (!date.ok) bad('DATE', date.reason);
    if (due && !due.ok) bad('DUEDATE', due.reason);
    if (amount.ok && amount.value <= 0) bad('AMOUNT', `is ${centsToDecimalString(amount.value)}; an invoice's TRNS amount (owed to you) is more than zero`);
    if (problems.length > before || !amount.ok || !date.ok) continue;
    rows.push({
      line: t.line,
      values: {
        invoice_number: t.get('DOCNUM'),
        account_number: resolveAccountNumber(known, name),
        invoice_date: date.value,
        due_date: due?.ok ? due.value : '',
        terms: quickBooksTerms(t.get('TERMS')) ?? '',
        amount: centsToDecimalString(amount.value),
        description: describeLines(tx.spls),
        po_number: t.get('PONUM'),
        memo: t.get('MEMO'),
      },
    });
  }
  if (invoices.length === 0 && problems.length === 0)
    problems.push({ line: 1, column: '!TRNS', reason: 'the file has no INVOICE transactions (TRNS lines with TRNSTYPE INVOICE)' });
  return canonicalSheet(invoicesColumns, 'csv', 1, rows, problems, {
    invoice_number: 'DOCNUM',
    account_number: 'NAME',
    invoice_date: 'DATE',
    due_date: 'DUEDATE',
    terms: 'TERMS',
    amount: 'AMOUNT',
    description: 'SPL MEMO',
    po_number: 'PONUM',
    memo: 'MEMO',
  });
}
