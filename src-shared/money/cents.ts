import type { z } from 'zod';

/**
 * An amount of money: a whole number of minor units (cents), at most MAX_CENTS either way. Branded so
 * that a plain number cannot flow into money arithmetic or a posting unchecked: it becomes Cents only
 * through `cents()`, a money schema or a parser here. The brand is zod's, so the schemas' output is Cents.
 */
export type Cents = number & z.$brand<'Cents'>;

/**
 * The one ceiling for every amount: $1,000,000,000.00 (10^11 cents). Any line, any document total, any
 * typed or imported amount. Sums of a few thousand such amounts stay far inside 2^53, so SQLite sums,
 * aging totals and `verify` stay exact.
 */
export const MAX_CENTS = 100_000_000_000;
/** MAX_CENTS as a person reads it (a test holds it equal to formatMoney(MAX_CENTS)). */
export const MAX_CENTS_TEXT = '$1,000,000,000.00';

export class MoneyRangeError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'MoneyRangeError';
  }
}

/** A checked amount: throws MoneyRangeError when `value` is not whole cents within the ceiling. */
export function cents(value: number, what = 'Amount'): Cents {
  if (!Number.isSafeInteger(value)) throw new MoneyRangeError(`${what} must be a whole number of cents, got ${value}`);
  if (Math.abs(value) > MAX_CENTS) throw new MoneyRangeError(`${what} is more than ${MAX_CENTS_TEXT}, the most one amount may be`);
  return value as Cents;
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
    const negative = product < 0 !== d < 0;
    const n = Math.abs(product);
    const m = Math.abs(d);
    const q = Math.floor(n / m);
    const r = n - q * m;
    const rounded = r * 2 >= m ? q + 1 : q;
    return rounded === 0 ? 0 : negative ? -rounded : rounded;
  }
  const P = BigInt(a) * BigInt(b);
  const D = BigInt(d);
  const negative = P < 0n !== D < 0n;
  const n = P < 0n ? -P : P;
  const m = D < 0n ? -D : D;
  let q = n / m;
  if ((n % m) * 2n >= m) q += 1n;
  const result = Number(negative ? -q : q);
  if (!Number.isSafeInteger(result)) throw new RangeError('amount too large');
  return result === 0 ? 0 : result;
}

/**
 * Apply a percentage given in basis points (1% = 100 bp) to an amount: the one rounding rule of
 * DOMAIN.md, half away from zero to the cent, in integer arithmetic.
 */
export function applyBasisPoints(amount: Cents, basisPoints: number): Cents {
  return cents(mulDivRound(amount, basisPoints, 10_000), 'The percentage of the amount');
}

/**
 * Split `total` cents over non-negative `weights` in proportion, so the parts add up to `total` exactly
 * (largest-remainder method): each part is first floor(total * w / sum w); the cents left over go one
 * each to the parts with the largest remainders, ties to the earlier part. Zero weights get zero.
 * `total` must be >= 0.
 */
export function allocateProRata(total: Cents, weights: readonly Cents[]): Cents[] {
  if (!Number.isSafeInteger(total) || total < 0) throw new RangeError(`pro-rata total must be a non-negative whole number of cents, got ${total}`);
  if (weights.some((w) => !Number.isSafeInteger(w) || w < 0)) throw new RangeError('pro-rata weights must be non-negative whole numbers');
  const sum = weights.reduce((s, w) => s + w, 0);
  if (sum === 0) {
    if (total !== 0) throw new RangeError('cannot spread an amount over lines that add up to zero');
    return weights.map(() => 0 as Cents);
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
    parts[o.i].share += 1;
    left -= 1;
  }
  // Each share is at most the total, itself Cents.
  return parts.map((p) => p.share as Cents);
}
