import type { Read } from '../read';
import { MAX_CENTS, MAX_CENTS_TEXT, type Cents } from './cents';

export interface ReadMoneyOptions {
  /** Accept "-5", "-$5", "$-5", "5-" and "(5.00)" as negative amounts (default: refuse them). */
  negative?: boolean;
  /** Accept zero (default: yes). */
  zero?: boolean;
}

// Optional sign before or after the currency sign; digits with or without correct thousands groups;
// up to two decimals (more are recognised, to say so).
const MONEY = /^(-)?\$?(-)?((?:\d{1,3}(?:,\d{3})+)|\d+)?(?:\.(\d*))?$/;
// A currency code before or after the amount ("USD 1,234.56", "1,234.56 usd"), or "US$".
const CODE = /^(?:([A-Za-z]{3})(?=[\s\d$(.+-])|US\$)?\s*(.*?)\s*(?:(?<=[\d.)\s-])([A-Za-z]{3}))?$/;

/**
 * THE money parser, for typed text and file cells, reading amounts as an accountant writes them:
 * "1234.56", "1,234.56", "$1,234.56", "USD 1,234.56", "1 234.56" (spaces between groups of 3), ".5", "12.",
 * negatives as "-3.10", "$-3.10", "(4.00)" or "123.45-" (trailing minus). Refused, each with its reason:
 * another currency ("EUR 5"); a decimal comma ("1.234,56", "12,50": read as thousands it would be wrong by
 * a factor of 100); commas not in groups of 3 ("1,2,3"); more than 2 decimals ("12.345": cents have 2, and
 * it may be 12,345 written with a thousands point); two signs; amounts beyond MAX_CENTS; negatives unless
 * asked for. Exact: no floats.
 */
export function readMoney(text: string, opts: ReadMoneyOptions = {}): Read<Cents> {
  const shown = text.trim();
  if (shown === '') return { ok: false, reason: 'is empty' };
  const notAmount = { ok: false as const, reason: `is not an amount (${shown}); write it like 1234.56` };
  const c = CODE.exec(shown);
  const code = (c?.[1] ?? c?.[3])?.toUpperCase();
  if (code && code !== 'USD' && /\d/.test(c![2]!)) return { ok: false, reason: `is in ${code} (${shown}); amounts are read in US dollars only` };
  let t = code && /\d/.test(c![2]!) ? c![2]! : shown.replace(/^US\$/, '$');
  // Spaces around signs go; spaces inside the number only as thousands separators (1 234 567.89).
  t = t.replace(/(?<!\d)\s+|\s+(?!\d)/g, '');
  if (/\s/.test(t)) {
    if (!/^\D*\d{1,3}(?:\s\d{3})+(?:\.\d*)?\D*$/.test(t)) return { ok: false, reason: `has a space inside the number (${shown}); write it like 1234.56` };
    t = t.replace(/\s/g, '');
  }
  let negative = false;
  if (t.length > 1 && t.endsWith('-')) {
    negative = true;
    t = t.slice(0, -1);
  }
  if (/^\(.*\)$/.test(t)) {
    if (negative) return notAmount;
    negative = true;
    t = t.slice(1, -1);
  }
  const digits = t.replace(/^[-$]+/, '');
  if (/^\d{1,3}(?:\.\d{3})+(?:,\d*)?$/.test(digits) && (digits.includes(',') || (digits.match(/\./g) ?? []).length > 1))
    return { ok: false, reason: `writes thousands with a point (${shown}); write it like 1234.56 (a point before the cents only)` };
  if (/^[\d,]*\d,\d{1,2}$/.test(digits))
    return { ok: false, reason: `has a decimal comma or a thousands group that is not 3 digits (${shown}); write cents after a point (1234.56)` };
  const m = MONEY.exec(t);
  if (!m || (m[3] === undefined && !m[4]) || (m[1] && m[2]) || (negative && (m[1] || m[2]))) return notAmount;
  negative ||= Boolean(m[1] || m[2]);
  const frac = m[4] ?? '';
  if (frac.length > 2)
    return {
      ok: false,
      reason: `has more than 2 decimal places (${shown}); cents have 2${frac.length === 3 && !m[3]?.includes(',') ? `, and if the point separates thousands write ${m[3] ?? '0'},${frac}` : ''}`,
    };
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
