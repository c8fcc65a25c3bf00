/**
 * Tour of the "Moving in" screens (issue 14, docs/moving-in.md), over the demo company: a standalone credit
 * note by lines, a payments file imported as in the file, opening balances with their cut-over date, the
 * aging's credit presentation in Settings and on the Aging screen, and the QuickBooks journal's account names.
 * The files are written here from the demo's own accounts and open invoices, read through window.api.
 */
import type { Locator, Page } from '@playwright/test';
import { addDays } from '../../src-shared/dates';
import { must } from '../../test/kit';
import { signIn } from '../../test/kit/page';
import { expect, test } from '../fixtures/bridge';
import { screenshots, shotPath, smallScreen } from './shot';
import { centsToDecimalString } from '../../src-shared/money';

/** Both sizes (shot.ts `screenshots`); with `endOn`, the page is scrolled to show it at the bottom before each. */
const shot = async (page: Page, name: string, endOn?: Locator) => {
  // Toasts from earlier steps would cover the header.
  for (const close of await page.locator('.mantine-Notification-closeButton').all()) await close.click().catch(() => undefined);
  await expect(page.locator('.mantine-Notification-root')).toHaveCount(0);
  // No focus ring or hover left from the last step.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.mouse.move(0, 0);
  if (!endOn) return screenshots(page, name);
  // To the element, then to the page's end, which keeps the bottom clear of the status bar.
  const toEnd = () =>
    endOn.evaluate((el) => {
      el.scrollIntoView({ block: 'end' });
      window.scrollTo(0, document.documentElement.scrollHeight);
    });
  await toEnd();
  await page.screenshot({ path: shotPath(name) });
  const size = page.viewportSize();
  await page.setViewportSize(smallScreen);
  await toEnd();
  await expect(endOn).toBeInViewport();
  await page.screenshot({ path: shotPath(`${smallScreen.width}x${smallScreen.height}/${name}`) });
  if (size) await page.setViewportSize(size);
};

const money = (cents: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(cents / 100);
const plain = centsToDecimalString;

interface OpenInvoice {
  accountId: number;
  accountNumber: string;
  accountName: string;
  documentId: number;
  number: string;
  openCents: number;
}

/** Open invoices of the demo's commercial accounts, by account, the accounts with most open invoices first. */
async function openInvoicesByAccount(page: Page): Promise<OpenInvoice[][]> {
  const rows = await page.evaluate(async () => {
    const r = await window.api.aging.detail({});
    if (!r.ok) throw new Error(r.error.message);
    return r.value.rows;
  });
  const byAccount = new Map<number, OpenInvoice[]>();
  for (const r of rows) {
    if (r.kind !== 'invoice' || r.number === null || r.openCents < 5_000 || r.accountKind !== 'commercial') continue;
    const list = byAccount.get(r.accountId) ?? [];
    list.push({
      accountId: r.accountId,
      accountNumber: r.accountNumber,
      accountName: r.accountName,
      documentId: r.documentId,
      number: r.number,
      openCents: r.openCents,
    });
    byAccount.set(r.accountId, list);
  }
  return [...byAccount.values()].sort((a, b) => b.length - a.length || a[0]!.accountNumber.localeCompare(b[0]!.accountNumber));
}

test('tour: moving in: credit notes, imports as in the file, opening balances, aging presentation, QuickBooks', async ({ app, page }) => {
  test.setTimeout(300_000);
  await must(app.backend, 'tour-admin', 'app.openDemo', undefined);
  await app.open(page);
  await signIn(page, 'supervisor', 'riverside-supervisor');
  const today = await page.evaluate(async () => {
    const r = await window.api.aging.summary({ limit: 1 });
    if (!r.ok) throw new Error(r.error.message);
    return r.value.asOf;
  });
  const accounts = await openInvoicesByAccount(page);
  const [busy, second, third] = accounts;
  expect(busy!.length).toBeGreaterThanOrEqual(2);

  // 42: a standalone credit note by lines, on an account, for no invoice: it stays unapplied credit.
  const creditFor = third![0]!;
  const invoice = await page.evaluate(async (invoiceId) => {
    const r = await window.api.invoices.get({ invoiceId });
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  }, creditFor.documentId);
  const line = invoice.lines[0]!;
  await page.goto(`${app.url}#/accounts/${creditFor.accountId}`);
  await expect(page.getByTestId('account-name')).toHaveText(creditFor.accountName);
  await page.getByRole('button', { name: 'More' }).click();
  await page.getByRole('menuitem', { name: 'New credit note…' }).click();
  const dialog = page.getByRole('dialog', { name: /New credit note/ });
  await dialog.getByRole('textbox', { name: 'Reason' }).fill('Services billed twice in the old system');
  await dialog.getByText('Lines', { exact: true }).click();
  await dialog.getByRole('textbox', { name: 'Line 1 code' }).fill(line.itemCode);
  await dialog.getByRole('textbox', { name: 'Line 1 description' }).fill(`${line.description}, billed twice`);
  await dialog.getByRole('textbox', { name: 'Line 1 quantity' }).fill('1');
  await dialog.getByRole('textbox', { name: 'Line 1 unit price' }).fill(plain(line.unitPriceCents));
  await dialog.getByRole('textbox', { name: 'Line 1 tax rate' }).fill(String(line.taxRateBp / 100));
  await dialog.getByRole('button', { name: 'Add line' }).click();
  await dialog.getByRole('textbox', { name: 'Line 2 code' }).fill('ADJ-GOODWILL');
  await dialog.getByRole('textbox', { name: 'Line 2 description' }).fill('Goodwill for the duplicate statement');
  await dialog.getByRole('textbox', { name: 'Line 2 quantity' }).fill('1');
  await dialog.getByRole('textbox', { name: 'Line 2 unit price' }).fill('15.00');
  await dialog.getByRole('textbox', { name: 'Line 2 tax rate' }).fill('0');
  const lineTax = Math.round((line.unitPriceCents * line.taxRateBp) / 10_000);
  const creditCents = line.unitPriceCents + lineTax + 1_500;
  await expect(dialog.getByTestId('credit-note-total')).toContainText(money(creditCents));
  await expect(dialog.getByTestId('credit-note-total')).toContainText('unapplied credit on the account');
  await shot(page, '42-credit-note-dialog');

  // 43: posted, left as unapplied credit, with "Apply to invoices" at hand.
  await dialog.getByRole('button', { name: 'Post credit note' }).click();
  await page.getByRole('dialog', { name: 'Post this credit note?' }).getByRole('button', { name: 'Post credit note' }).click();
  const posted = page.getByTestId('credit-note-posted');
  await expect(posted.getByTestId('credit-note-number')).toHaveText(/CN-\d+/);
  await expect(posted).toContainText(`${money(creditCents)} of it is unapplied credit`);
  await expect(posted.getByRole('button', { name: 'Apply to invoices' })).toBeVisible();
  await shot(page, '43-credit-note-posted');
  await page.keyboard.press('Escape');

  // 44: a lockbox file as in the file: one check over two invoices with some left over, one on account.
  const [a, b] = busy!;
  const other = second![0]!;
  const ymd = today.replace(/-/g, '');
  const appliedA = Math.min(a!.openCents, 12_500);
  const appliedB = Math.min(b!.openCents, 8_000);
  const checkCents = appliedA + appliedB + 4_000;
  const payments = [
    'payment_reference,account_number,payment_date,amount,check_number,invoice_number,applied_amount,memo',
    `LBX-${ymd}-001,${a!.accountNumber},${today},${plain(checkCents)},30418,${a!.number},${plain(appliedA)},Lockbox batch 22`,
    `LBX-${ymd}-001,${a!.accountNumber},${today},${plain(checkCents)},30418,${b!.number},${plain(appliedB)},Lockbox batch 22`,
    `LBX-${ymd}-002,${other.accountNumber},${today},250.00,7712,,,Deposit toward next quarter`,
  ].join('\r\n');
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Import' }).click();
  await page.getByRole('radio', { name: /Payments/ }).click();
  await page.getByRole('radio', { name: /As in the file/ }).check();
  await page.locator('input[type=file]').setInputFiles({ name: 'lockbox-batch-22.csv', mimeType: 'text/csv', buffer: Buffer.from(`${payments}\r\n`) });
  await expect(page.getByTestId('import-status')).toContainText('Ready to post');
  await expect(page.getByTestId('import-count-to-post')).toHaveText('2');
  await page.getByRole('tab', { name: 'Applied and unapplied' }).click();
  await expect(page.getByTestId('import-applied-totals')).toHaveText(
    `${money(appliedA + appliedB)} applied to invoices; ${money(4_000 + 25_000)} stays on the accounts as unapplied credit.`,
  );
  await expect(page.getByTestId('import-allocations').locator('[role=row][aria-rowindex]')).toHaveCount(3);
  await shot(page, '44-import-payments-as-in-file');
  await page.getByRole('button', { name: /^Post/ }).click();
  await expect(page.getByTestId('import-result')).toContainText('Posted 2 payments');

  // 45: opening balances from the old system, as of a cut-over date: invoices partly paid and an open credit.
  const cutOver = addDays(today, -3);
  const openItems = [
    'document_number,account_number,kind,document_date,due_date,original_amount,open_amount,description',
    `OLD-40117,${a!.accountNumber},invoice,${addDays(cutOver, -52)},${addDays(cutOver, -22)},1840.00,640.00,Billing services (old system)`,
    `OLD-40182,${a!.accountNumber},invoice,${addDays(cutOver, -20)},${addDays(cutOver, 10)},925.50,925.50,Claims follow-up (old system)`,
    `OLD-40203,${other.accountNumber},invoice,${addDays(cutOver, -95)},${addDays(cutOver, -65)},2310.00,410.00,Coding review (old system)`,
    `OLD-CM-118,${other.accountNumber},credit,${addDays(cutOver, -40)},,150.00,150.00,Credit memo for a returned claim`,
    `OLD-40236,${creditFor.accountNumber},invoice,${addDays(cutOver, -8)},${addDays(cutOver, 22)},480.00,480.00,Statement mailing (old system)`,
  ].join('\r\n');
  await page.getByRole('button', { name: 'Import another file' }).click();
  await page.getByRole('radio', { name: /Opening balances/ }).click();
  const cutOverField = page.getByRole('textbox', { name: 'Cut-over date' });
  await cutOverField.fill(cutOver);
  await cutOverField.press('Tab');
  await page.locator('input[type=file]').setInputFiles({ name: 'open-items-at-cut-over.csv', mimeType: 'text/csv', buffer: Buffer.from(`${openItems}\r\n`) });
  await expect(page.getByTestId('import-status')).toContainText('Ready to post');
  await expect(page.getByTestId('import-count-to-post')).toHaveText('5');
  await shot(page, '45-import-open-items');

  // 46: Settings › Aging: open credits aged in the buckets, prepayments apart.
  await page.goto(`${app.url}#/settings?tab=aging`);
  const preview = page.getByTestId('aging-credit-preview');
  await expect(preview).toContainText('under Unapplied');
  await page.getByText('Aged in the buckets').click();
  await expect(page.getByText('Age credits by')).toBeVisible();
  await page.getByRole('switch', { name: 'Keep prepayments apart' }).check();
  await expect(preview).toContainText('under Prepayments');
  // The page scrolled to its end at both sizes: the options, the preview sentence and Save in view.
  await shot(page, '46-aging-settings-presentation', page.getByRole('button', { name: 'Save aging settings' }));
  await page.getByRole('button', { name: 'Save aging settings' }).click();
  await expect(page.getByText('Aging settings saved')).toBeVisible();

  // 47: the Aging screen follows: credits aged as negative amounts, payments on account under Prepayments.
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Aging' }).click();
  const grid = page.getByTestId('aging-summary');
  await expect(grid.getByRole('columnheader', { name: 'Prepayments' })).toBeVisible();
  await expect(grid.getByRole('columnheader', { name: 'Unapplied' })).toHaveCount(0);
  await expect(page.getByTestId('aging-prepayments')).toHaveText(/^-\$/);
  await expect(grid.getByRole('row', { name: 'Totals' })).toBeVisible();
  // The accounts with money kept apart first: the most negative prepayments on top.
  await grid.getByRole('columnheader', { name: 'Prepayments' }).click();
  const prepaymentsCell = grid.locator('[role=row][aria-rowindex]').first().getByRole('gridcell').nth(8);
  await expect(prepaymentsCell).toHaveText(/^-\$/);
  await shot(page, '47-aging-credits-aged');

  // 48: Reports › QuickBooks journal, the account names open.
  await page.goto(`${app.url}#/reports?workbook=quickbooks`);
  await expect(page.getByRole('tab', { name: /^QuickBooks journal/ })).toHaveAttribute('aria-selected', 'true');
  await page.getByTestId('quickbooks-accounts-toggle').click();
  await expect(page.getByTestId('quickbooks-account-income')).toBeVisible();
  await expect(page.getByTestId('quickbooks-account-income')).not.toHaveValue('');
  await expect(page.getByRole('button', { name: 'Export for QuickBooks (IIF)' })).toBeEnabled();
  await shot(page, '48-quickbooks-journal');
});
