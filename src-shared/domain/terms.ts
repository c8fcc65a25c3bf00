import { z } from 'zod';
import { addDays, type IsoDate } from '../dates';
import { basisPointsToText, parsePercent } from '../money';

/**
 * Payment terms as offices write them: "Due on receipt", "Net 30", "2/10 Net 30" (2% off when paid
 * within 10 days, otherwise due in 30), "1.5/15 Net 45".
 */
export interface Terms {
  /** Canonical text, e.g. "2/10 Net 30". */
  label: string;
  netDays: number;
  /** Early-payment discount, basis points (200 = 2%); 0 when none. */
  discountBp: number;
  discountDays: number;
}

export function parseTerms(text: string): Terms | null {
  const t = text.trim().replace(/\s+/g, ' ');
  if (/^(due on receipt|on receipt|cod|net 0)$/i.test(t)) return { label: 'Due on receipt', netDays: 0, discountBp: 0, discountDays: 0 };
  const net = /^net ?(\d{1,3})$/i.exec(t);
  if (net) return { label: `Net ${Number(net[1])}`, netDays: Number(net[1]), discountBp: 0, discountDays: 0 };
  // The rate is read by the one percent parser: "2" or "1.5" (percent sign optional) -> basis points.
  const early = /^(\d{1,2}(?:\.\d{1,2})?)%? ?\/ ?(\d{1,3}),? ?net ?(\d{1,3})$/i.exec(t);
  if (early) {
    const bp = parsePercent(early[1]) ?? 0;
    const discountDays = Number(early[2]);
    const netDays = Number(early[3]);
    if (bp <= 0 || bp >= 10000 || discountDays > netDays) return null;
    return { label: `${basisPointsToText(bp)}/${discountDays} Net ${netDays}`, netDays, discountBp: bp, discountDays };
  }
  return null;
}

export const termsSchema = z
  .string()
  .max(40)
  .refine((s) => parseTerms(s) !== null, 'Terms must read like "Net 30", "Due on receipt" or "2/10 Net 30"')
  .transform((s) => parseTerms(s)?.label ?? s);

/** The dates the terms set for an invoice dated `invoiceDate`. */
export function termsDates(invoiceDate: IsoDate, terms: Terms): { dueDate: IsoDate; discountDate: IsoDate | null; discountBp: number } {
  return {
    dueDate: addDays(invoiceDate, terms.netDays),
    discountDate: terms.discountBp > 0 ? addDays(invoiceDate, terms.discountDays) : null,
    discountBp: terms.discountBp,
  };
}

export const defaultTerms = 'Net 30';
