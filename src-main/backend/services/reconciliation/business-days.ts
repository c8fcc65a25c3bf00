import { dayNumber, fromDayNumber } from '@shared/dates';

/** Monday to Friday; the bank's holidays are not known here (docs/money-in.md names the limit). */
const isWeekday = (day: number) => {
  // Day 0 of dayNumber is 1970-01-01, a Thursday.
  const weekday = (((day + 4) % 7) + 7) % 7; // 0 = Sunday
  return weekday !== 0 && weekday !== 6;
};

/**
 * Business days from `from` to `to`: the weekdays after `from` up to and including `to` (so a Friday
 * to the next Monday is 1, the same day is 0); negative when `to` is before `from`.
 */
export function businessDaysBetween(from: string, to: string): number {
  const a = dayNumber(from);
  const b = dayNumber(to);
  if (b < a) return -businessDaysBetween(to, from);
  let n = 0;
  for (let d = a + 1; d <= b; d++) if (isWeekday(d)) n++;
  return n;
}

/** The date `n` business days before `date` (weekends skipped): where a period's items may start. */
export function businessDaysBefore(date: string, n: number): string {
  let d = dayNumber(date);
  for (let left = n; left > 0; ) {
    d--;
    if (isWeekday(d)) left--;
  }
  return fromDayNumber(d);
}
