/**
 * Lists that behave (docs/clerks-day.md), at a small office desktop and a large screen: the accounts list
 * sorts by its headers both ways in the backend's order, a phone number is found by its last four digits,
 * a long name wraps instead of ending in "...", and the last column of the accounts, aging and worklist
 * grids can be scrolled into view.
 */
import type { Locator, Page } from '@playwright/test';
import { movingClock, must, riverside, signInSession } from '../../test/kit';
import { signIn } from '../../test/kit/page';
import { createCompany, expect, test } from '../fixtures/bridge';
import { BASE_INSTANT, consumer } from '../fixtures/collectionsData';

test.use({ clock: movingClock(BASE_INSTANT), timezoneId: 'America/Chicago' });

const S = 'seed';
const LONG_NAME = 'Evergreen Behavioral Health Partners of Northern Illinois';

async function seed(b: Backend) {
  await createCompany(b);
  await signInSession(b, S, riverside.username, riverside.password);
  const today = (await must(b, S, 'aging.summary', {})).asOf;
  const place = { street: '1 Main St', city: 'Springfield', state: 'IL', zip: '62704' };
  // Balances chosen so that the balance order differs from the name order both ways.
  const people: [string, string, string, number, number][] = [
    ['P-3001', 'Nora Quinn', '(217) 555-0142', 75, 42_000],
    ['P-3002', LONG_NAME, '(773) 555-8276', 100, 91_000],
    ['P-3003', 'Abel Ortiz', '217.555.0117', 70, 6_500],
    ['P-3004', 'Zoe Park', '+1 309 555 0188', 50, 18_500],
    ['P-3005', 'Mina Shah', '(312) 555-0101', 40, 130_000],
  ];
  for (const [number, name, phone, daysAgo, cents] of people) await consumer(b, S, today, { number, name, phone, ...place }, [{ daysAgo, cents }]);
  await must(b, S, 'stages.evaluate', { asOf: today });
}

const accountsGrid = (page: Page) => page.getByTestId('accounts-grid');
/** The account numbers of the rows drawn, top to bottom (five accounts: every row is drawn). */
const shownNumbers = async (page: Page) =>
  (await accountsGrid(page).locator('[role="row"][aria-rowindex]').locator('[role="gridcell"]:first-child').allTextContents()).map((t) => t.trim());
type Backend = Parameters<typeof createCompany>[0];
const backendOrder = async (b: Backend, sort: 'name' | 'balance', direction: 'asc' | 'desc') =>
  (await must(b, S, 'accounts.list', { sort, direction, limit: 50, offset: 0 })).rows.map((r) => r.accountNumber);

async function sortBy(page: Page, header: string, expected: 'ascending' | 'descending') {
  const th = accountsGrid(page).getByRole('columnheader', { name: header });
  await th.getByRole('button').click();
  await expect(th).toHaveAttribute('aria-sort', expected);
}

/** The grid's last column header can be brought into view inside the grid (horizontal scroll), not clipped away. */
async function lastColumnReachable(grid: Locator) {
  const last = grid.getByRole('columnheader').last();
  await last.scrollIntoViewIfNeeded();
  await expect(last).toBeInViewport({ ratio: 0.9 });
}

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
]) {
  test.describe(`at ${viewport.width}x${viewport.height}`, () => {
    test.use({ viewport });

    test('the accounts list sorts by name and balance both ways, finds a phone by its last four digits, and every grid scrolls to its last column', async ({
      app,
      page,
    }, testInfo) => {
      test.setTimeout(120_000);
      await seed(app.backend);
      const order = (sort: 'name' | 'balance', direction: 'asc' | 'desc') => backendOrder(app.backend, sort, direction);
      await app.open(page);
      await signIn(page);
      const nav = page.getByRole('navigation', { name: 'Sections' });
      await nav.getByRole('link', { name: 'Accounts' }).click();
      await expect(page.getByTestId('accounts-count')).toHaveText('5 accounts');

      // Name A to Z first, then Z to A; balance largest first, then smallest first: always the backend's order.
      await expect.poll(() => shownNumbers(page)).toEqual(await order('name', 'asc'));
      await sortBy(page, 'Name', 'descending');
      await expect.poll(() => shownNumbers(page)).toEqual(await order('name', 'desc'));
      expect(await order('name', 'desc')).toEqual([...(await order('name', 'asc'))].reverse());
      await sortBy(page, 'Balance', 'descending');
      await expect.poll(() => shownNumbers(page)).toEqual(await order('balance', 'desc'));
      expect((await shownNumbers(page))[0]).toBe('P-3005'); // $1,300.00, the largest
      await sortBy(page, 'Balance', 'ascending');
      await expect.poll(() => shownNumbers(page)).toEqual(await order('balance', 'asc'));
      expect((await shownNumbers(page))[0]).toBe('P-3003');
      // Phone and email do not sort: their headers are plain text, not buttons.
      await expect(accountsGrid(page).getByRole('columnheader', { name: 'Phone' }).getByRole('button')).toHaveCount(0);

      // A long name wraps onto two lines in full; the status badge keeps its word.
      const longRow = accountsGrid(page).getByRole('row').filter({ hasText: 'P-3002' });
      const nameCell = longRow.getByRole('gridcell').nth(1);
      await expect(nameCell).toHaveText(LONG_NAME);
      expect(await nameCell.evaluate((el) => el.scrollHeight <= el.clientHeight + 1 && el.scrollWidth <= el.clientWidth + 1)).toBe(true);
      await expect(longRow.getByRole('gridcell').nth(2)).toHaveText('Active');
      await lastColumnReachable(accountsGrid(page));
      await page.screenshot({ path: testInfo.outputPath(`accounts-${viewport.width}.png`) });

      // The last four digits of a phone number, as a caller reads them out.
      const search = page.getByRole('combobox', { name: 'Search accounts' });
      await search.fill('8276');
      await expect(page.getByTestId('account-hit-P-3002')).toContainText('Phone: (773) 555-8276');
      await search.fill('555-01');
      await expect(page.getByRole('listbox', { name: 'Matching accounts' }).getByRole('option')).toHaveCount(4);
      await search.fill('827');
      await expect(page.getByText('No account matches “827”')).toBeVisible();

      await nav.getByRole('link', { name: 'Aging' }).click();
      const aging = page.getByTestId('aging-summary');
      await expect(aging.getByRole('row').filter({ hasText: 'P-3002' })).toBeVisible();
      await lastColumnReachable(aging);
      await expect(aging.getByRole('columnheader').last()).toHaveText('Total');
      await page.screenshot({ path: testInfo.outputPath(`aging-${viewport.width}.png`) });

      await nav.getByRole('link', { name: 'Worklist' }).click();
      const worklist = page.getByRole('grid', { name: 'Worklist' });
      await expect(worklist.getByRole('row').filter({ hasText: 'P-3002' })).toBeVisible();
      await lastColumnReachable(worklist);
      await page.screenshot({ path: testInfo.outputPath(`worklist-${viewport.width}.png`) });
    });
  });
}
