/** Letters › Templates › Preview: the draft built as a letter to one account by documents.preview (nothing recorded). */
import type { Backend } from '../../src-main/backend';
import { expect, test } from '../fixtures/bridge';
import { must } from '../../test/kit';
import { signIn } from '../../test/kit/page';
import { letterhead } from '../fixtures/documentsData';
import { SEED, seedOffice } from '../fixtures/receivablesData';

const accountId = async (b: Backend, number: string) => {
  const hit = (await must(b, SEED, 'accounts.search', { query: number, limit: 5 })).find((a) => a.accountNumber === number);
  if (!hit) throw new Error(`no account ${number}`);
  return hit.id;
};

test('the draft previews as a letter to a chosen account, fields filled, nothing recorded', async ({ app, page }) => {
  await seedOffice(app.backend);
  await must(app.backend, SEED, 'documents.updateSettings', { letterhead });
  const lakeshore = await accountId(app.backend, 'C-2004');
  const archivedBefore = (await must(app.backend, SEED, 'documents.archiveList', { accountId: lakeshore })).length;
  await app.open(page);
  await signIn(page, 'sam', 'super-pass-1');
  await page.goto(`${app.url}#/letters?tab=templates`);
  await page.getByRole('button', { name: /^Friendly reminder/ }).click();
  await page.getByRole('textbox', { name: 'Letter body' }).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Please quote account {{accountNumber}} when you pay.');
  await page.getByRole('button', { name: 'Preview' }).click();
  const dialog = page.getByRole('dialog', { name: /^Preview/ });
  await dialog.getByRole('combobox', { name: 'Account' }).fill('C-2004');
  await page.getByRole('option', { name: /C-2004 · Lakeshore Family Practice/ }).click();
  const letter = dialog.frameLocator('iframe[title="Letter preview"]');
  await expect(letter.getByText('Please quote account C-2004 when you pay.')).toBeVisible();
  await expect(letter.getByText('Dear Dana Whitfield,')).toBeVisible();
  expect((await must(app.backend, SEED, 'documents.archiveList', { accountId: lakeshore })).length).toBe(archivedBefore);
});
