/**
 * A letter run of the queue (docs/letters.md, The queue and letter runs) end to end: the stages queued
 * the Second notice for six accounts; a clerk selects every one in Letters › Queue and saves one PDF.
 * The PDF (pdfinfo, pdftotext) has one page per account that could get the letter, in postal-code
 * order; the two that could not (no address, a cease-communication request) are listed apart with the
 * reason, and their tasks stay in the queue.
 */
import { execFileSync } from 'node:child_process';
import { must } from '../../test/kit';
import { signIn } from '../../test/kit/page';
import { expect, test } from '../fixtures/bridge';
import { letterhead } from '../fixtures/documentsData';
import { companyForSeeding, daysFrom, postInvoice } from '../support/receivables';

const address = (line1: string, city: string, postalCode: string) => ({ line1, line2: '', city, state: 'IL', postalCode, country: 'US' });

test('a clerk produces the queue as one PDF: one page per letter in postal-code order, the skipped ones listed with reasons', async ({ app, page }) => {
  test.setTimeout(120_000);
  const { session, today } = await companyForSeeding(app.backend);
  await must(app.backend, session, 'users.create', { username: 'casey', displayName: 'Casey Morgan', role: 'clerk', password: 'clerk-pass-1' });
  await must(app.backend, session, 'documents.updateSettings', { letterhead });
  const people: [string, string, ReturnType<typeof address> | null][] = [
    ['Q-101', 'Morgan Ellis', address('14 Elm St', 'Springfield', '62704')],
    ['Q-102', 'Priya Natarajan', address('900 N Lake Shore Dr', 'Chicago', '60611')],
    ['Q-103', 'Daniel Okafor', address('77 River Rd', 'Peoria', '61602')],
    ['Q-104', 'Rosa Delgado', address('5 Main St', 'Naperville', '60540')],
    ['Q-105', 'Tom Becker', null],
    ['Q-106', 'Lena Fischer', address('31 Oak Ave', 'Evanston', '60201')],
  ];
  const ids = new Map<string, number>();
  for (const [accountNumber, name, billingAddress] of people) {
    const a = await must(app.backend, session, 'accounts.create', {
      accountNumber,
      name,
      kind: 'consumer',
      ...(billingAddress ? { billingAddress } : {}),
    });
    ids.set(accountNumber, a.id);
    await postInvoice(app.backend, session, a.id, 18_500, daysFrom(today, -75)); // due 45 days ago: the Second notice
  }
  await must(app.backend, session, 'stages.evaluate', { asOf: today });
  await must(app.backend, session, 'flags.set', { kind: 'cease_communication', accountId: ids.get('Q-106')!, reason: 'Written request received' });

  await app.open(page);
  await signIn(page, 'casey', 'clerk-pass-1');
  await page.goto(`${app.url}#/letters`);
  await expect(page.getByRole('tab', { name: 'Queue', selected: true })).toBeVisible();
  const grid = page.getByTestId('letter-queue-grid');
  await expect(grid.getByRole('row')).toHaveCount(7); // the header and six letters
  await expect(grid.getByRole('row', { name: /Tom Becker/ })).toContainText('No address');
  await expect(grid.getByRole('row', { name: /Lena Fischer/ })).toContainText('Blocked');
  await expect(grid.getByRole('row', { name: /Morgan Ellis/ })).toContainText('Second notice');

  // Every letter that can go, then the two that cannot too: they are listed apart, never dropped.
  await page.getByRole('checkbox', { name: 'Select every letter that can go' }).click();
  await expect(page.getByText('4 letters selected')).toBeVisible();
  await page.getByRole('checkbox', { name: 'Select Q-105' }).check();
  await page.getByRole('checkbox', { name: 'Select Q-106' }).check();
  await page.getByRole('checkbox', { name: 'Email where the account asked for it' }).uncheck();
  await page.getByRole('button', { name: 'Save one PDF' }).click();

  const result = page.getByTestId('letter-run-result');
  await expect(result).toContainText('Second notice: 4 letters sent', { timeout: 60_000 });
  const apart = result.getByRole('table', { name: 'Letters not sent' });
  await expect(apart.getByRole('row')).toHaveCount(3);
  await expect(apart.getByRole('row', { name: /Q-105 · Tom Becker/ })).toContainText('No mailing address on the account: missing street address');
  await expect(apart.getByRole('row', { name: /Q-106 · Lena Fischer/ })).toContainText('Cease communication (12 CFR 1006.6(c))');

  const file = app.savedFiles.at(-1)!;
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
  expect(pages).toBe(4);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  const at = (n: string) => text.indexOf(n);
  // Presort: 60540, 60611, 61602, 62704.
  expect(['Q-104', 'Q-102', 'Q-103', 'Q-101'].map(at).every((i, k, all) => i >= 0 && (k === 0 || i > all[k - 1]!))).toBe(true);
  expect(text).not.toContain('Q-105');
  expect(text).not.toContain('Q-106');

  // The letters closed their tasks: the queue keeps the two that did not go.
  await expect(grid.getByRole('row')).toHaveCount(3);
  const letters = await app.backend.ctx.db.selectFrom('letter').select(['account_id', 'channel']).execute();
  expect(letters.map((l) => l.channel)).toEqual(['pdf', 'pdf', 'pdf', 'pdf']);
  await page.screenshot({ path: test.info().outputPath('letter-run.png') });
});

test('a clerk skips a queued letter with a reason; a supervisor selects accounts ad hoc by kind and days past due', async ({ app, page }) => {
  test.setTimeout(90_000);
  const { session, today } = await companyForSeeding(app.backend);
  await must(app.backend, session, 'users.create', { username: 'casey', displayName: 'Casey Morgan', role: 'clerk', password: 'clerk-pass-1' });
  await must(app.backend, session, 'users.create', { username: 'sam', displayName: 'Sam Patel', role: 'supervisor', password: 'super-pass-1' });
  const mk = async (accountNumber: string, name: string, kind: 'consumer' | 'commercial', daysAgo: number) => {
    const a = await must(app.backend, session, 'accounts.create', { accountNumber, name, kind, billingAddress: address('1 Main St', 'Chicago', '60601') });
    await postInvoice(app.backend, session, a.id, 10_000, daysFrom(today, -daysAgo));
    return a;
  };
  await mk('S-201', 'Ada Long', 'consumer', 100); // 70 days past due
  await mk('S-202', 'Ben Short', 'consumer', 45); // 15 days past due
  await mk('S-203', 'Acme Dental', 'commercial', 100);
  await must(app.backend, session, 'stages.evaluate', { asOf: today });

  await app.open(page);
  await signIn(page, 'casey', 'clerk-pass-1');
  await page.goto(`${app.url}#/letters`);
  const grid = page.getByTestId('letter-queue-grid');
  await expect(grid.getByRole('row')).toHaveCount(4);
  await expect(page.getByRole('button', { name: 'Select accounts…' })).toHaveCount(0); // supervisors only
  await page.getByRole('checkbox', { name: 'Select S-202' }).check();
  await page.getByRole('button', { name: 'Skip…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Skip 1 letter' });
  await dialog.getByRole('textbox', { name: 'Reason' }).fill('Paid at the front desk this morning');
  await dialog.getByRole('button', { name: 'Skip letters' }).click();
  await expect(page.getByText('1 letter skipped.')).toBeVisible();
  await expect(grid.getByRole('row')).toHaveCount(3);
  await expect(grid.getByRole('row', { name: /Ben Short/ })).toHaveCount(0);
  const audit = await must(app.backend, session, 'audit.list', { limit: 20 });
  expect(audit.find((r) => r.action === 'letter.skip')?.after).toMatchObject({ reason: 'Paid at the front desk this morning' });

  await page.getByRole('button', { name: 'User menu' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await signIn(page, 'sam', 'super-pass-1');
  await page.goto(`${app.url}#/letters`);
  await page.getByRole('button', { name: 'Select accounts…' }).click();
  const select = page.getByRole('dialog', { name: 'Select accounts for a letter' });
  await select.getByRole('combobox', { name: 'Letter' }).click();
  await page.getByRole('option', { name: 'Final demand' }).click();
  await select.getByRole('combobox', { name: 'Accounts' }).click();
  await page.getByRole('option', { name: 'Consumer' }).click();
  await select.getByRole('textbox', { name: 'At least this many days past due' }).fill('30');
  await select.getByRole('button', { name: 'Select accounts' }).click();
  await expect(page.getByText('1 account matches the filters.')).toBeVisible();
  await expect(grid.getByRole('row')).toHaveCount(2);
  await expect(grid.getByRole('row', { name: /Ada Long/ })).toContainText('Final demand');
  await expect(page.getByText('1 letter selected')).toBeVisible();
});
