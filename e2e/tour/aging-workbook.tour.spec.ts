/**
 * The Aging workbook for the README tour (docs/tour, see ./shot.ts): made as the supervisor makes it
 * (reports.aging, back-dated a month), printed to PDF by LibreOffice headless and page 1 turned into a
 * PNG (pdftoppm), to be opened and judged like the screenshots (docs/reports.md).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { addDays } from '../../src-shared/dates';
import { must, signInSession } from '../../test/kit';
import { expect, test } from '../fixtures/bridge';
import { seedOffice } from '../fixtures/receivablesData';
import { shotPath } from './shot';

test('tour: the Aging workbook, page 1 as printed', async ({ app }, info) => {
  test.setTimeout(240_000);
  const { today } = await seedOffice(app.backend);
  await signInSession(app.backend, 'tour-supervisor', 'sam', 'super-pass-1');
  const file = await must(app.backend, 'tour-supervisor', 'reports.aging', { asOf: addDays(today, -30), basis: 'due' });
  const dir = info.outputPath('aging-workbook');
  fs.mkdirSync(dir, { recursive: true });
  const xlsx = path.join(dir, 'aging.xlsx');
  fs.writeFileSync(xlsx, Buffer.from(file.base64, 'base64'));
  const profile = `file://${path.join(dir, 'lo-profile')}`;
  execFileSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, xlsx], {
    stdio: 'pipe',
    timeout: 120_000,
  });
  const pdf = path.join(dir, 'aging.pdf');
  const text = execFileSync('pdftotext', ['-layout', '-f', '1', '-l', '2', pdf, '-'], { encoding: 'utf8' });
  expect(text).toContain('Made by Sam Patel');
  expect(text).toMatch(/Page 1 of \d+/);
  expect(text).toContain('Account number');
  execFileSync('pdftoppm', ['-r', '100', '-png', '-f', '1', '-l', '1', '-singlefile', pdf, shotPath('90-aging-workbook-page1').replace(/\.png$/, '')]);
});
