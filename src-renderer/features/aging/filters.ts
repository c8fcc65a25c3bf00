import type { AccountKind } from '@shared/domain/accounts';
import type { AgingDetailRow, AgingSummaryRow } from '@shared/domain/aging';

/** The filters above the aging grids, applied in the renderer to the rows the backend returned. */
export interface AgingFilters {
  /** Account name or number (and invoice number in the detail view), case-insensitive. */
  text: string;
  /** Summary: the account total at least this; detail: the open amount at least this. */
  minCents: number | null;
  pastDueOnly: boolean;
  /** Consumer or commercial accounts only; null: both. */
  accountKind: AccountKind | null;
}

export const noFilters: AgingFilters = { text: '', minCents: null, pastDueOnly: false, accountKind: null };

export const isFiltered = (f: AgingFilters) => f.text.trim() !== '' || f.minCents !== null || f.pastDueOnly || f.accountKind !== null;

const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();
const matches = (needle: string, ...hay: (string | null)[]) => !needle || hay.some((h) => h?.toLowerCase().includes(needle));

export const pastDueCents = (r: AgingSummaryRow) => r.buckets.reduce((s, b, i) => (i === 0 ? s : s + b), 0);

export function filterSummary(rows: AgingSummaryRow[], f: AgingFilters): AgingSummaryRow[] {
  if (!isFiltered(f)) return rows;
  const needle = norm(f.text);
  return rows.filter(
    (r) =>
      matches(needle, r.accountNumber, r.accountName) &&
      (f.minCents === null || r.totalCents >= f.minCents) &&
      (!f.pastDueOnly || pastDueCents(r) > 0) &&
      (f.accountKind === null || r.accountKind === f.accountKind),
  );
}

export function filterDetail(rows: AgingDetailRow[], f: AgingFilters): AgingDetailRow[] {
  if (!isFiltered(f)) return rows;
  const needle = norm(f.text);
  return rows.filter(
    (r) =>
      matches(needle, r.accountNumber, r.accountName, r.number) &&
      (f.minCents === null || r.openCents >= f.minCents) &&
      (!f.pastDueOnly || r.bucket > 0) &&
      (f.accountKind === null || r.accountKind === f.accountKind),
  );
}

/** Column totals over the rows shown. */
export function summaryTotals(rows: AgingSummaryRow[], bucketCount: number) {
  const buckets = new Array<number>(bucketCount).fill(0);
  let unappliedCents = 0;
  let prepaymentCents = 0;
  let totalCents = 0;
  for (const r of rows) {
    for (let i = 0; i < bucketCount; i++) buckets[i]! += r.buckets[i] ?? 0;
    unappliedCents += r.unappliedCents;
    prepaymentCents += r.prepaymentCents;
    totalCents += r.totalCents;
  }
  return { buckets, unappliedCents, prepaymentCents, totalCents };
}

export function detailTotals(rows: AgingDetailRow[], bucketCount: number) {
  const buckets = new Array<number>(bucketCount).fill(0);
  let openCents = 0;
  let originalCents = 0;
  for (const r of rows) {
    buckets[r.bucket]! += r.openCents;
    openCents += r.openCents;
    originalCents += r.totalCents;
  }
  return { buckets, openCents, originalCents };
}

/** Colors from current (calm) to oldest (alarming), for any number of buckets. */
const ramp = ['teal.6', 'lime.6', 'yellow.6', 'orange.6', 'red.5', 'red.7', 'red.9', 'grape.8', 'grape.9', 'dark.6'];
export function bucketColor(index: number, count: number): string {
  if (index === 0) return ramp[0]!;
  if (count <= 6) return ramp[index]!;
  return ramp[Math.min(ramp.length - 1, Math.round((index / (count - 1)) * 6))]!;
}
