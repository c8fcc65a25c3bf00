/** Letters for the README tour (docs/tour, see ./shot.ts): the template library and its editor. */
import { must, signInSession } from '../../test/kit';
import { signIn } from '../../test/kit/page';
import { expect, test } from '../fixtures/bridge';
import { officeWithStaff, staff } from '../fixtures/receivablesData';
import { shot } from './shot';

test('tour: the letter template editor', async ({ app, page }) => {
  await officeWithStaff(app.backend);
  const sam = staff[1];
  await signInSession(app.backend, 'tour-sam', sam.username, sam.password);
  // A version before this one, so the history has a story: sam reworded the subject last time.
  const finalDemand = (await must(app.backend, 'tour-sam', 'letters.templates.list', undefined)).find((t) => t.key === 'final-demand');
  if (!finalDemand) throw new Error('the default templates were not seeded');
  const v1 = (await must(app.backend, 'tour-sam', 'letters.templates.get', { templateId: finalDemand.id })).versions[0];
  await must(app.backend, 'tour-sam', 'letters.templates.save', {
    templateId: finalDemand.id,
    name: finalDemand.name,
    purpose: finalDemand.purpose,
    subject: 'Final demand: account {{accountNumber}}',
    bodyHtml: v1?.bodyHtml ?? '',
  });

  // Tall enough for the whole editor with the saved notice and the history.
  await page.setViewportSize({ width: 1360, height: 1500 });
  await app.open(page);
  await signIn(page, sam.username, sam.password);
  await page.goto(`${app.url}#/letters?tab=templates`);
  await page.getByRole('button', { name: /^Final demand/ }).click();
  const body = page.getByRole('textbox', { name: 'Letter body' });
  await body.getByText('If you believe this balance is wrong').click();
  await page.keyboard.press('End');
  await page.keyboard.type(' You can reach ');
  await page.getByRole('button', { name: 'Insert a merge field in the letter body' }).click();
  await page.getByRole('menuitem', { name: /^Supervisor name/ }).click();
  await page.keyboard.type(' directly at {{companyPhone}}.');
  await page.getByRole('button', { name: 'Save as version 3' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Saved as version 3' })).toBeVisible();
  await expect(page.getByTestId('template-versions').getByRole('row')).toHaveCount(4);
  await shot(page, '60-letter-template-editor');
});
