/**
 * A worklist made for calling (docs/clerks-day.md), at 1280x800 and 1920x1080: each row shows the number
 * to dial, the customer's local time and whether a call is allowed now; the account that may not be called
 * yet sits below the one that may, "Callable now" filters, names are whole and the last column is reachable.
 *
 * The clock starts at Tue Mar 10, 2026 13:55 UTC: 8:55 AM in Chicago, 6:55 AM in Los Angeles.
 *   W-3001 Rosalind Okafor (CA)  $2,400.00, 100 days ago: the higher score, but too early to call
 *   W-3002 Bartholomew Alexander Kowalczyk-Wisniewski (IL)  $600.00, 60 days ago; left a message Mar 6
 */
import type { Page } from '@playwright/test';
import { addStaff, movingClock, must, riverside, signInSession } from '../../test/kit';
import { signIn } from '../../test/kit/page';
import { createCompany, expect, test } from '../fixtures/bridge';
import { consumer, pastCall, syncPageClock } from '../fixtures/collectionsData';
import { staff } from '../fixtures/receivablesData';

const NOW = '2026-03-10T13:55:00.000Z';
const LONG_NAME = 'Bartholomew Alexander Kowalczyk-Wisniewski';
test.use({ clock: movingClock(NOW), timezoneId: 'America/Chicago' });

const S = 'seed';

async function seed(b: Parameters<typeof createCompany>[0]) {
  await createCompany(b);
  await signInSession(b, S, riverside.username, riverside.password);
  await addStaff(b, S, staff);
  const today = (await must(b, S, 'aging.summary', {})).asOf;
  expect(today).toBe('2026-03-10');
  await consumer(
    b,
    S,
    today,
    { number: 'W-3001', name: 'Rosalind Okafor', phone: '(213) 555-0101', street: '900 W Olympic Blvd', city: 'Los Angeles', state: 'CA', zip: '90015' },
    [{ daysAgo: 100, cents: 240_000 }],
  );
  const chi = await consumer(
    b,
    S,
    today,
    { number: 'W-3002', name: LONG_NAME, phone: '(312) 555-0142', street: '4410 N Kedzie Ave', city: 'Chicago', state: 'IL', zip: '60625' },
    [{ daysAgo: 60, cents: 60_000 }],
  );
  await pastCall(b, S, chi.id, chi.contacts[0]!.id, '(312) 555-0142', '2026-03-06T17:00:00Z', 'left_message');
  await must(b, S, 'stages.evaluate', { asOf: today });
}

const grid = (page: Page) => page.getByRole('grid', { name: 'Worklist' });
const row = (page: Page, accountNumber: string) => grid(page).getByRole('row').filter({ hasText: accountNumber });

test('the worklist shows whom to call now, with number and local time, at 1280x800 and 1920x1080', async ({ app, page }) => {
  test.setTimeout(120_000);
  await seed(app.backend);
  await syncPageClock(page, NOW);
  await app.open(page);
  await signIn(page, 'sam', 'super-pass-1');

  for (const size of [
    { width: 1280, height: 800 },
    { width: 1920, height: 1080 },
  ]) {
    await page.setViewportSize(size);
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Worklist' }).click();
    await expect(row(page, 'W-3001')).toBeVisible();

    // Chicago: the number, 8:55 AM there, callable until 9:00 PM, the last contact.
    const chi = row(page, 'W-3002');
    await expect(chi.getByTestId('worklist-phone')).toHaveText('(312) 555-0142');
    await expect(chi.getByTestId('worklist-local-time')).toHaveText(/^8:5\d AM$/);
    await expect(chi.getByTestId('worklist-callable')).toHaveAttribute('data-callable', 'yes');
    await expect(chi.getByTestId('worklist-callable')).toContainText('Callable until 9:00 PM');
    await expect(chi).toContainText('Left message');
    await expect(chi).toContainText('Mar 6');
    // Los Angeles: 6:55 AM there, callable from 8:00 AM, and below Chicago although it scores higher.
    const la = row(page, 'W-3001');
    await expect(la.getByTestId('worklist-phone')).toHaveText('(213) 555-0101');
    await expect(la.getByTestId('worklist-local-time')).toHaveText(/^6:5\d AM$/);
    await expect(la.getByTestId('worklist-callable')).toHaveAttribute('data-callable', 'no');
    await expect(la.getByTestId('worklist-callable')).toContainText('Callable from 8:00 AM');
    await expect(la.getByTestId('worklist-callable')).toContainText(/in 1 h \d+ min/);
    const order = await grid(page).getByRole('row').allTextContents();
    expect(order.findIndex((t) => t.includes('W-3002'))).toBeLessThan(order.findIndex((t) => t.includes('W-3001')));

    // The long name is whole (it wraps, inside its row), and the grid scrolls sideways to its last column.
    await page.screenshot({ path: `/tmp/pw-calling/worklist-${size.width}.png` });
    const fit = await chi.getByTestId('worklist-name').evaluate((el) => {
      const r = el.getBoundingClientRect();
      const rowBox = el.closest('[role="row"]')!.getBoundingClientRect();
      return { text: el.textContent, scroll: el.scrollWidth, client: el.clientWidth, inRow: r.top >= rowBox.top - 0.5 && r.bottom <= rowBox.bottom + 0.5 };
    });
    expect(fit).toEqual({ text: LONG_NAME, scroll: fit.client, client: fit.client, inRow: true });
    await grid(page).evaluate((el) => {
      el.scrollLeft = el.scrollWidth;
    });
    const callButton = chi.getByRole('button', { name: 'Log a call for W-3002' });
    await expect(callButton).toBeInViewport();
    const reach = await callButton.evaluate((b) => {
      const g = b.closest('[role="grid"]')!.getBoundingClientRect();
      const r = b.getBoundingClientRect();
      return r.left >= g.left && r.right <= g.right;
    });
    expect(reach).toBe(true);
    await page.screenshot({ path: `/tmp/pw-calling/worklist-${size.width}-right.png` });
    await grid(page).evaluate((el) => {
      el.scrollLeft = 0;
    });

    // "Callable now" keeps only Chicago; off again, Los Angeles is back.
    const callable = page.getByRole('switch', { name: 'Callable now' });
    await callable.click();
    await expect(callable).toBeChecked();
    await expect(row(page, 'W-3001')).toHaveCount(0);
    await expect(row(page, 'W-3002')).toBeVisible();
    await callable.click();
    await expect(callable).not.toBeChecked();
    await expect(row(page, 'W-3001')).toBeVisible();
  }
});
