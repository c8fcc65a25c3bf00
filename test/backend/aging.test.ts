import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src-main/cli';
import { runReferenceAgingSummary } from '../../src-main/backend/services/aging/reference-sql';
import { defaultAgingSettings } from '../../src-shared/domain/aging';
import { must, newAccount, postInvoice, receivablesBackend } from '../support/receivables';

/**
 * Hand-computed case. Today is 2026-03-15 (company in America/Chicago).
 *   I1 2026-01-01 Net 30 (due 01-31)  100.00, paid 40.00 on 02-01 -> 60.00 open
 *   I2 2026-03-01 Net 30 (due 03-31)   50.00
 *   I3 2025-10-01 on receipt            20.00, paid 10.00 on 03-10 -> 10.00 open
 *   I4 2026-02-13 on receipt (due 02-13) 30.00
 *   I5 2026-03-15 on receipt (due today)  8.00
 *   P3 2026-03-12 7.00 left unapplied
 */
async function scenario() {
  const r = await receivablesBackend();
  const { b, s } = r;
  const a = await newAccount(b, s.clerk, { name: 'Aging Test Co', accountNumber: 'AG-1' });
  const i1 = await postInvoice(b, s.clerk, a.id, 10000, { date: '2026-01-01', terms: 'Net 30' });
  const i2 = await postInvoice(b, s.clerk, a.id, 5000, { date: '2026-03-01', terms: 'Net 30' });
  const i3 = await postInvoice(b, s.clerk, a.id, 2000, { date: '2025-10-01', terms: 'Due on receipt' });
  const i4 = await postInvoice(b, s.clerk, a.id, 3000, { date: '2026-02-13', terms: 'Due on receipt' });
  const i5 = await postInvoice(b, s.clerk, a.id, 800, { date: '2026-03-15', terms: 'Due on receipt' });
  await must(b, s.clerk, 'payments.post', {
    accountId: a.id,
    date: '2026-02-01',
    method: 'cash',
    amountCents: 4000,
    allocation: { mode: 'manual', lines: [{ documentId: i1.id, amountCents: 4000 }] },
  });
  await must(b, s.clerk, 'payments.post', {
    accountId: a.id,
    date: '2026-03-10',
    method: 'cash',
    amountCents: 1000,
    allocation: { mode: 'manual', lines: [{ documentId: i3.id, amountCents: 1000 }] },
  });
  const p3 = await must(b, s.clerk, 'payments.post', { accountId: a.id, date: '2026-03-12', method: 'cash', amountCents: 700, allocation: { mode: 'none' } });
  // a second account, to see grand totals add up
  const other = await newAccount(b, s.clerk, { name: 'Zeta Other', accountNumber: 'AG-2' });
  await postInvoice(b, s.clerk, other.id, 1234, { date: '2026-03-14', terms: 'Net 30' });
  return { ...r, a, other, i1, i2, i3, i4, i5, p3 };
}

describe('aging', () => {
  it('summarizes as of today by due date with the default buckets, unapplied credit subtracted', async () => {
    const { b, s, a, other } = await scenario();
    const r = await must(b, s.clerk, 'aging.summary', {});
    expect(r.asOf).toBe('2026-03-15');
    expect(r.bucketLabels).toEqual(['Current', '1-30', '31-60', '61-90', '91-120', 'Over 120']);
    const row = r.rows.find((x) => x.accountId === a.id)!;
    expect(row.buckets).toEqual([5800, 3000, 6000, 0, 0, 1000]);
    expect(row.unappliedCents).toBe(700);
    expect(row.totalCents).toBe(15100);
    expect(r.rows.find((x) => x.accountId === other.id)!.buckets).toEqual([1234, 0, 0, 0, 0, 0]);
    expect(r.totals).toEqual({ buckets: [7034, 3000, 6000, 0, 0, 1000], unappliedCents: 700, totalCents: 16334 });
    expect(r.rowCount).toBe(2);
    const ledger = await must(b, s.clerk, 'ledger.get', { accountId: a.id });
    expect(ledger.totals.balanceCents).toBe(row.totalCents);
  });

  it('ages a past date from the history: later documents and allocations do not count', async () => {
    const { b, s, a, i3 } = await scenario();
    const r = await must(b, s.clerk, 'aging.summary', { asOf: '2026-03-05' });
    const row = r.rows.find((x) => x.accountId === a.id)!;
    // I1 dpd 33 -> 31-60 (60.00 after the 02-01 payment); I2 current; I3 dpd 155 -> over 120, the 03-10 payment not yet counted;
    // I4 dpd 20 -> 1-30; I5 and P3 not yet dated
    expect(row.buckets).toEqual([5000, 3000, 6000, 0, 0, 2000]);
    expect(row.unappliedCents).toBe(0);
    expect(row.totalCents).toBe(16000);
    const detail = await must(b, s.clerk, 'aging.detail', { asOf: '2026-03-05', accountId: a.id });
    expect(detail.rows.find((d) => d.documentId === i3.id)).toMatchObject({ openCents: 2000, daysPastDue: 155, bucket: 5 });
    expect(detail.rows.map((d) => d.openCents).reduce((x, y) => x + y, 0)).toBe(16000);
    // before anything: nothing
    const empty = await must(b, s.clerk, 'aging.summary', { asOf: '2025-09-30' });
    expect(empty.rows).toEqual([]);
    // a payment dated after the as-of date does not reduce the invoice
    const before = await must(b, s.clerk, 'aging.detail', { asOf: '2026-01-31', accountId: a.id });
    expect(before.rows.map((d) => [d.number, d.openCents, d.daysPastDue])).toEqual([
      ['INV-000003', 2000, 122],
      ['INV-000001', 10000, 0],
    ]);
  });

  it('counts an application of credit from its own date', async () => {
    const { b, s, a, p3 } = await scenario();
    await must(b, s.clerk, 'payments.applyCredit', { accountId: a.id, date: '2026-03-15', creditDocumentIds: [p3.documentId] });
    const on13 = (await must(b, s.clerk, 'aging.summary', { asOf: '2026-03-13' })).rows.find((x) => x.accountId === a.id)!;
    expect(on13.unappliedCents).toBe(700);
    const on15 = (await must(b, s.clerk, 'aging.summary', { asOf: '2026-03-15' })).rows.find((x) => x.accountId === a.id)!;
    expect(on15.unappliedCents).toBe(0);
    expect(on15.buckets[5]).toBe(300); // the oldest due (I3) took the 7.00
    expect(on15.totalCents).toBe(15100);
  });

  it('ages by invoice date when asked', async () => {
    const { b, s, a } = await scenario();
    const r = await must(b, s.clerk, 'aging.summary', { basis: 'invoice' });
    expect(r.basis).toBe('invoice');
    expect(r.rows.find((x) => x.accountId === a.id)!.buckets).toEqual([800, 8000, 0, 6000, 0, 1000]);
  });

  it('takes bucket edges from settings (supervisors only), including a Current edge that makes due-today past due', async () => {
    const { b, s, a, i5 } = await scenario();
    const refused = await b.call(s.clerk, 'aging.updateSettings', { currentThroughDays: -1, edges: [30, 60, 90, 120], defaultBasis: 'due' });
    expect(refused.ok ? null : refused.error.code).toBe('FORBIDDEN');
    const bad = await b.call(s.supervisor, 'aging.updateSettings', { currentThroughDays: 0, edges: [30, 20], defaultBasis: 'due' });
    expect(bad.ok ? null : bad.error.code).toBe('VALIDATION');
    await must(b, s.supervisor, 'aging.updateSettings', { currentThroughDays: -1, edges: [30, 60, 90, 120], defaultBasis: 'due' });
    const r = await must(b, s.clerk, 'aging.summary', {});
    expect(r.bucketLabels).toEqual(['Current', '0-30', '31-60', '61-90', '91-120', 'Over 120']);
    expect(r.rows.find((x) => x.accountId === a.id)!.buckets).toEqual([5000, 3800, 6000, 0, 0, 1000]);
    const drill = await must(b, s.clerk, 'aging.drill', { accountId: a.id, bucket: 1 });
    expect(drill.rows).toHaveLength(2); // I4 (30 days) and I5 (due today)
    expect(drill.rows.map((d) => d.documentId)).toContain(i5.id);
    expect(drill.totals.openCents).toBe(3800);
    await must(b, s.supervisor, 'aging.updateSettings', { currentThroughDays: 0, edges: [15, 45], defaultBasis: 'invoice' });
    const custom = await must(b, s.clerk, 'aging.summary', {});
    expect(custom.bucketLabels).toEqual(['Current', '1-15', '16-45', 'Over 45']);
    expect(custom.basis).toBe('invoice');
    // invoice basis: I5 0 days; I2 14; I4 30; I1 73; I3 165
    expect(custom.rows.find((x) => x.accountId === a.id)!.buckets).toEqual([800, 5000, 3000, 7000]);
  });

  it('drills from a summary cell to the invoices behind it, and detail totals match the summary', async () => {
    const { b, s, a, i1 } = await scenario();
    const summary = await must(b, s.clerk, 'aging.summary', {});
    const detail = await must(b, s.clerk, 'aging.detail', {});
    expect(detail.totals.buckets).toEqual(summary.totals.buckets);
    const cell = await must(b, s.clerk, 'aging.drill', { accountId: a.id, bucket: 2 });
    expect(cell.rows.map((d) => [d.documentId, d.openCents])).toEqual([[i1.id, 6000]]);
    const paged = await must(b, s.clerk, 'aging.summary', { limit: 1, offset: 1, sort: 'name' });
    expect(paged.rows.map((x) => x.accountName)).toEqual(['Zeta Other']);
    expect(paged.rowCount).toBe(2);
    expect(paged.totals.totalCents).toBe(summary.totals.totalCents);
  });

  it('agrees with the hand-written reference SQL the bench measures against', async () => {
    const { b } = await scenario();
    const summary = await b.services.aging.summary({ asOf: '2026-03-15' });
    const ref = runReferenceAgingSummary(b.ctx.store.sqlite, '2026-03-15', defaultAgingSettings, 'due');
    expect(ref.map((r) => [r.account_id, [0, 1, 2, 3, 4, 5].map((i) => r[`b${i}`]), r.u])).toEqual(
      summary.rows.map((r) => [r.accountId, r.buckets, r.unappliedCents]),
    );
  });

  it('runs from the CLI as JSON and CSV', async () => {
    const { b, s, other } = await scenario();
    await must(b, s.clerk, 'accounts.update', { accountId: other.id, name: '=Zeta Other' }); // a spreadsheet formula
    const storePath = (b as unknown as { storePath: string }).storePath;
    const keyFile = path.join(path.dirname(storePath), 'key.hex');
    fs.writeFileSync(keyFile, (b as unknown as { key: Buffer }).key.toString('hex'));
    await b.close();
    const lines: string[] = [];
    expect(await runCli(['aging', '--as-of', '2026-03-15', '--format', 'json', '--store', storePath, '--key-file', keyFile], (l) => lines.push(l))).toBe(0);
    const json = JSON.parse(lines.join('\n'));
    expect(json.totals.totalCents).toBe(16334);
    lines.length = 0;
    expect(await runCli(['aging', '--as-of', '2026-03-05', '--format', 'csv', '--store', storePath, '--key-file', keyFile], (l) => lines.push(l))).toBe(0);
    const csv = lines.join('\n').split(/\r?\n/);
    expect(csv[0]).toBe('account_number,account_name,account_kind,Current,1-30,31-60,61-90,91-120,Over 120,unapplied_credit,total');
    expect(csv[1]).toBe('AG-1,Aging Test Co,commercial,50.00,30.00,60.00,0.00,0.00,20.00,0.00,160.00');
    expect(csv.at(-1)).toBe('TOTAL,,,50.00,30.00,60.00,0.00,0.00,20.00,0.00,160.00');
    lines.length = 0;
    expect(
      await runCli(['aging', '--as-of', '2026-03-15', '--basis', 'invoice', '--format', 'csv', '--detail', '--store', storePath, '--key-file', keyFile], (l) =>
        lines.push(l),
      ),
    ).toBe(0);
    const detail = lines.join('\n').split(/\r?\n/);
    expect(detail).toHaveLength(1 + 6);
    expect(detail.find((l) => l.startsWith('AG-2,'))).toMatch(/^AG-2,'=Zeta Other,commercial,/); // written as text
    const bad = await runCli(['aging', '--as-of', '2026-02-30', '--store', storePath, '--key-file', keyFile], () => undefined);
    expect(bad).toBe(2);
  });
});
