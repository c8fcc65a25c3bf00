/**
 * The supervisor's dashboard against a real backend: the landing page of supervisors (not of clerks), its
 * receivables equal to the aging's total to the cent, its charts drawn with one series per bucket or KPI,
 * definitions on hover, links to the Aging screen; a clerk can neither see nor call it; a new office's
 * dashboard is empty but whole.
 */
import { expect, test } from '../fixtures/bridge';
import { seedYear } from '../fixtures/dashboardData';
import { officeWithStaff, SEED } from '../fixtures/receivablesData';
import { movingClock, must } from '../../test/kit';
import { signIn } from '../../test/kit/page';
import { formatMoney } from '../../src-shared/money';

// A Tuesday morning in Chicago, the 10th: this month's promises (fixtures/dashboardData) are behind it.
test.use({ clock: movingClock('2026-03-10T16:00:00Z') });

test('a supervisor lands on the dashboard: receivables equal the aging to the cent, charts drawn, plans counted, links to Aging', async ({ app, page }) => {
  test.setTimeout(120_000);
  await seedYear(app.backend);
  const aging = await must(app.backend, SEED, 'aging.summary', {});
  await app.open(page);
  await signIn(page, 'sam', 'super-pass-1');

  await expect(page.getByRole('heading', { name: 'Dashboard', level: 2 })).toBeVisible();
  expect(new URL(page.url()).hash).toBe('#/dashboard');
  await expect(page.getByTestId('dashboard-receivables')).toHaveText(formatMoney(aging.totals.totalCents));
  const pastDue = aging.totals.buckets.slice(1).reduce((a, b) => a + b, 0);
  expect(pastDue).toBeGreaterThan(0);
  await expect(page.getByTestId('dashboard-past-due')).toHaveText(formatMoney(pastDue));
  await expect(page.getByTestId('dashboard-as-of')).toHaveText('As of Mar 10, 2026 · aging by due date');

  // Charts: one bar series now, one per bucket at the month-ends, two lines (DSO, CEI).
  await expect(page.getByTestId('chart-aging-now').locator('svg .recharts-bar')).toHaveCount(1);
  await expect(page.getByTestId('chart-aging-history').locator('svg .recharts-bar')).toHaveCount(aging.bucketLabels.length);
  await expect(page.getByTestId('chart-trend').locator('svg .recharts-line')).toHaveCount(2);
  // Twelve month-ends on the history's axis; the bars now are the buckets with something in them.
  await expect(page.getByTestId('chart-aging-history').locator('.recharts-bar').first().locator('.recharts-bar-rectangle')).toHaveCount(12);
  await expect(page.getByTestId('chart-aging-now').locator('.recharts-bar-rectangle path')).toHaveCount(aging.totals.buckets.filter((b) => b !== 0).length);

  // This month: Casey kept 2 of 3 promises, Sam 1 of 2; collected on them 370.00 and 300.00.
  await expect(page.getByTestId('dashboard-kept-rate')).toHaveText('60.0%');
  const team = await must(app.backend, SEED, 'reports.teamPerformance', { from: '2026-03-01', to: '2026-03-10', period: 'month' });
  // The administrator set up this month's plans, so has a row too (nothing promised).
  expect(team.clerks.map((c) => [c.clerk.username, c.collectedOnPromisesCents, c.promisesKept, c.promisesBroken]).sort()).toEqual([
    ['admin', 0, 0, 0],
    ['casey', 37_000, 2, 1],
    ['sam', 30_000, 1, 1],
  ]);
  await expect(page.getByTestId('chart-clerks').locator('svg .recharts-bar')).toHaveCount(2);
  await expect(page.getByTestId('chart-clerks').getByText('Casey Morgan')).toBeVisible();

  await expect(page.getByTestId('dashboard-plans-current')).toHaveText('1');
  await expect(page.getByTestId('dashboard-plans-late')).toHaveText('1');
  await expect(page.getByTestId('dashboard-plans-broken')).toHaveText('1');

  // Each figure says what it is.
  await page.getByRole('button', { name: 'About Receivables' }).hover();
  await expect(page.getByRole('tooltip')).toContainText('Open items as of the date less unapplied credit');

  // The receivables card opens the Aging screen, whose total is the same.
  await page.getByTestId('card-receivables').getByRole('link', { name: 'Aging' }).click();
  await expect(page.getByRole('heading', { name: 'Aging', level: 2 })).toBeVisible();
  await expect(page.getByTestId('aging-total')).toContainText(formatMoney(aging.totals.totalCents));
});

test('a clerk does not land on the dashboard, has no link to it, and cannot open or call it', async ({ app, page }) => {
  await officeWithStaff(app.backend);
  await app.open(page);
  await signIn(page, 'casey', 'clerk-pass-1');
  await expect(page.getByRole('heading', { name: 'Accounts', level: 2 })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Dashboard' })).toHaveCount(0);
  await page.goto(`${app.url}#/dashboard`);
  await expect(page.getByRole('heading', { name: 'Accounts', level: 2 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toHaveCount(0);
  const refused = await page.evaluate(() => window.api.reports.dashboard({}));
  expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
});

test('a new office: the administrator lands on a dashboard of zeros with no empty charts', async ({ app, page }) => {
  await officeWithStaff(app.backend);
  await app.open(page);
  await signIn(page);
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 2 })).toBeVisible();
  await expect(page.getByTestId('dashboard-receivables')).toHaveText('$0.00');
  await expect(page.getByTestId('dashboard-past-due-share')).toHaveText('Nothing open');
  await expect(page.getByText(/^Nothing is open as of /)).toBeVisible();
  await expect(page.getByText('Nothing was owed at the last 12 month-ends.')).toBeVisible();
  await expect(page.getByText('No credit sales in the last 12 months: DSO and CEI are n/a.')).toBeVisible();
  await expect(page.locator('.recharts-wrapper')).toHaveCount(0);
  await expect(page.getByTestId('dashboard-plans-broken')).toHaveText('0');
  await expect(page.getByTestId('dashboard-kept-rate')).toHaveText('n/a');
  await expect(page.getByText('No calls or promises yet this month.')).toBeVisible();
});
