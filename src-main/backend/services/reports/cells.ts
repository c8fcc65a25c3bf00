import { utcMidnight, type IsoDate } from '@shared/dates';

/**
 * How one value becomes one cell. Every workbook goes through these, so a report never decides on its
 * own how money, dates or text are stored (docs/reports.md, Workbook conventions).
 */
export type ColumnKind = 'text' | 'money' | 'date' | 'datetime' | 'integer' | 'decimal' | 'percent';

/**
 * Money is kept in integer cents everywhere else; a cell holds dollars. cents / 100 is the double
 * nearest the exact decimal (an integer below 2^53 divided by 100 is correctly rounded by IEEE 754), and
 * the 2-decimal format shows that exact decimal: the error is below 1e-6 cents for any amount the store
 * can hold (MAX_CENTS = 1e11), far from the half-cent where a displayed figure could change. Sums are
 * computed in cents first and divided once, so a cached total never carries the drift of adding doubles.
 */
export const centsToCell = (cents: number): number => (cents + 0) / 100; // + 0: no negative zero (-$0.00)

/**
 * An ISO date as the Date exceljs turns into an Excel serial day. exceljs converts with the UTC epoch
 * (serial = ms / 86,400,000 + 25,569), so UTC midnight of the day gives the whole serial day: no time
 * part and no shift from the machine's time zone.
 */
export const dateToCell = (date: IsoDate): Date => new Date(utcMidnight(date));

const wallClocks = new Map<string, Intl.DateTimeFormat>();
/**
 * An instant as the Date exceljs turns into the serial day and time the office's clock showed then: the
 * wall-clock fields in the company's time zone, taken as UTC (exceljs converts with the UTC epoch), so
 * the cell reads the office's time whatever the machine's zone.
 */
export function instantToCell(instant: string, timeZone: string): Date {
  let f = wallClocks.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    wallClocks.set(timeZone, f);
  }
  const at = new Date(instant);
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, Number(x.value)]));
  return new Date(Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!, at.getUTCMilliseconds()));
}

/**
 * The currency number format: USD and CAD as "$1,234.56", any other code after the figure; negatives
 * with a minus, in red; zero as a dash, so the amounts stand out in a grid of mostly empty buckets.
 */
export function moneyFormat(currency: string): string {
  const body = '#,##0.00';
  if (currency === 'USD' || currency === 'CAD') return `"$"${body};[Red]-"$"${body};"-"`;
  return `${body} "${currency}";[Red]-${body} "${currency}";"-"`;
}

export const DATE_FORMAT = 'yyyy-mm-dd';
/** A date and time of day in the office's time zone (an audit record's time). */
export const DATETIME_FORMAT = 'yyyy-mm-dd hh:mm:ss';
export const INTEGER_FORMAT = '#,##0';
/** Days and other measures with one decimal (DSO 41.3). */
export const DECIMAL_FORMAT = '#,##0.0';
/** A fraction shown as a percent with one decimal (0.125 -> 12.5%). */
export const PERCENT_FORMAT = '0.0%';

/** The number format of a column of this kind (text columns are General). */
export function formatOf(kind: ColumnKind, currency: string): string | undefined {
  if (kind === 'money') return moneyFormat(currency);
  if (kind === 'date') return DATE_FORMAT;
  if (kind === 'datetime') return DATETIME_FORMAT;
  if (kind === 'integer') return INTEGER_FORMAT;
  if (kind === 'decimal') return DECIMAL_FORMAT;
  if (kind === 'percent') return PERCENT_FORMAT;
  return undefined;
}

/** Characters of a whole number with thousands separators (1,234,567 -> 9), by arithmetic: Intl per cell is slow. */
function groupedLength(n: number): number {
  const digits = Math.max(1, Math.floor(Math.log10(Math.max(1, Math.abs(Math.trunc(n))))) + 1);
  return digits + Math.floor((digits - 1) / 3) + (n < 0 ? 1 : 0);
}

/** The width the shown value takes, in characters, to size the column. */
export function shownLength(kind: ColumnKind, value: string | number | null): number {
  if (value === null) return 0;
  if (kind === 'date') return 10;
  if (kind === 'datetime') return 19;
  // "-$1,234.56": sign, currency sign, the grouped dollars, the point and two decimals.
  if (kind === 'money') return groupedLength(Math.abs(Number(value)) / 100) + 5;
  if (kind === 'integer') return groupedLength(Number(value));
  if (typeof value === 'string') return value.length;
  if (kind === 'decimal') return groupedLength(value) + 2;
  // "-12.5%": the whole percent, the point, one decimal and the sign.
  if (kind === 'percent') return groupedLength(value * 100) + 3;
  return String(value).length;
}

const INVALID_SHEET_CHARS = /[[\]:*?/\\]/g;

/**
 * A sheet name Excel accepts: 1-31 characters, none of []:*?/\, not starting or ending with an
 * apostrophe, and not "History" (reserved by Excel); unique in the workbook (compared without case, as
 * Excel does), with " (2)" and so on added when taken.
 */
export function sheetName(wanted: string, taken: readonly string[]): string {
  let base =
    wanted
      .replace(INVALID_SHEET_CHARS, ' ')
      .replace(/\s+/g, ' ')
      .replace(/^'+|'+$/g, '')
      .trim() || 'Sheet';
  if (base.toLowerCase() === 'history') base = 'History sheet';
  const isTaken = (n: string) => taken.some((t) => t.toLowerCase() === n.toLowerCase());
  let name = base.slice(0, 31);
  for (let i = 2; isTaken(name); i++) {
    const suffix = ` (${i})`;
    name = base.slice(0, 31 - suffix.length) + suffix;
  }
  return name;
}
