/** Tour: the supervisor's dashboard over a year of the tour office's receivables (fixtures/dashboardData). */
import { expect, test } from '../fixtures/bridge';
import { seedYear } from '../fixtures/dashboardData';
import { movingClock } from '../../test/kit';
import { signIn } from '../../test/kit/page';
import { shot } from './shot';

// The 10th of the month, so the month's promises have fallen due (fixtures/dashboardData).
test.use({ clock: movingClock('2026-03-10T16:00:00Z') });

test('tour: the supervisor lands on the dashboard', async ({ app, page }) => {
  test.setTimeout(120_000);
  await seedYear(app.backend);
  await app.open(page);
  await signIn(page, 'sam', 'super-pass-1');
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 2 })).toBeVisible();
  for (const chart of ['chart-aging-now', 'chart-aging-history', 'chart-trend', 'chart-clerks'])
    await expect(page.getByTestId(chart).locator('svg').first()).toBeVisible();
  // Charts animate their bars and lines in; wait for them to settle before the picture.
  await page.mouse.move(0, 0);
  await page.waitForTimeout(1500);
  await shot(page, '09-dashboard');
});
