/** Tour: aging, the policy tabs of Settings and the import preview, over the demo company (app.openDemo). */
import { expect, test } from '../fixtures/bridge';
import { shot } from './shot';

test('tour: aging, settings, import', async ({ app, page }) => {
  test.setTimeout(240_000);
  await app.open(page);

  // First run: the demo company, with its users and passwords.
  await expect(page.getByRole('heading', { name: 'Set up your office' })).toBeVisible();
  await page.getByRole('button', { name: 'Explore the demo company' }).click();
  await expect(page.getByRole('dialog', { name: 'The demo company is ready' })).toBeVisible({ timeout: 180_000 });
  await shot(page, '19-demo-company');
  await page.getByRole('button', { name: 'Start exploring' }).click();
  await expect(page.getByTestId('status-user')).toBeVisible();

  // Aging summary as of today.
  await page.goto(`${app.url}#/aging`);
  const summary = page.getByTestId('aging-summary');
  await expect(summary.getByRole('row', { name: 'Totals' })).toBeVisible();
  await page.mouse.move(0, 0);
  await shot(page, '20-aging-summary');

  // Drill into the cell with the most past-due invoices behind it.
  const target = await page.evaluate(async () => {
    const r = await window.api.aging.detail({});
    if (!r.ok) throw new Error(r.error.message);
    const count = new Map<string, { n: number; accountNumber: string; bucket: number }>();
    for (const row of r.value.rows) {
      if (row.bucket < 2) continue;
      const k = `${row.accountId}:${row.bucket}`;
      const c = count.get(k) ?? { n: 0, accountNumber: row.accountNumber, bucket: row.bucket };
      c.n++;
      count.set(k, c);
    }
    const best = [...count.values()].sort((a, b) => b.n - a.n)[0]!;
    return { ...best, label: r.value.bucketLabels[best.bucket]! };
  });
  await page.getByLabel('Find').fill(target.accountNumber);
  const row = summary.getByRole('row').filter({ hasText: target.accountNumber });
  await row.getByRole('button', { name: new RegExp(`^${target.label}:`) }).click();
  const drawer = page.getByRole('dialog');
  await expect(drawer.getByRole('table', { name: 'Invoices in the bucket' }).locator('tbody tr')).toHaveCount(target.n);
  await shot(page, '21-aging-drill');
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  await page.getByLabel('Find').fill('');

  // Detail by invoice, past due only.
  await page.getByText('Detail by invoice').click();
  // Every open invoice is there: the detail adds up to the summary's buckets.
  const gross = await page.evaluate(async () => {
    const r = await window.api.aging.summary({});
    return r.ok ? r.value.totals.buckets.reduce((s, b) => s + b, 0) : -1;
  });
  await expect(page.getByTestId('aging-total')).toHaveText(new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(gross / 100));
  await page.getByRole('checkbox', { name: 'Past due only' }).check();
  await expect(page.getByTestId('aging-detail').getByRole('row', { name: 'Totals' })).toBeVisible();
  await page.mouse.move(0, 0);
  await shot(page, '22-aging-detail');

  // Settings: aging policy and the price list.
  await page.goto(`${app.url}#/settings?tab=aging`);
  await expect(page.getByTestId('aging-bucket-preview')).toBeVisible();
  await shot(page, '23-settings-aging');
  await page.getByRole('tab', { name: 'Price list' }).click();
  await expect(page.getByTestId('price-list').locator('[role=row][aria-rowindex]').first()).toBeVisible();
  await page.mouse.move(0, 0);
  await shot(page, '24-price-list');

  // Import preview: a lockbox file with two bad rows.
  const accounts = await page.evaluate(async () => {
    const r = await window.api.accounts.list({ limit: 12, sort: 'name' });
    if (!r.ok) throw new Error(r.error.message);
    return r.value.rows.map((a) => a.accountNumber);
  });
  const today = await page.evaluate(async () => {
    const r = await window.api.aging.summary({ limit: 1 });
    return r.ok ? r.value.asOf : '';
  });
  const [y, m, d] = today.split('-');
  const us = `${Number(m)}/${Number(d)}/${y}`;
  const amounts = ['125.00', '80.00', '1,240.50', '45.00', '310.00', '95.25', '60.00', '2,000.00', '150.00', '72.40', '38.00', '410.00'];
  const lines = ['Deposit Ref,Acct #,Date Received,Amount,Check #,Memo'];
  accounts.forEach((a, i) => {
    const acct = i === 4 ? 'P999999' : a;
    const amount = i === 8 ? '150.0O' : amounts[i];
    lines.push(
      `LBX-${today.replace(/-/g, '')}-${String(i + 1).padStart(3, '0')},${acct},${i === 10 ? '13/02/2026' : us},"${amount}",${5100 + i},Lockbox batch 14`,
    );
  });
  await page.goto(`${app.url}#/import`);
  await page.getByRole('radio', { name: /Payments/ }).click();
  await page
    .locator('input[type=file]')
    .setInputFiles({ name: 'lockbox-batch-14.csv', mimeType: 'text/csv', buffer: Buffer.from(`${lines.join('\r\n')}\r\n`) });
  // "Deposit Ref" is not a header Ledgerdesk knows: map it by hand.
  await page.getByRole('combobox', { name: 'File column for payment_reference' }).click();
  await page.getByRole('option', { name: 'Deposit Ref' }).click();
  await expect(page.getByTestId('import-errors').locator('[role=row][aria-rowindex]')).toHaveCount(3);
  await page.mouse.move(0, 0);
  await shot(page, '25-import-preview');
});
