/** Irregularities (issue 15, item 6): a clerk looks over the money in that needs a look; a supervisor changes a check's days. */
import { expect, test } from '../fixtures/bridge';
import { must } from '../../test/kit';
import { signIn } from '../../test/kit/page';
import { officeWithStaff, SEED } from '../fixtures/receivablesData';
import { addDays } from '../../src-shared/dates';
import type { Backend } from '../../src-main/backend';

test.use({ viewport: { width: 1280, height: 800 } });

/** One account with an old cash payment not deposited, a recent one, an old credit note left unapplied and two card payments alike. */
async function seed(b: Backend) {
  const today = await officeWithStaff(b);
  const acct = await must(b, SEED, 'accounts.create', { accountNumber: 'C-7001', name: 'Lakeside Family Dental', kind: 'commercial' });
  const pay = (days: number, method: 'cash' | 'card', amountCents: number) =>
    must(b, SEED, 'payments.post', {
      accountId: acct.id,
      date: addDays(today, -days),
      method,
      amountCents,
      cardLast4: method === 'card' ? '4242' : '',
      allocation: { mode: 'none' },
    });
  const oldCash = await pay(10, 'cash', 120_00);
  await pay(1, 'cash', 45_00);
  const dup1 = await pay(2, 'card', 80_00);
  const dup2 = await pay(2, 'card', 80_00);
  await must(b, SEED, 'invoices.postCreditNote', { accountId: acct.id, amountCents: 25_00, reason: 'Goodwill', date: addDays(today, -40) });
  return { acct, oldCash, dup1, dup2 };
}

test('a clerk sees each check with its count, the items of one, and opens a payment from its row', async ({ app, page }, testInfo) => {
  const { acct, dup1 } = await seed(app.backend);
  await app.open(page);
  await signIn(page, 'casey', 'clerk-pass-1');
  await page.getByRole('link', { name: 'Irregularities' }).click();
  await expect(page.getByRole('heading', { name: 'Irregularities' })).toBeVisible();

  await expect(page.getByTestId('irregularities-count-undeposited')).toHaveText('1');
  await expect(page.getByTestId('irregularities-count-unapplied')).toHaveText('1');
  await expect(page.getByTestId('irregularities-count-mismatch')).toHaveText('0');
  await expect(page.getByTestId('irregularities-count-duplicates')).toHaveText('2');
  const grid = page.getByTestId('irregularities-grid');
  // Not yet deposited: the cash payment of 10 days, not the one of yesterday, not the cards.
  await expect(page.getByTestId('irregularities-explanation')).toContainText('more than 3 days ago');
  await expect(grid.getByRole('row')).toHaveCount(2); // header and one payment
  await expect(grid).toContainText('Lakeside Family Dental (C-7001)');
  await expect(grid).toContainText('$120.00');
  await expect(grid).toContainText('Cash');
  // A clerk reads the days but does not change them.
  await expect(page.getByTestId('irregularities-days')).toHaveCount(0);

  await page.getByTestId('irregularities-card-unapplied').click();
  await expect(grid).toContainText('Credit note CN-000001');
  await expect(grid).toContainText('$25.00');

  await page.getByTestId('irregularities-card-duplicates').click();
  await expect(grid.getByRole('row')).toHaveCount(3);
  await expect(grid).toContainText('2 payments');
  await page.screenshot({ path: testInfo.outputPath('irregularities-1280.png') });

  await page.getByTestId(`irregularity-link-duplicates-${dup1.documentId}`).click();
  await expect(page).toHaveURL(new RegExp(`#/accounts/${acct.id}\\?document=${dup1.documentId}$`));
  await expect(page.getByRole('dialog')).toContainText(dup1.number);
});

test('a supervisor waits longer before a payment counts as not deposited, and the list follows', async ({ app, page }, testInfo) => {
  await seed(app.backend);
  await app.open(page);
  await signIn(page, 'sam', 'super-pass-1');
  await page.goto(`${app.url}#/irregularities`);
  await expect(page.getByTestId('irregularities-count-undeposited')).toHaveText('1');
  const days = page.getByTestId('irregularities-days');
  await days.fill('12');
  await page.getByTestId('irregularities-days-save').click();
  await expect(page.getByTestId('irregularities-count-undeposited')).toHaveText('0');
  await expect(page.getByTestId('irregularities-explanation')).toContainText('more than 12 days ago');
  await expect(page.getByTestId('irregularities-grid')).toContainText('Every cash and check payment of that age is in a deposit.');
  await page.screenshot({ path: testInfo.outputPath('irregularities-supervisor-1280.png') });
  const saved = await must(app.backend, SEED, 'irregularities.get', {});
  expect(saved.settings).toEqual({ undeposited: 12, unapplied: 30, unmatched: 5 });
});
