/** The letter template library (Letters › Templates) against a real backend: edit, version, fields, roles. */
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/bridge';
import { must } from '../../test/kit';
import { signIn } from '../../test/kit/page';
import { companyForSeeding } from '../support/receivables';

async function asSupervisor(app: { backend: Parameters<typeof companyForSeeding>[0]; open(page: Page): Promise<void>; url: string }, page: Page) {
  const { session } = await companyForSeeding(app.backend);
  await must(app.backend, session, 'users.create', { username: 'sam', displayName: 'Sam Ortiz', role: 'supervisor', password: 'super-pass-1' });
  await app.open(page);
  await signIn(page, 'sam', 'super-pass-1');
  await page.goto(`${app.url}#/letters?tab=templates`);
  return session;
}

const templateId = async (b: Parameters<typeof companyForSeeding>[0], session: string, key: string) => {
  const t = (await must(b, session, 'letters.templates.list', undefined)).find((x) => x.key === key);
  if (!t) throw new Error(`no template ${key}`);
  return t.id;
};

test('a supervisor adds a merge field from the picker, saves version 2, and reads version 1 unchanged', async ({ app, page }) => {
  const session = await asSupervisor(app, page);
  await page.getByRole('button', { name: /Friendly reminder/ }).click();
  await expect(page.getByRole('heading', { name: 'Friendly reminder' })).toBeVisible();

  const body = page.getByRole('textbox', { name: 'Letter body' });
  await body.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Please quote account ');
  await page.getByRole('button', { name: 'Insert a merge field in the letter body' }).click();
  await page.getByRole('menuitem', { name: /^Account number/ }).click();
  // Typing goes on where the field went in: focus is back in the body, not on the picker's button.
  await expect(body).toBeFocused();
  await page.keyboard.type(' when you pay.');
  await expect(body).toContainText('Please quote account {{accountNumber}} when you pay.');
  // The subject takes fields from the same list.
  const subject = page.getByRole('textbox', { name: 'Subject' });
  await subject.fill('Reminder for ');
  await page.getByRole('button', { name: 'Insert a merge field in the subject' }).click();
  await page.getByRole('menuitem', { name: /^Account name/ }).click();
  await expect(subject).toHaveValue('Reminder for {{accountName}}');

  await page.getByRole('button', { name: 'Save as version 2' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Saved as version 2' })).toContainText('Nothing was removed.');
  const history = page.getByTestId('template-versions');
  await expect(history.getByRole('row').nth(1)).toContainText(/^2\s*Current.*Sam Ortiz/);
  await expect(history.getByRole('row').nth(2)).toContainText(/^1.*Ledgerdesk \(automatic\)/);
  await expect(page.getByRole('button', { name: 'Save as version 3' })).toBeVisible();

  const id = await templateId(app.backend, session, 'friendly-reminder');
  const stored = await must(app.backend, session, 'letters.templates.get', { templateId: id });
  expect(stored.currentVersion).toBe(2);
  expect(stored.versions[0]).toMatchObject({ version: 2, subject: 'Reminder for {{accountName}}', createdBy: 'sam' });
  expect(stored.versions[0]?.bodyHtml).toContain('<p>Please quote account {{accountNumber}} when you pay.</p>');
  expect(stored.versions[1]?.bodyHtml).not.toContain('Please quote');

  // An older version opens read-only, without the new sentence.
  await page.getByRole('button', { name: 'View version 1' }).click();
  const dialog = page.getByRole('dialog', { name: 'Version 1 (read-only)' });
  const old = dialog.getByRole('textbox', { name: 'Body of version 1' });
  await expect(old).toContainText('{{contactName}}');
  await expect(old).not.toContainText('Please quote');
  await expect(old).toHaveAttribute('contenteditable', 'false');
  await expect(dialog.getByRole('button', { name: 'Insert a merge field in the body of version 1' })).toHaveCount(0);
  // Copying it back makes it the draft of version 3; nothing is saved until asked.
  await dialog.getByRole('button', { name: 'Copy into the editor' }).click();
  await expect(body).not.toContainText('Please quote');
  await expect(subject).toHaveValue(stored.versions[1]?.subject ?? '');
  expect((await must(app.backend, session, 'letters.templates.get', { templateId: id })).currentVersion).toBe(2);
});

test('a misspelt field typed into the body is refused, naming it and the field meant', async ({ app, page }) => {
  const session = await asSupervisor(app, page);
  await page.getByRole('button', { name: /Second notice/ }).click();
  const body = page.getByRole('textbox', { name: 'Letter body' });
  await body.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Your account {{acountNumber}} is past due.');
  // The editor marks it before the save does: red, with the reason as its tooltip.
  await expect(body.locator('.ld-letter-field-unknown')).toHaveText('{{acountNumber}}');
  await expect(body.locator('.ld-letter-field-unknown')).toHaveAttribute('title', '{{acountNumber}} is not a merge field');
  await expect(body.getByTitle('Contact name', { exact: true })).toHaveText('{{contactName}}');
  await page.getByRole('button', { name: 'Save as version 2' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Not saved' })).toContainText(
    '{{acountNumber}} is not a merge field (did you mean {{accountNumber}}?)',
  );
  const stored = await must(app.backend, session, 'letters.templates.get', { templateId: await templateId(app.backend, session, 'second-notice') });
  expect(stored.currentVersion).toBe(1);

  // The refused draft is still only on screen: opening another template asks before dropping it.
  await page.getByRole('button', { name: /^Final demand/ }).click();
  const ask = page.getByRole('dialog', { name: 'Discard the changes?' });
  await ask.getByRole('button', { name: 'Keep editing' }).click();
  await expect(body).toContainText('Your account {{acountNumber}} is past due.');
  await page.getByRole('button', { name: /^Final demand/ }).click();
  await ask.getByRole('button', { name: 'Discard changes' }).click();
  await expect(page.getByRole('heading', { name: 'Final demand', level: 4 })).toBeVisible();
  await page.getByRole('button', { name: /^Second notice/ }).click();
  await expect(page.getByRole('heading', { name: 'Second notice', level: 4 })).toBeVisible();
  await expect(body).not.toContainText('acountNumber');
});

test('the validation notice opens and saves with its tables, alignment and nested lists intact', async ({ app, page }) => {
  const session = await asSupervisor(app, page);
  await expect(page.getByRole('group', { name: 'Validation notice' })).toContainText('For offices that collect as third parties (Regulation F Model Form B-1)');
  await page.getByRole('button', { name: /^Validation notice/ }).click();
  const body = page.getByRole('textbox', { name: 'Letter body' });
  await expect(body.locator('table')).toHaveCount(2);
  await body.getByText('Contact us about your payment options.').click();
  await page.keyboard.press('End');
  await page.keyboard.type(' Call {{companyPhone}}.');
  await page.getByRole('button', { name: 'Save as version 2' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Saved as version 2' })).toContainText('Nothing was removed.');
  const stored = await must(app.backend, session, 'letters.templates.get', { templateId: await templateId(app.backend, session, 'validation-notice') });
  const html = stored.versions[0]?.bodyHtml ?? '';
  // sanitize-html writes styles without the space; the substance is what the default said.
  expect(html.match(/<table style="width:100%"><tbody><tr>/g)).toHaveLength(2);
  expect(html.match(/<td style="text-align:right">/g)).toHaveLength(5);
  expect(html).toContain('<td><p>{{companyName}}<br />{{companyAddress}}<br />{{companyPhone}}</p></td>');
  expect(html).toContain('<li><p>☐ This is not my debt.</p></li>');
  expect(html).toContain('Contact us about your payment options. Call {{companyPhone}}.');
});

test('a new template is made at version 1, then deactivated; a clerk has no Templates tab', async ({ app, page }) => {
  const session = await asSupervisor(app, page);
  await page.getByRole('button', { name: 'New template' }).click();
  await page.getByRole('textbox', { name: 'Key' }).fill('balance-reminder');
  await page.getByRole('textbox', { name: 'Name' }).fill('Balance reminder');
  await page.getByRole('combobox', { name: 'Purpose' }).click();
  await page.getByRole('option', { name: 'Confirmations' }).click();
  await page.getByRole('textbox', { name: 'Subject' }).fill('Your balance');
  await page.getByRole('textbox', { name: 'Letter body' }).click();
  await page.keyboard.type('Your balance is ');
  await page.getByRole('button', { name: 'Insert a merge field in the letter body' }).click();
  await page.getByRole('menuitem', { name: /^Total due/ }).click();
  await page.getByRole('button', { name: 'Insert open items table' }).click();
  await page.getByRole('button', { name: 'Create template' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Saved as version 1' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Balance reminder' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Confirmations' }).getByRole('button', { name: /Balance reminder/ })).toBeVisible();
  const id = await templateId(app.backend, session, 'balance-reminder');
  const made = await must(app.backend, session, 'letters.templates.get', { templateId: id });
  expect(made).toMatchObject({ purpose: 'confirmation', active: true, currentVersion: 1 });
  expect(made.versions[0]?.bodyHtml).toBe('<p>Your balance is {{totalDue}}</p><p>{{openItems}}</p><p></p>');

  await page.getByRole('button', { name: 'Deactivate' }).click();
  await expect(page.getByRole('group', { name: 'Confirmations' }).getByRole('button', { name: /Balance reminder/ })).toContainText('Inactive');
  expect((await must(app.backend, session, 'letters.templates.get', { templateId: id })).active).toBe(false);

  await must(app.backend, session, 'users.create', { username: 'casey', displayName: 'Casey Morgan', role: 'clerk', password: 'clerk-pass-1' });
  await page.getByRole('button', { name: 'User menu' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await signIn(page, 'casey', 'clerk-pass-1');
  await page.goto(`${app.url}#/letters?tab=templates`);
  await expect(page.getByRole('heading', { name: 'Letters' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Templates' })).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: 'Letter body' })).toHaveCount(0);
});
