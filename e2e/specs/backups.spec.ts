/**
 * Settings › Backups (docs/backups.md): Back up now and the list, a failure shown with its reason, and
 * a restore after a confirmation that says what will happen (the store kept aside, everyone signed out).
 * In the bridge there are no native dialogs: the folder and file fields take typed paths.
 */
import fs from 'node:fs';
import path from 'node:path';
import { must, riverside, signInSession } from '../../test/kit';
import { signIn } from '../../test/kit/page';
import { expect, test } from '../fixtures/bridge';
import { officeWithStaff, seedAccounts, SEED, staff } from '../fixtures/receivablesData';

test('an administrator backs up now, sees it listed, and restores it after a confirmation that says what will happen', async ({ app, page }) => {
  await officeWithStaff(app.backend);
  await seedAccounts(app.backend);
  await app.open(page);
  await signIn(page);
  await page.goto(`${app.url}#/settings?tab=backups`);
  const status = page.getByText('Last backup').locator('..');
  await expect(status).toContainText('None yet');
  await expect(page.getByText('Suggested folder, on this computer')).toBeVisible();

  await page.getByRole('button', { name: 'Back up now' }).click();
  await expect(page.getByText('Backup written and verified')).toBeVisible();
  const list = page.getByRole('table', { name: 'Backups' });
  const row = list.getByRole('row').nth(1);
  await expect(row).toContainText('Verified');
  await expect(row).toContainText('Back up now');
  await expect(row).toContainText(/ledgerdesk-\d{8}-\d{6}\.ldkbak/);
  await expect(row).toContainText(/\d+\.\d KB/);
  await expect(status).not.toContainText('None yet');
  const file = fs.readdirSync(path.join(path.dirname(app.storePath), 'Backups')).find((f) => f.endsWith('.ldkbak'))!;

  // Work after the backup: the restore takes it back (it stays in the store kept aside).
  const before = await must(app.backend, SEED, 'accounts.list', {});
  await must(app.backend, SEED, 'accounts.create', { accountNumber: 'LATE-1', name: 'Entered After The Backup', kind: 'commercial' });

  await row.getByRole('button', { name: `Actions for ${file}` }).click();
  await page.getByRole('menuitem', { name: 'Restore…' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Restore the backup of');
  await expect(dialog).toContainText('First the whole backup is checked');
  await expect(dialog).toContainText('The current store is kept aside, with its anchor and key files, as');
  await expect(dialog).toContainText(path.join(path.dirname(app.storePath), 'store.before-restore-'));
  await expect(dialog).toContainText('Everyone is signed out, you included.');
  await dialog.getByRole('button', { name: 'Restore and sign everyone out' }).click();

  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByText('The store was restored from a backup')).toBeVisible();
  await signIn(page);
  await signInSession(app.backend, 'after-restore', riverside.username, riverside.password);
  const after = await must(app.backend, 'after-restore', 'accounts.list', {});
  expect(after.rows.map((a) => a.accountNumber)).toEqual(before.rows.map((a) => a.accountNumber));
  expect(fs.readdirSync(path.dirname(app.storePath)).some((f) => /^store\.before-restore-\d{8}-\d{6}\.ldk$/.test(f))).toBe(true);
});

test('a folder typed by hand that is not there: the backup fails and the list says why; a file that is not a backup is refused; clerks see no Backups tab', async ({
  app,
  page,
}) => {
  await officeWithStaff(app.backend);
  await app.open(page);
  await signIn(page);
  await page.goto(`${app.url}#/settings?tab=backups`);
  // No native dialog in the bridge: "Choose…" asks for the path typed.
  await page.getByRole('button', { name: 'Choose…' }).click();
  await expect(page.getByText('Type or paste the folder’s full path.')).toBeVisible();
  const missing = path.join(path.dirname(app.storePath), 'share-not-connected');
  await page.getByLabel('Backup folder').fill('relative/folder');
  await page.getByRole('button', { name: 'Save backup settings' }).click();
  await expect(page.getByText(/must be a full path/).first()).toBeVisible();
  await page.getByLabel('Backup folder').fill(missing);
  await page.getByRole('button', { name: 'Save backup settings' }).click();
  await expect(page.getByText('Backup settings saved.')).toBeVisible();
  await expect(page.getByText('The backup folder cannot be used now')).toBeVisible();

  await page.getByRole('button', { name: 'Back up now' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'The backup failed' })).toContainText('is not there');
  const row = page.getByRole('table', { name: 'Backups' }).getByRole('row').nth(1);
  await expect(row).toContainText('Failed');
  await expect(row).toContainText(`The backup folder ${missing} is not there`);

  await page.getByRole('button', { name: 'Restore from a file…' }).click();
  const dialog = page.getByRole('dialog');
  const notABackup = path.join(path.dirname(app.storePath), 'notes.ldkbak');
  fs.writeFileSync(notABackup, 'not a backup');
  await dialog.getByLabel('Backup file').fill(notABackup);
  await dialog.getByRole('button', { name: 'Continue' }).click();
  await expect(dialog).toContainText('no manifest beside it');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // A clerk has no Backups tab, and the backend refuses the endpoints anyway.
  await page.getByRole('button', { name: 'User menu' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await signIn(page, staff[0].username, staff[0].password);
  await page.goto(`${app.url}#/settings`);
  await expect(page.getByRole('tab', { name: 'Company' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Backups' })).toHaveCount(0);
  expect(await page.evaluate(() => window.api.backups.backUpNow())).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
});
