/**
 * Tour screenshots of a letter run (docs/letters.md, The queue and letter runs): Letters › Queue after
 * the clerk saved the queued Second notices as one PDF (the result, with the accounts not sent and why),
 * and page 1 of a letter as the customer receives it (pdftoppm), to be opened and judged.
 */
import { execFileSync } from 'node:child_process';
import type { Page } from '@playwright/test';
import { addDays } from '../../src-shared/dates';
import { must } from '../../test/kit';
import { signIn } from '../../test/kit/page';
import { expect, test } from '../fixtures/bridge';
import { documentsOffice } from '../fixtures/documentsData';
import { SEED } from '../fixtures/receivablesData';
import { postInvoice } from '../support/receivables';
import { screenshots, shotPath } from './shot';

const shot = async (page: Page, name: string) => {
  await expect(async () => {
    for (const close of await page.locator('.mantine-Notification-closeButton').all()) await close.click({ timeout: 1_000 }).catch(() => undefined);
    await expect(page.locator('.mantine-Notification-root')).toHaveCount(0, { timeout: 1_500 });
  }).toPass({ timeout: 20_000 });
  await page.mouse.move(0, 0);
  await screenshots(page, name);
};

const address = (line1: string, city: string, state: string, postalCode: string) => ({ line1, line2: '', city, state, postalCode, country: 'US' });

test('tour: a letter run of the queue and the letter it sends', async ({ app, page }) => {
  test.setTimeout(180_000);
  const { today } = await documentsOffice(app.backend);
  const people: [string, string, ReturnType<typeof address> | null, number][] = [
    ['P-3101', 'Margaret Whitfield', address('2210 N Halsted St, Apt 3', 'Chicago', 'IL', '60614'), 42_750],
    ['P-3102', 'Andre Lewis', address('118 Maple Ave', 'Oak Park', 'IL', '60302'), 18_900],
    ['P-3103', 'Sofia Ramirez', address('45 Cedar Ln', 'Evanston', 'IL', '60201'), 26_400],
    ['P-3104', 'Henry Park', null, 9_800],
    ['P-3105', 'Grace Okonkwo', address('7 Willow Ct', 'Skokie', 'IL', '60076'), 31_250],
  ];
  const ids = new Map<string, number>();
  for (const [accountNumber, name, billingAddress, cents] of people) {
    const a = await must(app.backend, SEED, 'accounts.create', { accountNumber, name, kind: 'consumer', ...(billingAddress ? { billingAddress } : {}) });
    ids.set(accountNumber, a.id);
    await postInvoice(app.backend, SEED, a.id, cents, addDays(today, -78), { description: 'Office visit and laboratory services' });
  }
  await must(app.backend, SEED, 'stages.evaluate', { asOf: today });
  await must(app.backend, SEED, 'flags.set', { kind: 'cease_communication', accountId: ids.get('P-3105')!, reason: 'Written request received by mail' });

  await app.open(page);
  await signIn(page, 'casey', 'clerk-pass-1');
  await page.goto(`${app.url}#/letters`);
  const grid = page.getByTestId('letter-queue-grid');
  await expect(grid.getByRole('row', { name: /Henry Park/ })).toContainText('No address');
  await page.getByRole('checkbox', { name: 'Select every letter that can go' }).click();
  await page.getByRole('checkbox', { name: 'Select P-3104' }).check();
  await page.getByRole('checkbox', { name: 'Select P-3105' }).check();
  await page.getByRole('button', { name: 'Save one PDF' }).click();
  await expect(page.getByTestId('letter-run-result')).toContainText('Second notice: 3 letters sent', { timeout: 60_000 });
  await shot(page, '80-letter-run');

  const pdf = app.savedFiles.at(-1)!;
  execFileSync('pdftoppm', ['-r', '100', '-png', '-f', '1', '-l', '1', '-singlefile', pdf, shotPath('81-letter-page1').replace(/\.png$/, '')]);
});
