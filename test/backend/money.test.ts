import { describe, expect, it } from 'vitest';
import type { Backend } from '../../src-main/backend';
import { verifyStore } from '../../src-main/backend/verify';
import { must, newAccount, receivablesBackend } from '../support/receivables';

/** Posted documents and ledger entries in the store. */
function postedCounts(b: Backend) {
  const q = (sql: string) => (b.ctx.store.sqlite.prepare(sql).get() as { n: number }).n;
  return { posted: q("SELECT count(*) AS n FROM document WHERE status = 'posted'"), entries: q('SELECT count(*) AS n FROM ledger_entry') };
}

const line = (quantityMilli: number, unitPriceCents: number, taxRateBp = 0) => ({ itemCode: 'SVC', description: 'Service', quantityMilli, unitPriceCents, taxRateBp });

describe('hole 5: money has one ceiling, checked before anything posts', () => {
  it('refuses an invoice of 500 lines at the per-line maximum with VALIDATION, saying so; nothing is posted and verify passes', async () => {
    const { b, s } = await receivablesBackend();
    const a = await newAccount(b, s.clerk);
    const ok = await must(b, s.clerk, 'invoices.createDraft', { accountId: a.id, lines: [line(1000, 100)] });
    // 500 lines each just under 2^53 cents (the reviewer's 4.5e18 total), and 500 lines of $1,000,000,000 each.
    for (const lines of [Array.from({ length: 500 }, () => line(1_000_000_000, 9_007_199_254)), Array.from({ length: 500 }, () => line(1000, 100_000_000_000))]) {
      const created = await b.call(s.clerk, 'invoices.createDraft', { accountId: a.id, lines });
      expect(created.ok ? 'posted' : created.error.code, created.ok ? '' : created.error.message).toBe('VALIDATION');
      expect(created.ok ? '' : created.error.message).toMatch(/\$1,000,000,000\.00/);
      const updated = await b.call(s.clerk, 'invoices.updateDraft', { invoiceId: ok.id, lines });
      expect(updated.ok ? 'updated' : updated.error.code).toBe('VALIDATION');
    }
    expect((await must(b, s.clerk, 'invoices.get', { invoiceId: ok.id })).totalCents).toBe(100);
    expect(postedCounts(b)).toEqual({ posted: 0, entries: 0 });
    expect((await verifyStore(b)).ok).toBe(true);
  });

  it('one line at the per-line maximum answers VALIDATION naming the line, never INTERNAL; one line of exactly the ceiling posts', async () => {
    const { b, s } = await receivablesBackend();
    const a = await newAccount(b, s.clerk);
    const atMax = await b.call(s.clerk, 'invoices.createDraft', { accountId: a.id, lines: [line(1000, 100), line(1_000_000_000, 100_000_000_000)] });
    expect(atMax.ok ? null : atMax.error).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/^Line 2: .*\$1,000,000,000\.00/) });
    const over = await b.call(s.clerk, 'invoices.createDraft', { accountId: a.id, lines: [line(1000, 100_000_000_001)] });
    expect(over.ok ? null : over.error.code).toBe('VALIDATION');
    // Tax can carry a line over the ceiling: refused too.
    const taxed = await b.call(s.clerk, 'invoices.createDraft', { accountId: a.id, lines: [line(1000, 100_000_000_000, 1000)] });
    expect(taxed.ok ? null : taxed.error).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('Line 1') });

    const draft = await must(b, s.clerk, 'invoices.createDraft', { accountId: a.id, lines: [line(1000, 100_000_000_000)] });
    const posted = await must(b, s.clerk, 'invoices.post', { invoiceId: draft.id });
    expect(posted.totalCents).toBe(100_000_000_000);
    await must(b, s.clerk, 'payments.post', { accountId: a.id, method: 'ach', amountCents: 100_000_000_000 });
    const tooBig = await b.call(s.clerk, 'payments.post', { accountId: a.id, method: 'ach', amountCents: 100_000_000_001 });
    expect(tooBig.ok ? null : tooBig.error).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('$1,000,000,000.00') });
    expect((await verifyStore(b)).ok).toBe(true);
  });

  it('totals are checked again when posting: a setting changed since the draft cannot carry the invoice over the ceiling', async () => {
    const { b, s } = await receivablesBackend();
    const a = await newAccount(b, s.clerk);
    const draft = await must(b, s.clerk, 'invoices.createDraft', { accountId: a.id, lines: [line(1000, 99_000_000_000)], shippingCents: 1_000_000_000 });
    expect(draft.totalCents).toBe(100_000_000_000);
    await must(b, s.supervisor, 'invoices.updateSettings', { shippingTaxRateBp: 1000 });
    const r = await b.call(s.clerk, 'invoices.post', { invoiceId: draft.id });
    expect(r.ok ? null : r.error).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('invoice total') });
    expect(postedCounts(b)).toEqual({ posted: 0, entries: 0 });
  });

  it('every amount an endpoint takes has the same ceiling', async () => {
    const { b, s } = await receivablesBackend();
    const a = await newAccount(b, s.clerk);
    const over = 100_000_000_001;
    const calls: [string, Promise<{ ok: boolean; error?: { code: string } }>][] = [
      ['payments.post', b.call(s.clerk, 'payments.post', { accountId: a.id, method: 'cash', amountCents: over })],
      ['payments.previewAllocation', b.call(s.clerk, 'payments.previewAllocation', { accountId: a.id, amountCents: over })],
      ['ledger.postAdjustment', b.call(s.clerk, 'ledger.postAdjustment', { accountId: a.id, amountCents: -over, reason: 'x' })],
      ['accounts.create', b.call(s.clerk, 'accounts.create', { accountNumber: 'X-1', name: 'X', kind: 'commercial', creditLimitCents: over })],
      ['items.upsert', b.call(s.supervisor, 'items.upsert', { code: 'BIG', description: 'Big', unitPriceCents: over })],
      ['invoices.createDraft', b.call(s.clerk, 'invoices.createDraft', { accountId: a.id, shippingCents: over })],
      ['invoices.createDraft', b.call(s.clerk, 'invoices.createDraft', { accountId: a.id, invoiceDiscount: { kind: 'amount', cents: over } })],
      ['worklist.get', b.call(s.clerk, 'worklist.get', { minPastDueCents: over })],
      ['fees.saveRules', b.call(s.supervisor, 'fees.saveRules', { maxPerInvoiceCents: over })],
    ];
    for (const [name, p] of calls) {
      const r = await p;
      expect(r.ok ? `${name}: accepted` : `${name}: ${r.error!.code}`).toBe(`${name}: VALIDATION`);
    }
    expect(postedCounts(b)).toEqual({ posted: 0, entries: 0 });
  });
});
