import { signIn } from '../../test/kit/page';
import { expect, test } from '../fixtures/bridge';

test('first run, sign-in, users and role enforcement', async ({ app, page }) => {
  await app.open(page);
  console.log(`renderer load: ${app.loadMs} ms`);

  // First run: create the company and its administrator.
  await expect(page.getByRole('heading', { name: 'Set up your office' })).toBeVisible();
  await page.getByLabel('Company name').fill('Riverside Medical Billing');
  await page.getByLabel('Your name').fill('Alex Admin');
  await page.getByLabel('User name').fill('alex');
  await page.getByLabel('Password', { exact: true }).fill('admin-pass-1');
  await page.getByLabel('Confirm password').fill('admin-pass-1');
  await page.getByRole('button', { name: 'Create company' }).click();
  await expect(page.getByTestId('status-user')).toContainText('Alex Admin');
  await expect(page.getByTestId('status-company')).toHaveText('Riverside Medical Billing');
  for (const section of ['Accounts', 'Aging', 'Worklist', 'Letters', 'Reports', 'Settings', 'Users']) {
    await expect(page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: section })).toBeVisible();
  }

  // Sign out, then a wrong password shows an error.
  await page.getByRole('button', { name: 'User menu' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.getByLabel('User name').fill('alex');
  await page.getByLabel('Password', { exact: true }).fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('user name or password is not correct');

  // Sign in and add a clerk.
  await page.getByLabel('Password', { exact: true }).fill('admin-pass-1');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Users' }).click();
  await page.getByRole('button', { name: 'Add user' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add user' });
  await dialog.getByLabel('Name', { exact: true }).fill('Casey Clerk');
  await dialog.getByLabel('User name').fill('casey');
  await dialog.getByLabel('Temporary password').fill('clerk-pass-1');
  await dialog.getByRole('button', { name: 'Add user' }).click();
  await expect(page.getByTestId('user-row-casey')).toContainText('Billing clerk');

  // Sign in as the clerk: no Users screen, and main refuses the endpoint.
  await page.getByRole('button', { name: 'User menu' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await signIn(page, 'casey', 'clerk-pass-1');
  await expect(page.getByTestId('status-user')).toContainText('Casey Clerk');
  const nav = page.getByRole('navigation', { name: 'Sections' });
  await expect(nav.getByRole('link', { name: 'Accounts' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Users' })).toHaveCount(0);
  const refused = await page.evaluate(() => window.api.users.list());
  expect(refused).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('clerk') } });
  const refusedCreate = await page.evaluate(() =>
    window.api.users.create({ username: 'mallory', displayName: 'M', role: 'administrator', password: 'password-1' }),
  );
  expect(refusedCreate.ok).toBe(false);
  // The refusal is in the audit log.
  const denied = await app.backend.services.audit.list({ limit: 10 });
  expect(denied.some((r) => r.action === 'permission.denied' && r.username === 'casey')).toBe(true);
});

test('malformed input is refused by main with a validation error', async ({ app, page }) => {
  await app.open(page);
  const r = await page.evaluate(() => (window.api.auth.signIn as (i: unknown) => Promise<unknown>)({ username: 42 }));
  expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
});
