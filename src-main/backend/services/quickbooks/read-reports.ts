import { centsToDecimalString, readMoney, type Cents } from '@shared/money';
import type { Read } from '@shared/read';
import type { ImportError } from '@shared/ipc/contract/imports';
import { invalid } from '../../errors';
import { normalizeHeader } from '../imports/columns';
import type { SheetData } from '../imports/sheet';
import { accountsColumns, canonicalSheet, openItemsColumns, quickBooksTerms, type CanonicalRow } from './canonical';
import { readQuickBooksDate } from './iif';
import { resolveAccountNumber, splitAddress } from './names';

type Row = { line: number; cells: string[] };

/**
 * Every non-empty row of a sheet as read, the first one included: a QuickBooks export has report titles
 * above its table, so the imports reader's "header" is only the first title line. Its width complaints
 * (rows wider than a one-cell title) are not problems here; any other problem is kept.
 */
export function allRows(sheet: SheetData): { rows: Row[]; problems: ImportError[] } {
  return {
    rows: [{ line: sheet.headerLine, cells: sheet.headers }, ...sheet.rows],
    problems: sheet.problems.filter((p) => !p.reason.startsWith('the row has ')),
  };
}

/** The table's header row: the first of the first 30 rows naming every one of `required`; column name -> index. */
function findHeader(rows: Row[], required: string[], fileName: string, what: string): { at: number; col: Map<string, number> } {
  for (let i = 0; i < Math.min(rows.length, 30); i++) {
    const col = new Map<string, number>();
    rows[i]!.cells.forEach((c, k) => {
      const n = normalizeHeader(c);
      if (n && !col.has(n)) col.set(n, k);
    });
    if (required.every((r) => col.has(normalizeHeader(r)))) return { at: i, col };
  }
  throw invalid(
    `${fileName} is not ${what}: none of its first 30 lines is a header row with the columns ${required.join(', ')}. Export it again as docs/quickbooks.md says, without changing its columns.`,
  );
}

/** A reader of one row's cells by QuickBooks column name (any of the spellings given). */
function cellsOf(col: Map<string, number>, row: Row) {
  return (...names: string[]) => {
    for (const n of names) {
      const k = col.get(normalizeHeader(n));
      if (k !== undefined) return (row.cells[k] ?? '').trim();
    }
    return '';
  };
}

/** The header text of the file for a column (any of the spellings given), '' when the file has none. */
function headerLabel(col: Map<string, number>, header: Row) {
  return (...names: string[]) => {
    for (const n of names) {
      const k = col.get(normalizeHeader(n));
      if (k !== undefined) return header.cells[k]!.trim();
    }
    return '';
  };
}

/** An amount as a report shows it: "1,234.56", "(12.00)", "-12.00" and "12.00-"; the one money reader, negatives allowed. */
export const readReportAmount = (text: string): Read<Cents> => readMoney(text, { negative: true });

/** Customer Center › Excel › Export Customer List -> the accounts import's columns. */
export function customerList(sheet: SheetData, fileName: string, known: Map<string, string>): SheetData {
  const { rows, problems } = allRows(sheet);
  const { at, col } = findHeader(rows, ['Customer'], fileName, 'a QuickBooks customer list');
  const out: CanonicalRow[] = [];
  for (const row of rows.slice(at + 1)) {
    const get = cellsOf(col, row);
    const name = get('Customer');
    if (!name || /^total\b/i.test(row.cells.find((c) => c.trim())?.trim() ?? '')) continue;
    const company = get('Company');
    const person = [get('First Name'), get('M.I.'), get('Last Name')].filter(Boolean).join(' ');
    const address = splitAddress(
      [1, 2, 3, 4, 5].map((n) => get(`Bill to ${n}`, `Billing Address ${n}`)),
      [name, company, person],
    );
    const termsText = get('Terms');
    const terms = quickBooksTerms(termsText);
    const limit = get('Credit Limit');
    const limitRead = limit ? readReportAmount(limit) : null;
    out.push({
      line: row.line,
      values: {
        account_number: get('Account No.', 'Account Number') || resolveAccountNumber(known, name),
        name,
        kind: company ? 'commercial' : 'consumer',
        contact_name: get('Primary Contact', 'Contact') || person,
        phone: get('Main Phone', 'Phone'),
        email: get('Main Email', 'Email'),
        address_line1: address.line1,
        address_line2: address.line2,
        city: address.city,
        state: address.state,
        postal_code: address.postalCode,
        terms: terms ?? '',
        credit_limit: limitRead?.ok ? (limitRead.value > 0 ? centsToDecimalString(limitRead.value) : '') : limit,
        notes: [get('Note', 'Notes'), termsText && !terms ? `QuickBooks terms: ${termsText}` : ''].filter(Boolean).join('; '),
      },
    });
  }
  const label = headerLabel(col, rows[at]!);
  return canonicalSheet(accountsColumns, sheet.format, rows[at]!.line, out, problems, {
    account_number: label('Account No.', 'Account Number') || label('Customer'),
    name: label('Customer'),
    kind: label('Company') || 'Company',
    contact_name: label('Primary Contact', 'Contact') || 'Primary Contact',
    phone: label('Main Phone', 'Phone') || 'Main Phone',
    email: label('Main Email', 'Email') || 'Main Email',
    address_line1: 'Bill to',
    address_line2: 'Bill to',
    city: 'Bill to',
    state: 'Bill to',
    postal_code: 'Bill to',
    terms: label('Terms') || 'Terms',
    credit_limit: label('Credit Limit') || 'Credit Limit',
    notes: label('Note', 'Notes') || 'Note',
  });
}

const invoiceTypes = new Set(['invoice', 'statement charge']);
const creditTypes = new Set(['credit memo', 'credit']);
/** An unapplied payment is money never tied to an invoice: a payment on account (a prepayment), not a credit note. */
const paymentTypes = new Set(['payment']);
const journalTypes = new Set(['general journal', 'journal']);
const typeKey: Record<string, string> = { invoice: 'INV', 'statement charge': 'CHG', 'credit memo': 'CM', payment: 'PMT', credit: 'CR' };

/** The customer names of an Open Invoices report, for the account look-up before conversion. */
export function openInvoicesNames(sheet: SheetData, fileName: string): string[] {
  return walkOpenInvoices(sheet, fileName).items.map((i) => i.customer);
}

interface OpenItem {
  row: Row;
  customer: string;
  get: (...names: string[]) => string;
}

/**
 * Reports › Customers & Receivables › Open Invoices: a title block, then one group per customer (a row
 * with its name, its documents, a "Total <name>" row with the customer's open balance), then "TOTAL". The
 * subtotals are checked against the rows, so a row the reader missed or misread shows as an error.
 */
function walkOpenInvoices(sheet: SheetData, fileName: string) {
  const { rows, problems } = allRows(sheet);
  const { at, col } = findHeader(rows, ['Type', 'Date', 'Num', 'Open Balance'], fileName, 'a QuickBooks Open Invoices report');
  const items: OpenItem[] = [];
  const groups: { name: string; sum: number }[] = [];
  let grand = 0;
  const tableCols = ['Type', 'Date', 'Num', 'Open Balance'].map((n) => col.get(normalizeHeader(n))!);
  const checkTotal = (row: Row, label: string, sum: number, text: string) => {
    const total = readReportAmount(text);
    if (!total.ok) problems.push({ line: row.line, column: 'Open Balance', reason: `the total ${total.reason}` });
    else if (total.value !== sum)
      problems.push({
        line: row.line,
        column: 'Open Balance',
        reason: `${label} is ${text} but the rows above it add up to ${centsToDecimalString(sum)}; the report was changed or a row could not be read`,
      });
  };
  for (const row of rows.slice(at + 1)) {
    const get = cellsOf(col, row);
    const first = row.cells.find((c) => c.trim())?.trim() ?? '';
    if (!first) continue;
    if (get('Type')) {
      const customer = groups.length ? groups.map((g) => g.name).reduce((a, b) => (b.includes(':') ? b : `${a}:${b}`)) : '';
      if (!customer) {
        problems.push({
          line: row.line,
          column: 'Type',
          reason: 'comes before any customer name row; the report must be grouped by customer, as QuickBooks prints it',
        });
        continue;
      }
      const amount = readReportAmount(get('Open Balance'));
      if (amount.ok) {
        for (const g of groups) g.sum += amount.value;
        grand += amount.value;
      }
      items.push({ row, customer, get });
      continue;
    }
    const total = /^total\b\s*(.*)$/i.exec(first);
    if (total) {
      const balance = get('Open Balance');
      if (total[1]) {
        const g = groups.pop();
        if (g) checkTotal(row, `The total of ${g.name}`, g.sum, balance);
      } else {
        checkTotal(row, 'The report total', grand, balance);
        groups.length = 0;
      }
      continue;
    }
    // A customer (or job) name row: text only left of, or outside, the table's columns.
    if (tableCols.some((k) => (row.cells[k] ?? '').trim())) {
      problems.push({ line: row.line, column: 'Type', reason: 'is empty; every document row of the report has its type (Invoice, Credit Memo, Payment)' });
      continue;
    }
    groups.push({ name: first, sum: 0 });
  }
  return { rows, at, col, items, problems };
}

/** The Open Invoices report -> the open items import's columns. */
export function openInvoices(sheet: SheetData, fileName: string, known: Map<string, string>): SheetData {
  const { rows, at, col, items, problems } = walkOpenInvoices(sheet, fileName);
  const out: CanonicalRow[] = [];
  for (const { row, customer, get } of items) {
    const bad = (column: string, reason: string) => problems.push({ line: row.line, column, reason });
    const type = get('Type').toLowerCase().replace(/\s+/g, ' ');
    const open = readReportAmount(get('Open Balance'));
    const date = readQuickBooksDate(get('Date'));
    const dueText = get('Due Date');
    const due = dueText ? readQuickBooksDate(dueText) : null;
    const originalText = get('Amount', 'Original Amount');
    const original = originalText ? readReportAmount(originalText) : open;
    if (!open.ok) bad('Open Balance', open.reason);
    if (!date.ok) bad('Date', date.reason);
    if (due && !due.ok) bad('Due Date', due.reason);
    if (!original.ok) bad('Amount', original.reason);
    if (!open.ok || !date.ok || (due && !due.ok) || !original.ok) continue;
    let kind: 'invoice' | 'credit' | 'payment';
    if (invoiceTypes.has(type)) kind = 'invoice';
    else if (creditTypes.has(type)) kind = 'credit';
    else if (paymentTypes.has(type)) kind = 'payment';
    else if (journalTypes.has(type)) kind = open.value < 0 ? 'credit' : 'invoice';
    else {
      bad(
        'Type',
        `is a type the open items import does not take (${get('Type')}); it takes Invoice, Statement Charge, Credit Memo, Payment and General Journal`,
      );
      continue;
    }
    if (kind === 'invoice' && open.value < 0) {
      bad('Open Balance', `is negative (${get('Open Balance')}) on an invoice; an invoice's open balance is what the customer still owes`);
      continue;
    }
    const number = get('Num') || `${typeKey[type] ?? 'JE'}-${date.value.replace(/-/g, '')}-L${row.line}`;
    const po = get('P. O. #');
    out.push({
      line: row.line,
      values: {
        document_number: number,
        account_number: resolveAccountNumber(known, customer),
        kind,
        document_date: date.value,
        due_date: due?.ok ? due.value : '',
        original_amount: centsToDecimalString(Math.abs(original.value)),
        open_amount: centsToDecimalString(Math.abs(open.value)),
        description: [`QuickBooks ${get('Type')}${get('Num') ? ` ${get('Num')}` : ''}`, po ? `PO ${po}` : ''].filter(Boolean).join(', '),
      },
    });
  }
  const label = headerLabel(col, rows[at]!);
  return canonicalSheet(openItemsColumns, sheet.format, rows[at]!.line, out, problems, {
    document_number: label('Num'),
    account_number: 'Customer',
    kind: label('Type'),
    document_date: label('Date'),
    due_date: label('Due Date') || 'Due Date',
    original_amount: label('Amount', 'Original Amount') || label('Open Balance'),
    open_amount: label('Open Balance'),
    description: label('Type'),
  });
}
