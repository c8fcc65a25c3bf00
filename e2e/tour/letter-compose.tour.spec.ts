/** Writing one letter for the README tour (docs/tour, see ./shot.ts): a clerk's letter from an account, merged and edited. */
import { must } from '../../test/kit';
import { signIn } from '../../test/kit/page';
import { expect, test } from '../fixtures/bridge';
import { letterhead } from '../fixtures/documentsData';
import { SEED, seedOffice } from '../fixtures/receivablesData';
import { shot } from './shot';

test('tour: a clerk writes a letter from an account', async ({ app, page }) => {
  const { today } = await seedOffice(app.backend);
  await must(app.backend, SEED, 'documents.updateSettings', { letterhead });
  const reminder = (await must(app.backend, SEED, 'letters.templates.list', undefined)).find((t) => t.key === 'friendly-reminder')!;
  const summary = await must(app.backend, SEED, 'aging.summary', { asOf: today, sort: 'pastDue' });
  let target: { id: number; name: string } | null = null;
  for (const row of summary.rows) {
    if (row.accountKind !== 'consumer' || row.buckets.slice(1).every((c) => c === 0)) continue;
    const c = await must(app.backend, SEED, 'letters.compose', { accountId: row.accountId, templateId: reminder.id });
    if (c.check.allowed && c.missing.length === 0) {
      target = { id: row.accountId, name: row.accountName };
      break;
    }
  }
  if (!target) throw new Error('no consumer account a reminder can go to');

  await page.setViewportSize({ width: 1360, height: 1250 });
  await app.open(page);
  await signIn(page, 'casey', 'clerk-pass-1');
  await page.goto(`${app.url}#/accounts/${target.id}?tab=documents`);
  await page.getByRole('button', { name: 'Write a letter' }).click();
  const dialog = page.getByRole('dialog', { name: `Write a letter to ${target.name}` });
  await dialog.getByLabel('Template').click();
  await page.getByRole('option', { name: 'Friendly reminder (Collection letter)' }).click();
  const editor = dialog.getByRole('textbox', { name: 'Letter text' });
  // A sentence of this letter's own, in a paragraph before the closing.
  await editor.getByText('Sincerely,').click();
  await page.keyboard.press('Home');
  await page.keyboard.type('We know the past months were busy; a partial payment now is welcome too.');
  await page.keyboard.press('Enter');
  await expect(editor).toContainText('a partial payment now is welcome too.');
  await shot(page, '61-write-a-letter');
});
