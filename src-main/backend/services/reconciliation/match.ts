/**
 * The reconciliation matcher: a plain function over hand-made or stored facts, no store. Statement
 * credits are matched one to one to deposits (exact amount, the bank's booking date 0..window business
 * days after the deposit date) and to single electronic payments (the same, and the line's references or
 * description contain the payment's reference or check number). Where two candidates are equally good
 * nothing is matched and the reason says so: a clerk decides.
 */
import { DEFAULT_MATCH_WINDOW_DAYS, type DiscrepancyKind, type ReconciliationSubject, type UnmatchedReason } from '@shared/domain/reconciliation';
import { businessDaysBetween } from './business-days';

export interface MatchLine {
  id: number;
  bookingDate: string;
  /** Signed: credits into the office's account positive. */
  amountCents: number;
  bankReference: string;
  customerReference: string;
  description: string;
}

export interface MatchDeposit {
  id: number;
  number: string;
  date: string;
  amountCents: number;
}

export interface MatchPayment {
  id: number;
  number: string;
  date: string;
  amountCents: number;
  reference: string;
  checkNumber: string;
}

export interface MatchOptions {
  /** Business days after an item's date within which its credit is expected (default 5). */
  windowDays?: number;
  /** The day the bank is looked at (the period's last day): older unmatched items are 'not_seen_by_bank'. */
  asOf: string;
  /** Business days after which an unmatched item counts as never seen (default: windowDays). */
  notSeenAfterDays?: number;
}

export type ItemRef = { kind: 'deposit' | 'payment'; id: number };

export interface ProposedMatch {
  lineId: number;
  item: ItemRef;
  /** The line names the item (deposit number, payment reference or check number). */
  byReference: boolean;
  businessDays: number;
}

export interface UnmatchedLine {
  lineId: number;
  reason: UnmatchedReason;
  /** For 'ambiguous': the equally good candidates left. */
  candidates: ItemRef[];
}

export interface UnmatchedItem extends ItemRef {
  /** in_transit: still within the window at asOf; not_seen: the bank should have seen it by now. */
  state: 'in_transit' | 'not_seen';
}

export interface MatcherDiscrepancy {
  kind: DiscrepancyKind;
  subject: ReconciliationSubject;
  subjectId: number;
  related: ItemRef | null;
}

export interface MatchResult {
  matched: ProposedMatch[];
  unmatchedLines: UnmatchedLine[];
  unmatchedItems: UnmatchedItem[];
  discrepancies: MatcherDiscrepancy[];
}

/** Upper-case letters and digits only: "dep-0012 " and "DEP0012" are the same reference. */
const squash = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]/g, '');
/** Shorter references (a check "7") would be found inside any number; they never count as named. */
const MIN_REFERENCE_LENGTH = 3;

function lineTexts(line: MatchLine): string[] {
  return [line.bankReference, line.customerReference, line.description].map(squash).filter((s) => s.length > 0);
}

function itemReferences(kind: ItemRef['kind'], item: MatchDeposit | MatchPayment): string[] {
  const refs = kind === 'deposit' ? [item.number] : [(item as MatchPayment).reference, (item as MatchPayment).checkNumber, item.number];
  return refs.map(squash).filter((r) => r.length >= MIN_REFERENCE_LENGTH);
}

/** True when one of the line's fields contains one of the item's references. */
export function namesItem(line: MatchLine, kind: ItemRef['kind'], item: MatchDeposit | MatchPayment): boolean {
  const texts = lineTexts(line);
  return itemReferences(kind, item).some((ref) => texts.some((t) => t.includes(ref)));
}

interface Candidate {
  line: MatchLine;
  key: string;
  item: ItemRef;
  byReference: boolean;
  businessDays: number;
}

/** Better first: named by reference, then the fewest business days between. 0 = equally good. */
const compare = (a: Candidate, b: Candidate) => Number(b.byReference) - Number(a.byReference) || a.businessDays - b.businessDays;
const keyOf = (i: ItemRef) => `${i.kind}:${i.id}`;

export function proposeMatches(
  lines: readonly MatchLine[],
  deposits: readonly MatchDeposit[],
  payments: readonly MatchPayment[],
  opts: MatchOptions,
): MatchResult {
  const windowDays = opts.windowDays ?? DEFAULT_MATCH_WINDOW_DAYS;
  const credits = lines.filter((l) => l.amountCents > 0);
  // Items by amount, and each item's candidates from every line: matching stays near linear in the
  // statement's size instead of comparing every line with every item.
  const byAmount = new Map<number, { kind: ItemRef['kind']; item: MatchDeposit | MatchPayment }[]>();
  for (const d of deposits) byAmount.set(d.amountCents, [...(byAmount.get(d.amountCents) ?? []), { kind: 'deposit', item: d }]);
  for (const p of payments) byAmount.set(p.amountCents, [...(byAmount.get(p.amountCents) ?? []), { kind: 'payment', item: p }]);
  const candidatesOf = new Map<number, Candidate[]>();
  const candidatesOfItem = new Map<string, Candidate[]>();
  for (const line of credits) {
    const found: Candidate[] = [];
    for (const { kind, item } of byAmount.get(line.amountCents) ?? []) {
      const days = businessDaysBetween(item.date, line.bookingDate);
      if (days < 0 || days > windowDays) continue;
      const byReference = namesItem(line, kind, item);
      // A single electronic payment is only recognised by its reference: amounts alone repeat too often.
      if (kind === 'payment' && !byReference) continue;
      const c: Candidate = { line, key: keyOf({ kind, id: item.id }), item: { kind, id: item.id }, byReference, businessDays: days };
      found.push(c);
      candidatesOfItem.set(c.key, [...(candidatesOfItem.get(c.key) ?? []), c]);
    }
    candidatesOf.set(line.id, found.sort(compare));
  }

  // Mutual best, repeated: a line takes its single best item when it is also that item's single best
  // line; each match can free the next (the items taken leave the others' candidates).
  const taken = new Set<string>();
  const matchedLine = new Map<number, Candidate>();
  const bestOf = (cands: Candidate[]) => {
    const open = cands.filter((c) => !taken.has(c.key));
    return open.filter((c) => open[0] !== undefined && compare(c, open[0]) === 0);
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of credits) {
      if (matchedLine.has(line.id)) continue;
      const best = bestOf(candidatesOf.get(line.id) ?? []);
      if (best.length !== 1) continue;
      const pick = best[0]!;
      const rivals = (candidatesOfItem.get(pick.key) ?? []).filter((c) => c.line.id !== line.id && !matchedLine.has(c.line.id) && compare(c, pick) <= 0);
      if (rivals.length > 0) continue;
      matchedLine.set(line.id, pick);
      taken.add(pick.key);
      changed = true;
    }
  }

  const matched: ProposedMatch[] = [...matchedLine.values()].map((c) => ({
    lineId: c.line.id,
    item: c.item,
    byReference: c.byReference,
    businessDays: c.businessDays,
  }));
  const unmatchedLines: UnmatchedLine[] = credits
    .filter((l) => !matchedLine.has(l.id))
    .map((l) => {
      const left = bestOf(candidatesOf.get(l.id) ?? []);
      return left.length > 0
        ? { lineId: l.id, reason: 'ambiguous', candidates: left.map((c) => c.item) }
        : { lineId: l.id, reason: 'no_candidate', candidates: [] };
    });
  const openDeposits = deposits.filter((d) => !taken.has(keyOf({ kind: 'deposit', id: d.id })));
  const openPayments = payments.filter((p) => !taken.has(keyOf({ kind: 'payment', id: p.id })));
  const openLines = credits.filter((l) => !matchedLine.has(l.id));
  const open = findDiscrepancies(openLines, openDeposits, openPayments, { ...opts, windowDays });
  return { matched, unmatchedLines, unmatchedItems: open.unmatchedItems, discrepancies: open.discrepancies };
}

/**
 * What is left open, as discrepancies: a credit naming an item whose amount differs (amount_differs,
 * on the line, the item related); an item older than the window at asOf that no line names
 * (not_seen_by_bank); any other credit (unknown_credit). Items still within the window are in transit,
 * not discrepancies. Run again after every manual match, so it takes only what is still unmatched.
 */
export function findDiscrepancies(
  lines: readonly MatchLine[],
  deposits: readonly MatchDeposit[],
  payments: readonly MatchPayment[],
  opts: MatchOptions,
): { unmatchedItems: UnmatchedItem[]; discrepancies: MatcherDiscrepancy[] } {
  const windowDays = opts.windowDays ?? DEFAULT_MATCH_WINDOW_DAYS;
  const notSeenAfter = opts.notSeenAfterDays ?? windowDays;
  const items: (ItemRef & { item: MatchDeposit | MatchPayment })[] = [
    ...deposits.map((d) => ({ kind: 'deposit' as const, id: d.id, item: d })),
    ...payments.map((p) => ({ kind: 'payment' as const, id: p.id, item: p })),
  ];
  const discrepancies: MatcherDiscrepancy[] = [];
  const related = new Set<string>();
  for (const line of lines) {
    if (line.amountCents <= 0) continue;
    const named = items.find((i) => !related.has(keyOf(i)) && i.item.amountCents !== line.amountCents && namesItem(line, i.kind, i.item));
    if (named) {
      related.add(keyOf(named));
      discrepancies.push({ kind: 'amount_differs', subject: 'statement_line', subjectId: line.id, related: { kind: named.kind, id: named.id } });
    } else {
      discrepancies.push({ kind: 'unknown_credit', subject: 'statement_line', subjectId: line.id, related: null });
    }
  }
  const unmatchedItems: UnmatchedItem[] = [];
  for (const i of items) {
    const state = businessDaysBetween(i.item.date, opts.asOf) > notSeenAfter ? 'not_seen' : 'in_transit';
    unmatchedItems.push({ kind: i.kind, id: i.id, state });
    if (state === 'not_seen' && !related.has(keyOf(i))) {
      discrepancies.push({ kind: 'not_seen_by_bank', subject: i.kind, subjectId: i.id, related: null });
    }
  }
  return { unmatchedItems, discrepancies };
}
