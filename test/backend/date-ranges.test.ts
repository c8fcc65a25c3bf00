import { describe, expect, it } from 'vitest';
import { asOfPresets, endOfQuarter, presetRange, rangePresets, startOfQuarter, wholePeriods } from '../../src-shared/dates/ranges';
import { periodsOf } from '../../src-shared/domain/period-figures';

describe('report date ranges', () => {
  it('names each preset range from a mid-quarter date, whole where it says "last"', () => {
    const today = '2026-05-14';
    expect(rangePresets.map((p) => [p, presetRange(p, today)])).toEqual([
      ['thisMonth', { from: '2026-05-01', to: '2026-05-14' }],
      ['lastMonth', { from: '2026-04-01', to: '2026-04-30' }],
      ['thisQuarter', { from: '2026-04-01', to: '2026-05-14' }],
      ['lastQuarter', { from: '2026-01-01', to: '2026-03-31' }],
      ['thisYear', { from: '2026-01-01', to: '2026-05-14' }],
      ['lastYear', { from: '2025-01-01', to: '2025-12-31' }],
      ['last12Months', { from: '2025-05-01', to: '2026-04-30' }],
    ]);
  });

  it('crosses the year in January: last month and last quarter are in December', () => {
    expect(presetRange('lastMonth', '2026-01-31')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(presetRange('lastQuarter', '2026-01-01')).toEqual({ from: '2025-10-01', to: '2025-12-31' });
    expect(presetRange('lastMonth', '2024-03-31')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
  });

  it('finds quarter edges and widens a range to whole months or quarters the billing pack accepts', () => {
    expect(startOfQuarter('2026-12-31')).toBe('2026-10-01');
    expect(endOfQuarter('2026-02-10')).toBe('2026-03-31');
    const range = { from: '2026-02-17', to: '2026-05-03' };
    const months = wholePeriods(range, 'month');
    const quarters = wholePeriods(range, 'quarter');
    expect(months).toEqual({ from: '2026-02-01', to: '2026-05-31' });
    expect(quarters).toEqual({ from: '2026-01-01', to: '2026-06-30' });
    // Every preset, widened, is a range the billing pack takes (periodsOf returns the periods, not a message).
    for (const p of rangePresets)
      for (const period of ['month', 'quarter'] as const) {
        const r = wholePeriods(presetRange(p, '2026-05-14'), period);
        expect(Array.isArray(periodsOf(r.from, r.to, period)), `${p} by ${period}`).toBe(true);
      }
    expect(periodsOf(range.from, range.to, 'month')).toBeTypeOf('string');
  });

  it('offers the month-, quarter- and year-end before today as as-of dates', () => {
    expect(asOfPresets('2026-04-01')).toEqual([
      { value: '2026-04-01', label: 'Today' },
      { value: '2026-03-31', label: 'End of last month' },
      { value: '2026-03-31', label: 'End of last quarter' },
      { value: '2025-12-31', label: 'End of last year' },
    ]);
  });
});
