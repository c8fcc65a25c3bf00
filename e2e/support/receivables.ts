/** Seeding helpers for receivables e2e specs: calls go through the backend's dispatcher (roles + zod), with test/kit. */
import type { Backend } from '../../src-main/backend';
import { addDays } from '../../src-shared/dates';
import { must, postInvoice as postOneLine, riverside, signInSession } from '../../test/kit';
import { createCompany } from '../fixtures/bridge';

/** Company + admin (admin / admin-pass-1), signed in on the backend session 'seed'. Returns the company's business date today. */
export async function companyForSeeding(b: Backend): Promise<{ session: string; today: string }> {
  await createCompany(b);
  await signInSession(b, 'seed', riverside.username, riverside.password);
  const today = (await must(b, 'seed', 'aging.summary', {})).asOf;
  return { session: 'seed', today };
}

export const daysFrom = (today: string, days: number) => addDays(today, days);

/** One posted invoice of a single untaxed line, Net 30 unless told, as the specs' office bills. */
export const postInvoice = (
  b: Backend,
  session: string,
  accountId: number,
  cents: number,
  invoiceDate: string,
  opts: { terms?: string; itemCode?: string; description?: string } = {},
) =>
  postOneLine(b, session, accountId, cents, {
    date: invoiceDate,
    terms: opts.terms ?? 'Net 30',
    itemCode: opts.itemCode,
    description: opts.description ?? 'Professional services',
  });
