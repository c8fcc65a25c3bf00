/**
 * Percentages are whole basis points (1% = 100 bp, 8.25% = 825): tax rates, discounts, fee rates.
 * Applied to money only by applyBasisPoints (cents.ts).
 */

/** "7.25", "7.25%", "7", ".5" -> basis points (725, 725, 700, 50); null when not a percentage with at most 2 decimals. */
export function parsePercent(text: string): number | null {
  const m = /^(\d{1,6})?(?:\.(\d{0,2}))?$/.exec(text.trim().replace(/\s*%$/, ''));
  if (!m || (m[1] === undefined && !m[2])) return null;
  return Number(m[1] ?? '0') * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** 825 -> "8.25", 850 -> "8.5", 700 -> "7": the text a clerk types (and reads back). */
export function basisPointsToText(bp: number): string {
  if (!Number.isSafeInteger(bp)) throw new RangeError(`not a whole number of basis points: ${bp}`);
  const sign = bp < 0 ? '-' : '';
  const abs = Math.abs(bp);
  const frac = String(abs % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return `${sign}${Math.floor(abs / 100)}${frac ? `.${frac}` : ''}`;
}

/** 825 -> "8.25%", 850 -> "8.5%", 700 -> "7%": for screens and documents. */
export const formatBasisPoints = (bp: number): string => `${basisPointsToText(bp)}%`;
