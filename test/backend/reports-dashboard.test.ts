import { describe, expect, it } from 'vitest';
import type ExcelJS from 'exceljs';
import { monthEndsThrough, pastDueOf, pastDueShare } from '../../src-shared/domain/dashboard';
import { postInvoice } from '../kit';
import { collectionsBackend, failure, value } from '../support/collections';
import { readWorkbook } from '../support/workbooks';

/** A cell's dollars as cents. */
const cents = (v: unknown) => Math.round(Number(v) * 100) + 0;
/** The cells of the column headed `header` (rows 2..n+1) of a workbook table sheet. */
function column(sheet: ExcelJS.Worksheet, header: string, n: number): ExcelJS.CellValue[] {
  const headers = sheet.getRow(1).values as ExcelJS.CellValue[];
  const col = headers.indexOf(header);
  if (col < 1) throw new Error(`${sheet.name} has no column ${header}`);
  return Array.from({ length: n }, (_, i) => sheet.getRow(i + 2).getCell(col).value);
}

/**
 * Today is 2026-03-10 (Chicago), aging by due date with the default buckets, plans' grace 5 days, promises' 2.
 * A: 1,000.00 invoiced 2025-12-01 Net 30 (due 12-31). B: 2,000.00 invoiced 2026-01-15 (due 02-14), 500.00
 * paid 02-20. C: 300.00 invoiced 2026-03-02 (due 04-01), 100.00 paid 03-05. This month's promises: 03-02
 * cleo calls A, promise 100.00 due 03-04, never paid (broken); 03-03 sam calls C, promise 100.00 due 03-06,
 * kept by C's payment. Plans: A's first installment was due 02-01 (missed: broken), B's 03-07 (within
 * grace: late), C's 04-01 (current).
 */
async function scenario() {
  const env = await collectionsBackend('2026-03-02T15:00:00Z');
  const { b, clerk, supervisor, account, travel } = env;
  const a = await account({ name: 'Alma Able' });
  const bb = await account({ name: 'Bert Baker' });
  const c = await account({ name: 'Cora Cole' });
  const promise = (session: string, x: typeof a, dueDate: string) =>
    b.call(session, 'calls.log', {
      accountId: x.accountId,
      contactId: x.contactId,
      phone: x.phone,
      direction: 'outgoing',
      startedAt: env.clock.now().toISOString(),
      outcome: 'promise_to_pay',
      promise: { amountCents: 10000, dueDate },
    });
  value(await promise(clerk, a, '2026-03-04'));
  travel('2026-03-03T15:00:00Z');
  value(await promise(supervisor, c, '2026-03-06'));
  travel('2026-03-10T15:00:00Z');
  await postInvoice(b, clerk, a.accountId, 100000, { date: '2025-12-01', terms: 'Net 30' });
  await postInvoice(b, clerk, bb.accountId, 200000, { date: '2026-01-15', terms: 'Net 30' });
  value(await b.call(clerk, 'payments.post', { accountId: bb.accountId, date: '2026-02-20', method: 'check', checkNumber: '2001', amountCents: 50000 }));
  await postInvoice(b, clerk, c.accountId, 30000, { date: '2026-03-02', terms: 'Net 30' });
  value(await b.call(clerk, 'payments.post', { accountId: c.accountId, date: '2026-03-05', method: 'check', checkNumber: '3001', amountCents: 10000 }));
  const plan = (accountId: number, startDate: string, firstDate: string) =>
    b.call(clerk, 'plans.create', { accountId, installmentCount: 4, frequency: 'monthly', startDate, firstDate });
  value(await plan(a.accountId, '2026-02-01', '2026-02-01'));
  value(await plan(bb.accountId, '2026-03-01', '2026-03-07'));
  value(await plan(c.accountId, '2026-03-10', '2026-04-01'));
  return env;
}

describe('reports.dashboard', () => {
  it('month-ends: the last twelve on or before the date, oldest first, the date itself when it ends a month', () => {
    expect(monthEndsThrough('2026-03-10', 3)).toEqual(['2025-12-31', '2026-01-31', '2026-02-28']);
    expect(monthEndsThrough('2026-02-28', 2)).toEqual(['2026-01-31', '2026-02-28']);
    expect(monthEndsThrough('2024-03-01', 2)).toEqual(['2024-01-31', '2024-02-29']);
  });

  it('past due is every bucket but Current; its share is of open items, as on the Aging screen (unapplied credit apart)', () => {
    expect([pastDueOf([100, 50, 0, 25]), pastDueShare([100, 50, 0, 25])]).toEqual([75, 75 / 175]);
    expect([pastDueShare([0, 0, 0]), pastDueShare([-40, 0, 0])]).toEqual([null, null]);
  });

  it('every figure is the aging summary, period figures and plans status of the seeded office, to the cent (hand-checked)', async () => {
    const { b, supervisor } = await scenario();
    const d = value(await b.call(supervisor, 'reports.dashboard', {}));
    expect([d.asOf, d.basis, d.bucketLabels]).toEqual(['2026-03-10', 'due', ['Current', '1-30', '31-60', '61-90', '91-120', 'Over 120']]);
    // Today: C 200.00 current, B 1,500.00 24 days past due, A 1,000.00 69 days past due.
    expect(d.now).toEqual({
      asOf: '2026-03-10',
      buckets: [20000, 150000, 0, 100000, 0, 0],
      unappliedCents: 0,
      totalCents: 270000,
      pastDueCents: 250000,
      pastDueShare: 250000 / 270000,
    });
    const summary = value(await b.call(supervisor, 'aging.summary', {}));
    expect([d.now.buckets, d.now.totalCents]).toEqual([summary.totals.buckets, summary.totals.totalCents]);

    expect(d.monthEnds.map((m) => m.asOf)).toEqual(monthEndsThrough('2026-02-28', 12));
    const [dec, jan, feb] = d.monthEnds.slice(-3);
    expect([dec!.buckets, jan!.buckets, feb!.buckets]).toEqual([
      [100000, 0, 0, 0, 0, 0],
      [200000, 0, 100000, 0, 0, 0],
      [0, 150000, 100000, 0, 0, 0],
    ]);
    expect(d.monthEnds.slice(0, 9).every((m) => m.totalCents === 0 && m.buckets.every((x) => x === 0))).toBe(true);
    for (const m of d.monthEnds) {
      const s = value(await b.call(supervisor, 'aging.summary', { asOf: m.asOf }));
      expect([m.buckets, m.unappliedCents, m.totalCents, m.pastDueCents]).toEqual([
        s.totals.buckets,
        s.totals.unappliedCents,
        s.totals.totalCents,
        s.totals.totalCents - s.totals.buckets[0]!,
      ]);
    }

    // DSO and CEI, hand-computed: December DSO 1,000 / 1,000 x 31 = 31, CEI 0/0 n/a; January DSO 3,000 /
    // 2,000 x 31 = 46.5, CEI (1,000 + 2,000 - 3,000) / (1,000 + 2,000 - 2,000) = 0; February no credit sales
    // (DSO n/a), CEI (3,000 - 2,500) / 3,000 = 16.67%.
    expect(d.trend.map((t) => t.label)).toEqual(d.monthEnds.map((m) => m.asOf.slice(0, 7)));
    expect(d.trend.slice(-3).map((t) => [t.dso, t.cei])).toEqual([
      [31, null],
      [46.5, 0],
      [null, (50000 / 300000) * 100],
    ]);
    const query = { from: '2025-03-01', to: '2026-02-28', period: 'month' } as const;
    const figures = value(await b.call(supervisor, 'reports.periodFigures', query));
    expect(d.trend).toEqual(figures.rows.map((r) => ({ label: r.label, from: r.from, to: r.to, dso: r.dso, cei: r.cei })));
    expect(d.monthEnds.map((m) => [m.totalCents, m.buckets])).toEqual(figures.rows.map((r) => [r.endingCents, r.endingBuckets]));

    // The billing pack's cells for the same months: DSO, CEI (a fraction, percent-formatted) and ending receivables.
    const pack = await readWorkbook(Buffer.from(value(await b.call(supervisor, 'reports.billingPack', query)).base64, 'base64'));
    const kpis = pack.getWorksheet('KPIs')!;
    const n = d.trend.length;
    expect(column(kpis, 'DSO', n)).toEqual(d.trend.map((t) => t.dso ?? 'n/a'));
    const cei = column(kpis, 'CEI', n);
    d.trend.forEach((t, i) => {
      if (t.cei === null) expect(cei[i]).toBe('n/a');
      else expect(cei[i]).toBeCloseTo(t.cei / 100, 12);
    });
    expect(column(pack.getWorksheet('Figures')!, 'Ending receivables', n).map(cents)).toEqual(d.monthEnds.map((m) => m.totalCents));

    // Plans: the Plans list's status as of today.
    expect(d.plans).toEqual({ current: 1, late: 1, broken: 1 });
    for (const status of ['current', 'late', 'broken'] as const) expect(value(await b.call(supervisor, 'plans.list', { status })).length).toBe(d.plans[status]);

    // This month by clerk: sam's promise kept (100.00 collected on it), cleo's broken; the team kept 1 of 2.
    expect(d.team).toMatchObject({ from: '2026-03-01', to: '2026-03-10', promisesKept: 1, promisesBroken: 1, promiseKeptRate: 0.5 });
    expect(d.team.clerks.map((c) => [c.username, c.collectedOnPromisesCents, c.promisedCents, c.promisesKept, c.promisesBroken, c.promiseKeptRate])).toEqual([
      ['sam', 10000, 10000, 1, 0, 1],
      ['cleo', 0, 10000, 0, 1, 0],
    ]);
    // Each clerk's figures are reports.teamPerformance's for the month so far.
    const team = value(await b.call(supervisor, 'reports.teamPerformance', { from: '2026-03-01', to: '2026-03-10', period: 'month' }));
    expect(d.team.clerks).toHaveLength(team.clerks.length);
    for (const row of team.clerks) {
      const mine = d.team.clerks.find((c) => c.username === row.clerk.username)!;
      expect([
        mine.name,
        mine.collectedOnPromisesCents,
        mine.promisesKept,
        mine.promisesBroken,
        mine.promisesPending,
        mine.promiseKeptRate,
        mine.callAttempts,
      ]).toEqual([
        row.clerk.name,
        row.collectedOnPromisesCents,
        row.promisesKept,
        row.promisesBroken,
        row.promisesPending,
        row.promiseKeptRate,
        row.callAttempts,
      ]);
    }
  });

  it('as of a past date: the aging then and the month-ends up to it', async () => {
    const { b, admin } = await scenario();
    const d = value(await b.call(admin, 'reports.dashboard', { asOf: '2026-01-31' }));
    expect(d.now).toMatchObject({ asOf: '2026-01-31', buckets: [200000, 0, 100000, 0, 0, 0], totalCents: 300000, pastDueCents: 100000 });
    expect(d.now.pastDueShare).toBeCloseTo(1 / 3, 12);
    expect(d.monthEnds.at(-1)).toEqual({ ...d.now, pastDueShare: undefined, asOf: '2026-01-31' });
    expect(d.trend.at(-1)!.label).toBe('2026-01');
  });

  it('an office with no postings: zero receivables, no share, n/a KPIs, no plans', async () => {
    const { b, supervisor } = await collectionsBackend('2026-03-10T15:00:00Z');
    const d = value(await b.call(supervisor, 'reports.dashboard', {}));
    expect(d.now).toEqual({ asOf: '2026-03-10', buckets: [0, 0, 0, 0, 0, 0], unappliedCents: 0, totalCents: 0, pastDueCents: 0, pastDueShare: null });
    expect(d.monthEnds).toHaveLength(12);
    expect(d.trend.every((t) => t.dso === null && t.cei === null)).toBe(true);
    expect(d.plans).toEqual({ current: 0, late: 0, broken: 0 });
    expect(d.team).toEqual({ from: '2026-03-01', to: '2026-03-10', clerks: [], promisesKept: 0, promisesBroken: 0, promiseKeptRate: null });
  });

  it('is for supervisors and administrators: a clerk is refused', async () => {
    const { b, clerk } = await collectionsBackend('2026-03-10T15:00:00Z');
    failure(await b.call(clerk, 'reports.dashboard', {}), 'FORBIDDEN');
  });
});
