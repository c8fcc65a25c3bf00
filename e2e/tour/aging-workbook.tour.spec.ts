/**
 * The supervisor's workbooks for the README tour (docs/tour, see ./shot.ts): made as the supervisor makes
 * them (reports.*), printed to PDF by LibreOffice headless (one start for all) and the pages a
 * supervisor looks at first turned into PNGs (pdftoppm), to be opened and judged like the screenshots
 * (docs/reports.md): page 1 of each, and the chart pages.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { addDays, addMonths } from '../../src-shared/dates';
import { must, signInSession } from '../../test/kit';
import { expect, test } from '../fixtures/bridge';
import { seedYear } from '../fixtures/dashboardData';
import { shotPath } from './shot';

test('tour: the workbooks, page 1 and the charts as printed', async ({ app }, info) => {
  test.setTimeout(300_000);
  const { today } = await seedYear(app.backend);
  await signInSession(app.backend, 'tour-supervisor', 'sam', 'super-pass-1');
  const monthStart = `${today.slice(0, 7)}-01`;
  const from = addMonths(monthStart, -12);
  const to = addDays(monthStart, -1);
  const dir = info.outputPath('workbooks');
  fs.mkdirSync(dir, { recursive: true });
  const files = {
    aging: await must(app.backend, 'tour-supervisor', 'reports.aging', { asOf: addDays(today, -30), basis: 'due' }),
    'billing-pack': await must(app.backend, 'tour-supervisor', 'reports.billingPack', { from, to, period: 'month' }),
    'cash-receipts': await must(app.backend, 'tour-supervisor', 'reports.cashReceipts', { from, to: today }),
    'audit-trail': await must(app.backend, 'tour-supervisor', 'reports.auditTrail', { from: addDays(today, -7), to: today }),
    'collections-activity': await must(app.backend, 'tour-supervisor', 'reports.collectionsActivity', { from, to: today, period: 'month' }),
  };
  const xlsx = Object.entries(files).map(([name, file]) => {
    const f = path.join(dir, `${name}.xlsx`);
    fs.writeFileSync(f, Buffer.from(file.base64, 'base64'));
    return f;
  });
  const profile = `file://${path.join(dir, 'lo-profile')}`;
  execFileSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, ...xlsx], {
    stdio: 'pipe',
    timeout: 240_000,
  });
  const pdf = (name: string) => path.join(dir, `${name}.pdf`);
  const pages = (name: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf(name)], { encoding: 'utf8' }))![1]);
  const text = (name: string, page: number) =>
    execFileSync('pdftotext', ['-layout', '-f', String(page), '-l', String(page), pdf(name), '-'], { encoding: 'utf8' });
  /** The first page showing this text: the first page of a table sheet (page 1 is the About sheet). */
  const pageWith = (name: string, wanted: string) => {
    const page = Array.from({ length: pages(name) }, (_, i) => i + 1).find((p) => text(name, p).includes(wanted));
    if (page === undefined) throw new Error(`no page of ${name}.pdf shows "${wanted}"`);
    return page;
  };
  const png = (name: string, page: number, shotName: string) =>
    execFileSync('pdftoppm', ['-r', '100', '-png', '-f', String(page), '-l', String(page), '-singlefile', pdf(name), shotPath(shotName).replace(/\.png$/, '')]);

  expect(text('aging', 1)).toContain('Made by Sam Patel');
  expect(text('aging', 1)).toMatch(/Page 1 of \d+/);
  png('aging', 1, '90-aging-workbook-page1');
  png('aging', pageWith('aging', 'Aging: Summary'), '96-aging-workbook-summary');
  // The Chart sheet prints last: one page.
  expect(text('aging', pages('aging'))).toContain('Open receivables by age');
  png('aging', pages('aging'), '91-aging-workbook-chart');

  expect(text('billing-pack', 1)).toContain('Billing pack');
  png('billing-pack', pageWith('billing-pack', 'Billing pack: Figures'), '92-billing-pack-figures');
  // The Charts sheet prints last, a chart a page: receivables, DSO, CEI.
  const first = pages('billing-pack') - 2;
  expect(text('billing-pack', first)).toContain('Receivables at period end');
  expect(text('billing-pack', first + 1)).toContain('Days sales outstanding');
  png('billing-pack', first, '93-billing-pack-chart');

  expect(text('cash-receipts', 1)).toContain('Cash receipts');
  png('cash-receipts', pageWith('cash-receipts', 'Cash receipts: Receipts'), '94-cash-receipts-journal');
  expect(text('audit-trail', 1)).toContain('Audit trail');
  png('audit-trail', pageWith('audit-trail', 'Audit trail: Audit trail'), '95-audit-trail-records');
  expect(text('collections-activity', 1)).toContain('Collections activity');
  png('collections-activity', pageWith('collections-activity', 'Collections activity: By clerk'), '97-collections-activity-by-clerk');
});
