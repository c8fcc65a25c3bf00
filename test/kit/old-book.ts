/**
 * An old system's receivables book, generated from a seed: customers with invoices, payments applied to
 * named invoices (some split over several), payments on account, overpayments and standalone credit
 * notes (some applied, some open). It writes the import files in the columns of docs/import.md and
 * computes its own aging per customer and bucket with its own simple rules, written here apart from
 * Ledgerdesk's aging so the two can be compared (test/backend/old-book-import.test.ts, scripts/bench-import.ts).
 */
import { addDays, daysBetween, type IsoDate } from '@shared/dates';
import { centsToDecimalString } from '@shared/money';
import { Rng } from '../../src-main/backend/demo/prng';

export interface OldBookSize {
  seed: number;
  customers: number;
  /** Invoices in all, spread over the customers. */
  invoices: number;
  /** Payments in all (a payment over several invoices is one payment written on several rows). */
  payments: number;
  creditNotes: number;
  /** The last day of the book: nothing is dated after it. */
  asOf: IsoDate;
  /** How far back the book starts. */
  days?: number;
}

interface BookInvoice {
  number: string;
  account: string;
  date: IsoDate;
  due: IsoDate;
  amount: number;
  /** Applied so far by payments and credit notes. */
  paid: number;
}
interface Application {
  invoice: string;
  amount: number;
}
interface BookCredit {
  kind: 'payment' | 'credit_note';
  key: string;
  account: string;
  date: IsoDate;
  amount: number;
  applied: Application[];
  /** A payment that names no invoice (money on account). */
  onAccount: boolean;
}

/** How the book's aging report shows open credits (the options an office's old report had). */
export interface OldBookAgingRules {
  /** Days past due up to and including this are current. */
  currentThroughDays: number;
  edges: number[];
  /** 'column': open credits in their own column; 'aged': as negative amounts in the bucket of their date. */
  credits: 'column' | 'aged';
  /** Unapplied payments in a column of their own, apart from open credit notes. */
  prepaymentsApart: boolean;
}
export interface OldBookAgingRow {
  buckets: number[];
  /** Open credit notes (and unapplied payments unless kept apart), in the column presentation; else 0. */
  unappliedCents: number;
  /** Unapplied payments when kept apart; else 0. */
  prepaymentCents: number;
  totalCents: number;
}

export interface OldBook {
  files: { accounts: string; invoices: string; payments: string; credit_notes: string };
  counts: {
    accounts: number;
    invoices: number;
    payments: number;
    paymentRows: number;
    creditNotes: number;
    onAccount: number;
    overpaid: number;
    split: number;
  };
  /** The book's own aging as of its last day, by account number; accounts with nothing open are left out. */
  aging(rules: OldBookAgingRules): Map<string, OldBookAgingRow>;
}

const money = (c: number) => centsToDecimalString(c);
const csvCell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const csv = (rows: string[][]) => `${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;

const FIRST = ['Avery', 'Blake', 'Casey', 'Devon', 'Emery', 'Finley', 'Harper', 'Jordan', 'Kendall', 'Logan', 'Morgan', 'Parker', 'Quinn', 'Riley'];
const LAST = ['Abbott', 'Barnes', 'Castillo', 'Dawson', 'Ellis', 'Foster', 'Grant', 'Hughes', 'Ibarra', 'Jensen', 'Keller', 'Lopez', 'Monroe', 'Nguyen'];
const TRADE = ['Dental Group', 'Family Clinic', 'Supply Co', 'Builders', 'Veterinary', 'Print Shop', 'Landscaping', 'Bakery'];

export function generateOldBook(size: OldBookSize): OldBook {
  const rng = new Rng(size.seed);
  const start = addDays(size.asOf, -(size.days ?? 420));
  const span = daysBetween(start, size.asOf);
  const dayIn = (from: IsoDate, to: IsoDate) => addDays(from, rng.int(0, Math.max(0, daysBetween(from, to))));

  const accounts: string[][] = [['account_number', 'name', 'kind', 'terms']];
  const numbers: string[] = [];
  for (let i = 0; i < size.customers; i++) {
    const number = `OB-${String(10001 + i)}`;
    numbers.push(number);
    const commercial = rng.chance(0.4);
    const name = commercial ? `${rng.pick(LAST)} ${rng.pick(TRADE)}` : `${rng.pick(FIRST)} ${rng.pick(LAST)}`;
    accounts.push([number, name, commercial ? 'commercial' : 'consumer', 'Net 30']);
  }

  const invoices: BookInvoice[] = [];
  const byAccount = new Map<string, BookInvoice[]>(numbers.map((n) => [n, []]));
  for (let i = 0; i < size.invoices; i++) {
    // Every customer gets one before any gets a second, so a small book still has each customer billed.
    const account = i < numbers.length ? numbers[i]! : rng.pick(numbers);
    const date = addDays(start, rng.int(0, span));
    const inv: BookInvoice = {
      number: `OLD-${String(500001 + i)}`,
      account,
      date,
      due: addDays(date, rng.pick([0, 15, 30, 30, 30, 45, 60])),
      amount: rng.int(20, 4000) * 100 + rng.int(0, 99),
      paid: 0,
    };
    invoices.push(inv);
    byAccount.get(account)!.push(inv);
  }
  const openOf = (inv: BookInvoice) => inv.amount - inv.paid;
  const openInvoices = (account: string) => byAccount.get(account)!.filter((inv) => openOf(inv) > 0);

  const credits: BookCredit[] = [];
  const counts = { onAccount: 0, overpaid: 0, split: 0 };
  for (let i = 0; i < size.payments; i++) {
    const key = `PAY-${String(700001 + i)}`;
    const account = rng.pick(numbers);
    const open = openInvoices(account);
    const shape =
      open.length === 0
        ? 'on_account'
        : rng.weighted([
            ['one', 60],
            ['split', 15],
            ['over', 10],
            ['on_account', 10],
            ['part', 5],
          ] as const);
    if (shape === 'on_account') {
      counts.onAccount++;
      credits.push({ kind: 'payment', key, account, date: dayIn(start, size.asOf), amount: rng.int(10, 900) * 100, applied: [], onAccount: true });
      continue;
    }
    const named = shape === 'split' ? open.slice(0, Math.min(open.length, rng.int(2, 4))) : [rng.pick(open)];
    if (named.length > 1) counts.split++;
    const applied = named.map((inv) => ({
      invoice: inv.number,
      amount: shape === 'part' ? Math.max(1, Math.floor(openOf(inv) / rng.int(2, 4))) : openOf(inv),
    }));
    const latest = named.reduce((d, inv) => (inv.date > d ? inv.date : d), start);
    let amount = applied.reduce((s, a) => s + a.amount, 0);
    if (shape === 'over') {
      counts.overpaid++;
      amount += rng.int(1, 30000);
    }
    named.forEach((inv, j) => {
      inv.paid += applied[j]!.amount;
    });
    credits.push({ kind: 'payment', key, account, date: dayIn(latest, size.asOf), amount, applied, onAccount: false });
  }
  for (let i = 0; i < size.creditNotes; i++) {
    const key = `OCN-${String(300001 + i)}`;
    const account = rng.pick(numbers);
    const open = openInvoices(account);
    const amount = rng.int(5, 400) * 100 + rng.int(0, 99);
    if (open.length > 0 && rng.chance(0.5)) {
      const inv = rng.pick(open);
      const take = Math.min(amount, openOf(inv));
      inv.paid += take;
      credits.push({
        kind: 'credit_note',
        key,
        account,
        date: dayIn(inv.date, size.asOf),
        amount,
        applied: [{ invoice: inv.number, amount: take }],
        onAccount: false,
      });
    } else credits.push({ kind: 'credit_note', key, account, date: dayIn(start, size.asOf), amount, applied: [], onAccount: false });
  }

  const invoiceRows = [['invoice_number', 'account_number', 'invoice_date', 'due_date', 'amount', 'description']];
  for (const inv of invoices) invoiceRows.push([inv.number, inv.account, inv.date, inv.due, money(inv.amount), `Services ${inv.number}`]);
  const paymentRows = [['payment_reference', 'account_number', 'payment_date', 'amount', 'method', 'check_number', 'invoice_number', 'applied_amount']];
  const creditRows = [['credit_note_number', 'account_number', 'credit_date', 'amount', 'reason', 'invoice_number', 'applied_amount', 'description']];
  for (const c of credits) {
    if (c.kind === 'payment') {
      const head = [c.key, c.account, c.date, money(c.amount), 'check', c.key.slice(4)];
      if (c.applied.length === 0) paymentRows.push([...head, '', '']);
      for (const a of c.applied) paymentRows.push([...head, a.invoice, money(a.amount)]);
    } else {
      const a = c.applied[0];
      creditRows.push([
        c.key,
        c.account,
        c.date,
        money(c.amount),
        a ? 'Billing correction' : 'Goodwill credit',
        a?.invoice ?? '',
        a ? money(a.amount) : '',
        '',
      ]);
    }
  }

  function aging(rules: OldBookAgingRules): Map<string, OldBookAgingRow> {
    const nBuckets = rules.edges.length + 2;
    // The bucket of a number of days: current through currentThroughDays, then up to each edge, then over the last.
    const bucketOf = (days: number) => {
      if (days <= rules.currentThroughDays) return 0;
      const i = rules.edges.findIndex((e) => days <= e);
      return i === -1 ? nBuckets - 1 : i + 1;
    };
    const out = new Map<string, OldBookAgingRow>();
    const row = (account: string) => {
      const have = out.get(account);
      if (have) return have;
      const made = { buckets: new Array<number>(nBuckets).fill(0), unappliedCents: 0, prepaymentCents: 0, totalCents: 0 };
      out.set(account, made);
      return made;
    };
    for (const inv of invoices) if (openOf(inv) > 0) row(inv.account).buckets[bucketOf(daysBetween(inv.due, size.asOf))]! += openOf(inv);
    for (const c of credits) {
      const left = c.amount - c.applied.reduce((s, a) => s + a.amount, 0);
      if (left === 0) continue;
      const r = row(c.account);
      if (c.kind === 'payment' && rules.prepaymentsApart) r.prepaymentCents += left;
      else if (rules.credits === 'column') r.unappliedCents += left;
      else r.buckets[bucketOf(daysBetween(c.date, size.asOf))]! -= left;
    }
    for (const r of out.values()) r.totalCents = r.buckets.reduce((s, b) => s + b, 0) - r.unappliedCents - r.prepaymentCents;
    return out;
  }

  return {
    files: { accounts: csv(accounts), invoices: csv(invoiceRows), payments: csv(paymentRows), credit_notes: csv(creditRows) },
    counts: {
      accounts: numbers.length,
      invoices: invoices.length,
      payments: credits.filter((c) => c.kind === 'payment').length,
      paymentRows: paymentRows.length - 1,
      creditNotes: size.creditNotes,
      ...counts,
    },
    aging,
  };
}
