import type { IsoDate } from '@shared/dates';
import { defaultQuickBooksAccounts, quickBooksAccountsSchema, type QuickBooksAccounts } from '@shared/domain/quickbooks';
import { centsToDecimalString } from '@shared/money';
import type { Queryable } from '../../context';
import type { DocumentKindColumn } from '../../db/schema';
import { readSetting } from '../settings';
import { iifLine, iifText } from './iif';

export const QUICKBOOKS_ACCOUNTS_SETTING = 'quickbooks.accounts';

/** The stored account names, each field read on its own (a bad stored value reads as its default). */
export async function readQuickBooksAccounts(db: Queryable): Promise<QuickBooksAccounts> {
  const raw = (await readSetting<Record<string, unknown>>(db, QUICKBOOKS_ACCOUNTS_SETTING)) ?? {};
  const out = { ...defaultQuickBooksAccounts };
  for (const k of Object.keys(out) as (keyof QuickBooksAccounts)[]) {
    const r = quickBooksAccountsSchema.shape[k].safeParse(raw[k]);
    if (r.success) out[k] = r.data;
  }
  return out;
}

/** One line of a journal entry: positive = debit, negative = credit. */
export interface JournalLine {
  account: keyof QuickBooksAccounts;
  amountCents: number;
}

export interface ExportDocument {
  id: number;
  kind: DocumentKindColumn;
  side: 'debit' | 'credit';
  number: string | null;
  docDate: IsoDate;
  totalCents: number;
  taxCents: number;
  reason: string;
  memo: string;
  relatedKind: DocumentKindColumn | null;
  accountNumber: string;
  accountName: string;
}

/**
 * The journal entry of one posted document (docs/quickbooks.md, "What each document posts"). The
 * receivables line always carries the document's ledger amount, so the entries' receivables lines add up
 * to the ledger's activity; every entry balances by construction (each credit is the rest of the debit).
 */
export function journalLines(d: ExportDocument): JournalLine[] {
  const t = d.totalCents;
  const tax = Math.min(d.taxCents, t);
  const ar = (sign: 1 | -1): JournalLine => ({ account: 'receivables', amountCents: sign * t });
  const against = (account: keyof QuickBooksAccounts, sign: 1 | -1): JournalLine => ({ account, amountCents: sign * t });
  switch (d.kind) {
    case 'invoice':
      return [ar(1), { account: 'income', amountCents: -(t - tax) }, { account: 'salesTax', amountCents: -tax }];
    case 'credit_note':
      return [{ account: 'income', amountCents: t - tax }, { account: 'salesTax', amountCents: tax }, ar(-1)];
    case 'payment':
      return [against('undepositedFunds', 1), ar(-1)];
    case 'reversal':
    case 'refund':
      // Money goes back out: the payment's deposit (a bounced check) or the refund paid from it.
      return [ar(1), against('undepositedFunds', -1)];
    case 'fee':
      return [ar(1), against('lateFeeIncome', -1)];
    case 'write_off':
      return [against('badDebt', 1), ar(-1)];
    case 'adjustment': {
      // A waived fee (an adjustment against a fee) takes back late fee income; other adjustments, income.
      const account = d.relatedKind === 'fee' ? 'lateFeeIncome' : 'income';
      return d.side === 'debit' ? [ar(1), against(account, -1)] : [against(account, 1), ar(-1)];
    }
  }
}

const kindWords: Record<DocumentKindColumn, string> = {
  invoice: 'Invoice',
  credit_note: 'Credit note',
  payment: 'Payment',
  refund: 'Refund',
  reversal: 'Payment reversal',
  fee: 'Fee',
  adjustment: 'Adjustment',
  write_off: 'Write-off',
};

/** The period's posted documents with their customers, oldest first. */
export async function documentsOfPeriod(db: Queryable, from: IsoDate, to: IsoDate): Promise<ExportDocument[]> {
  const rows = await db
    .selectFrom('document as d')
    .innerJoin('account as a', 'a.id', 'd.account_id')
    .leftJoin('document as r', 'r.id', 'd.related_document_id')
    .select([
      'd.id',
      'd.kind',
      'd.side',
      'd.number',
      'd.doc_date',
      'd.total_cents',
      'd.tax_cents',
      'd.shipping_tax_cents',
      'd.reason',
      'd.memo',
      'r.kind as related_kind',
      'a.account_number',
      'a.name',
    ])
    .where('d.status', '=', 'posted')
    .where('d.doc_date', '>=', from)
    .where('d.doc_date', '<=', to)
    .orderBy('d.doc_date')
    .orderBy('d.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    side: r.side,
    number: r.number,
    docDate: r.doc_date,
    totalCents: r.total_cents,
    taxCents: r.tax_cents + r.shipping_tax_cents,
    reason: r.reason,
    memo: r.memo,
    relatedKind: r.related_kind,
    accountNumber: r.account_number,
    accountName: r.name,
  }));
}

/** QuickBooks writes and reads dates as MM/DD/YYYY (US company files). */
const qbDate = (d: IsoDate) => `${d.slice(5, 7)}/${d.slice(8, 10)}/${d.slice(0, 4)}`;

const accountTypes: Record<keyof QuickBooksAccounts, string> = {
  receivables: 'AR',
  income: 'INC',
  salesTax: 'OCLIAB',
  undepositedFunds: 'OCASSET',
  lateFeeIncome: 'INC',
  badDebt: 'EXP',
};

/**
 * Customer names as QuickBooks keys them (at most 41 characters): the account's name, made unique with
 * its account number when two accounts of the file share a name.
 */
function customerNames(docs: ExportDocument[]): Map<string, string> {
  const byName = new Map<string, Set<string>>();
  for (const d of docs) {
    const n = iifText(d.accountName);
    if (!byName.has(n)) byName.set(n, new Set());
    byName.get(n)!.add(d.accountNumber);
  }
  const out = new Map<string, string>();
  for (const [name, numbers] of byName)
    for (const num of numbers) {
      const suffix = numbers.size > 1 ? ` (${num})` : '';
      out.set(num, `${name.slice(0, 41 - suffix.length).trim()}${suffix}`);
    }
  return out;
}

export interface IifExport {
  text: string;
  transactions: number;
  debitCents: number;
}

/** The IIF text: the accounts and customers it names, then one GENERAL JOURNAL entry per document. */
export function buildIif(docs: ExportDocument[], accounts: QuickBooksAccounts): IifExport {
  const names = customerNames(docs);
  const out: string[] = [];
  out.push(iifLine(['!ACCNT', 'NAME', 'ACCNTTYPE']));
  const seen = new Set<string>();
  for (const k of Object.keys(accountTypes) as (keyof QuickBooksAccounts)[]) {
    if (seen.has(accounts[k])) continue;
    seen.add(accounts[k]);
    out.push(iifLine(['ACCNT', accounts[k], accountTypes[k]]));
  }
  if (names.size > 0) {
    out.push(iifLine(['!CUST', 'NAME']));
    for (const n of new Set(names.values())) out.push(iifLine(['CUST', n]));
  }
  const cols = ['TRNSTYPE', 'DATE', 'ACCNT', 'NAME', 'AMOUNT', 'DOCNUM', 'MEMO'];
  out.push(iifLine(['!TRNS', 'TRNSID', ...cols]), iifLine(['!SPL', 'SPLID', ...cols]), iifLine(['!ENDTRNS']));
  let transactions = 0;
  let debitCents = 0;
  for (const d of docs) {
    const lines = journalLines(d).filter((l) => l.amountCents !== 0);
    if (lines.length === 0) continue;
    const sum = lines.reduce((s, l) => s + l.amountCents, 0);
    if (sum !== 0) throw new Error(`journal entry of document ${d.id} does not balance (${sum})`);
    const number = d.number ?? `LD-${d.id}`;
    const memo = [`${kindWords[d.kind]} ${number}`, d.reason, d.memo].map(iifText).filter(Boolean).join(': ').slice(0, 4000);
    const docNum = number.slice(0, 11);
    lines.forEach((l, i) => {
      out.push(
        iifLine([
          i === 0 ? 'TRNS' : 'SPL',
          '',
          'GENERAL JOURNAL',
          qbDate(d.docDate),
          accounts[l.account],
          // The customer goes on the receivables line, where QuickBooks requires one; other lines name none
          // (Sales Tax Payable takes only a tax agency there).
          l.account === 'receivables' ? names.get(d.accountNumber)! : '',
          centsToDecimalString(l.amountCents),
          docNum,
          memo,
        ]),
      );
      if (l.amountCents > 0) debitCents += l.amountCents;
    });
    out.push('ENDTRNS');
    transactions++;
  }
  return { text: `${out.join('\r\n')}\r\n`, transactions, debitCents };
}

/** Windows-1252 as far as Latin-1 goes (what QuickBooks Desktop reads); other characters lose their accents, else become "?". */
export function toAnsi(text: string): Buffer {
  const plain = [...text]
    .map((c) => {
      if (c.charCodeAt(0) <= 0xff) return c;
      const bare = c.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
      return bare.length > 0 && [...bare].every((b) => b.charCodeAt(0) <= 0xff) ? bare : '?';
    })
    .join('');
  return Buffer.from(plain, 'latin1');
}
