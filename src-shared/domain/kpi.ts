/**
 * Receivables KPIs: pure functions from integer cents (and counts) to ratios. A ratio whose denominator
 * is zero is null (shown as "n/a"), never NaN or Infinity. The definitions and their sources are written
 * out in docs/reports.md ("Figures and KPIs"); the workbooks and the dashboard use these functions only.
 */
import { daysBetween, type IsoDate } from '../dates';

/** a / b, or null when b is zero (or either is not finite). */
export function ratio(a: number, b: number): number | null {
  if (b === 0 || !Number.isFinite(a) || !Number.isFinite(b)) return null;
  return a / b;
}

const times = (r: number | null, k: number): number | null => (r === null ? null : r * k);

/** Simple (period-end) DSO = ending receivables / credit sales of the period x days in the period. */
export function dso(endingReceivablesCents: number, creditSalesCents: number, days: number): number | null {
  return times(ratio(endingReceivablesCents, creditSalesCents), days);
}

/** Best possible DSO = ending current (not yet due) receivables / credit sales x days. */
export function bestPossibleDso(endingCurrentCents: number, creditSalesCents: number, days: number): number | null {
  return times(ratio(endingCurrentCents, creditSalesCents), days);
}

/** Average days delinquent = DSO - best possible DSO (null when either is). */
export function averageDaysDelinquent(dsoDays: number | null, bestDays: number | null): number | null {
  return dsoDays === null || bestDays === null ? null : dsoDays - bestDays;
}

/**
 * Collection effectiveness index, in percent:
 * (beginning receivables + credit sales - ending total receivables)
 *   / (beginning receivables + credit sales - ending current receivables) x 100.
 */
export function collectionEffectivenessIndex(q: {
  beginningCents: number;
  creditSalesCents: number;
  endingTotalCents: number;
  endingCurrentCents: number;
}): number | null {
  const available = q.beginningCents + q.creditSalesCents;
  return times(ratio(available - q.endingTotalCents, available - q.endingCurrentCents), 100);
}

/** Bad-debt ratio = write-offs / credit sales of the period (a fraction; x 100 to show percent). */
export function badDebtRatio(writeOffsCents: number, creditSalesCents: number): number | null {
  return ratio(writeOffsCents, creditSalesCents);
}

/** Promise kept rate = kept / (kept + broken); pending promises are left out. */
export function promiseKeptRate(kept: number, broken: number): number | null {
  return ratio(kept, kept + broken);
}

/** Right-party contact rate = contacts with the debtor / call attempts. */
export function rightPartyContactRate(rightPartyContacts: number, attempts: number): number | null {
  return ratio(rightPartyContacts, attempts);
}

/**
 * Roll rates month over month: rate i = the amount that sat in bucket i at the earlier month-end and sits
 * in a later bucket at the next one (still open: it rolled) / the amount in bucket i at the earlier
 * month-end. "A later bucket", not only i+1: a 31-day month carries an item 30 days past due to 61. One
 * rate per bucket but the last (nothing rolls out of "over 120"); null where the earlier bucket held
 * nothing or less (a negative bucket, from credits aged as negatives, has no share to roll).
 */
export function rollRates(earlierBuckets: readonly number[], rolledForward: readonly number[]): (number | null)[] {
  if (rolledForward.length !== earlierBuckets.length - 1)
    throw new Error(`rollRates: ${earlierBuckets.length} buckets need ${earlierBuckets.length - 1} rolled amounts, not ${rolledForward.length}`);
  return rolledForward.map((rolled, i) => (earlierBuckets[i]! > 0 ? ratio(rolled, earlierBuckets[i]!) : null));
}

/** Days from one ISO date to another, both included (a month of 31 days, a quarter of 90 to 92). */
export const daysInPeriod = (from: IsoDate, to: IsoDate): number => daysBetween(from, to) + 1;

/** A KPI for the screen: fixed decimals, "n/a" for null. */
export function formatKpi(value: number | null, decimals = 1, suffix = ''): string {
  return value === null ? 'n/a' : `${value.toFixed(decimals)}${suffix}`;
}
