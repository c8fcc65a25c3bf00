/** Seeding helpers for receivables e2e specs: calls go through the backend's dispatcher (roles + zod). */
import type { Page } from '@playwright/test';
import type { Backend } from '../../src-main/backend';
import type { Channel, Contract } from '../../src-shared/ipc/contract';
import type { InputOf, OutputOf } from '../../src-shared/ipc/endpoint';
import { addDays } from '../../src-shared/dates';
import { createCompany, expect } from '../fixtures/bridge';

export async function must<C extends Channel>(b: Backend, session: string, channel: C, input: InputOf<Contract[C]>): Promise<OutputOf<Contract[C]>> {
  const r = await b.call(session, channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code}: ${r.error.message}`);
  return r.value;
}

/** Company + admin (admin / admin-pass-1), signed in on the backend session 'seed'. Returns the company's business date today. */
export async function companyForSeeding(b: Backend): Promise<{ session: string; today: string }> {
  await createCompany(b);
  await must(b, 'seed', 'auth.signIn', { username: 'admin', password: 'admin-pass-1' });
  const today = (await must(b, 'seed', 'aging.summary', {})).asOf;
  return { session: 'seed', today };
}

export const daysFrom = (today: string, days: number) => addDays(today, days);

/** One posted invoice of a single untaxed line. */
export async function postInvoice(b: Backend, session: string, accountId: number, cents: number, invoiceDate: string, opts: { terms?: string; itemCode?: string; description?: string } = {}) {
  const draft = await must(b, session, 'invoices.createDraft', {
    accountId,
    invoiceDate,
    terms: opts.terms ?? 'Net 30',
    lines: [{ itemCode: opts.itemCode ?? 'SVC', description: opts.description ?? 'Professional services', quantityMilli: 1000, unitPriceCents: cents }],
  });
  return must(b, session, 'invoices.post', { invoiceId: draft.id });
}

export async function signIn(page: Page, username = 'admin', password = 'admin-pass-1') {
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('status-user')).toBeVisible();
}
