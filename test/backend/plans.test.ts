import { describe, expect, it } from 'vitest';
import { addDays, addMonths } from '../../src-shared/dates';
import { planSchedule } from '../../src-shared/domain/collections-policy';
import { installmentLabel } from '../../src-shared/domain/collections-text';
import { verifyStore } from '../../src-main/backend/verify';
import { must, newAccount, postInvoice, receivablesBackend } from '../support/receivables';

const dates = { addDays, addMonths };

describe('plan schedule', () => {
  it('spreads the remainder cents over the first installments so the sum equals the total', () => {
    const s = planSchedule(
      { totalCents: 10000, downPaymentCents: 1000, installmentCount: 7, frequency: 'monthly', startDate: '2026-01-15', firstDate: '2026-01-31' },
      dates,
    );
    expect(s[0]).toEqual({ seq: 0, dueDate: '2026-01-15', amountCents: 1000 });
    // 9000 / 7 = 1285 remainder 5: the first five installments carry one more cent.
    expect(s.slice(1).map((x) => x.amountCents)).toEqual([1286, 1286, 1286, 1286, 1286, 1285, 1285]);
    expect(s.reduce((t, x) => t + x.amountCents, 0)).toBe(10000);
    // Monthly from Jan 31 clamps to each month's last day.
    expect(s.slice(1, 4).map((x) => x.dueDate)).toEqual(['2026-01-31', '2026-02-28', '2026-03-31']);
  });

  it('steps weekly and every two weeks; no down payment means no installment 0', () => {
    const w = planSchedule(
      { totalCents: 1001, downPaymentCents: 0, installmentCount: 3, frequency: 'weekly', startDate: '2026-03-01', firstDate: '2026-03-02' },
      dates,
    );
    expect(w).toEqual([
      { seq: 1, dueDate: '2026-03-02', amountCents: 334 },
      { seq: 2, dueDate: '2026-03-09', amountCents: 334 },
      { seq: 3, dueDate: '2026-03-16', amountCents: 333 },
    ]);
    const b = planSchedule(
      { totalCents: 500, downPaymentCents: 0, installmentCount: 2, frequency: 'biweekly', startDate: '2026-03-01', firstDate: '2026-03-02' },
      dates,
    );
    expect(b.map((x) => x.dueDate)).toEqual(['2026-03-02', '2026-03-16']);
    for (let total = 1; total < 400; total += 37) {
      for (let n = 1; n <= Math.min(12, total); n++) {
        const sum = planSchedule(
          { totalCents: total + 5, downPaymentCents: 5, installmentCount: n, frequency: 'weekly', startDate: '2026-03-01', firstDate: '2026-03-01' },
          dates,
        ).reduce((t, x) => t + x.amountCents, 0);
        expect(sum).toBe(total + 5);
      }
    }
  });
});

describe('payment plans', () => {
  async function withPlan() {
    const ctx = await receivablesBackend(); // today 2026-03-15
    const { b, s } = ctx;
    const acct = await newAccount(b, s.clerk);
    await postInvoice(b, s.clerk, acct.id, 10001, { date: '2025-12-01', terms: 'Net 30' });
    // A payment before the plan starts does not count for it.
    await must(b, s.clerk, 'payments.post', { accountId: acct.id, method: 'cash', amountCents: 1, date: '2026-01-25' });
    const plan = await must(b, s.clerk, 'plans.create', {
      accountId: acct.id,
      totalCents: 10000,
      downPaymentCents: 1000,
      installmentCount: 4,
      frequency: 'weekly',
      startDate: '2026-02-01',
      firstDate: '2026-02-10',
    });
    return { ...ctx, acct, plan };
  }

  it('stores the generated schedule', async () => {
    const { b, s, plan } = await withPlan();
    // The schedule carries numbers (seq 0 = the down payment); the screen names them.
    expect(plan.installments.every((i) => !('label' in i))).toBe(true);
    expect(plan.installments.map((i) => [installmentLabel(i.seq, plan.installmentCount), i.dueDate, i.amountCents])).toEqual([
      ['Down payment', '2026-02-01', 1000],
      ['Installment 1 of 4', '2026-02-10', 2250],
      ['Installment 2 of 4', '2026-02-17', 2250],
      ['Installment 3 of 4', '2026-02-24', 2250],
      ['Installment 4 of 4', '2026-03-03', 2250],
    ]);
    expect(plan.graceDays).toBe(5);
    const listed = await must(b, s.clerk, 'plans.list', { accountId: plan.accountId });
    expect(listed.map((p) => p.id)).toEqual([plan.id]);
    // One active plan per account.
    const second = await b.call(s.clerk, 'plans.create', { accountId: plan.accountId, installmentCount: 2, frequency: 'monthly', firstDate: '2026-04-01' });
    expect(second.ok).toBe(false);
  });

  it('fills installments in order from payments, early and partial ones included, and turns late then broken', async () => {
    const { b, s, acct, plan } = await withPlan();
    await must(b, s.clerk, 'payments.post', { accountId: acct.id, method: 'ach', amountCents: 1000, date: '2026-02-01' });
    // Early: pays installment 1 before its date and 750 of installment 2.
    await must(b, s.clerk, 'payments.post', { accountId: acct.id, method: 'ach', amountCents: 3000, date: '2026-02-08' });

    const feb9 = await must(b, s.clerk, 'plans.get', { planId: plan.id, asOf: '2026-02-09' });
    expect(feb9.status).toBe('current');
    expect(feb9.paidCents).toBe(4000);
    expect(feb9.installments.map((i) => i.status)).toEqual(['paid', 'paid', 'partial', 'upcoming', 'upcoming']);
    expect(feb9.installments[1]).toMatchObject({ paidCents: 2250, paidOn: '2026-02-08' });
    expect(feb9.installments[2]!.payments).toEqual([expect.objectContaining({ date: '2026-02-08', amountCents: 750 })]);
    expect(feb9.nextDue).toEqual({ dueDate: '2026-02-17', amountCents: 1500 });

    // Installment 2 (due Feb 17) is short: late within the five grace days ...
    const feb19 = await must(b, s.clerk, 'plans.get', { planId: plan.id, asOf: '2026-02-19' });
    expect(feb19.status).toBe('late');
    expect(feb19.installments[2]!.status).toBe('late');
    // ... on the due date it is only due.
    expect((await must(b, s.clerk, 'plans.get', { planId: plan.id, asOf: '2026-02-17' })).status).toBe('current');
    // ... and broken once the grace days are over (Feb 22 is the last day of grace).
    expect((await must(b, s.clerk, 'plans.get', { planId: plan.id, asOf: '2026-02-22' })).status).toBe('late');
    const feb23 = await must(b, s.clerk, 'plans.get', { planId: plan.id, asOf: '2026-02-23' });
    expect(feb23.status).toBe('broken');
    expect(feb23.missedInstallments).toBe(1);

    // Catching up inside the grace days keeps the plan current.
    await must(b, s.clerk, 'payments.post', { accountId: acct.id, method: 'ach', amountCents: 1500, date: '2026-02-20' });
    const feb23b = await must(b, s.clerk, 'plans.get', { planId: plan.id, asOf: '2026-02-23' });
    expect(feb23b.status).toBe('current');
    expect(feb23b.installments[2]).toMatchObject({ status: 'paid', paidOn: '2026-02-20' });
    expect(feb23b.installments[2]!.payments.map((p) => [p.date, p.amountCents])).toEqual([
      ['2026-02-08', 750],
      ['2026-02-20', 1500],
    ]);

    const report = await verifyStore(b);
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    expect(report.checks.find((c) => c.name === 'payment plans')?.ok).toBe(true);
  });

  it('does not count a reversed payment; completes when paid; can be cancelled with a reason', async () => {
    const { b, s, acct, plan } = await withPlan();
    const pay = await must(b, s.clerk, 'payments.post', { accountId: acct.id, method: 'ach', amountCents: 1000, date: '2026-02-01' });
    await must(b, s.clerk, 'payments.reverse', { paymentId: pay.documentId, reason: 'Bounced', date: '2026-02-05' });
    const feb7 = await must(b, s.clerk, 'plans.get', { planId: plan.id, asOf: '2026-02-07' });
    expect(feb7.paidCents).toBe(0);
    expect(feb7.status).toBe('broken'); // the down payment was due Feb 1
    expect((await must(b, s.clerk, 'plans.get', { planId: plan.id, asOf: '2026-02-04' })).paidCents).toBe(1000);

    const cancelled = await must(b, s.clerk, 'plans.cancel', { planId: plan.id, reason: 'Customer asked to pay in full instead' });
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.closeReason).toBe('Customer asked to pay in full instead');
    expect((await b.call(s.clerk, 'plans.cancel', { planId: plan.id, reason: 'again' })).ok).toBe(false);

    const p2 = await must(b, s.clerk, 'plans.create', {
      accountId: acct.id,
      totalCents: 2000,
      installmentCount: 2,
      frequency: 'monthly',
      startDate: '2026-03-01',
      firstDate: '2026-03-01',
    });
    await must(b, s.clerk, 'payments.post', { accountId: acct.id, method: 'cash', amountCents: 2000, date: '2026-03-10' });
    const done = await must(b, s.clerk, 'plans.get', { planId: p2.id, asOf: '2026-03-15' });
    expect(done.status).toBe('completed');
    expect(done.remainingCents).toBe(0);
  });
});
