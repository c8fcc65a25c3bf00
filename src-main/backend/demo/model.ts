import { addDays, addMonths, daysBetween, type IsoDate } from '@shared/dates';
import type { AccountCreateInput } from '@shared/domain/accounts';
import { computeInvoiceTotals, type TotalsLineInput } from '@shared/domain/invoices';
import { cents } from '@shared/money';
import { parseTerms, termsDates } from '@shared/domain/terms';
import {
  allAreaCodes,
  businessKinds,
  businessStems,
  businessSuffixes,
  firstNames,
  icd10,
  lastNames,
  places,
  priceList,
  streetNames,
  streetSuffixes,
} from './data';
import { Rng } from './prng';

/**
 * The demo office as a plan: accounts, then a day-by-day timeline of postings over 18 months ending at
 * the as-of date. Pure and deterministic (seeded PRNG): the same seed and as-of date give the same
 * data. A Sink posts each event; the model keeps its own view of open amounts so that it can decide
 * what customers pay, and passes explicit allocations, which the posting code checks.
 */

export type DemoSize = 'small' | 'medium' | 'large';
/**
 * `invoiceGapScale` shortens the days between an account's invoices: medium and large are the issue's
 * 5,000 / 100,000 and 50,000 / 1,000,000 (about 20 invoices an account over 18 months); small keeps the
 * demo office's calmer pace (and its data, which the tour and e2e specs refer to).
 */
export const demoSizes: Record<DemoSize, { accounts: number; invoiceGapScale: number }> = {
  small: { accounts: 200, invoiceGapScale: 1 },
  medium: { accounts: 5_000, invoiceGapScale: 0.82 },
  large: { accounts: 50_000, invoiceGapScale: 0.82 },
};

export type Profile = 'prompt' | 'late' | 'partial' | 'delinquent' | 'overpayer';
type Method = 'cash' | 'check' | 'card' | 'ach' | 'bank_transfer';

export interface PlannedAccount {
  index: number;
  input: AccountCreateInput;
  kind: 'consumer' | 'commercial';
  terms: string;
  profile: Profile;
  /** First day with activity. */
  opens: IsoDate;
  /** Delinquent accounts stop paying from this date. */
  stopsPaying: IsoDate | null;
}

export interface DemoLine {
  itemCode: string;
  description: string;
  quantityMilli: number;
  unitPriceCents: number;
  discount: null | { kind: 'percent'; basisPoints: number };
  taxRateBp: number;
  icd10Codes: string[];
}
export interface InvoiceEvent {
  accountId: number;
  date: IsoDate;
  terms: string;
  lines: DemoLine[];
  invoiceDiscount: null | { kind: 'percent'; basisPoints: number };
}
export interface AllocationLine {
  documentId: number;
  amountCents: number;
}
export interface PaymentEvent {
  accountId: number;
  date: IsoDate;
  method: Method;
  amountCents: number;
  checkNumber: string;
  cardLast4: string;
  reference: string;
  memo: string;
  lines: AllocationLine[];
}

/** Where the events go: the services (real posting code) or the bulk writer (same rows, prepared statements). */
export interface Sink {
  /** Sets the instant postings carry (the simulated clock) for the next events. */
  at(date: IsoDate, seq: number): void;
  invoice(e: InvoiceEvent): Promise<{ id: number; dueDate: IsoDate; totalCents: number }>;
  payment(e: PaymentEvent): Promise<number>;
  reversal(e: { paymentId: number; date: IsoDate; reason: string; feeCents: number }): Promise<{ reversalId: number; feeId: number | null }>;
  creditNote(e: { invoiceId: number; date: IsoDate; amountCents: number; reason: string }): Promise<number>;
  writeOff(e: { invoiceId: number; date: IsoDate; reason: string }): Promise<number>;
  adjustment(e: { accountId: number; date: IsoDate; amountCents: number; reason: string; applyToDocumentId?: number }): Promise<number>;
}

// ---- accounts ----

const pad = (n: number, w: number) => String(n).padStart(w, '0');

export function planAccounts(seed: number, count: number, asOf: IsoDate): PlannedAccount[] {
  const rng = new Rng(seed ^ 0x5eed);
  const start = addMonths(asOf, -18);
  const span = daysBetween(start, asOf);
  const out: PlannedAccount[] = [];
  for (let i = 0; i < count; i++) {
    const kind = rng.chance(0.8) ? 'consumer' : 'commercial';
    const place = rng.weighted(places);
    const first = rng.pick(firstNames);
    const last = rng.pick(lastNames);
    const name =
      kind === 'consumer'
        ? `${first} ${rng.chance(0.15) ? `${String.fromCharCode(65 + rng.int(0, 25))}. ` : ''}${last}`
        : `${rng.pick(businessStems)} ${rng.pick(businessKinds)}${(() => {
            const s = rng.pick(businessSuffixes);
            return s ? ` ${s}` : '';
          })()}`;
    // Phones mostly match the address's area code; some customers kept the number of a place they left.
    const area = rng.chance(0.88) ? rng.pick(place.areaCodes) : rng.pick(allAreaCodes);
    const phone = `(${area}) 555-${rng.digits(4)}`;
    const emailUser = kind === 'consumer' ? `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '') : `billing.${i + 1}`;
    const email = `${emailUser}${rng.int(1, 99)}@${rng.pick(['example.com', 'example.net', 'example.org'])}`;
    const contactName = kind === 'consumer' ? name : `${first} ${last}`;
    const terms =
      kind === 'consumer'
        ? rng.weighted([
            ['Due on receipt', 3],
            ['Net 30', 7],
          ] as const)
        : rng.weighted([
            ['Net 30', 5],
            ['Net 15', 2],
            ['2/10 Net 30', 2],
            ['Due on receipt', 1],
          ] as const);
    const profile = rng.weighted<Profile>([
      ['prompt', 55],
      ['late', 21],
      ['partial', 10],
      ['delinquent', 9],
      ['overpayer', 5],
    ]);
    const opens = rng.chance(0.6) ? start : addDays(start, rng.int(0, Math.floor(span * 0.85)));
    const stopsPaying = profile === 'delinquent' ? addDays(asOf, -rng.int(20, 300)) : null;
    const contacts = [
      {
        name: contactName,
        title: kind === 'commercial' ? rng.pick(['Office Manager', 'Practice Administrator', 'Accounts Payable', 'Owner']) : '',
        isPrimary: true,
        phones: [{ label: kind === 'consumer' ? rng.pick(['Mobile', 'Home']) : 'Office', number: phone }],
        emails: rng.chance(0.85) ? [{ label: 'Email', email }] : [],
      },
    ];
    if (kind === 'consumer' && rng.chance(0.2))
      contacts.push({
        name: `${rng.pick(firstNames)} ${last}`,
        title: 'Guarantor',
        isPrimary: false,
        phones: [{ label: 'Mobile', number: `(${rng.pick(place.areaCodes)}) 555-${rng.digits(4)}` }],
        emails: [],
      });
    out.push({
      index: i,
      kind,
      terms,
      profile,
      opens,
      stopsPaying,
      input: {
        accountNumber: `${kind === 'consumer' ? 'P' : 'C'}${pad(100001 + i, 6)}`,
        name,
        kind,
        contacts,
        billingAddress: {
          line1: `${rng.int(10, 9899)} ${rng.pick(streetNames)} ${rng.pick(streetSuffixes)}`,
          line2: rng.chance(0.15) ? `${kind === 'consumer' ? 'Apt' : 'Suite'} ${rng.int(1, 450)}` : '',
          city: place.city,
          state: place.state,
          postalCode: `${place.zip}${rng.digits(2)}`,
          country: 'US',
        },
        // No timeZone: the accounts service derives it from the state, as for an account typed in.
        terms,
        creditLimitCents: kind === 'commercial' ? rng.pick([500000, 1000000, 2500000]) : null,
        notes: '',
      },
    });
  }
  return out;
}

// ---- the timeline ----

interface OpenDoc {
  id: number;
  dueDate: IsoDate;
  docDate: IsoDate;
  open: number;
}
interface AccountState {
  plan: PlannedAccount;
  id: number;
  /** Open debit documents (invoices, fees), kept sorted oldest due first (then date, then id). */
  open: OpenDoc[];
  unapplied: number;
}
type Ev =
  | { t: 'invoice'; a: number }
  | { t: 'pay'; a: number; invoiceId: number; share: number; final: boolean }
  | { t: 'payOnAccount'; a: number; amount: number; memo: string }
  | { t: 'bounce'; a: number; paymentId: number; lines: AllocationLine[]; amount: number }
  | { t: 'credit'; a: number; invoiceId: number }
  | { t: 'writeOff'; a: number }
  | { t: 'adjust'; a: number };

export interface DemoStats {
  accounts: number;
  invoices: number;
  payments: number;
  reversals: number;
  creditNotes: number;
  writeOffs: number;
  adjustments: number;
  invoicedCents: number;
  paidCents: number;
}

const cmpOpen = (x: OpenDoc, y: OpenDoc) =>
  x.dueDate < y.dueDate ? -1 : x.dueDate > y.dueDate ? 1 : x.docDate < y.docDate ? -1 : x.docDate > y.docDate ? 1 : x.id - y.id;

export async function runTimeline(
  seed: number,
  accounts: { plan: PlannedAccount; id: number }[],
  asOf: IsoDate,
  sink: Sink,
  onDay?: (day: number, days: number) => Promise<void> | void,
  invoiceGapScale = 1,
): Promise<DemoStats> {
  const rng = new Rng(seed ^ 0x71e11e);
  const start = addMonths(asOf, -18);
  const days = daysBetween(start, asOf) + 1;
  const queue: Ev[][] = Array.from({ length: days }, () => []);
  const dayOf = (d: IsoDate) => daysBetween(start, d);
  const schedule = (d: IsoDate, ev: Ev) => {
    const i = dayOf(d);
    if (i >= 0 && i < days) queue[i]!.push(ev);
  };
  const state: AccountState[] = accounts.map((a) => ({ plan: a.plan, id: a.id, open: [], unapplied: 0 }));
  const stats: DemoStats = {
    accounts: accounts.length,
    invoices: 0,
    payments: 0,
    reversals: 0,
    creditNotes: 0,
    writeOffs: 0,
    adjustments: 0,
    invoicedCents: 0,
    paidCents: 0,
  };
  /** Debit documents by id (invoices, fees): dates and total, for credit notes and reversals. */
  const docs = new Map<number, { docDate: IsoDate; dueDate: IsoDate; total: number }>();

  for (const s of state) {
    schedule(s.plan.opens, { t: 'invoice', a: s.plan.index });
    if (s.plan.profile === 'delinquent' && s.plan.stopsPaying && rng.chance(0.35))
      schedule(addDays(s.plan.stopsPaying, rng.int(150, 260)), { t: 'writeOff', a: s.plan.index });
    if (rng.chance(0.03)) schedule(addDays(s.plan.opens, rng.int(60, 500)), { t: 'adjust', a: s.plan.index });
  }

  const nextGap = (s: AccountState) => Math.max(1, Math.round((s.plan.kind === 'consumer' ? rng.int(3, 52) : rng.int(26, 34)) * invoiceGapScale));
  const addOpen = (s: AccountState, d: OpenDoc) => {
    s.open.push(d);
    s.open.sort(cmpOpen);
  };
  const takeOpen = (s: AccountState, id: number, amount: number) => {
    const d = s.open.find((o) => o.id === id)!;
    d.open -= amount;
    if (d.open === 0) s.open.splice(s.open.indexOf(d), 1);
  };
  /** Oldest due first over what is open, as the posting code's default. */
  const oldestFirst = (s: AccountState, amount: number): AllocationLine[] => {
    const lines: AllocationLine[] = [];
    let left = amount;
    for (const o of s.open) {
      if (left <= 0) break;
      const take = Math.min(left, o.open);
      lines.push({ documentId: o.id, amountCents: take });
      left -= take;
    }
    return lines;
  };
  const method = (s: AccountState): Method =>
    s.plan.kind === 'consumer'
      ? rng.weighted<Method>([
          ['card', 40],
          ['check', 30],
          ['cash', 8],
          ['ach', 22],
        ])
      : rng.weighted<Method>([
          ['check', 50],
          ['ach', 40],
          ['bank_transfer', 10],
        ]);
  let refSeq = 0;

  async function pay(s: AccountState, date: IsoDate, amount: number, lines: AllocationLine[], memo = ''): Promise<number> {
    const m = method(s);
    refSeq++;
    const e: PaymentEvent = {
      accountId: s.id,
      date,
      method: m,
      amountCents: amount,
      checkNumber: m === 'check' ? String(rng.int(1001, 9899)) : '',
      cardLast4: m === 'card' ? rng.digits(4) : '',
      reference: m === 'ach' || m === 'bank_transfer' ? `TRN${pad(refSeq, 9)}` : m === 'card' ? `AUTH${rng.digits(6)}` : '',
      memo,
      lines,
    };
    const id = await sink.payment(e);
    for (const l of lines) takeOpen(s, l.documentId, l.amountCents);
    s.unapplied += amount - lines.reduce((t, l) => t + l.amountCents, 0);
    stats.payments++;
    stats.paidCents += amount;
    // Bounced checks and returned ACH: reversed a few days later with a returned-payment fee.
    if ((m === 'check' && rng.chance(0.015)) || (m === 'ach' && rng.chance(0.005)))
      schedule(addDays(date, rng.int(3, 10)), { t: 'bounce', a: s.plan.index, paymentId: id, lines, amount });
    return id;
  }

  for (let day = 0; day < days; day++) {
    const date = addDays(start, day);
    const events = queue[day]!;
    for (let k = 0; k < events.length; k++) {
      const ev = events[k]!;
      const s = state[ev.a]!;
      sink.at(date, k);
      const active = !s.plan.stopsPaying || date < s.plan.stopsPaying;
      switch (ev.t) {
        case 'invoice': {
          const e = invoiceFor(rng, s.plan, s.id, date);
          const inv = await sink.invoice(e);
          addOpen(s, { id: inv.id, dueDate: inv.dueDate, docDate: date, open: inv.totalCents });
          docs.set(inv.id, { docDate: date, dueDate: inv.dueDate, total: inv.totalCents });
          stats.invoices++;
          stats.invoicedCents += inv.totalCents;
          schedule(addDays(date, nextGap(s)), { t: 'invoice', a: ev.a });
          if (rng.chance(0.02)) schedule(addDays(date, rng.int(2, 20)), { t: 'credit', a: ev.a, invoiceId: inv.id });
          const p = s.plan.profile;
          const terms = parseTerms(e.terms)!;
          const discountDays = terms.discountBp > 0 && rng.chance(0.5) ? terms.discountDays : null;
          const lag =
            p === 'prompt'
              ? (discountDays ?? rng.int(0, Math.max(5, terms.netDays)))
              : p === 'late'
                ? terms.netDays + rng.int(10, 75)
                : p === 'partial'
                  ? terms.netDays + rng.int(0, 30)
                  : p === 'overpayer'
                    ? rng.int(0, Math.max(5, terms.netDays))
                    : rng.int(0, terms.netDays + 20);
          if (p === 'partial') {
            schedule(addDays(date, lag), { t: 'pay', a: ev.a, invoiceId: inv.id, share: rng.int(30, 70) / 100, final: false });
            if (rng.chance(0.75)) schedule(addDays(date, lag + rng.int(30, 120)), { t: 'pay', a: ev.a, invoiceId: inv.id, share: 1, final: true });
          } else {
            schedule(addDays(date, lag), { t: 'pay', a: ev.a, invoiceId: inv.id, share: 1, final: true });
          }
          break;
        }
        case 'pay': {
          if (!active) break;
          const open = s.open.find((o) => o.id === ev.invoiceId);
          if (!open) break;
          let amount = ev.final ? open.open : Math.max(100, Math.round((open.open * ev.share) / 100) * 100);
          if (amount > open.open) amount = open.open;
          const lines: AllocationLine[] = [{ documentId: open.id, amountCents: amount }];
          let extra = 0;
          // Overpayers round up or pay twice now and then: unapplied cash on the account.
          if (s.plan.profile === 'overpayer' && rng.chance(0.35)) extra = rng.chance(0.6) ? 5000 - (amount % 5000) : amount;
          await pay(s, date, amount + extra, lines);
          break;
        }
        case 'payOnAccount': {
          if (!active) break;
          await pay(s, date, ev.amount, oldestFirst(s, ev.amount), ev.memo);
          break;
        }
        case 'bounce': {
          const r = await sink.reversal({
            paymentId: ev.paymentId,
            date,
            reason: rng.pick(['Check returned: insufficient funds (NSF)', 'Check returned: account closed', 'ACH returned: R01 insufficient funds']),
            feeCents: 2500,
          });
          stats.reversals++;
          // Undo the payment's allocations: what it paid is open again; its unapplied part is gone.
          const applied = ev.lines.reduce((t, l) => t + l.amountCents, 0);
          s.unapplied -= ev.amount - applied;
          for (const l of ev.lines) {
            const o = s.open.find((x) => x.id === l.documentId);
            if (o) o.open += l.amountCents;
            else {
              const d = docs.get(l.documentId)!;
              s.open.push({ id: l.documentId, dueDate: d.dueDate, docDate: d.docDate, open: l.amountCents });
            }
          }
          if (r.feeId !== null) {
            docs.set(r.feeId, { docDate: date, dueDate: date, total: 2500 });
            s.open.push({ id: r.feeId, dueDate: date, docDate: date, open: 2500 });
          }
          s.open.sort(cmpOpen);
          // Most customers make it good a couple of weeks later.
          if (rng.chance(0.8))
            schedule(addDays(date, rng.int(5, 25)), { t: 'payOnAccount', a: ev.a, amount: applied + 2500, memo: 'Replacement for returned payment' });
          break;
        }
        case 'credit': {
          const inv = docs.get(ev.invoiceId);
          if (!inv) break;
          const amount = Math.max(100, Math.round((inv.total * rng.int(10, 50)) / 100));
          await sink.creditNote({
            invoiceId: ev.invoiceId,
            date,
            amountCents: amount,
            reason: rng.pick([
              'Billing correction: duplicate line',
              'Insurance adjustment',
              'Courtesy discount approved by the office manager',
              'Service not rendered',
            ]),
          });
          stats.creditNotes++;
          const o = s.open.find((x) => x.id === ev.invoiceId);
          const apply = Math.min(o?.open ?? 0, amount);
          if (o && apply > 0) takeOpen(s, o.id, apply);
          s.unapplied += amount - apply;
          break;
        }
        case 'writeOff': {
          const o = s.open[0];
          if (!o || daysBetween(o.dueDate, date) < 120) break;
          await sink.writeOff({ invoiceId: o.id, date, reason: 'Uncollectible: no response to final notice' });
          stats.writeOffs++;
          takeOpen(s, o.id, o.open);
          break;
        }
        case 'adjust': {
          const o = s.open[0];
          const amount = rng.int(5, 40) * 100;
          if (o) {
            await sink.adjustment({ accountId: s.id, date, amountCents: -Math.min(amount, o.open), reason: 'Courtesy adjustment', applyToDocumentId: o.id });
            takeOpen(s, o.id, Math.min(amount, o.open));
          } else {
            await sink.adjustment({ accountId: s.id, date, amountCents: -amount, reason: 'Prompt-payment credit' });
            s.unapplied += amount;
          }
          stats.adjustments++;
          break;
        }
      }
    }
    queue[day] = [];
    if (onDay) await onDay(day, days);
  }
  return stats;
}

function invoiceFor(rng: Rng, plan: PlannedAccount, accountId: number, date: IsoDate): InvoiceEvent {
  const cpt = priceList.filter((p) => p.codeSystem !== 'item');
  const items = priceList.filter((p) => p.codeSystem === 'item');
  const lines: InvoiceEvent['lines'] = [];
  let invoiceDiscount: InvoiceEvent['invoiceDiscount'] = null;
  if (plan.kind === 'consumer') {
    const visit = rng.pick(cpt.filter((c) => c.code.startsWith('99')));
    const dx = [rng.pick(icd10), ...(rng.chance(0.3) ? [rng.pick(icd10)] : [])].filter((v, i, a) => a.indexOf(v) === i);
    lines.push({
      itemCode: visit.code,
      description: visit.description,
      quantityMilli: 1000,
      unitPriceCents: visit.unitPriceCents,
      discount: null,
      taxRateBp: 0,
      icd10Codes: dx,
    });
    const extras = rng.weighted([
      [0, 5],
      [1, 3],
      [2, 2],
    ] as const);
    for (let i = 0; i < extras; i++) {
      const x = rng.pick(cpt.filter((c) => !c.code.startsWith('99')));
      if (lines.some((l) => l.itemCode === x.code)) continue;
      lines.push({
        itemCode: x.code,
        description: x.description,
        quantityMilli: x.code === '97110' ? rng.int(1, 4) * 1000 : 1000,
        unitPriceCents: x.unitPriceCents,
        discount: null,
        taxRateBp: 0,
        icd10Codes: dx,
      });
    }
  } else {
    const monthly = items.find((i) => i.code === 'BILL-MONTH')!;
    lines.push({
      itemCode: monthly.code,
      description: monthly.description,
      quantityMilli: 1000,
      unitPriceCents: monthly.unitPriceCents + rng.int(-20, 40) * 500,
      discount: null,
      taxRateBp: 0,
      icd10Codes: [],
    });
    if (rng.chance(0.6)) {
      const claims = items.find((i) => i.code === 'CLAIMS')!;
      lines.push({
        itemCode: claims.code,
        description: claims.description,
        quantityMilli: rng.int(20, 400) * 1000,
        unitPriceCents: claims.unitPriceCents,
        discount: null,
        taxRateBp: 0,
        icd10Codes: [],
      });
    }
    if (rng.chance(0.15)) {
      const x = rng.pick(items.filter((i) => i.code !== 'BILL-MONTH' && i.code !== 'CLAIMS'));
      lines.push({
        itemCode: x.code,
        description: x.description,
        quantityMilli: x.code === 'CONSULT-HR' ? rng.int(2, 16) * 500 : 1000,
        unitPriceCents: x.unitPriceCents,
        discount: rng.chance(0.3) ? { kind: 'percent', basisPoints: 1000 } : null,
        taxRateBp: x.taxRateBp,
        icd10Codes: [],
      });
    }
    if (rng.chance(0.1)) invoiceDiscount = { kind: 'percent', basisPoints: 500 };
  }
  return { accountId, date, terms: plan.terms, lines, invoiceDiscount };
}

/** The generated lines as the posting code takes them: prices checked into Cents. */
export const pricedLines = (lines: readonly DemoLine[]) => lines.map((l) => ({ ...l, unitPriceCents: cents(l.unitPriceCents) }) satisfies TotalsLineInput);

/** The totals and dates the posting code will store for an invoice event (the same shared functions). */
export function invoiceFigures(e: InvoiceEvent, shippingTaxRateBp: number) {
  const totals = computeInvoiceTotals({ lines: pricedLines(e.lines), invoiceDiscount: e.invoiceDiscount, shippingCents: cents(0), shippingTaxRateBp });
  const terms = parseTerms(e.terms)!;
  return { totals, terms, dates: termsDates(e.date, terms) };
}
