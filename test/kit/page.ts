/** Playwright only: what a person does on a page. */
import { expect, type Page } from '@playwright/test';
import { riverside } from './office';

/** Sign in through the sign-in screen (default: the office's administrator) and wait for the signed-in shell. */
export async function signIn(page: Page, username = riverside.username, password = riverside.password): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('status-user')).toBeVisible();
}
