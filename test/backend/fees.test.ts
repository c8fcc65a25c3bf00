import { describe, expect, it } from 'vitest';
import { verifyStore } from '../../src-main/backend/verify';
import { feeAdjustmentText, feeExclusionText } from '../../src-shared/domain/collections-text';
import { travel } from '../support/collections-policy';
import { must, newAccount, postInvoice, receivablesBackend } from '../support/receivables';

/** Today is 2026-03-15 (America/Chicago). Invoices are posted with Net 30 terms. */
async function setup(rules: Record<string, unknown>) {
  const ctx = await receivablesBackend();
  await must(ctx.b, ctx.s.supervisor, 'fees.saveRules', rules as never);
  return ctx;
}

describe('late fees', () => {
  it('respects grace days, the minimum, the per-invoice maximum and the yearly cap; a second run for the period posts nothing', async () => {
    const { b, s, clock } = await setup({
      graceDays: 10,
      flatCents: 0,
      monthlyRateBp: 150,
      minimumCents: 500,
      maxPerInvoiceCents: 2000,
      maxPerAccountYearCents: 3000,
    });
    const acct = await newAccount(b, s.clerk);
    const small = await postInvoice(b, s.clerk, acct.id, 10000, { date: '2026-02-01', terms: 'Net 30' }); // due 2026-03-03
    const big = await postInvoice(b, s.clerk, acct.id, 200000, { date: '2026-01-01', terms: 'Net 30' }); // due 2026-01-31

    // Seven days past due: within the grace days.
    const early = await must(b, s.clerk, 'fees.preview', { asOf: '2026-03-10' });
    const earlySmall = early.rows.find((r) => r.invoiceId === small.id)!;
    expect(earlySmall.daysPastDue).toBe(7);
    expect(earlySmall.feeCents).toBe(0);
    expect(earlySmall.excludedReason).toEqual({ code: 'grace', graceDays: 10 });
    expect(feeExclusionText(earlySmall.excludedReason!)).toBe('Within the 10 grace days');

    const preview = await must(b, s.clerk, 'fees.preview', { asOf: '2026-03-15' });
    const rowSmall = preview.rows.find((r) => r.invoiceId === small.id)!;
    const rowBig = preview.rows.find((r) => r.invoiceId === big.id)!;
    // 1.5% of $100.00 = $1.50, raised to the $5.00 minimum.
    expect(rowSmall).toMatchObject({ basisCents: 10000, feeCents: 500, excludedReason: null });
    expect(rowSmall.adjustment).toEqual({ code: 'minimum', minimumCents: 500 });
    expect(feeAdjustmentText(rowSmall.adjustment!)).toBe('Raised to the $5.00 minimum');
    // 1.5% of $2,000.00 = $30.00, capped at $20.00 per invoice.
    expect(rowBig).toMatchObject({ basisCents: 200000, feeCents: 2000, daysPastDue: 43 });
    expect(rowBig.adjustment).toEqual({ code: 'max_per_invoice', maxCents: 2000 });
    expect(feeAdjustmentText(rowBig.adjustment!)).toBe('Capped by the $20.00 maximum per invoice');
    expect(preview.totals).toMatchObject({ chargeable: 2, feeCents: 2500, accounts: 1 });

    // Clerks may preview but not post.
    const denied = await b.call(s.clerk, 'fees.post', { asOf: '2026-03-15', invoiceIds: [small.id, big.id] });
    expect(denied.ok).toBe(false);
    if (!denied.ok) expect(denied.error.code).toBe('FORBIDDEN');

    const posted = await must(b, s.supervisor, 'fees.post', { asOf: '2026-03-15', invoiceIds: [small.id, big.id] });
    expect(posted.period).toBe('2026-03');
    expect(posted.posted.map((p) => p.amountCents).sort((x, y) => x - y)).toEqual([500, 2000]);
    expect(posted.posted[0]!.number).toMatch(/^FEE-/);
    const ledger = await must(b, s.clerk, 'ledger.get', { accountId: acct.id });
    expect(ledger.totals.balanceCents).toBe(210000 + 2500);

    // A run as of an earlier day of the same month sees the period as charged too.
    const earlier = await must(b, s.clerk, 'fees.preview', { asOf: '2026-03-14' });
    const charged = earlier.rows.find((r) => r.invoiceId === small.id)!;
    expect(charged).toMatchObject({ feeCents: 0, excludedReason: { code: 'already_charged', period: '2026-03', feeNumber: expect.stringMatching(/^FEE-/) } });
    expect(feeExclusionText(charged.excludedReason!)).toMatch(/^Already charged for 2026-03 \(FEE-/);
    // Not as of a future date.
    expect((await b.call(s.supervisor, 'fees.post', { asOf: '2026-03-28', invoiceIds: [small.id] })).ok).toBe(false);
    // Same period again (another day in March): nothing posts.
    await travel(b, s, clock, '2026-03-28T15:00:00Z');
    const again = await must(b, s.supervisor, 'fees.post', { asOf: '2026-03-28', invoiceIds: [small.id, big.id] });
    expect(again.posted).toEqual([]);
    expect(again.skipped.map((x) => x.reason)).toEqual([
      expect.objectContaining({ code: 'already_charged', period: '2026-03' }),
      expect.objectContaining({ code: 'already_charged', period: '2026-03' }),
    ]);

    // April: the big invoice is at its maximum; the small one gets $5.00, which is what is left of the $30.00 year.
    const april = await must(b, s.clerk, 'fees.preview', { asOf: '2026-04-15' });
    const atMax = april.rows.find((r) => r.invoiceId === big.id)!;
    expect(atMax).toMatchObject({ feeCents: 0, excludedReason: { code: 'max_per_invoice', maxCents: 2000 } });
    expect(feeExclusionText(atMax.excludedReason!)).toBe('Reached the $20.00 maximum per invoice');
    expect(april.rows.find((r) => r.invoiceId === small.id)).toMatchObject({ feeCents: 500, basisCents: 10000 });
    await travel(b, s, clock, '2026-04-15T15:00:00Z');
    await must(b, s.supervisor, 'fees.post', { asOf: '2026-04-15', invoiceIds: [small.id, big.id] });
    // May: the yearly cap ($30.00) is reached.
    const may = await must(b, s.clerk, 'fees.preview', { asOf: '2026-05-15' });
    const atYear = may.rows.find((r) => r.invoiceId === small.id)!;
    expect(atYear).toMatchObject({ feeCents: 0, excludedReason: { code: 'max_per_account_year', maxCents: 3000, year: '2026' } });
    expect(feeExclusionText(atYear.excludedReason!)).toBe('Reached the $30.00 maximum per account in 2026');

    const report = await verifyStore(b);
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    expect(report.checks.find((c) => c.name === 'late fees')?.detail).toMatch(/^3 late fee/);
  });

  it('looks at invoices open on the as-of date: open now, or paid by a payment dated after it; not paid in full before it', async () => {
    const { b, s } = await setup({ graceDays: 0, monthlyRateBp: 150 });
    const acct = await newAccount(b, s.clerk);
    const open = await postInvoice(b, s.clerk, acct.id, 10000, { date: '2026-01-01', terms: 'Net 30' }); // due 2026-01-31
    const paidLater = await postInvoice(b, s.clerk, acct.id, 20000, { date: '2026-01-01', terms: 'Net 30' });
    const paidEarly = await postInvoice(b, s.clerk, acct.id, 30000, { date: '2026-01-01', terms: 'Net 30' });
    const pay = (date: string, documentId: number, amountCents: number) =>
      must(b, s.clerk, 'payments.post', {
        accountId: acct.id,
        date,
        method: 'cash',
        amountCents,
        allocation: { mode: 'manual', lines: [{ documentId, amountCents }] },
      });
    await pay('2026-02-05', paidEarly.id, 30000);
    await pay('2026-03-01', paidLater.id, 15000);
    await pay('2026-03-10', paidLater.id, 5000);

    const feb = await must(b, s.clerk, 'fees.preview', { asOf: '2026-02-15' });
    expect(feb.rows.map((r) => [r.invoiceId, r.basisCents, r.feeCents])).toEqual([
      [open.id, 10000, 150],
      [paidLater.id, 20000, 300],
    ]);
    // Between the two payments: half of it is still open.
    const march = await must(b, s.clerk, 'fees.preview', { asOf: '2026-03-05' });
    expect(march.rows.map((r) => [r.invoiceId, r.basisCents])).toEqual([
      [open.id, 10000],
      [paidLater.id, 5000],
    ]);
    // Today: only the invoice still open now.
    const today = await must(b, s.clerk, 'fees.preview', {});
    expect(today.rows.map((r) => r.invoiceId)).toEqual([open.id]);
  });

  it('charges the principal only, never earlier fees, unless compounding is switched on', async () => {
    const { b, s } = await setup({ graceDays: 0, monthlyRateBp: 150 });
    const acct = await newAccount(b, s.clerk);
    const inv = await postInvoice(b, s.clerk, acct.id, 10000, { date: '2026-01-01', terms: 'Net 30' });
    const feb = await must(b, s.supervisor, 'fees.post', { asOf: '2026-02-15', invoiceIds: [inv.id] });
    expect(feb.posted[0]!.amountCents).toBe(150);
    const march = await must(b, s.clerk, 'fees.preview', { asOf: '2026-03-15' });
    expect(march.rows).toHaveLength(1); // the fee document itself is not an invoice and is never charged
    expect(march.rows[0]).toMatchObject({ invoiceId: inv.id, basisCents: 10000, feeCents: 150 });

    await must(b, s.supervisor, 'fees.saveRules', { graceDays: 0, monthlyRateBp: 150, compounding: true });
    const compounding = await must(b, s.clerk, 'fees.preview', { asOf: '2026-03-15' });
    // 1.5% of $101.50 = $1.5225 -> $1.52 (rounded once, half away from zero).
    expect(compounding.rows[0]).toMatchObject({ basisCents: 10150, feeCents: 152 });
  });

  it('excludes accounts by kind, invoices on a current plan, disputed accounts and written-off invoices', async () => {
    const { b, s } = await setup({ graceDays: 0, monthlyRateBp: 100, appliesTo: 'consumer' });
    const commercial = await newAccount(b, s.clerk, { kind: 'commercial' });
    const consumer = await newAccount(b, s.clerk, { kind: 'consumer', billingAddress: { state: 'IL' } });
    const onPlan = await newAccount(b, s.clerk, { kind: 'consumer', billingAddress: { state: 'IL' } });
    const disputed = await newAccount(b, s.clerk, { kind: 'consumer', billingAddress: { state: 'IL' } });
    const c1 = await postInvoice(b, s.clerk, commercial.id, 10000, { date: '2026-01-01', terms: 'Net 30' });
    const c2 = await postInvoice(b, s.clerk, consumer.id, 10000, { date: '2026-01-01', terms: 'Net 30' });
    const c3 = await postInvoice(b, s.clerk, onPlan.id, 10000, { date: '2026-01-01', terms: 'Net 30' });
    const c4 = await postInvoice(b, s.clerk, disputed.id, 10000, { date: '2026-01-01', terms: 'Net 30' });
    const c5 = await postInvoice(b, s.clerk, consumer.id, 5000, { date: '2026-01-02', terms: 'Net 30' });
    await must(b, s.clerk, 'plans.create', { accountId: onPlan.id, installmentCount: 4, frequency: 'monthly', firstDate: '2026-04-01' });
    await must(b, s.clerk, 'flags.set', { kind: 'disputed', accountId: disputed.id, reason: 'Says the service was not provided', written: true });
    await must(b, s.supervisor, 'ledger.postWriteOff', { invoiceId: c5.id, amountCents: 1000, reason: 'Goodwill' });
    const preview = await must(b, s.clerk, 'fees.preview', { asOf: '2026-03-15' });
    const reason = (id: number) => preview.rows.find((r) => r.invoiceId === id)?.excludedReason;
    expect(reason(c1.id)).toEqual({ code: 'account_kind', appliesTo: 'consumer' });
    expect(feeExclusionText(reason(c1.id)!)).toBe('Only consumer accounts are charged late fees');
    expect(reason(c2.id)).toBeNull();
    expect(reason(c3.id)).toEqual({ code: 'plan', planId: expect.any(Number) });
    expect(feeExclusionText(reason(c3.id)!)).toMatch(/^On payment plan #\d+$/);
    expect(reason(c4.id)).toEqual({ code: 'disputed' });
    expect(reason(c5.id)).toEqual({ code: 'written_off' });
    const posted = await must(b, s.supervisor, 'fees.post', { asOf: '2026-03-15', invoiceIds: [c1.id, c2.id, c3.id, c4.id] });
    expect(posted.posted.map((p) => p.invoiceId)).toEqual([c2.id]);
    expect(posted.skipped).toHaveLength(3);
  });

  it('waives a fee with a reason: a credit that reverses it, once', async () => {
    const { b, s } = await setup({ graceDays: 0, flatCents: 2500, monthlyRateBp: 0 });
    const acct = await newAccount(b, s.clerk);
    const inv = await postInvoice(b, s.clerk, acct.id, 10000, { date: '2026-01-01', terms: 'Net 30' });
    const posted = await must(b, s.supervisor, 'fees.post', { asOf: '2026-03-15', invoiceIds: [inv.id] });
    const feeId = posted.posted[0]!.feeDocumentId;
    expect((await must(b, s.clerk, 'ledger.get', { accountId: acct.id })).totals.balanceCents).toBe(12500);

    const clerkTry = await b.call(s.clerk, 'fees.waive', { feeDocumentId: feeId, reason: 'First time' });
    expect(clerkTry.ok).toBe(false);
    const waived = await must(b, s.supervisor, 'fees.waive', { feeDocumentId: feeId, reason: 'First late payment in ten years' });
    expect(waived).toMatchObject({ amountCents: 2500, accountBalanceCents: 10000 });
    expect(waived.number).toMatch(/^ADJ-/);
    const fee = await must(b, s.clerk, 'ledger.document', { documentId: feeId });
    expect(fee.openCents).toBe(0);
    expect(fee.audit.some((a) => a.action === 'fee.waive')).toBe(true);
    const twice = await b.call(s.supervisor, 'fees.waive', { feeDocumentId: feeId, reason: 'again' });
    expect(twice.ok).toBe(false);
    // The waived fee still holds the period: the next run for March does not charge again.
    const again = await must(b, s.supervisor, 'fees.post', { asOf: '2026-03-15', invoiceIds: [inv.id] });
    expect(again.posted).toEqual([]);
    const report = await verifyStore(b);
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
  });
});
