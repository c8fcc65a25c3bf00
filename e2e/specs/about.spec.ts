/** The About / diagnostics page: what each role sees, the copied block (never customer data), the log folder. */
import { migrations } from '../../src-main/backend/db/migrations';
import { riverside } from '../../test/kit';
import { signIn } from '../../test/kit/page';
import { expect, test } from '../fixtures/bridge';
import { accountSeeds, officeWithStaff, seedAccounts, staff } from '../fixtures/receivablesData';

// The schema version is the newest migration's number; numbers may skip (one left unused), so it need not be the count.
const schema = `${Math.max(...migrations.map((m) => m.id))} (${migrations.length} of ${migrations.length} migrations applied)`;
/** Customer data the office has; none of it may be on the clipboard. */
const customerData = accountSeeds.flatMap((a) => [a.name, a.number, a.phone, ...(a.email ? [a.email] : []), a.street]);

test('an administrator sees versions, the store with its path, the last backup and the log folder, and copies them', async ({ app, page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.url).origin });
  await officeWithStaff(app.backend);
  await seedAccounts(app.backend);
  await app.open(page);
  await signIn(page);
  await page.getByRole('button', { name: 'User menu' }).click();
  await page.getByRole('menuitem', { name: 'About Ledgerdesk' }).click();
  await expect(page.getByRole('heading', { name: 'About Ledgerdesk' })).toBeVisible();

  const versions = page.getByRole('table', { name: 'Versions' });
  const browserVersion = context.browser()?.version() ?? '';
  await expect(page.getByTestId('about-version')).toHaveText('Version 0.1.0');
  await expect(versions.getByRole('row', { name: /^Chromium/ })).toContainText(browserVersion);
  await expect(versions.getByRole('row', { name: /^Node\.js/ })).toContainText(process.versions.node);
  await expect(versions.getByRole('row', { name: /^Electron/ })).toContainText('Not running in Electron');
  const store = page.getByRole('table', { name: 'Store' });
  await expect(store.getByRole('row', { name: /^Schema version/ })).toContainText(schema);
  await expect(store.getByRole('row', { name: /^Store size/ })).toContainText(/\d+\.\d (KB|MB)Store file [\d,]+ bytes \+ write-ahead log [\d,]+ bytes/);
  await expect(store.getByRole('row', { name: /^Location/ })).toContainText(app.storePath);
  await expect(store.getByRole('row', { name: /^Last backup/ })).toContainText('No backup yet');
  await expect(page.getByTestId('about-log-folder')).toHaveText(app.logFolder);

  await page.getByRole('button', { name: 'Copy diagnostics' }).click();
  await expect(page.getByText('Diagnostics copied')).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  const lines = copied.split('\n');
  expect(lines[0]).toBe('Ledgerdesk diagnostics');
  for (const expected of [
    `Chromium:         ${browserVersion}`,
    `Schema version:   ${schema}`,
    `Store path:       ${app.storePath}`,
    'Last backup:      No backup yet',
    `Log folder:       ${app.logFolder}`,
  ]) {
    expect(lines).toContain(expected);
  }
  // What is copied is what the page shows, and nothing of the office's customers or the office itself.
  const shown = ((await page.getByTestId('about-diagnostics').textContent()) ?? '').split('\n');
  expect(lines.filter((l) => !l.startsWith('Generated:'))).toEqual(shown.filter((l) => !l.startsWith('Generated:')));
  for (const secret of [...customerData, riverside.companyName, riverside.displayName]) expect(copied).not.toContain(secret);

  await page.getByRole('button', { name: 'Open log folder' }).click();
  await expect.poll(() => app.openedFolders).toEqual([app.logFolder]);
});

test("a clerk sees the page without the store's path, in the page and in the copied block", async ({ app, page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.url).origin });
  await officeWithStaff(app.backend);
  await app.open(page);
  const clerk = staff[0];
  await signIn(page, clerk.username, clerk.password);
  await page.getByRole('button', { name: 'User menu' }).click();
  await page.getByRole('menuitem', { name: 'About Ledgerdesk' }).click();

  const store = page.getByRole('table', { name: 'Store' });
  await expect(store.getByRole('row', { name: /^Location/ })).toContainText('Shown to administrators only');
  await expect(store.getByRole('row', { name: /^Schema version/ })).toContainText(schema);
  await page.getByRole('button', { name: 'Copy diagnostics' }).click();
  await expect(page.getByText('Diagnostics copied')).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain('Store path:       Shown to administrators only');
  expect(copied).not.toContain(app.storePath);
  await expect(page.getByText(app.storePath)).toHaveCount(0);
});

test('without clipboard access the block is offered in a text box to copy by hand', async ({ app, page }) => {
  // As Chromium answers when the permission is denied (the app's permission handler, or a policy).
  await page.addInitScript(() => {
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText: () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError')) },
    });
  });
  await officeWithStaff(app.backend);
  await app.open(page);
  await signIn(page);
  await page.goto(`${app.url}#/about`);
  await page.getByRole('button', { name: 'Copy diagnostics' }).click();
  const dialog = page.getByRole('dialog', { name: 'Copy diagnostics' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('textbox')).toHaveValue(/^Ledgerdesk diagnostics\n/);
  await expect(dialog.getByRole('textbox')).toHaveValue(new RegExp(`Store path: +${app.storePath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
});
