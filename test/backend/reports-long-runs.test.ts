import fs from 'node:fs';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { EventMap } from '../../src-shared/ipc/events';
import { threadReportRunner } from '../../src-main/backend/services/reports/runner';
import { createWorkbook } from '../../src-main/backend/services/reports/workbook';
import { addStaff, fixedClock, must, postInvoice } from '../kit';
import { testBackend, withCompany } from '../support/store';
import { newAccount } from '../support/receivables';
import { readWorkbook } from '../support/workbooks';

type Progress = EventMap['progress'];

/**
 * A backend whose reports run in a thread of their own, as the app's (worker.ts), with the progress
 * events it emits; today is 2026-03-15 in the company's time zone.
 */
async function threaded(imported = 0) {
  const events: Progress[] = [];
  const waiters: { run: string; wake: (p: Progress) => void }[] = [];
  const b = testBackend({
    clock: fixedClock('2026-03-15T15:00:00Z'),
    reportRunner: threadReportRunner,
    onEvent: (event, payload) => {
      if (event !== 'progress') return;
      const p = payload as Progress;
      events.push(p);
      for (const w of waiters.splice(0))
        if (w.run === p.run) w.wake(p);
        else waiters.push(w);
    },
  });
  const admin = await withCompany(b);
  await addStaff(b, admin, [
    { username: 'clara', role: 'clerk', password: 'password-123', session: 'clerk' },
    { username: 'sam', role: 'supervisor', password: 'password-123', session: 'supervisor' },
    { username: 'sue', role: 'supervisor', password: 'password-123', session: 'other-supervisor' },
  ]);
  const account = await newAccount(b, 'clerk', { name: 'Harbor Freight Lines', accountNumber: 'LR-1' });
  await postInvoice(b, 'clerk', account.id, 10_000, { date: '2026-01-01', terms: 'Net 30' });
  await postInvoice(b, 'clerk', account.id, 2_500, { date: '2026-03-01', terms: 'Net 30' });
  if (imported > 0) {
    const csv = [
      'invoice_number,account_number,invoice_date,amount',
      ...Array.from({ length: imported }, (_, i) => `EXT-${i},LR-1,2026-02-01,${10 + (i % 90)}.00`),
    ];
    await b.services.imports.post(
      { userId: null, username: 'test' },
      { kind: 'invoices', fileName: 'invoices.csv', contentBase64: Buffer.from(csv.join('\n')).toString('base64') },
    );
  }
  /** Resolves at the run's first progress event: the thread has opened the store and taken its snapshot. */
  const started = (run: string) => new Promise<Progress>((wake) => waiters.push({ run, wake }));
  return { b, account, events, started };
}

/** Every sheet's cell values, row by row (formulas with their cached results), to compare two workbooks. */
function contents(wb: ExcelJS.Workbook) {
  return wb.worksheets.map((ws) => ({ name: ws.name, rows: ws.getSheetValues().map((row) => JSON.stringify(row)) }));
}

describe('Reports run in a thread of their own', () => {
  it('answers a payment posting and an account search while the aging workbook is built, which holds the store as it was when the run began; progress events carry the run id', async () => {
    // Three thousand more open items: the thread is still writing them when the other calls are made.
    const { b, account, events, started } = await threaded(3_000);
    const owed = (await must(b, 'supervisor', 'aging.summary', {})).totals.totalCents;
    let reportDone = false;
    const report = b.call('supervisor', 'reports.aging', { run: 'aging-run-0001' }).then((r) => {
      reportDone = true;
      return r;
    });
    const first = await started('aging-run-0001');
    expect(first).toMatchObject({ task: 'report', run: 'aging-run-0001', label: 'Opening the store' });

    const payment = await must(b, 'clerk', 'payments.post', { accountId: account.id, method: 'cash', amountCents: 4_000, allocation: { mode: 'auto' } });
    const hits = await must(b, 'clerk', 'accounts.search', { query: 'Harbor' });
    // Both answered while the report was still being built in its thread.
    expect(reportDone).toBe(false);
    expect(payment.receipt.allocations.length).toBeGreaterThan(0);
    expect(hits.map((h) => h.accountNumber)).toEqual(['LR-1']);

    const answer = await report;
    if (!answer.ok) throw new Error(answer.error.message);
    const wb = await readWorkbook(Buffer.from(answer.value.base64, 'base64'));
    const summary = wb.getWorksheet('Summary')!;
    const totalColumn = (summary.getRow(1).values as unknown[]).indexOf('Total');
    // The snapshot: what was owed when the run began, though 40.00 was paid before it finished.
    expect(owed).toBe(12_500 + 16_260_000);
    expect(summary.getRow(2).getCell(totalColumn).value).toBe(owed / 100);
    expect((summary.getRow(3).getCell(totalColumn).value as ExcelJS.CellFormulaValue).result).toBe(owed / 100);
    expect((await must(b, 'supervisor', 'aging.summary', {})).totals.totalCents).toBe(owed - 4_000);
    expect(wb.getWorksheet('Detail')!.rowCount).toBe(1 + 3_002 + 1);

    const mine = events.filter((e) => e.run === 'aging-run-0001');
    expect(mine.map((e) => e.label)).toEqual(['Opening the store', 'Reading accounts', 'Reading open items', 'Writing the workbook']);
    expect(mine.every((e) => e.task === 'report' && e.done < e.total)).toBe(true);
  });

  it('builds in its thread the same workbook, cell for cell, as the builders on the backend connection (the command line)', async () => {
    const { b } = await threaded();
    const query = { asOf: '2026-03-15', basis: 'invoice' as const, sort: 'total' as const };
    const threadBuilt = await must(b, 'supervisor', 'reports.aging', query);
    const inline = await b.services.reports.aging('sam', query);
    expect(threadBuilt.fileName).toBe(inline.fileName);
    const a = contents(await readWorkbook(Buffer.from(threadBuilt.base64, 'base64')));
    const c = contents(await readWorkbook(inline.bytes));
    expect(a.map((s) => s.name)).toEqual(['About', 'Summary', 'Detail', ...a.slice(3).map((s) => s.name)]);
    expect(a).toEqual(c);
  });

  it('stops when cancelled: the call answers CANCELLED, nothing is left beside the store, and only the session that started the run can cancel it', async () => {
    const { b, started } = await threaded();
    const folder = path.dirname(b.storePath);
    const before = fs.readdirSync(folder).sort();
    const report = b.call('supervisor', 'reports.billingPack', { from: '2025-01-01', to: '2026-02-28', period: 'month', run: 'pack-run-0001' });
    await started('pack-run-0001');
    expect(await must(b, 'other-supervisor', 'reports.cancel', { run: 'pack-run-0001' })).toBe(false);
    expect(await must(b, 'supervisor', 'reports.cancel', { run: 'pack-run-0001' })).toBe(true);
    const answer = await report;
    expect(answer).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    // Cancelled once: the run is gone.
    expect(await must(b, 'supervisor', 'reports.cancel', { run: 'pack-run-0001' })).toBe(false);
    expect(fs.readdirSync(folder).sort()).toEqual(before);
    // The backend goes on answering, and the same id may start a new run.
    expect((await b.call('supervisor', 'reports.billingPack', { from: '2026-01-01', to: '2026-02-28', period: 'month', run: 'pack-run-0001' })).ok).toBe(true);
    // A malformed run id is refused before anything starts.
    expect(await b.call('supervisor', 'reports.aging', { run: 'no' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('tells how many rows of a long sheet are written, every 5,000, and streams them with the totals row last', async () => {
    const heard: [string, number, number][] = [];
    const info = {
      title: 'Rows',
      company: 'Co',
      currency: 'USD',
      asOf: '2026-03-01',
      creator: 'sam',
      created: new Date('2026-03-15T15:00:00Z'),
      timeZone: 'UTC',
    };
    const wb = createWorkbook(info, (label, done, total) => heard.push([label, done, total]));
    const rows = Array.from({ length: 12_345 }, (_, i) => i);
    wb.table({
      name: 'Detail',
      columns: [
        { header: 'Row', kind: 'integer', value: (r: number) => r },
        { header: 'Amount', kind: 'money', value: (r: number) => r, total: true },
      ],
      rows,
    });
    const ws = (await readWorkbook(await wb.toBuffer())).getWorksheet('Detail')!;
    expect(heard).toEqual([
      ['Writing Detail rows', 5_000, 12_345],
      ['Writing Detail rows', 10_000, 12_345],
    ]);
    expect(ws.rowCount).toBe(12_347);
    expect(ws.getRow(12_346).getCell(2).value).toBe(123.44);
    // 0 + 1 + ... + 12,344 cents, cached with the SUBTOTAL formula.
    expect(ws.getRow(12_347).getCell(2).value).toEqual({ formula: 'SUBTOTAL(109,B2:B12346)', result: 761_933.4 });
  });
});
