import type { Backend } from '../../src-main/backend';
import { must } from './result';

export interface OneLineInvoice {
  /** The invoice date (default: the company's today). */
  date?: string;
  /** Payment terms (default: the company's). */
  terms?: string;
  itemCode?: string;
  description?: string;
}

/** Create and post an invoice of one untaxed line of `cents`; returns the posted invoice. */
export async function postInvoice(b: Backend, session: string, accountId: number, cents: number, opts: OneLineInvoice = {}) {
  const draft = await must(b, session, 'invoices.createDraft', {
    accountId,
    invoiceDate: opts.date,
    terms: opts.terms,
    lines: [{ itemCode: opts.itemCode ?? 'SVC', description: opts.description ?? 'Service', quantityMilli: 1000, unitPriceCents: cents }],
  });
  return must(b, session, 'invoices.post', { invoiceId: draft.id });
}
