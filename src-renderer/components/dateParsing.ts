import { isIsoDate } from '@shared/dates';

const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const pad = (n: number | string) => String(n).padStart(2, '0');

/**
 * What a clerk types into a date field: 2026-03-31, 3/31/2026 or Mar 31, 2026 (as the field shows it).
 * Returns an ISO date, or null when it is not a calendar date.
 */
export function parseTypedDate(text: string): string | null {
  const t = text.trim();
  let iso: string | null = null;
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m) iso = `${m[1]}-${pad(m[2]!)}-${pad(m[3]!)}`;
  else if ((m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t))) iso = `${m[3]}-${pad(m[1]!)}-${pad(m[2]!)}`;
  else if ((m = /^([A-Za-z]{3})[a-z]*\.? (\d{1,2}),? (\d{4})$/.exec(t))) {
    const month = months.indexOf(m[1]!.toLowerCase());
    if (month >= 0) iso = `${m[3]}-${pad(month + 1)}-${pad(m[2]!)}`;
  }
  return iso && isIsoDate(iso) ? iso : null;
}
