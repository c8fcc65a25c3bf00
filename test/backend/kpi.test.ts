import { describe, expect, it } from 'vitest';
import {
  averageDaysDelinquent,
  badDebtRatio,
  bestPossibleDso,
  collectionEffectivenessIndex,
  daysInPeriod,
  dso,
  formatKpi,
  promiseKeptRate,
  ratio,
  rightPartyContactRate,
  rollRates,
} from '../../src-shared/domain/kpi';

describe('receivables KPIs, hand-computed', () => {
  it('DSO, best possible DSO and average days delinquent over a 30-day month', () => {
    // Ending receivables $15,000.00, credit sales $30,000.00, 30 days: 15,000 / 30,000 x 30 = 15 days.
    expect(dso(1_500_000, 3_000_000, 30)).toBe(15);
    // Current (not yet due) $9,000.00: 9,000 / 30,000 x 30 = 9 days; delinquent 15 - 9 = 6 days.
    expect(bestPossibleDso(900_000, 3_000_000, 30)).toBe(9);
    expect(averageDaysDelinquent(15, 9)).toBe(6);
    expect(daysInPeriod('2026-01-01', '2026-01-31')).toBe(31);
    expect(daysInPeriod('2026-01-01', '2026-03-31')).toBe(90);
    expect(daysInPeriod('2024-02-01', '2024-02-29')).toBe(29);
  });

  it('CEI: (beginning + credit sales - ending total) / (beginning + credit sales - ending current) x 100', () => {
    // Beginning $10,000, sales $30,000, ending $15,000 of which $9,000 current:
    // (10,000 + 30,000 - 15,000) / (10,000 + 30,000 - 9,000) x 100 = 25,000 / 31,000 x 100 = 80.645...%
    const cei = collectionEffectivenessIndex({
      beginningCents: 1_000_000,
      creditSalesCents: 3_000_000,
      endingTotalCents: 1_500_000,
      endingCurrentCents: 900_000,
    });
    expect(cei).toBeCloseTo(80.6452, 4);
    // Everything collected: 100%.
    expect(collectionEffectivenessIndex({ beginningCents: 50_000, creditSalesCents: 10_000, endingTotalCents: 0, endingCurrentCents: 0 })).toBe(100);
  });

  it('bad-debt ratio, kept rate and right-party contact rate', () => {
    expect(badDebtRatio(45_000, 3_000_000)).toBe(0.015);
    // 6 kept, 2 broken (pending promises are not passed in): 6 / 8.
    expect(promiseKeptRate(6, 2)).toBe(0.75);
    expect(rightPartyContactRate(12, 40)).toBe(0.3);
  });

  it('roll rates: share of bucket i at one month-end found in bucket i+1 at the next', () => {
    // Buckets at the earlier month-end: Current $1,000, 1-30 $400, 31-60 $0, 61-90 $50.
    // Of those, still open and in a later bucket a month on: $250 of the current, $100 of the 1-30, none of the rest.
    expect(rollRates([100_000, 40_000, 0, 5_000], [25_000, 10_000, 0])).toEqual([0.25, 0.25, null]);
    expect(rollRates([100_000, 40_000, 0, 5_000], [0, 40_000, 0])).toEqual([0, 1, null]);
    expect(() => rollRates([1, 2], [1, 2])).toThrow(/2 buckets need 1 rolled amounts, not 2/);
  });

  it('zero credit sales gives null (n/a) everywhere, never NaN or Infinity', () => {
    expect(dso(1_500_000, 0, 30)).toBeNull();
    expect(bestPossibleDso(0, 0, 30)).toBeNull();
    expect(averageDaysDelinquent(null, 9)).toBeNull();
    expect(badDebtRatio(100, 0)).toBeNull();
    expect(promiseKeptRate(0, 0)).toBeNull();
    expect(rightPartyContactRate(0, 0)).toBeNull();
    // Nothing owed at the start, nothing sold, nothing owed at the end: 0 / 0.
    expect(collectionEffectivenessIndex({ beginningCents: 0, creditSalesCents: 0, endingTotalCents: 0, endingCurrentCents: 0 })).toBeNull();
    expect(ratio(1, Number.NaN)).toBeNull();
    expect(formatKpi(null)).toBe('n/a');
    expect(formatKpi(80.64516, 1, '%')).toBe('80.6%');
  });

  it('negative receivables from credits give negative DSO, and credit notes larger than invoices a negative denominator', () => {
    // Ending receivables -$500 (unapplied credit exceeds open invoices), credit sales $10,000, 30 days: -1.5 days.
    expect(dso(-50_000, 1_000_000, 30)).toBe(-1.5);
    // Credit sales -$1,000 (credit notes exceed invoices): the ratio follows the signs, it does not fail.
    expect(dso(200_000, -100_000, 30)).toBe(-60);
    // A negative bucket (credits aged as negatives) has no share to roll.
    expect(rollRates([-10_000, 5_000], [0])).toEqual([null]);
  });
});
