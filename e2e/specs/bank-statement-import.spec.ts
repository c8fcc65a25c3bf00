/** Bank statement import (issue 15, item 3): a clerk previews a statement, sees a malformed one's problems by line and field, imports, and a second import imports nothing. */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '../fixtures/bridge';
import { must } from '../../test/kit';
import { signIn } from '../../test/kit/page';
import { officeWithStaff, SEED } from '../fixtures/receivablesData';

test.use({ viewport: { width: 1280, height: 800 } });

const fixture = (name: string) => ({ name, mimeType: 'text/plain', buffer: fs.readFileSync(path.join(__dirname, '../../test/fixtures/bank', name)) });

test('a clerk imports a BAI2 statement: problems by line and field first, then the lines, once', async ({ app, page }, testInfo) => {
  const b = app.backend;
  await officeWithStaff(b);
  await app.open(page);
  await signIn(page, 'casey', 'clerk-pass-1');
  await page.goto(`${app.url}#/import`);
  await page.getByTestId('import-bank-statement').click();
  await expect(page.getByRole('heading', { name: 'Import bank statement' })).toBeVisible();

  // A file whose account trailer miscounts its records: the problem by line and field, nothing to import.
  await page.locator('input[type=file]').setInputFiles(fixture('record-count-wrong.bai2'));
  await expect(page.getByTestId('statement-status')).toContainText('1 problem to fix');
  const errors = page.getByTestId('statement-errors');
  await expect(errors).toContainText('number of records');
  await expect(errors).toContainText('is 6 but the account has 7 records');
  await expect(page.getByTestId('statement-import')).toBeDisabled();
  await page.screenshot({ path: testInfo.outputPath('bank-statement-problems-1280.png') });

  // The good file: read as BAI2, four lines with their amounts, then imported.
  await page.locator('input[type=file]').setInputFiles(fixture('statement.bai2'));
  await expect(page.getByTestId('statement-status')).toContainText('Ready to import');
  await expect(page.getByTestId('statement-status')).toContainText('$3,155.50 in, $25.00 out');
  await expect(page.getByText('As read: BAI2')).toBeVisible();
  const lines = page.getByTestId('statement-lines');
  await expect(lines).toContainText('ACH CREDIT ACME MEDICAL GROUP');
  await expect(lines).toContainText('$1,875.50');
  await page.screenshot({ path: testInfo.outputPath('bank-statement-preview-1280.png') });
  await page.getByTestId('statement-import').click();
  await expect(page.getByTestId('statement-status')).toContainText('4 lines were imported');
  const [statement] = await must(b, SEED, 'bankStatements.list', {});
  expect(statement).toMatchObject({ format: 'bai2', lineCount: 4, creditsCents: 315_550, debitsCents: 2_500, importedBy: 'casey' });

  // The same file again: every line imported before, nothing to import.
  await page.locator('input[type=file]').setInputFiles({ ...fixture('statement.bai2'), name: 'again.bai2' });
  await expect(page.getByTestId('statement-status')).toContainText('Every line of this statement was imported before');
  await expect(page.getByTestId('statement-import')).toBeDisabled();
  expect(await must(b, SEED, 'bankStatements.list', {})).toHaveLength(1);
});
