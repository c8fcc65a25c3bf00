/**
 * Money is an integer number of minor units (cents) everywhere. This module is the one place
 * where percentages are applied and amounts are parsed and formatted.
 */
export type Cents = number;

export function assertCents(value: number, what = 'amount'): Cents {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} must be a whole number of cents, got ${value}`);
  return value;
}

/** Round a rational number of cents half away from zero: the one rounding rule (DOMAIN.md). */
export function roundHalfAwayFromZero(value: number): Cents {
  const sign = value < 0 ? -1 : 1;
  const abs = Math.abs(value);
  // Guard against binary noise such as 0.4999999999 from a product that is exactly x.5.
  const rounded = Math.floor(abs + 0.5 + 1e-9);
  return sign * rounded === 0 ? 0 : sign * rounded;
}

/**
 * Apply a percentage given in basis points (1% = 100 bp) to an amount in cents.
 * Integer arithmetic until the single final rounding.
 */
export function applyBasisPoints(amount: Cents, basisPoints: number): Cents {
  const product = amount * basisPoints; // exact while |amount*bp| < 2^53
  if (!Number.isSafeInteger(product)) throw new RangeError('amount too large for percentage arithmetic');
  const sign = product < 0 ? -1 : 1;
  const abs = Math.abs(product);
  const quotient = Math.floor(abs / 10000);
  const remainder = abs - quotient * 10000;
  const rounded = remainder * 2 >= 10000 ? quotient + 1 : quotient;
  return rounded === 0 ? 0 : sign * rounded;
}

/** Parse user or file text such as "1,234.50", "$12", "-3.1", "(4.00)" into cents; null when it is not money. */
export function parseMoney(text: string): Cents | null {
  let t = text.trim().replace(/[$,\s]/g, '');
  let negative = false;
  if (/^\(.*\)$/.test(t)) {
    negative = true;
    t = t.slice(1, -1);
  }
  if (t.startsWith('-')) {
    negative = !negative;
    t = t.slice(1);
  }
  const m = /^(\d+)(?:\.(\d{0,2}))?$/.exec(t) ?? /^()\.(\d{1,2})$/.exec(t);
  if (!m) return null;
  const whole = m[1] === '' ? 0 : Number(m[1]);
  const frac = Number((m[2] ?? '').padEnd(2, '0') || '0');
  const cents = whole * 100 + frac;
  if (!Number.isSafeInteger(cents)) return null;
  return negative ? -cents : cents;
}

/** Parse a percentage such as "7.25" or "7.25%" into basis points (725); null when invalid. */
export function parsePercent(text: string): number | null {
  const t = text.trim().replace(/%$/, '').trim();
  const m = /^(\d+)(?:\.(\d{0,2}))?$/.exec(t);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0') || '0');
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

/** "$1,234.56"; negative amounts as "-$1,234.56". */
export function formatMoney(cents: Cents, currency = 'USD'): string {
  return formatter(currency).format(cents / 100);
}

/** Plain "1234.56" for files (CSV); never locale-dependent. */
export function centsToDecimalString(cents: Cents): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export function formatBasisPoints(bp: number): string {
  return `${(bp / 100).toFixed(bp % 100 === 0 ? 0 : 2)}%`;
}
