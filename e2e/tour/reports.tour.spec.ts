/**
 * Tour screenshot of the Reports page (docs/tour, see ./shot.ts) on the demo company, as the supervisor
 * leaves it at month-end: the Aging as of the end of last month and the last twelve months' billing
 * pack exported, the billing pack's settings still on screen with the saved file and this session's list.
 */
import { expect, test } from '../fixtures/bridge';
import { shot } from './shot';
import { must } from '../../test/kit';
import { signIn } from '../../test/kit/page';

test('tour: the Reports page after two exports', async ({ app, page }) => {
  test.setTimeout(240_000);
  await must(app.backend, 'tour-admin', 'app.openDemo', undefined);
  await app.open(page);
  await signIn(page, 'supervisor', 'riverside-supervisor');
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Reports' }).click();
  const workbooks = page.getByRole('tablist', { name: 'Workbooks' });

  // The Aging as of the end of last month (the as-of date's own preset).
  await page.getByTestId('report-as-of').click();
  await page.getByRole('button', { name: 'End of last month' }).click();
  const aging = page.waitForEvent('download');
  await page.getByTestId('report-export').click();
  expect((await aging).suggestedFilename()).toMatch(/^Aging \d{4}-\d{2}-\d{2} by (due|invoice) date\.xlsx$/);

  // The billing pack, last twelve months by month.
  await workbooks.getByRole('tab', { name: /^Billing pack/ }).click();
  await page.getByRole('group', { name: 'Date range presets' }).getByText('Last 12 months').click();
  await expect(page.getByTestId('report-covers')).toHaveText(/^12 months: /);
  const pack = page.waitForEvent('download');
  await page.getByTestId('report-export').click();
  expect((await pack).suggestedFilename()).toMatch(/^Billing pack .* by month\.xlsx$/);
  await expect(page.getByTestId('report-saved')).toBeVisible();
  await expect(page.getByTestId('report-recent').getByText(/\.xlsx$/)).toHaveCount(2);
  await page.mouse.move(0, 0);
  await shot(page, '89-reports');
});
