/** A screenshot of every foundation screen, for the README tour (docs/tour, see ./shot.ts) and for review. */
import { expect, test } from '../fixtures/bridge';
import { officeWithStaff } from '../fixtures/receivablesData';
import { shot } from './shot';

test('tour: foundation screens', async ({ app, page }) => {
  await app.open(page);
  await expect(page.getByRole('heading', { name: 'Set up your office' })).toBeVisible();
  await shot(page, '01-first-run');

  await officeWithStaff(app.backend);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.getByLabel('User name').fill('admin');
  await page.getByLabel('Password', { exact: true }).fill('wrong-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await shot(page, '02-sign-in-error');
  await page.getByLabel('Password', { exact: true }).fill('admin-pass-1');
  await page.getByRole('button', { name: 'Sign in' }).click();

  await page.goto(`${app.url}#/users`);
  await expect(page.getByTestId('user-row-casey')).toBeVisible();
  await shot(page, '03-users');
  await page.getByRole('button', { name: 'Add user' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await shot(page, '04-add-user');
  await page.keyboard.press('Escape');

  await page.goto(`${app.url}#/settings`);
  await expect(page.getByLabel('Company name')).toHaveValue('Riverside Medical Billing');
  await shot(page, '05-settings-company');
  await page.getByRole('tab', { name: 'Audit log' }).click();
  await page.getByRole('button', { name: 'Verify chain' }).click();
  await expect(page.getByTestId('audit-chain')).toContainText(/Chain intact: \d+ records verified/);
  // Records in words (src-shared/domain/audit-words.ts), as the audit trail workbook has them: people by name.
  await expect(page.getByTestId('audit-log').getByText('User Sam Patel created')).toBeVisible();
  await shot(page, '06-settings-audit');

  await page.getByRole('button', { name: 'User menu' }).click();
  await page.getByRole('menuitem', { name: 'Lock' }).click();
  await expect(page.getByRole('heading', { name: 'Session locked' })).toBeVisible();
  await shot(page, '07-locked');
});
