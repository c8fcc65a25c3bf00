import { readDate } from '@shared/dates';
import { readMoney } from '@shared/money/text';
import { DomainError } from '../../errors';
import { normalizeHeader } from '../imports/columns';
import { readSheet } from '../imports/read';
import type { ColumnSpec } from '../imports/columns';
import { emptyStatement, periodFromLines, type ParsedStatement } from './types';

/**
 * The columns of a bank statement in CSV (or XLSX), with the header spellings banks use for each.
 * Either `amount` (signed: money in positive) or `debit` and/or `credit` (both written as positive).
 */
export const statementColumns: ColumnSpec[] = [
  {
    name: 'booking_date',
    required: true,
    aliases: ['date', 'posting date', 'posted date', 'transaction date', 'booked', 'booking', 'entry date'],
    help: 'The day the bank booked the line.',
  },
  { name: 'value_date', required: false, aliases: ['value', 'effective date', 'available date'], help: 'The day the money is available.' },
  {
    name: 'amount',
    required: false,
    aliases: ['transaction amount', 'net amount', 'amt'],
    help: 'Signed: money in positive, money out negative ("-12.50" or "(12.50)").',
  },
  { name: 'debit', required: false, aliases: ['debits', 'withdrawal', 'withdrawals', 'money out', 'paid out'], help: 'Money out, written as positive.' },
  { name: 'credit', required: false, aliases: ['credits', 'deposit', 'deposits', 'money in', 'paid in'], help: 'Money in, written as positive.' },
  {
    name: 'bank_reference',
    required: false,
    aliases: ['reference', 'ref', 'bank ref', 'transaction id', 'fitid', 'bank reference number'],
    help: "The bank's own reference of the line: it keeps a line from being imported twice.",
  },
  {
    name: 'customer_reference',
    required: false,
    aliases: ['check number', 'check', 'cheque number', 'customer ref', 'your reference', 'end to end id'],
    help: 'Your reference (check number, the reference you gave the payment).',
  },
  { name: 'description', required: false, aliases: ['memo', 'details', 'narrative', 'payee', 'text', 'transaction description'], help: 'Free text.' },
  { name: 'type_code', required: false, aliases: ['type', 'transaction type', 'code'], help: "The bank's code for the kind of line." },
];

/** Canonical column -> the first header naming it (its own name first, then its aliases). */
export function detectStatementMapping(headers: string[]): Record<string, string | null> {
  const byNorm = new Map<string, string>();
  for (const h of headers) {
    const n = normalizeHeader(h);
    if (n && !byNorm.has(n)) byNorm.set(n, h);
  }
  const used = new Set<string>();
  const mapping: Record<string, string | null> = {};
  for (const pass of ['name', 'aliases'] as const) {
    for (const spec of statementColumns) {
      if (mapping[spec.name]) continue;
      const names = pass === 'name' ? [spec.name] : spec.aliases;
      const src = names.map((n) => byNorm.get(normalizeHeader(n))).find((h) => h !== undefined && !used.has(h));
      mapping[spec.name] = src ?? null;
      if (src) used.add(src);
    }
  }
  return mapping;
}

export interface CsvStatement extends ParsedStatement {
  headers: string[];
  mapping: Record<string, string | null>;
}

/** A bank statement in CSV or XLSX with a header row, read through the imports' sheet readers. */
export async function parseCsvStatement(fileName: string, bytes: Buffer, override?: Record<string, string | null>): Promise<CsvStatement> {
  const s = emptyStatement('csv');
  let sheet: Awaited<ReturnType<typeof readSheet>>;
  try {
    sheet = await readSheet(fileName, bytes);
  } catch (err) {
    // The file as a whole cannot be read (no header, not separated, too large): one error on line 1.
    if (!(err instanceof DomainError)) throw err;
    return { ...s, headers: [], mapping: {}, errors: [{ file: fileName, line: 1, field: 'file', reason: err.message }] };
  }
  const mapping = { ...detectStatementMapping(sheet.headers), ...override };
  const out: CsvStatement = { ...s, headers: sheet.headers, mapping };
  const fail = (line: number, field: string, reason: string) => out.errors.push({ file: fileName, line, field, reason });
  for (const p of sheet.problems) fail(p.line, p.column, p.reason);

  const index = new Map<string, number>();
  for (const [name, header] of Object.entries(mapping)) {
    if (!header) continue;
    const i = sheet.headers.indexOf(header);
    if (i < 0) fail(sheet.headerLine, name, `is mapped to the column "${header}", which the file does not have`);
    else index.set(name, i);
  }
  if (!index.has('booking_date'))
    fail(sheet.headerLine, 'booking_date', 'no column holds the booking date (a column named Date, Posting date or Booking date)');
  if (!index.has('amount') && !index.has('debit') && !index.has('credit'))
    fail(sheet.headerLine, 'amount', 'no column holds the amount (a signed Amount column, or Debit and Credit columns)');
  if (out.errors.some((e) => e.line === sheet.headerLine)) return out;

  const problemLines = new Set(sheet.problems.map((p) => p.line));
  for (const row of sheet.rows) {
    if (problemLines.has(row.line)) continue;
    const cell = (name: string) => {
      const i = index.get(name);
      return i === undefined ? '' : (row.cells[i] ?? '').trim();
    };
    const label = (name: string) => mapping[name] ?? name;
    const before = out.errors.length;
    const date = (name: string, required: boolean): string | null => {
      const text = cell(name);
      if (text === '' && !required) return null;
      const r = readDate(text);
      if (!r.ok) fail(row.line, label(name), r.reason);
      return r.ok ? r.value : null;
    };
    const bookingDate = date('booking_date', true);
    const valueDate = date('value_date', false);
    let amount = 0;
    if (index.has('amount') && cell('amount') !== '') {
      const r = readMoney(cell('amount'), { negative: true });
      if (r.ok) amount = r.value;
      else fail(row.line, label('amount'), r.reason);
    } else {
      const part = (name: 'debit' | 'credit') => {
        if (cell(name) === '') return 0;
        const r = readMoney(cell(name));
        if (!r.ok) fail(row.line, label(name), r.reason);
        return r.ok ? r.value : 0;
      };
      const debit = part('debit');
      const credit = part('credit');
      if (out.errors.length === before && cell('debit') === '' && cell('credit') === '')
        fail(row.line, label(index.has('amount') ? 'amount' : 'credit'), 'is empty: the line has no amount');
      amount = credit - debit;
    }
    if (out.errors.length > before || !bookingDate) continue;
    out.lines.push({
      line: row.line,
      bookingDate,
      valueDate,
      amountCents: amount,
      bankReference: cell('bank_reference') || null,
      customerReference: cell('customer_reference') || null,
      description: cell('description'),
      typeCode: cell('type_code') || null,
    });
  }
  periodFromLines(out);
  return out;
}
