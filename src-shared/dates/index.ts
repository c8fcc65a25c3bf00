import type { Read } from '../read';

/**
 * Business dates are ISO "YYYY-MM-DD" strings with no time zone; instants are ISO-8601 UTC strings.
 * This module is the one date codec: what is accepted, the arithmetic and the formatting.
 *
 * Arithmetic is done on day numbers (days since 1970-01-01, proleptic Gregorian) in plain integer
 * arithmetic, never through Date.UTC, which reads years 0-99 as 1900-1999.
 */
export type IsoDate = string;
export type Instant = string;

/** The one accepted range of business dates, for every field, endpoint, import and screen. */
export const MIN_DATE: IsoDate = '1900-01-01';
export const MAX_DATE: IsoDate = '2199-12-31';
export const DATE_RANGE_MESSAGE = `Date must be between ${MIN_DATE} and ${MAX_DATE}`;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

const isLeapYear = (y: number) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
const daysInMonth = (year: number, month: number) => (month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31);

/** [year, month 1-12, day] of a real calendar date written YYYY-MM-DD (any year 0000-9999), else null. */
function fields(text: string): [number, number, number] | null {
  const m = ISO_DATE.exec(text);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo) ? [y, mo, d] : null;
}

/** YYYY-MM-DD naming a real day, whatever the year (arithmetic accepts these; input does not). */
export const isCalendarDate = (text: string) => fields(text) !== null;

/** A business date Ledgerdesk accepts: a calendar date within MIN_DATE..MAX_DATE. */
export const isIsoDate = (text: string) => isCalendarDate(text) && text >= MIN_DATE && text <= MAX_DATE;

function fieldsOrThrow(date: IsoDate): [number, number, number] {
  const f = fields(date);
  if (!f) throw new RangeError(`not a date (YYYY-MM-DD): ${date}`);
  return f;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
function fromFields(y: number, m: number, d: number): IsoDate {
  if (y < 0 || y > 9999) throw new RangeError(`date out of range: year ${y}`);
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/** Days since 1970-01-01 (H. Hinnant's days_from_civil). */
export function dayNumber(date: IsoDate): number {
  const [y0, m, d] = fieldsOrThrow(date);
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The date of a day number (civil_from_days). */
export function fromDayNumber(n: number): IsoDate {
  if (!Number.isSafeInteger(n)) throw new RangeError(`not a day number: ${n}`);
  const z = n + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return fromFields(yoe + era * 400 + (m <= 2 ? 1 : 0), m, d);
}

/** UTC midnight of a date, in milliseconds since the epoch (for instants built from a date). */
export const utcMidnight = (date: IsoDate): number => dayNumber(date) * DAY_MS;

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** Whole days from a to b (positive when b is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return dayNumber(b) - dayNumber(a);
}

/** Add calendar months, clamping to the month's last day (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = fieldsOrThrow(date);
  const index = y * 12 + (m - 1) + months;
  const ny = Math.floor(index / 12);
  const nm = index - ny * 12 + 1;
  return fromFields(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

/** The first day of the date's month. */
export const startOfMonth = (date: IsoDate): IsoDate => `${date.slice(0, 7)}-01`;

export function compareDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The business date at an instant in an IANA time zone. */
export function dateInZone(instant: Date, timeZone: string): IsoDate {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year').padStart(4, '0')}-${get('month')}-${get('day')}`;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const monthIndex = (name: string) =>
  MONTHS.findIndex((m) => m.slice(0, 3).toLowerCase() === name.slice(0, 3).toLowerCase() && m.toLowerCase().startsWith(name.toLowerCase()));

/** The order of day, month and year when the locale writes a date in numbers (en-US: month first; en-GB: day first). */
function numericOrder(locale: string): ('day' | 'month' | 'year')[] {
  const parts = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(0);
  const order = parts.map((p) => p.type).filter((t): t is 'day' | 'month' | 'year' => t === 'day' || t === 'month' || t === 'year');
  return order.length === 3 ? order : ['month', 'day', 'year'];
}

/**
 * THE reader of dates as people type them and files hold them: 2026-03-31 (or 2026-3-31), numbers in
 * the locale's order (3/31/2026 in the US order when no locale is given, as files hold them; 31/03/2026
 * or 31.03.2026 for en-GB or de), and month names as the screens show them (Mar 31, 2026 / March 31
 * 2026 / 31 Mar 2026). Refuses impossible dates and dates outside MIN_DATE..MAX_DATE, saying which.
 */
export function readDate(text: string, locale?: string): Read<IsoDate> {
  const t = text.trim();
  if (t === '') return { ok: false, reason: 'is empty' };
  const ymd = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  // Files and the command line (no locale) take only 3/31/2026, as before; a screen also 31.03.2026 and 31-03-2026.
  const numeric = (locale ? /^(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})\.?$/ : /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/).exec(t);
  const named = /^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})$/.exec(t);
  const dayFirstNamed = /^(\d{1,2})\.? ([A-Za-z]{3,9})\.?,? (\d{4})$/.exec(t);
  const month = named ? monthIndex(named[1]) : dayFirstNamed ? monthIndex(dayFirstNamed[2]) : -1;
  let iso: string | null = null;
  if (ymd) iso = `${ymd[1]}-${ymd[2].padStart(2, '0')}-${ymd[3].padStart(2, '0')}`;
  else if (numeric) {
    const order = locale ? numericOrder(locale) : (['month', 'day', 'year'] as const);
    const f = { day: '', month: '', year: '' };
    order.forEach((k, i) => {
      f[k] = numeric[i + 1]!;
    });
    if (f.year.length === 4 && f.month.length <= 2 && f.day.length <= 2) iso = `${f.year}-${f.month.padStart(2, '0')}-${f.day.padStart(2, '0')}`;
  } else if (named && month >= 0) iso = `${named[3]}-${pad(month + 1)}-${named[2].padStart(2, '0')}`;
  else if (dayFirstNamed && month >= 0) iso = `${dayFirstNamed[3]}-${pad(month + 1)}-${dayFirstNamed[1].padStart(2, '0')}`;
  // Files and the command line are told the file formats; a screen (a locale given) its own way of writing dates.
  const like = locale ? `write it like ${formatDate('2026-03-31', locale)}` : 'use YYYY-MM-DD or MM/DD/YYYY';
  const [lo, hi] = locale ? [formatDate(MIN_DATE, locale), formatDate(MAX_DATE, locale)] : [MIN_DATE, MAX_DATE];
  if (iso === null) return { ok: false, reason: `is not a date (${t}); ${like}` };
  if (!isCalendarDate(iso)) return { ok: false, reason: `is not a calendar date (${t})` };
  if (!isIsoDate(iso)) return { ok: false, reason: `is out of range (${t}); dates must be between ${lo} and ${hi}` };
  return { ok: true, value: iso };
}

/** readDate's value, or null. */
export function parseDate(text: string): IsoDate | null {
  const r = readDate(text);
  return r.ok ? r.value : null;
}

let displayLocale = 'en-US';

/**
 * The locale every date on screen follows. The renderer sets the system's (navigator.language) once at
 * start; the backend, documents and files keep en-US. An unknown or malformed tag keeps en-US.
 */
export function setDisplayLocale(locale: string): string {
  let supported: string | undefined;
  try {
    supported = Intl.DateTimeFormat.supportedLocalesOf([locale])[0];
  } catch {
    supported = undefined;
  }
  displayLocale = supported ?? 'en-US';
  return displayLocale;
}
export const getDisplayLocale = () => displayLocale;

const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(locale: string, style: 'medium' | 'month' | 'monthShort'): Intl.DateTimeFormat {
  const key = `${locale}|${style}`;
  let f = dateFormats.get(key);
  if (!f) {
    // Dates are calendar days: formatted at UTC midnight in UTC, so no zone can move them a day.
    const options: Intl.DateTimeFormatOptions = style === 'medium' ? { dateStyle: 'medium' } : { month: style === 'month' ? 'long' : 'short', year: 'numeric' };
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
    dateFormats.set(key, f);
  }
  return f;
}

/**
 * THE date on screens and documents: the locale's medium date ("Mar 5, 2026" in en-US, "5 Mar 2026"
 * in en-GB), in the display locale unless one is given. Forms show and read the same (renderer
 * app/date-input.ts).
 */
export function formatDate(date: IsoDate | null | undefined, locale: string = displayLocale): string {
  if (!date) return '';
  fieldsOrThrow(date);
  return dateFormat(locale, 'medium').format(utcMidnight(date));
}

/** "2026-03" -> "March 2026" (a fee period, a statement month). */
export function formatMonth(yearMonth: string, locale: string = displayLocale): string {
  return dateFormat(locale, 'month').format(utcMidnight(`${yearMonth}-01`));
}

/** "2026-03" -> "Mar 2026" (a chart's month axis, where the long name does not fit). */
export function formatMonthShort(yearMonth: string, locale: string = displayLocale): string {
  return dateFormat(locale, 'monthShort').format(utcMidnight(`${yearMonth}-01`));
}

const instantFormats = new Map<string, Intl.DateTimeFormat>();
function instantFormat(timeZone: string | undefined, weekday: boolean): Intl.DateTimeFormat {
  const key = `${displayLocale}|${timeZone ?? ''}|${weekday}`;
  let f = instantFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(displayLocale, {
      ...(timeZone ? { timeZone, timeZoneName: 'short' } : {}),
      ...(weekday ? { weekday: 'short' } : {}),
      month: 'short',
      day: 'numeric',
      year: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
    });
    instantFormats.set(key, f);
  }
  return f;
}

/**
 * An instant for people: "Mar 10, 2026, 2:05 PM" on this workstation's clock, or in a zone with its
 * name ("Mar 10, 2026, 2:05 PM CDT").
 */
export function formatInstant(instant: Instant | Date | null | undefined, timeZone?: string): string {
  if (!instant) return '';
  return instantFormat(timeZone, false).format(typeof instant === 'string' ? new Date(instant) : instant);
}

/** "Mon, Mar 9, 2026, 11:00 AM EDT": an instant in a zone with the weekday (calling hours, when a call is allowed). */
export function formatInZone(instant: Instant | Date, timeZone: string): string {
  return instantFormat(timeZone, true).format(typeof instant === 'string' ? new Date(instant) : instant);
}
