/** About Ledgerdesk, for the README tour (docs/tour, see ./shot.ts). */
import { signIn } from '../../test/kit/page';
import { expect, test } from '../fixtures/bridge';
import { officeWithStaff, seedAccounts } from '../fixtures/receivablesData';
import { shot } from './shot';

test('tour: about and diagnostics', async ({ app, page }) => {
  await officeWithStaff(app.backend);
  await seedAccounts(app.backend);
  await app.open(page);
  await signIn(page);
  await page.getByRole('button', { name: 'User menu' }).click();
  await page.getByRole('menuitem', { name: 'About Ledgerdesk' }).click();
  await expect(page.getByTestId('about-diagnostics')).toContainText('Schema version');
  await expect(page.getByTestId('about-version')).toBeVisible();
  await shot(page, '08-about');
});
