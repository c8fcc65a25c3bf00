/** Quantities are whole thousandths (1.5 hours = 1500), so quantity x price is exact (mulDivRound). */

/** The most one line may carry: 1,000,000 units. */
export const MAX_QUANTITY_MILLI = 1_000_000_000;

/**
 * "2", "1.5", "0.25", ".5", "1,500" -> thousandths; null when not a quantity (a sign, more than 3
 * decimals, wrong thousands groups) or above MAX_QUANTITY_MILLI. Zero is returned: callers say it must be more.
 */
export function parseQuantity(text: string): number | null {
  const m = /^((?:\d{1,3}(?:,\d{3})+)|\d{1,7})?(?:\.(\d{0,3}))?$/.exec(text.trim());
  if (!m || (m[1] === undefined && !m[2])) return null;
  const milli = Number((m[1] ?? '0').replace(/,/g, '')) * 1000 + Number((m[2] ?? '').padEnd(3, '0'));
  return milli <= MAX_QUANTITY_MILLI ? milli : null;
}

/** 1500 -> "1.5", 2000 -> "2", 1500000 -> "1500": the text a clerk edits. */
export function quantityToText(milli: number): string {
  if (!Number.isSafeInteger(milli)) throw new RangeError(`not a whole number of thousandths: ${milli}`);
  const sign = milli < 0 ? '-' : '';
  const abs = Math.abs(milli);
  const frac = String(abs % 1000)
    .padStart(3, '0')
    .replace(/0+$/, '');
  return `${sign}${Math.floor(abs / 1000)}${frac ? `.${frac}` : ''}`;
}

/** 1500 -> "1.5", 1500000 -> "1,500": for screens and documents. */
export function formatQuantity(milli: number): string {
  const [whole, frac] = quantityToText(milli).split('.');
  return `${whole.replace(/\B(?=(\d{3})+$)/g, ',')}${frac ? `.${frac}` : ''}`;
}
