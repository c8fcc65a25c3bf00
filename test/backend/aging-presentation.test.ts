import { describe, expect, it } from 'vitest';
import type { AgingPresentation } from '../../src-shared/domain/aging';
import { agingBucketRanges, defaultAgingSettings } from '../../src-shared/domain/aging';
import { must, newAccount, postInvoice, receivablesBackend } from '../support/receivables';
import { readWorkbook } from '../support/workbooks';

/**
 * Hand-checked book. Today is 2026-03-15; due-date basis, default buckets.
 *   I1 2026-01-01 Net 30 (due 01-31) 100.00, P1 40.00 on 02-10 applied to it -> 60.00 open (43 days: 31-60)
 *   I2 2026-03-01 Net 30 (due 03-31)  50.00 open (Current)
 *   P2 2026-02-20 25.00 on account (no invoice) -> 25.00 unapplied payment (23 days: 1-30)
 *   I3 2025-12-01 on receipt 30.00, P3 45.00 on 2026-01-05 overpays it -> 15.00 unapplied payment (69 days: 61-90)
 *   I4 2025-11-01 on receipt 20.00, P4 12.00 on 11-20; CN 20.00 on 2025-12-10 credits it: 8.00 applied,
 *      12.00 unapplied credit note (95 days: 91-120)
 * Balance: 200.00 invoiced - 122.00 paid - 20.00 credited = 58.00 = 110.00 open - 52.00 open credits.
 */
async function book() {
  const r = await receivablesBackend();
  const { b, s } = r;
  const a = await newAccount(b, s.clerk, { name: 'Presentation Co', accountNumber: 'PR-1' });
  const pay = (date: string, amountCents: number, lines: { documentId: number; amountCents: number }[]) =>
    must(b, s.clerk, 'payments.post', {
      accountId: a.id,
      date,
      method: 'cash',
      amountCents,
      allocation: lines.length ? { mode: 'manual', lines } : { mode: 'none' },
    });
  const i1 = await postInvoice(b, s.clerk, a.id, 10000, { date: '2026-01-01', terms: 'Net 30' });
  const i2 = await postInvoice(b, s.clerk, a.id, 5000, { date: '2026-03-01', terms: 'Net 30' });
  const i3 = await postInvoice(b, s.clerk, a.id, 3000, { date: '2025-12-01', terms: 'Due on receipt' });
  const i4 = await postInvoice(b, s.clerk, a.id, 2000, { date: '2025-11-01', terms: 'Due on receipt' });
  await pay('2026-02-10', 4000, [{ documentId: i1.id, amountCents: 4000 }]);
  const p2 = await pay('2026-02-20', 2500, []);
  const p3 = await pay('2026-01-05', 4500, [{ documentId: i3.id, amountCents: 3000 }]);
  await pay('2025-11-20', 1200, [{ documentId: i4.id, amountCents: 1200 }]);
  // A credit note above what the invoice still owes: the rest stays unapplied credit.
  const cn = await must(b, s.clerk, 'invoices.postCreditNote', { invoiceId: i4.id, date: '2025-12-10', reason: 'Returned goods', amountCents: 2000 });
  return { ...r, a, i1, i2, p2, p3, cn };
}

const column: AgingPresentation = { creditPresentation: 'column', creditAgingDate: 'document', prepaymentsApart: false };
const combos: { name: string; p: AgingPresentation; buckets: number[]; unapplied: number; prepayments: number | undefined }[] = [
  { name: 'column (default)', p: column, buckets: [5000, 0, 6000, 0, 0, 0], unapplied: 5200, prepayments: undefined },
  { name: 'column, prepayments apart', p: { ...column, prepaymentsApart: true }, buckets: [5000, 0, 6000, 0, 0, 0], unapplied: 1200, prepayments: 4000 },
  {
    name: 'aged by document date',
    p: { ...column, creditPresentation: 'aged' },
    buckets: [5000, -2500, 6000, -1500, -1200, 0],
    unapplied: 0,
    prepayments: undefined,
  },
  {
    name: 'aged by due date (credits without one: their date)',
    p: { ...column, creditPresentation: 'aged', creditAgingDate: 'due' },
    buckets: [5000, -2500, 6000, -1500, -1200, 0],
    unapplied: 0,
    prepayments: undefined,
  },
  {
    name: 'aged, prepayments apart',
    p: { creditPresentation: 'aged', creditAgingDate: 'document', prepaymentsApart: true },
    buckets: [5000, 0, 6000, 0, -1200, 0],
    unapplied: 0,
    prepayments: 4000,
  },
];

describe('aging presentation', () => {
  it('gives each option combination its own figures, to the cent, and always the ledger balance', async () => {
    const { b, s, a } = await book();
    const ledger = await must(b, s.clerk, 'ledger.get', { accountId: a.id });
    expect(ledger.totals.balanceCents).toBe(5800);
    for (const c of combos) {
      const r = await must(b, s.clerk, 'aging.summary', { presentation: c.p });
      expect(r.presentation, c.name).toEqual(c.p);
      const row = r.rows.find((x) => x.accountId === a.id)!;
      expect([row.buckets, row.unappliedCents, row.prepaymentCents, row.totalCents], c.name).toEqual([c.buckets, c.unapplied, c.prepayments ?? 0, 5800]);
      expect(r.totals, c.name).toEqual({
        buckets: c.buckets,
        unappliedCents: c.unapplied,
        totalCents: 5800,
        ...(c.prepayments === undefined ? {} : { prepaymentCents: c.prepayments }),
      });
      // detail: open items plus, when aged, each credit as a negative row in its bucket; its totals are the buckets
      const detail = await must(b, s.clerk, 'aging.detail', { accountId: a.id, presentation: c.p });
      expect(detail.totals.buckets, c.name).toEqual(c.buckets);
      expect(detail.totals.openCents, c.name).toBe(c.buckets.reduce((x, y) => x + y, 0));
    }
    // The one-off views changed nothing saved.
    expect(await must(b, s.clerk, 'aging.getSettings', undefined)).toEqual(defaultAgingSettings);
  });

  it('lists aged credits in detail and drill with their kind, date and negative open amount', async () => {
    const { b, s, a, p2, p3, cn } = await book();
    const aged = { creditPresentation: 'aged' } as const;
    const detail = await must(b, s.clerk, 'aging.detail', { accountId: a.id, presentation: aged });
    const credits = detail.rows.filter((d) => d.openCents < 0).map((d) => [d.documentId, d.kind, d.docDate, d.dueDate, d.openCents, d.daysPastDue, d.bucket]);
    expect(credits).toEqual([
      [cn.documentId, 'credit_note', '2025-12-10', '2025-12-10', -1200, 95, 4],
      [p3.documentId, 'payment', '2026-01-05', '2026-01-05', -1500, 69, 3],
      [p2.documentId, 'payment', '2026-02-20', '2026-02-20', -2500, 23, 1],
    ]);
    const drill = await must(b, s.clerk, 'aging.drill', { accountId: a.id, bucket: 1, presentation: aged });
    expect(drill.rows.map((d) => [d.documentId, d.openCents])).toEqual([[p2.documentId, -2500]]);
    // apart, the payments leave the buckets; the credit note stays aged
    const apart = await must(b, s.clerk, 'aging.drill', { accountId: a.id, bucket: 1, presentation: { ...aged, prepaymentsApart: true } });
    expect(apart.rows).toEqual([]);
    const four = await must(b, s.clerk, 'aging.drill', { accountId: a.id, bucket: 4, presentation: { ...aged, prepaymentsApart: true } });
    expect(four.rows.map((d) => [d.documentId, d.kind, d.openCents])).toEqual([[cn.documentId, 'credit_note', -1200]]);
    // in the column presentation the detail holds open invoices only
    const plain = await must(b, s.clerk, 'aging.detail', { accountId: a.id });
    expect(plain.rows.every((d) => d.openCents > 0 && d.kind === 'invoice')).toBe(true);
  });

  it('ages a past date: credits dated later are left out and credits applied later are added back', async () => {
    const { b, s, a, i1, p3, cn } = await book();
    // 2026-01-31: I1 100.00 due that day (Current); I3 and I4 settled; P3 15.00 (26 days) and CN 12.00 (52 days) open.
    // Balance then: 150.00 invoiced - 57.00 paid - 20.00 credited = 73.00.
    const past: [AgingPresentation, number[], number, number][] = [
      [column, [10000, 0, 0, 0, 0, 0], 2700, 0],
      [{ ...column, creditPresentation: 'aged' }, [10000, -1500, -1200, 0, 0, 0], 0, 0],
      [{ ...column, prepaymentsApart: true }, [10000, 0, 0, 0, 0, 0], 1200, 1500],
      [{ creditPresentation: 'aged', creditAgingDate: 'due', prepaymentsApart: true }, [10000, 0, -1200, 0, 0, 0], 0, 1500],
    ];
    for (const [p, buckets, unapplied, prepayments] of past) {
      const row = (await must(b, s.clerk, 'aging.summary', { asOf: '2026-01-31', presentation: p })).rows.find((x) => x.accountId === a.id)!;
      expect([row.buckets, row.unappliedCents, row.prepaymentCents, row.totalCents], JSON.stringify(p)).toEqual([buckets, unapplied, prepayments, 7300]);
    }
    // Today P3's 15.00 and CN's 12.00 are applied (oldest due first: to I1); as of yesterday they were still open,
    // so yesterday's figures are those of the book before the application, in every combination.
    const before = await Promise.all(combos.map((c) => must(b, s.clerk, 'aging.summary', { asOf: '2026-03-14', presentation: c.p })));
    await must(b, s.clerk, 'payments.applyCredit', { accountId: a.id, date: '2026-03-15', creditDocumentIds: [p3.documentId, cn.documentId] });
    const now = await must(b, s.clerk, 'aging.summary', { presentation: combos[2]!.p });
    const nowRow = now.rows.find((x) => x.accountId === a.id)!;
    expect([nowRow.buckets, nowRow.totalCents]).toEqual([[5000, -2500, 3300, 0, 0, 0], 5800]);
    const detailNow = await must(b, s.clerk, 'aging.detail', { accountId: a.id, presentation: combos[2]!.p });
    expect(detailNow.rows.find((d) => d.documentId === i1.id)?.openCents).toBe(3300);
    for (const [k, c] of combos.entries()) {
      const again = await must(b, s.clerk, 'aging.summary', { asOf: '2026-03-14', presentation: c.p });
      expect(again.rows, c.name).toEqual(before[k]!.rows);
      expect(again.rows.find((x) => x.accountId === a.id)!.buckets, c.name).toEqual(c.buckets);
      const detail = await must(b, s.clerk, 'aging.detail', { asOf: '2026-03-14', accountId: a.id, presentation: c.p });
      expect(detail.totals.buckets, c.name).toEqual(c.buckets);
    }
  });

  it('saves the options in settings (supervisors only, audited) and the report follows them', async () => {
    const { b, s, a } = await book();
    const refused = await b.call(s.clerk, 'aging.updateSettings', { creditPresentation: 'aged' });
    expect(refused.ok ? null : refused.error.code).toBe('FORBIDDEN');
    const bad = await b.call(s.supervisor, 'aging.updateSettings', { creditAgingDate: 'posting' } as never);
    expect(bad.ok ? null : bad.error.code).toBe('VALIDATION');
    const saved = await must(b, s.supervisor, 'aging.updateSettings', { creditPresentation: 'aged', prepaymentsApart: true });
    expect(saved).toEqual({ ...defaultAgingSettings, creditPresentation: 'aged', prepaymentsApart: true });
    const r = await must(b, s.clerk, 'aging.summary', {});
    expect(r.presentation).toEqual(combos[4]!.p);
    expect(r.rows.find((x) => x.accountId === a.id)!.buckets).toEqual(combos[4]!.buckets);
    // a one-off view over saved settings takes only what it names
    const oneOff = await must(b, s.clerk, 'aging.summary', { presentation: { prepaymentsApart: false } });
    expect(oneOff.presentation).toEqual(combos[2]!.p);
    const audit = b.ctx.store.sqlite.prepare("SELECT after_json FROM audit WHERE action = 'settings.update' AND entity_id = 'aging'").all() as {
      after_json: string;
    }[];
    expect(audit.map((x) => JSON.parse(x.after_json).creditPresentation)).toEqual(['aged']);
  });

  it('gives each bucket its range of days past due, for the default and custom edges', async () => {
    const { b, s } = await book();
    const expected = [
      { label: 'Current', fromDays: null, toDays: 0 },
      { label: '1-30', fromDays: 1, toDays: 30 },
      { label: '31-60', fromDays: 31, toDays: 60 },
      { label: '61-90', fromDays: 61, toDays: 90 },
      { label: '91-120', fromDays: 91, toDays: 120 },
      { label: 'Over 120', fromDays: 121, toDays: null },
    ];
    expect(agingBucketRanges(defaultAgingSettings)).toEqual(expected);
    expect((await must(b, s.clerk, 'aging.summary', {})).buckets).toEqual(expected);
    await must(b, s.supervisor, 'aging.updateSettings', { currentThroughDays: -1, edges: [15, 45] });
    const custom = [
      { label: 'Current', fromDays: null, toDays: -1 },
      { label: '0-15', fromDays: 0, toDays: 15 },
      { label: '16-45', fromDays: 16, toDays: 45 },
      { label: 'Over 45', fromDays: 46, toDays: null },
    ];
    const summary = await must(b, s.clerk, 'aging.summary', {});
    expect([summary.buckets, summary.bucketLabels]).toEqual([custom, custom.map((x) => x.label)]);
    expect((await must(b, s.clerk, 'aging.detail', {})).buckets).toEqual(custom);
    expect(agingBucketRanges({ currentThroughDays: 5, edges: [10] })).toEqual([
      { label: 'Current', fromDays: null, toDays: 5 },
      { label: '6-10', fromDays: 6, toDays: 10 },
      { label: 'Over 10', fromDays: 11, toDays: null },
    ]);
  });

  it('builds the Aging workbook in the presentation asked for: its columns, totals and About sheet', async () => {
    const { b, s } = await book();
    const sheet = async (presentation?: Partial<AgingPresentation>) => {
      const file = await must(b, s.supervisor, 'reports.aging', presentation ? { presentation } : {});
      const wb = await readWorkbook(Buffer.from(file.base64, 'base64'));
      const sum = wb.getWorksheet('Summary')!;
      const headers = (sum.getRow(1).values as unknown[]).slice(4).map(String);
      const total = sum.getRow(3); // one account, then the totals row
      const totals = headers.map((_, j) => Math.round(Number(total.getCell(4 + j).result) * 100) + 0);
      const about = wb.getWorksheet('About')!.getSheetValues().flat().map(String).join('\n');
      const open = wb
        .getWorksheet('Detail')!
        .getColumn(10)
        .values.slice(2)
        .map((v) => Math.round(Number(v) * 100) + 0);
      return { headers, totals, about, open };
    };
    const plain = await sheet();
    expect([plain.headers, plain.totals]).toEqual([
      ['Current', '1-30', '31-60', '61-90', '91-120', 'Over 120', 'Unapplied credit', 'Total'],
      [5000, 0, 6000, 0, 0, 0, -5200, 5800],
    ]);
    expect(plain.about).toContain('In the Unapplied credit column, subtracted in the total');
    const agedApart = await sheet(combos[4]!.p);
    expect([agedApart.headers, agedApart.totals]).toEqual([
      ['Current', '1-30', '31-60', '61-90', '91-120', 'Over 120', 'Prepayments', 'Total'],
      [5000, 0, 6000, 0, -1200, 0, -4000, 5800],
    ]);
    expect(agedApart.about).toContain('Aged as negative amounts in the bucket of their date; prepayments (payments not applied to an invoice) apart');
    // the aged credit note is a Detail row with its negative open amount (the totals row last)
    expect(agedApart.open.slice(0, -1).sort((x, y) => x - y)).toEqual([-1200, 5000, 6000]);
    const columnApart = await sheet(combos[1]!.p);
    expect([columnApart.headers.slice(-3), columnApart.totals.slice(-3)]).toEqual([
      ['Unapplied credit', 'Prepayments', 'Total'],
      [-1200, -4000, 5800],
    ]);
  });
});
