import { describe, expect, it } from 'vitest';
import type { Backend } from '../../src-main/backend';
import { verifyStore } from '../../src-main/backend/verify';
import { must, newAccount, postInvoice, receivablesBackend, type Sessions } from '../support/receivables';
import { testBackend } from '../support/store';

/** The screens and postings that read the company's zone: each must answer, not fail with INTERNAL. */
async function everyScreenWorks(b: Backend, s: Sessions) {
  const acct = await newAccount(b, s.clerk);
  const inv = await postInvoice(b, s.clerk, acct.id, 10_000);
  await must(b, s.clerk, 'payments.post', { accountId: acct.id, method: 'cash', amountCents: 2_500 });
  await must(b, s.clerk, 'accounts.list', { limit: 10, offset: 0 });
  await must(b, s.clerk, 'accounts.get', { accountId: acct.id });
  await must(b, s.clerk, 'aging.summary', {});
  await must(b, s.clerk, 'worklist.get', {});
  await must(b, s.clerk, 'promises.list', { accountId: acct.id });
  await must(b, s.clerk, 'flags.set', { kind: 'cease_communication', accountId: acct.id, reason: 'Written request' });
  await must(b, s.clerk, 'settings.get', undefined);
  return inv;
}

const refusal = (r: { ok: boolean; error?: { code: string; message: string } }) => (r.ok ? 'accepted' : `${r.error!.code}: ${r.error!.message}`);

describe('hole 4: every setting accepts only what works', () => {
  it('refuses a time zone the runtime does not know, everywhere a zone is set, and every screen keeps working', async () => {
    const { b, s } = await receivablesBackend();
    for (const timeZone of ['Mars/Olympus_Mons', 'EST', '+05:00', 'America/New York', 'x'.repeat(65), '']) {
      expect(refusal(await b.call(s.admin, 'settings.update', { timeZone })), JSON.stringify(timeZone)).toMatch(/^VALIDATION: timeZone: /);
    }
    expect(refusal(await b.call(s.clerk, 'accounts.create', { accountNumber: 'TZ-1', name: 'Zone', kind: 'consumer', timeZone: 'Mars/Olympus_Mons' }))).toMatch(
      /^VALIDATION: timeZone: /,
    );
    const fresh = testBackend();
    const created = await fresh.call('s', 'app.createCompany', {
      companyName: 'Mars Billing',
      timeZone: 'Mars/Olympus_Mons',
      username: 'admin',
      displayName: 'Ada',
      password: 'correct horse',
    });
    expect(refusal(created)).toMatch(/^VALIDATION: timeZone: /);
    expect(await must(b, s.admin, 'settings.get', undefined)).toMatchObject({ timeZone: 'America/Chicago' });
    await everyScreenWorks(b, s);
    expect((await verifyStore(b)).ok).toBe(true);
  });

  it('accepts any IANA zone the runtime knows, UTC included', async () => {
    const { b, s } = await receivablesBackend();
    for (const timeZone of ['Europe/Berlin', 'Pacific/Honolulu', 'UTC', 'America/Indiana/Indianapolis']) {
      expect(await must(b, s.admin, 'settings.update', { timeZone })).toMatchObject({ timeZone });
    }
  });

  it('bounds and cleans every other setting: names, numbers, terms', async () => {
    const { b, s } = await receivablesBackend();
    const cases: [keyof Sessions, Parameters<typeof b.dispatch>[1], unknown][] = [
      ['admin', 'settings.update', { companyName: 'x'.repeat(121) }],
      ['admin', 'settings.update', { companyName: '   ' }],
      ['admin', 'settings.update', { companyName: 'Acme\u0000' }],
      ['admin', 'settings.update', { idleLockMinutes: 0 }],
      ['admin', 'settings.update', { currency: 'EUR' }],
      ['supervisor', 'invoices.updateSettings', { defaultTerms: 'whenever' }],
      ['supervisor', 'invoices.updateSettings', { shippingTaxRateBp: 10_001 }],
      ['supervisor', 'compliance.updateSettings', { validationPeriodDays: 10 }],
      ['supervisor', 'aging.updateSettings', { edges: [] }],
      ['supervisor', 'plans.saveSettings', { graceDays: -1 }],
      ['supervisor', 'fees.saveRules', { monthlyRateBp: 10_001 }],
    ];
    for (const [who, channel, input] of cases)
      expect(refusal(await b.dispatch(s[who], channel, input)), `${channel} ${JSON.stringify(input)}`).toMatch(/^VALIDATION: /);
    expect(await must(b, s.admin, 'settings.get', undefined)).toMatchObject({ companyName: 'Test Billing Co', currency: 'USD', idleLockMinutes: 15 });
  });

  it('a store that already holds an unknown zone (written before the fix) reads as the default zone: no screen fails, and saving a good zone repairs it', async () => {
    const { b, s } = await receivablesBackend();
    const row = b.ctx.store.sqlite.prepare(`SELECT value FROM setting WHERE key = 'company'`).get() as { value: string };
    b.ctx.store.sqlite
      .prepare(`UPDATE setting SET value = ? WHERE key = 'company'`)
      .run(JSON.stringify({ ...JSON.parse(row.value), timeZone: 'Mars/Olympus_Mons', companyName: 'Old\u0000Name' }));
    expect(await must(b, s.admin, 'settings.get', undefined)).toMatchObject({ timeZone: 'America/New_York', companyName: 'Unnamed company' });
    await everyScreenWorks(b, s);
    expect(await must(b, s.admin, 'settings.update', { timeZone: 'America/Denver' })).toMatchObject({ timeZone: 'America/Denver' });
    expect((await verifyStore(b)).ok).toBe(true);
  });
});
