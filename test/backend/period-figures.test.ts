import { describe, expect, it } from 'vitest';
import type { PeriodFiguresRow } from '../../src-shared/domain/period-figures';
import { postInvoice } from '../kit';
import { collectionsBackend, failure, value } from '../support/collections';

/**
 * A hand-built January and February 2026 on a real encrypted store (company in Chicago, today 2026-03-10):
 *   A: I1 01-05 Net 30 1,000.00; I2 01-20 Net 30 500.00; check 300.00 on 01-25 (to I1); credit note 50.00 on I2 01-28;
 *      I2's remaining 450.00 written off 02-25.
 *   B: I3 02-03 Net 30 2,000.00; card 800.00 on 02-10; ACH 400.00 on 02-12, returned 02-20 with a 15.00 fee;
 *      adjustments +25.00 on 02-26 and -10.00 on 02-27 (left as credit).
 *   Calls on 02-02 (outgoing): A no answer, A promise 100.00 due 02-10 (broken), B promise 800.00 due 02-10 (kept);
 *   one incoming call (not an attempt).
 */
async function scenario() {
  const env = await collectionsBackend('2026-02-02T16:00:00Z');
  const { b, clerk, supervisor, account, travel } = env;
  const a = await account({ state: 'NY', name: 'Alma Able' });
  const c = await account({ state: 'NY', name: 'Bert Baker' });
  const call = (
    who: typeof a,
    direction: 'outgoing' | 'incoming',
    outcome: 'no_answer' | 'promise_to_pay' | 'spoke_with_debtor',
    promise?: { amountCents: number; dueDate: string },
  ) =>
    b.call(clerk, 'calls.log', {
      accountId: who.accountId,
      contactId: who.contactId,
      phone: who.phone,
      direction,
      startedAt: env.clock.now().toISOString(),
      outcome,
      ...(promise ? { promise } : {}),
    });
  value(await call(a, 'outgoing', 'no_answer'));
  value(await call(a, 'outgoing', 'promise_to_pay', { amountCents: 10000, dueDate: '2026-02-10' }));
  value(await call(c, 'outgoing', 'promise_to_pay', { amountCents: 80000, dueDate: '2026-02-10' }));
  value(await call(c, 'incoming', 'spoke_with_debtor'));
  travel('2026-03-10T15:00:00Z');

  const i1 = await postInvoice(b, clerk, a.accountId, 100000, { date: '2026-01-05', terms: 'Net 30' });
  const i2 = await postInvoice(b, clerk, a.accountId, 50000, { date: '2026-01-20', terms: 'Net 30' });
  value(await b.call(clerk, 'payments.post', { accountId: a.accountId, date: '2026-01-25', method: 'check', checkNumber: '1001', amountCents: 30000 }));
  value(await b.call(clerk, 'invoices.postCreditNote', { invoiceId: i2.id, date: '2026-01-28', amountCents: 5000, reason: 'Returned goods' }));
  const i3 = await postInvoice(b, clerk, c.accountId, 200000, { date: '2026-02-03', terms: 'Net 30' });
  value(await b.call(clerk, 'payments.post', { accountId: c.accountId, date: '2026-02-10', method: 'card', cardLast4: '4242', amountCents: 80000 }));
  const ach = value(await b.call(clerk, 'payments.post', { accountId: c.accountId, date: '2026-02-12', method: 'ach', amountCents: 40000 }));
  value(await b.call(clerk, 'payments.reverse', { paymentId: ach.documentId, date: '2026-02-20', reason: 'Returned ACH', feeCents: 1500 }));
  value(await b.call(supervisor, 'ledger.postWriteOff', { invoiceId: i2.id, date: '2026-02-25', reason: 'Uncollectable' }));
  value(await b.call(clerk, 'ledger.postAdjustment', { accountId: c.accountId, date: '2026-02-26', amountCents: 2500, reason: 'Missed charge' }));
  value(await b.call(clerk, 'ledger.postAdjustment', { accountId: c.accountId, date: '2026-02-27', amountCents: -1000, reason: 'Goodwill' }));
  return { ...env, a, c, i1, i2, i3 };
}

const sqlSum = (env: Awaited<ReturnType<typeof scenario>>, text: string, ...params: string[]) =>
  (env.b.ctx.store.sqlite
    .prepare(text)
    .pluck()
    .get(...params) as number | null) ?? 0;

describe('reports.periodFigures on a real store', () => {
  it('January and February equal the ledger and the aging to the cent, with hand-computed KPIs', async () => {
    const env = await scenario();
    const { b, supervisor } = env;
    const r = value(await b.call(supervisor, 'reports.periodFigures', { from: '2026-01-01', to: '2026-02-28', period: 'month' }));
    expect(r.rows.map((x) => [x.label, x.from, x.to, x.days])).toEqual([
      ['2026-01', '2026-01-01', '2026-01-31', 31],
      ['2026-02', '2026-02-01', '2026-02-28', 28],
    ]);
    const [jan, feb] = r.rows as [PeriodFiguresRow, PeriodFiguresRow];
    expect(jan).toMatchObject({
      invoicedCents: 150000,
      creditNotesCents: 5000,
      creditSalesCents: 145000,
      paymentsCents: 30000,
      paymentsByMethod: { cash: 0, check: 30000, card: 0, ach: 0, bank_transfer: 0 },
      beginningCents: 0,
      endingCents: 115000,
      endingCurrentCents: 115000,
      writeOffsCents: 0,
    });
    // Everything owed at the end of January is current: DSO = best possible = 115,000 / 145,000 x 31; CEI 100.
    expect(jan.dso).toBeCloseTo((115000 / 145000) * 31, 10);
    expect(jan.averageDaysDelinquent).toBeCloseTo(0, 10);
    expect(jan.cei).toBe(100);
    expect(feb).toMatchObject({
      invoicedCents: 200000,
      creditNotesCents: 0,
      creditSalesCents: 200000,
      paymentsCents: 120000,
      paymentsByMethod: { cash: 0, check: 0, card: 80000, ach: 40000, bank_transfer: 0 },
      reversalsCents: 40000,
      reversalsByMethod: { ach: 40000 },
      lateFeesCents: 1500,
      writeOffsCents: 45000,
      adjustmentsCents: 1500,
      discountsTakenCents: 0,
      beginningCents: 115000,
      endingCents: 193000,
      endingCurrentCents: 120000,
      endingUnappliedCents: 1000,
      promisesKept: 1,
      promisesBroken: 1,
      promisesPending: 0,
      promiseKeptRate: 0.5,
      callAttempts: 3,
      rightPartyContacts: 2,
    });
    expect(feb.rightPartyContactRate).toBeCloseTo(2 / 3, 10);
    // 193,000 / 200,000 x 28 = 27.02 days; best possible 120,000 / 200,000 x 28 = 16.8; delinquent 10.22.
    expect(feb.dso).toBeCloseTo(27.02, 10);
    expect(feb.bestPossibleDso).toBeCloseTo(16.8, 10);
    expect(feb.averageDaysDelinquent).toBeCloseTo(10.22, 10);
    // CEI = (115,000 + 200,000 - 193,000) / (115,000 + 200,000 - 120,000) x 100 = 122,000 / 195,000 x 100.
    expect(feb.cei).toBeCloseTo((122000 / 195000) * 100, 10);
    expect(feb.badDebtRatio).toBe(0.225);
    // Both January items were current on 01-31; on 02-28 I1's 700.00 is past due (I2 was written off): 700 / 1,150 rolled.
    expect(feb.rollRates).toEqual([70000 / 115000, null, null, null, null]);

    for (const row of r.rows) {
      // Ending receivables: the aging summary's total as of the month end, and the ledger's sum to that date.
      const aging = value(await b.call(supervisor, 'aging.summary', { asOf: row.to }));
      expect(row.endingCents).toBe(aging.totals.totalCents);
      expect(row.endingBuckets).toEqual(aging.totals.buckets);
      expect(row.endingCurrentCents).toBe(aging.totals.buckets[0]);
      expect(row.endingCents).toBe(sqlSum(env, 'SELECT SUM(amount_cents) FROM ledger_entry WHERE entry_date <= ?', row.to));
      // Payments by method sum to the payments posted in the month.
      const posted = sqlSum(
        env,
        "SELECT SUM(total_cents) FROM document WHERE kind = 'payment' AND status = 'posted' AND doc_date BETWEEN ? AND ?",
        row.from,
        row.to,
      );
      expect(Object.values(row.paymentsByMethod).reduce((x, y) => x + y, 0)).toBe(posted);
      expect(row.paymentsCents).toBe(posted);
      // The month's movement explains the change in receivables.
      const moved =
        row.creditSalesCents -
        row.discountsTakenCents -
        row.paymentsCents +
        row.reversalsCents +
        row.refundsCents +
        row.lateFeesCents +
        row.adjustmentsCents -
        row.writeOffsCents;
      expect(row.endingCents - row.beginningCents).toBe(moved);
    }
  });

  it('follows the aging settings: by invoice date, with other bucket edges, the month-ends still equal the aging summary', async () => {
    const env = await scenario();
    const { b, supervisor } = env;
    value(await b.call(supervisor, 'aging.updateSettings', { currentThroughDays: -1, edges: [15, 45], defaultBasis: 'invoice' }));
    const r = value(await b.call(supervisor, 'reports.periodFigures', { from: '2026-01-01', to: '2026-03-31', period: 'month' }));
    expect(r.basis).toBe('invoice');
    expect(r.bucketLabels).toHaveLength(4);
    for (const row of r.rows) {
      const aging = value(await b.call(supervisor, 'aging.summary', { asOf: row.to }));
      expect(row.endingBuckets, row.label).toEqual(aging.totals.buckets);
      expect(row.endingCents, row.label).toBe(aging.totals.totalCents);
    }
    // By invoice date with "current" ending the day before: on 01-31 I1 (01-05) is 26 days old (bucket 15 < d <= 45)
    // and I2 (01-20) 11 days (bucket 0 < d <= 15); a month on, I1's 700.00 is past 45 and rolled, I2 was written off.
    expect(r.rows[0]!.endingBuckets).toEqual([0, 45000, 70000, 0]);
    expect(r.rows[1]!.rollRates).toEqual([null, 0, 1]);
  });

  it('a quarter is the sum of its months where the figure adds up, and starts and ends where they do', async () => {
    const { b, supervisor } = await scenario();
    const months = value(await b.call(supervisor, 'reports.periodFigures', { from: '2026-01-01', to: '2026-03-31', period: 'month' })).rows;
    const [q1] = value(await b.call(supervisor, 'reports.periodFigures', { from: '2026-01-01', to: '2026-03-31', period: 'quarter' })).rows as [
      PeriodFiguresRow,
    ];
    expect(q1).toMatchObject({ label: '2026-Q1', from: '2026-01-01', to: '2026-03-31', days: 90, rollRates: null });
    const additive = [
      'invoicedCents',
      'creditNotesCents',
      'creditSalesCents',
      'discountsTakenCents',
      'paymentsCents',
      'reversalsCents',
      'refundsCents',
      'lateFeesCents',
      'writeOffsCents',
      'adjustmentsCents',
      'promisesKept',
      'promisesBroken',
      'callAttempts',
      'rightPartyContacts',
    ] as const;
    for (const k of additive) expect(q1[k], k).toBe(months.reduce((s, m) => s + m[k], 0));
    for (const method of ['cash', 'check', 'card', 'ach', 'bank_transfer'] as const)
      expect(q1.paymentsByMethod[method]).toBe(months.reduce((s, m) => s + m.paymentsByMethod[method], 0));
    expect(q1.beginningCents).toBe(months[0]!.beginningCents);
    expect(q1.endingCents).toBe(months[2]!.endingCents);
    expect(q1.invoicedCents).toBe(350000);
    // On 03-31 nothing is current (I3 fell due 03-05): CEI over the quarter = (0 + 345,000 - 193,000) / (0 + 345,000 - 0) x 100.
    expect(q1.endingCurrentCents).toBe(0);
    expect(q1.cei).toBeCloseTo((152000 / 345000) * 100, 10);
  });

  it('a month with no sales gives n/a (null) KPIs, not NaN', async () => {
    const { b, supervisor } = await scenario();
    const [dec] = value(await b.call(supervisor, 'reports.periodFigures', { from: '2025-12-01', to: '2025-12-31', period: 'month' })).rows as [
      PeriodFiguresRow,
    ];
    expect(dec).toMatchObject({ invoicedCents: 0, endingCents: 0, dso: null, bestPossibleDso: null, cei: null, badDebtRatio: null, promiseKeptRate: null });
    expect(dec.rollRates).toEqual([null, null, null, null, null]);
  });

  it('early-payment discounts are their own figure (not credit notes), and a returned payment takes its discount back', async () => {
    const { b, clerk, supervisor, account } = await collectionsBackend('2026-03-10T15:00:00Z');
    const d = await account({ state: 'NY', name: 'Dana Discount' });
    const i1 = await postInvoice(b, clerk, d.accountId, 10000, { date: '2026-02-02', terms: '2/10 Net 30' });
    const i2 = await postInvoice(b, clerk, d.accountId, 5000, { date: '2026-02-03', terms: '2/10 Net 30' });
    value(
      await b.call(clerk, 'payments.post', {
        accountId: d.accountId,
        date: '2026-02-10',
        method: 'cash',
        amountCents: 9800,
        earlyPaymentDiscounts: [i1.id],
        allocation: { mode: 'manual', lines: [{ documentId: i1.id, amountCents: 9800 }] },
      }),
    );
    const p2 = value(
      await b.call(clerk, 'payments.post', {
        accountId: d.accountId,
        date: '2026-02-11',
        method: 'cash',
        amountCents: 4900,
        earlyPaymentDiscounts: [i2.id],
        allocation: { mode: 'manual', lines: [{ documentId: i2.id, amountCents: 4900 }] },
      }),
    );
    value(await b.call(clerk, 'payments.reverse', { paymentId: p2.documentId, date: '2026-03-02', reason: 'Returned check' }));
    const [feb, mar] = value(await b.call(supervisor, 'reports.periodFigures', { from: '2026-02-01', to: '2026-03-31', period: 'month' })).rows as [
      PeriodFiguresRow,
      PeriodFiguresRow,
    ];
    expect(feb).toMatchObject({
      invoicedCents: 15000,
      creditNotesCents: 0,
      creditSalesCents: 15000,
      discountsTakenCents: 300,
      paymentsCents: 14700,
      endingCents: 0,
    });
    // March: the 49.00 payment returned, its 1.00 discount withdrawn (a debit adjustment netted into discounts, not adjustments).
    expect(mar).toMatchObject({ reversalsCents: 4900, discountsTakenCents: -100, adjustmentsCents: 0, beginningCents: 0, endingCents: 5000 });
  });

  it('supervisors and administrators only; periods must be whole months or quarters', async () => {
    const { b, clerk, supervisor, admin } = await collectionsBackend('2026-03-10T15:00:00Z');
    failure(await b.call(clerk, 'reports.periodFigures', { from: '2026-01-01', to: '2026-01-31', period: 'month' }), 'FORBIDDEN');
    value(await b.call(admin, 'reports.periodFigures', { from: '2026-01-01', to: '2026-01-31', period: 'month' }));
    expect(failure(await b.call(supervisor, 'reports.periodFigures', { from: '2026-01-02', to: '2026-01-31', period: 'month' }), 'VALIDATION').message).toMatch(
      /must be the first day of a month/,
    );
    expect(
      failure(await b.call(supervisor, 'reports.periodFigures', { from: '2026-02-01', to: '2026-04-30', period: 'quarter' }), 'VALIDATION').message,
    ).toMatch(/first day of a quarter/);
    expect(
      failure(await b.call(supervisor, 'reports.periodFigures', { from: '2026-01-01', to: '2026-05-31', period: 'quarter' }), 'VALIDATION').message,
    ).toMatch(/last day of a quarter/);
    expect(failure(await b.call(supervisor, 'reports.periodFigures', { from: '2016-01-01', to: '2026-12-31', period: 'month' }), 'VALIDATION').message).toMatch(
      /At most 120 months/,
    );
  });
});
