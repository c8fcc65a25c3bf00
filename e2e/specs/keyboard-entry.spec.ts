/**
 * Keyboard first and nothing lost (docs/clerks-day.md), at 1280x800: an invoice and two payments entered
 * from the account page with the keyboard alone (no mouse event from the account page on), checked through
 * the backend, with the keystrokes counted; a half-typed invoice left through the sidebar asks, is kept as
 * a draft, is listed on the account and the landing page and comes back line for line; the "?" overlay.
 */
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/bridge';
import { must, postInvoice } from '../../test/kit';
import { officeWithStaff, seedPriceList, SEED } from '../fixtures/receivablesData';
import { shortcuts } from '../../src-shared/shortcuts';
import type { Backend } from '../../src-main/backend';

test.use({ viewport: { width: 1280, height: 800 } });

/** The clinic with one posted invoice of $2,935.00; returns its id. */
async function seed(b: Backend): Promise<number> {
  await officeWithStaff(b);
  await seedPriceList(b);
  const acct = await must(b, SEED, 'accounts.create', { accountNumber: 'C-3300', name: 'Harborview Pediatrics', kind: 'commercial' });
  await postInvoice(b, SEED, acct.id, 293_500);
  return acct.id;
}

/** Sign in without the mouse: the fields filled, Enter submits. */
async function signInByKeys(page: Page) {
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.getByLabel('User name').fill('casey');
  await page.getByLabel('Password', { exact: true }).fill('clerk-pass-1');
  await page.getByLabel('Password', { exact: true }).press('Enter');
  await expect(page.getByTestId('status-user')).toBeVisible();
}

/** page.keyboard with a count: a typed character is one keystroke, a key with its modifiers is one. */
function countingKeys(page: Page) {
  let count = 0;
  return {
    press: async (key: string) => {
      count++;
      await page.keyboard.press(key);
    },
    type: async (text: string) => {
      count += text.length;
      await page.keyboard.type(text);
    },
    /** Tab until the field has focus (the date input's parts are Tab stops of their own). */
    tabTo: async (field: ReturnType<Page['getByLabel']>) => {
      for (let i = 0; i < 8 && !(await field.evaluate((el) => el === document.activeElement)); i++) {
        count++;
        await page.keyboard.press('Tab');
      }
      await expect(field).toBeFocused();
    },
    take: () => {
      const n = count;
      count = 0;
      return n;
    },
  };
}

const balance = async (b: Backend, accountId: number) => (await must(b, SEED, 'ledger.get', { accountId })).totals.balanceCents;

test('an invoice and two payments from the account page with the keyboard alone', async ({ app, page }) => {
  // Three postings and a few dozen checked steps: more than the default minute on a busy 2-core machine.
  test.slow();
  const accountId = await seed(app.backend);
  await app.open(page);
  await signInByKeys(page);
  await page.goto(`${app.url}#/accounts/${accountId}`);
  await expect(page.getByTestId('account-balance')).toHaveText('$2,935.00');
  // No mouse from here on: a click would count against the register.
  await page.evaluate(() => {
    (window as unknown as { mouseEvents: number }).mouseEvents = 0;
    for (const t of ['mousedown', 'mouseup', 'click', 'pointerdown'])
      window.addEventListener(t, (e) => (e as MouseEvent).detail > 0 && (window as unknown as { mouseEvents: number }).mouseEvents++, true);
  });
  const keys = countingKeys(page);

  // N opens a new invoice with the cursor in the first line's code.
  await keys.press('n');
  await expect(page.getByRole('heading', { name: 'New invoice' })).toBeVisible();
  const code1 = page.getByRole('combobox', { name: 'Line 1 code' });
  await expect(code1).toBeFocused();
  // Line 1: the code, Enter picks it from the price list; Enter walks quantity, price, discount, tax.
  await keys.type('99213');
  await keys.press('Enter');
  await expect(page.getByRole('textbox', { name: 'Line 1 unit price' })).toHaveValue('145.00');
  await keys.press('Enter');
  await expect(page.getByRole('textbox', { name: 'Line 1 quantity' })).toBeFocused();
  await keys.type('2');
  for (const field of ['unit price', 'discount', 'tax rate']) {
    await keys.press('Enter');
    await expect(page.getByRole('textbox', { name: `Line 1 ${field}`, exact: true })).toBeFocused();
  }
  // Enter in the last field of the last line adds a line and puts the cursor in its code.
  await keys.press('Enter');
  await expect(page.getByRole('combobox', { name: 'Line 2 code' })).toBeFocused();
  await keys.type('36415');
  await keys.press('Enter');
  await expect(page.getByTestId('total-total')).toHaveText('$308.00');
  // Ctrl+Enter posts after a question that Enter confirms.
  await keys.press('Control+Enter');
  const ask = page.getByRole('dialog', { name: 'Post this invoice?' });
  await expect(ask).toContainText('Post $308.00 to Harborview Pediatrics?');
  await expect(ask.getByRole('button', { name: 'Post invoice' })).toBeFocused();
  await keys.press('Enter');
  await expect(page.getByTestId('invoice-number')).toHaveText(/^INV-\d{6}$/);
  const invoiceKeys = keys.take();
  expect(await balance(app.backend, accountId)).toBe(293_500 + 30_800);
  const posted = await must(app.backend, SEED, 'invoices.list', { accountId, status: 'posted', limit: 10 });
  const detail = await must(app.backend, SEED, 'invoices.get', { invoiceId: posted.rows[0]!.id });
  expect(detail.lines.map((l) => [l.itemCode, l.quantityMilli, l.unitPriceCents])).toEqual([
    ['99213', 2000, 14_500],
    ['36415', 1000, 1_800],
  ]);

  // Esc: back to the account. P: a payment, the cursor in the amount; Enter posts it.
  await keys.press('Escape');
  await expect(page.getByTestId('account-balance')).toHaveText('$3,243.00');
  await keys.press('p');
  const dialog = page.getByRole('dialog', { name: /Post payment/ });
  await expect(dialog.getByLabel('Amount received')).toBeFocused();
  await keys.type('250.00');
  await keys.tabTo(dialog.getByLabel('Check number'));
  await keys.type('1042');
  await keys.press('Enter');
  await expect(page.getByTestId('receipt-amount')).toHaveText('$250.00');
  const paymentKeys = keys.take();
  expect(await balance(app.backend, accountId)).toBe(324_300 - 25_000);
  await keys.press('Escape');
  await expect(page.getByTestId('account-balance')).toHaveText('$2,993.00');

  // $10,000.00 on a $2,993.00 balance asks first; Enter posts anyway.
  await keys.press('p');
  await expect(dialog.getByLabel('Amount received')).toBeFocused();
  await keys.type('10000');
  await keys.tabTo(dialog.getByLabel('Check number'));
  await keys.type('77');
  await keys.press('Enter');
  const over = page.getByRole('dialog', { name: 'Much more than the balance' });
  await expect(over).toContainText('$10,000.00 is $7,007.00 more than the balance of $2,993.00; the rest stays as unapplied credit. Post anyway?');
  expect(await balance(app.backend, accountId)).toBe(299_300);
  await expect(over.getByRole('button', { name: 'Post anyway' })).toBeFocused();
  await page.screenshot({ path: test.info().outputPath('over-balance-1280.png') });
  // Esc (or Change the amount) goes back to the amount, selected: the clerk retypes it and asks again.
  await keys.press('Escape');
  await expect(over).toBeHidden();
  await expect(dialog.getByLabel('Amount received')).toBeFocused();
  await keys.type('10000');
  await keys.press('Enter');
  await expect(over).toBeVisible();
  await keys.press('Enter');
  await expect(page.getByTestId('receipt-amount')).toHaveText('$10,000.00');
  expect(await balance(app.backend, accountId)).toBe(299_300 - 1_000_000);

  expect(await page.evaluate(() => (window as unknown as { mouseEvents: number }).mouseEvents)).toBe(0);
  test.info().annotations.push({ type: 'keystrokes', description: `invoice ${invoiceKeys}, payment ${paymentKeys}` });
  console.log(`keystrokes: two-line invoice posted ${invoiceKeys}, payment posted ${paymentKeys}`);
});

test('a half-typed invoice left through the sidebar asks, is kept as a draft and comes back line for line', async ({ app, page }) => {
  test.slow();
  const accountId = await seed(app.backend);
  await app.open(page);
  await signInByKeys(page);
  await page.goto(`${app.url}#/accounts/${accountId}`);
  await expect(page.getByTestId('account-balance')).toHaveText('$2,935.00');
  await page.keyboard.press('n');
  await expect(page.getByRole('combobox', { name: 'Line 1 code' })).toBeFocused();
  await page.keyboard.type('99214');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.keyboard.type('3');
  for (let i = 0; i < 4; i++) await page.keyboard.press('Enter');
  await page.keyboard.type('80053');
  await page.keyboard.press('Enter');
  await page.getByRole('textbox', { name: 'Line 2 discount', exact: true }).fill('10');
  await page.getByRole('textbox', { name: 'Memo' }).fill('Sports physicals for the spring team');
  // Links and buttons are reached and pressed from the keyboard here too (Tab would take a few more keys).
  await page.getByRole('button', { name: 'Add line' }).press('Enter');
  // "Add line" puts the cursor in the new line; this one stays incomplete (no description).
  await expect(page.getByRole('combobox', { name: 'Line 3 code' })).toBeFocused();
  await page.keyboard.type('ZZ9');
  // Kept as a draft while typing, before anyone leaves; the incomplete line is named.
  await expect(page.getByTestId('invoice-kept')).toContainText('Kept as a draft');
  await expect(page.getByTestId('invoice-kept')).toContainText('not line 3: incomplete');
  await page.screenshot({ path: test.info().outputPath('editor-kept-1280.png') });

  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Aging' }).press('Enter');
  const ask = page.getByRole('dialog', { name: 'Leave this invoice?' });
  await expect(ask).toContainText('kept as a draft');
  await expect(ask).toContainText('Line 3 is not complete');
  await page.screenshot({ path: test.info().outputPath('leave-invoice-1280.png') });
  // Staying keeps everything on screen.
  await ask.getByRole('button', { name: 'Stay' }).press('Enter');
  await expect(page.getByRole('combobox', { name: 'Line 3 code' })).toHaveValue('ZZ9');
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Aging' }).press('Enter');
  await expect(ask.getByRole('button', { name: 'Keep as draft and leave' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/aging/);

  // The backend holds the draft: the two complete lines, the discount and the memo.
  const drafts = await must(app.backend, SEED, 'invoices.list', { accountId, status: 'draft', limit: 10 });
  expect(drafts.total).toBe(1);
  const draft = await must(app.backend, SEED, 'invoices.get', { invoiceId: drafts.rows[0]!.id });
  expect(draft.lines.map((l) => [l.itemCode, l.quantityMilli, l.discount])).toEqual([
    ['99214', 3000, null],
    ['80053', 1000, { kind: 'percent', basisPoints: 1000 }],
  ]);
  expect(draft.memo).toBe('Sports physicals for the spring team');
  // 3 x $210.00 + $42.00 less 10% = $667.80
  expect(draft.totalCents).toBe(66_780);

  // Listed on the account with who and when, and on the landing page under Your drafts.
  await page.goto(`${app.url}#/accounts/${accountId}`);
  await expect(page.getByTestId(`draft-${draft.id}`)).toContainText('$667.80 · by Casey Morgan, changed');
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Accounts' }).press('Enter');
  const mine = page.getByRole('region', { name: 'Your drafts' });
  await expect(mine.getByTestId(`my-draft-${draft.id}`)).toContainText('Harborview Pediatrics · $667.80');
  await page.screenshot({ path: test.info().outputPath('your-drafts-1280.png') });
  await mine.getByRole('link', { name: 'Continue' }).press('Enter');

  // Continuing restores every kept line and field.
  await expect(page.getByRole('heading', { name: 'Draft invoice' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Line 1 code' })).toHaveValue('99214');
  await expect(page.getByRole('textbox', { name: 'Line 1 quantity' })).toHaveValue('3');
  await expect(page.getByRole('combobox', { name: 'Line 2 code' })).toHaveValue('80053');
  await expect(page.getByRole('textbox', { name: 'Line 2 discount', exact: true })).toHaveValue('10');
  await expect(page.getByRole('textbox', { name: 'Memo' })).toHaveValue('Sports physicals for the spring team');
  await expect(page.getByTestId('total-total')).toHaveText('$667.80');
  // Nothing changed this time: leaving does not ask.
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Aging' }).press('Enter');
  await expect(page).toHaveURL(/#\/aging/);
});

test('"?" lists every shortcut; a dialog with typed content asks before closing', async ({ app, page }) => {
  const accountId = await seed(app.backend);
  await app.open(page);
  await signInByKeys(page);
  await page.goto(`${app.url}#/accounts/${accountId}`);
  await expect(page.getByTestId('account-balance')).toHaveText('$2,935.00');
  await page.keyboard.press('Shift+Slash');
  const overlay = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  for (const s of Object.values(shortcuts)) await expect(overlay).toContainText(s.does);
  await expect(overlay.getByRole('table', { name: 'Keyboard shortcuts' })).toContainText('Ctrl+S');
  await page.screenshot({ path: test.info().outputPath('overlay-1280.png') });
  await page.keyboard.press('Escape');
  await expect(overlay).toBeHidden();

  await page.keyboard.press('p');
  const dialog = page.getByRole('dialog', { name: /Post payment/ });
  await page.keyboard.type('12.50');
  await page.keyboard.press('Escape');
  const ask = page.getByRole('dialog', { name: 'Leave without saving?' });
  await expect(ask).toBeVisible();
  await ask.getByRole('button', { name: 'Stay' }).press('Enter');
  await expect(dialog.getByLabel('Amount received')).toHaveValue('12.50');
  await page.keyboard.press('Escape');
  await expect(ask.getByRole('button', { name: 'Close without saving' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  expect(await balance(app.backend, accountId)).toBe(293_500);
});
