/**
 * The QuickBooks journal on the Reports page (docs/quickbooks.md): a supervisor sets the QuickBooks
 * account names, exports the last 120 days as IIF, and the download, read back with the IIF reader,
 * holds one balanced journal entry per posted document of the period, on the accounts just saved, its
 * receivables lines equal to the ledger's activity. And the Import screen reads a QuickBooks customer list.
 */
import fs from 'node:fs';
import { parseIif } from '../../src-main/backend/services/quickbooks';
import { readIifAmount } from '../../src-main/backend/services/quickbooks/iif';
import { addDays } from '../../src-shared/dates';
import { must } from '../../test/kit';
import { signIn } from '../../test/kit/page';
import { companyForSeeding } from '../support/receivables';
import { expect, test } from '../fixtures/bridge';
import { seedOffice } from '../fixtures/receivablesData';

test('a supervisor exports the period for QuickBooks: an IIF file whose journal entries balance and post to the saved accounts', async ({ app, page }) => {
  test.setTimeout(120_000);
  const { today } = await seedOffice(app.backend);
  const from = addDays(today, -120);
  await page.setViewportSize({ width: 1280, height: 800 });
  await app.open(page);
  await signIn(page, 'sam', 'super-pass-1');
  await page.goto(`${app.url}#/reports?workbook=quickbooks`);
  await expect(page.getByRole('tab', { name: /^QuickBooks journal/ })).toHaveAttribute('aria-selected', 'true');

  await page.getByTestId('quickbooks-accounts-toggle').click();
  await page.getByTestId('quickbooks-account-income').fill('Income:Billing');
  await page.getByTestId('quickbooks-accounts-save').click();
  await expect(page.getByText('QuickBooks account names saved')).toBeVisible();

  await page.getByTestId('report-from').fill(from);
  await page.getByTestId('report-from').press('Tab');
  await page.getByTestId('report-to').fill(today);
  await page.getByTestId('report-to').press('Tab');
  await page.screenshot({ path: '/tmp/pw-quickbooks-1280.png', fullPage: true });
  const exportButton = page.getByRole('button', { name: 'Export for QuickBooks (IIF)' });
  const [download] = await Promise.all([page.waitForEvent('download'), exportButton.click()]);
  expect(download.suggestedFilename()).toBe(`quickbooks-journal-${from}-to-${today}.iif`);
  await expect(page.getByTestId('report-saved')).toContainText(download.suggestedFilename());

  const file = parseIif(download.suggestedFilename(), fs.readFileSync((await download.path())!));
  expect(file.problems).toEqual([]);
  const sqlite = app.backend.ctx.store.sqlite;
  const posted = sqlite.prepare(`SELECT count(*) n FROM document WHERE status = 'posted' AND doc_date BETWEEN ? AND ?`).get(from, today) as { n: number };
  expect(posted.n).toBeGreaterThan(0);
  expect(file.transactions).toHaveLength(posted.n);
  let receivables = 0;
  const accounts = new Set<string>();
  for (const tx of file.transactions) {
    let sum = 0;
    for (const r of [tx.trns, ...tx.spls]) {
      const a = readIifAmount(r.get('AMOUNT'));
      expect(a.ok).toBe(true);
      const cents = a.ok ? a.value : 0;
      sum += cents;
      accounts.add(r.get('ACCNT'));
      if (r.get('ACCNT') === 'Accounts Receivable') receivables += cents;
    }
    expect(sum, `the entry on line ${tx.trns.line} balances`).toBe(0);
  }
  expect(accounts).toContain('Income:Billing');
  expect(accounts).not.toContain('Sales');
  const ledger = sqlite.prepare('SELECT COALESCE(SUM(amount_cents), 0) n FROM ledger_entry WHERE entry_date BETWEEN ? AND ?').get(from, today) as { n: number };
  expect(receivables).toBe(ledger.n);
});

test('the Import screen takes a QuickBooks customer list (IIF): the problems on the IIF lines, then the fixed file posted', async ({ app, page }) => {
  await companyForSeeding(app.backend);
  await page.setViewportSize({ width: 1280, height: 800 });
  await app.open(page);
  await signIn(page);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Import' }).click();
  await expect(page.getByRole('radio', { name: /Accounts/ })).toHaveAttribute('aria-checked', 'true');
  await page.getByTestId('import-from-quickbooks').click({ force: true });
  const iif = (email: string) =>
    Buffer.from(
      [
        '!CUST\tNAME\tBADDR1\tBADDR2\tPHONE1\tEMAIL\tCOMPANYNAME',
        'CUST\tPrairie Orthopedics LLC\t12 Lake St\tPeoria, IL 61602\t(309) 555-0110\tbilling@prairieortho.example\tPrairie Orthopedics LLC',
        `CUST\t"Hughes, Daniel"\t88 Elm Rd\tSpringfield, IL 62701\t(217) 555-0199\t${email}\t`,
        '',
      ].join('\r\n'),
    );
  await page.locator('input[type=file]').setInputFiles({ name: 'customers.IIF', mimeType: 'text/plain', buffer: iif('daniel at example.com') });
  const errorRows = page.getByTestId('import-errors').locator('[role=row][aria-rowindex]');
  await expect(errorRows).toHaveCount(1);
  await expect(errorRows.first().getByRole('gridcell').nth(0)).toHaveText('3');
  await expect(errorRows.first().getByRole('gridcell').nth(1)).toHaveText('EMAIL');
  await page.screenshot({ path: '/tmp/pw-quickbooks-import-1280.png' });
  await page.locator('input[type=file]').setInputFiles({ name: 'customers.IIF', mimeType: 'text/plain', buffer: iif('daniel@example.com') });
  const post = page.getByRole('button', { name: /^Post/ });
  await expect(post).toHaveText('Post 2 accounts');
  await post.click();
  await expect(page.getByTestId('import-result')).toContainText('Posted 2 accounts');
  const list = await must(app.backend, 'seed', 'accounts.list', { limit: 50 });
  expect(list.rows.map((r) => [r.accountNumber, r.name, r.kind]).sort()).toEqual([
    ['Hughes-Daniel', 'Hughes, Daniel', 'consumer'],
    ['Prairie-Orthopedics-LLC', 'Prairie Orthopedics LLC', 'commercial'],
  ]);
});
