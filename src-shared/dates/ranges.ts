import { addDays, addMonths, type IsoDate, startOfMonth } from './index';

/**
 * Named date ranges for report forms ("last month", "last quarter", "this year"), counted from the
 * business date today, and the rounding of a range to whole months or quarters (the billing pack's
 * periods must be whole: src-shared/domain/period-figures.ts).
 */
export interface DateRange {
  from: IsoDate;
  to: IsoDate;
}

export const rangePresets = ['thisMonth', 'lastMonth', 'thisQuarter', 'lastQuarter', 'thisYear', 'lastYear', 'last12Months'] as const;
export type RangePreset = (typeof rangePresets)[number];
export const rangePresetLabels: Record<RangePreset, string> = {
  thisMonth: 'This month',
  lastMonth: 'Last month',
  thisQuarter: 'This quarter',
  lastQuarter: 'Last quarter',
  thisYear: 'This year',
  lastYear: 'Last year',
  last12Months: 'Last 12 months',
};

/** The first day of the date's calendar quarter (Jan, Apr, Jul, Oct). */
export function startOfQuarter(date: IsoDate): IsoDate {
  const month = Number(date.slice(5, 7));
  return addMonths(startOfMonth(date), -((month - 1) % 3));
}

/** The last day of the date's month. */
export const endOfMonth = (date: IsoDate): IsoDate => addDays(addMonths(startOfMonth(date), 1), -1);

/** The last day of the date's quarter. */
export const endOfQuarter = (date: IsoDate): IsoDate => addDays(addMonths(startOfQuarter(date), 3), -1);

/** The range a preset names, as of `today`; "this ..." ranges end today, "last ..." ranges are whole. */
export function presetRange(preset: RangePreset, today: IsoDate): DateRange {
  const month = startOfMonth(today);
  const quarter = startOfQuarter(today);
  const year = today.slice(0, 4);
  switch (preset) {
    case 'thisMonth':
      return { from: month, to: today };
    case 'lastMonth':
      return { from: addMonths(month, -1), to: addDays(month, -1) };
    case 'thisQuarter':
      return { from: quarter, to: today };
    case 'lastQuarter':
      return { from: addMonths(quarter, -3), to: addDays(quarter, -1) };
    case 'thisYear':
      return { from: `${year}-01-01`, to: today };
    case 'lastYear':
      return { from: `${Number(year) - 1}-01-01`, to: `${Number(year) - 1}-12-31` };
    case 'last12Months':
      return { from: addMonths(month, -12), to: addDays(month, -1) };
  }
}

/** The range widened to whole months or quarters: from the start of from's period to the end of to's. */
export function wholePeriods(range: DateRange, period: 'month' | 'quarter'): DateRange {
  return period === 'month' ? { from: startOfMonth(range.from), to: endOfMonth(range.to) } : { from: startOfQuarter(range.from), to: endOfQuarter(range.to) };
}

/** As-of dates a report is often run for: today and the last month-, quarter- and year-end. */
export function asOfPresets(today: IsoDate): { value: IsoDate; label: string }[] {
  return [
    { value: today, label: 'Today' },
    { value: addDays(startOfMonth(today), -1), label: 'End of last month' },
    { value: addDays(startOfQuarter(today), -1), label: 'End of last quarter' },
    { value: `${Number(today.slice(0, 4)) - 1}-12-31`, label: 'End of last year' },
  ];
}
