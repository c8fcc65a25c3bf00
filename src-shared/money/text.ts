import type { Read } from '../read';
import { MAX_CENTS, MAX_CENTS_TEXT, type Cents } from './cents';

export interface ReadMoneyOptions {
  /** Accept "-5", "-$5", "$-5" and "(5.00)" as negative amounts (default: refuse them). */
  negative?: boolean;
  /** Accept zero (default: yes). */
  zero?: boolean;
}

// Optional sign before or after the currency sign; digits with or without correct thousands groups;
// up to two decimals (more are recognised, to say so).
const MONEY = /^(-)?\$?(-)?((?:\d{1,3}(?:,\d{3})+)|\d+)?(?:\.(\d*))?$/;

/**
 * THE money parser, for typed text and file cells: "1234.56", "1,234.56", "$1,234.56", ".5", "12."
 * (spaces ignored). Refuses wrong thousands groups ("1,2,3", "12,34": a decimal comma is not read as one),
 * more than 2 decimals, amounts beyond MAX_CENTS, and negatives unless asked for. Exact: no floats.
 */
export function readMoney(text: string, opts: ReadMoneyOptions = {}): Read<Cents> {
  const shown = text.trim();
  let t = shown.replace(/\s+/g, '');
  if (t === '') return { ok: false, reason: 'is empty' };
  let negative = false;
  if (/^\(.*\)$/.test(t)) {
    negative = true;
    t = t.slice(1, -1);
  }
  const m = MONEY.exec(t);
  if (!m || (m[3] === undefined && !m[4]) || (m[1] && m[2]) || (negative && (m[1] || m[2])))
    return { ok: false, reason: `is not an amount (${shown}); write it like 1234.56` };
  negative ||= Boolean(m[1] || m[2]);
  const frac = m[4] ?? '';
  if (frac.length > 2) return { ok: false, reason: `has more than 2 decimal places (${shown})` };
  const whole = (m[3] ?? '0').replace(/,/g, '');
  if (whole.replace(/^0+/, '').length > 12) return { ok: false, reason: `is too large (${shown}); at most ${MAX_CENTS_TEXT}` };
  const abs = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  if (abs > MAX_CENTS) return { ok: false, reason: `is too large (${shown}); at most ${MAX_CENTS_TEXT}` };
  if (negative && abs !== 0 && !opts.negative) return { ok: false, reason: `is negative (${shown}); amounts must be zero or more` };
  if (abs === 0 && opts.zero === false) return { ok: false, reason: 'is zero; it must be more than zero' };
  return { ok: true, value: (negative && abs !== 0 ? -abs : abs) as Cents };
}

/** Typed money, sign allowed ("-3.10", "(4.00)"); null when it is not an amount within the ceiling. */
export function parseMoney(text: string): Cents | null {
  const r = readMoney(text, { negative: true });
  return r.ok ? r.value : null;
}

const formatters = new Map<string, Intl.NumberFormat>();
function formatter(currency: string): Intl.NumberFormat {
  let f = formatters.get(currency);
  if (!f) {
    f = new Intl.NumberFormat('en-US', { style: 'currency', currency, minimumFractionDigits: 2 });
    formatters.set(currency, f);
  }
  return f;
}

/**
 * "$1,234.56"; negative amounts as "-$1,234.56". Takes any whole number of cents (a report's total over
 * many documents may pass the ceiling of one amount); formats the exact decimal, never cents / 100.
 */
export function formatMoney(amount: number, currency = 'USD'): string {
  return formatter(currency).format(centsToDecimalString(amount) as `${number}`);
}

/** Plain "1234.56" for files (CSV) and for the text a clerk edits; never locale-dependent. */
export function centsToDecimalString(amount: number): string {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`not a whole number of cents: ${amount}`);
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const compactFormatters = new Map<string, Intl.NumberFormat>();
/**
 * "$1.2K", "$35K", "$2.5M": a rounded amount for a chart's axis, where the exact figure is in the
 * tooltip beside it (formatMoney). Formats the exact decimal, like formatMoney.
 */
export function formatMoneyCompact(amount: number, currency = 'USD'): string {
  let f = compactFormatters.get(currency);
  if (!f) {
    f = new Intl.NumberFormat('en-US', { style: 'currency', currency, notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 1 });
    compactFormatters.set(currency, f);
  }
  return f.format(centsToDecimalString(amount) as `${number}`);
}
