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

/**
 * round(a * b / d) half away from zero, exact: integer arithmetic (BigInt when the product is not a
 * safe integer). Used for quantity (thousandths) x unit price and for pro-rata shares.
 */
export function mulDivRound(a: number, b: number, d: number): number {
  if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b) || !Number.isSafeInteger(d) || d === 0) {
    throw new RangeError(`mulDivRound needs whole numbers and a non-zero divisor (got ${a}, ${b}, ${d})`);
  }
  const product = a * b;
  if (Number.isSafeInteger(product)) {
    const negative = (product < 0) !== (d < 0);
    const n = Math.abs(product);
    const m = Math.abs(d);
    const q = Math.floor(n / m);
    const r = n - q * m;
    const rounded = r * 2 >= m ? q + 1 : q;
    return rounded === 0 ? 0 : negative ? -rounded : rounded;
  }
  const P = BigInt(a) * BigInt(b);
  const D = BigInt(d);
  const negative = (P < 0n) !== (D < 0n);
  const n = P < 0n ? -P : P;
  const m = D < 0n ? -D : D;
  let q = n / m;
  if ((n % m) * 2n >= m) q += 1n;
  const result = Number(negative ? -q : q);
  if (!Number.isSafeInteger(result)) throw new RangeError('amount too large');
  return result === 0 ? 0 : result;
}

/**
 * Split `total` cents over non-negative `weights` in proportion, so the parts add up to `total` exactly
 * (largest-remainder method): each part is first floor(total * w / sum w); the cents left over go one
 * each to the parts with the largest remainders, ties to the earlier part. Zero weights get zero.
 * `total` must be >= 0.
 */
export function allocateProRata(total: Cents, weights: readonly Cents[]): Cents[] {
  if (!Number.isSafeInteger(total) || total < 0) throw new RangeError(`pro-rata total must be a non-negative whole number of cents, got ${total}`);
  const sum = weights.reduce((s, w) => s + w, 0);
  if (weights.some((w) => !Number.isSafeInteger(w) || w < 0)) throw new RangeError('pro-rata weights must be non-negative whole numbers');
  if (sum === 0) {
    if (total !== 0) throw new RangeError('cannot spread an amount over lines that add up to zero');
    return weights.map(() => 0);
  }
  const T = BigInt(total);
  const S = BigInt(sum);
  const parts = weights.map((w) => {
    const p = T * BigInt(w);
    return { share: Number(p / S), rem: p % S };
  });
  let left = total - parts.reduce((s, p) => s + p.share, 0);
  const order = parts.map((p, i) => ({ i, rem: p.rem })).sort((x, y) => (x.rem === y.rem ? x.i - y.i : x.rem > y.rem ? -1 : 1));
  for (const o of order) {
    if (left <= 0) break;
    parts[o.i]!.share += 1;
    left -= 1;
  }
  return parts.map((p) => p.share);
}

/** Quantities are stored in thousandths (1.5 hours = 1500). "1.5" -> 1500; null when invalid or more than 3 decimals. */
export function parseQuantity(text: string): number | null {
  const m = /^(\d+)(?:\.(\d{0,3}))?$/.exec(text.trim());
  if (!m) return null;
  const v = Number(m[1]) * 1000 + Number((m[2] ?? '').padEnd(3, '0') || '0');
  return Number.isSafeInteger(v) ? v : null;
}

/** 1500 -> "1.5"; 2000 -> "2". */
export function formatQuantity(milli: number): string {
  const sign = milli < 0 ? '-' : '';
  const abs = Math.abs(milli);
  const frac = String(abs % 1000).padStart(3, '0').replace(/0+$/, '');
  return `${sign}${Math.floor(abs / 1000)}${frac ? `.${frac}` : ''}`;
}
