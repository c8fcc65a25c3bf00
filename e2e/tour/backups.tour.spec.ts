/** Settings › Backups and the restore confirmation, for the README tour (docs/tour, see ./shot.ts). */
import path from 'node:path';
import { systemActor } from '../../src-main/backend/context';
import { signIn } from '../../test/kit/page';
import { expect, test } from '../fixtures/bridge';
import { officeWithStaff, seedAccounts } from '../fixtures/receivablesData';
import { shot } from './shot';

test('tour: backups and a restore confirmation', async ({ app, page }) => {
  await officeWithStaff(app.backend);
  await seedAccounts(app.backend);
  // A history to show: a scheduled backup, one that met a share that was not connected, and one by hand.
  const backups = app.backend.services.backup;
  await backups.backUp('schedule', systemActor);
  await backups.updateSettings(systemActor, { folder: path.join(path.dirname(app.storePath), 'office-share') });
  await backups.backUp('schedule', systemActor).catch(() => undefined);
  await backups.updateSettings(systemActor, { folder: null });

  await app.open(page);
  await signIn(page);
  await page.goto(`${app.url}#/settings?tab=backups`);
  await page.getByRole('button', { name: 'Back up now' }).click();
  await expect(page.getByText('Backup written and verified')).toBeVisible();
  await page.getByRole('alert').filter({ hasText: 'Backup written and verified' }).getByRole('button').click();
  const list = page.getByRole('table', { name: 'Backups' });
  await expect(list.getByRole('row')).toHaveCount(4);
  await page.mouse.move(0, 0);
  await shot(page, '40-backups');

  await list
    .getByRole('row')
    .nth(1)
    .getByRole('button', { name: /^Actions for/ })
    .click();
  await page.getByRole('menuitem', { name: 'Restore…' }).click();
  await expect(page.getByRole('dialog')).toContainText('Everyone is signed out');
  await shot(page, '41-restore-confirmation');
});
