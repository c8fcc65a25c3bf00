/**
 * States that show (docs/clerks-day.md, States that show), at 1280x800 against a real backend:
 * a supervisor refers an account to an agency and the header says so in words, with the referral on
 * the account's timeline; a payment plan and a promise to pay show on the header; and the screens a
 * clerk goes through print no ISO date and no internal code.
 *
 * Seed (T = the company's business date; every invoice Net 30):
 *   A-3001 Aspen Family Practice   $900.00 due T-40     -> referred to Acme Collections through the UI
 *   B-3002 Beech Street Clinic     $600.00 due T-35     -> a plan of 2 monthly installments and a promise of $200.00
 */
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/bridge';
import { movingClock, must, riverside } from '../../test/kit';
import { BASE_INSTANT, syncPageClock } from '../fixtures/collectionsData';
import { signIn } from '../../test/kit/page';
import { addDays, formatDate } from '../../src-shared/dates';
import { companyForSeeding, daysFrom, postInvoice } from '../support/receivables';

test.use({ viewport: { width: 1280, height: 800 } });

async function seed(b: Parameters<typeof companyForSeeding>[0]) {
  const { session, today } = await companyForSeeding(b);
  await must(b, session, 'users.create', { username: 'sam', displayName: 'Sam Patel', role: 'supervisor', password: 'super-pass-1' });
  const acct = async (accountNumber: string, name: string, phone: string) =>
    await must(b, session, 'accounts.create', {
      accountNumber,
      name,
      kind: 'commercial',
      contacts: [{ name: 'Office Manager', isPrimary: true, phones: [{ number: phone }] }],
    });
  const a = await acct('A-3001', 'Aspen Family Practice', '(312) 555-0101');
  const bAcct = await acct('B-3002', 'Beech Street Clinic', '(312) 555-0102');
  await postInvoice(b, session, a.id, 90000, daysFrom(today, -70));
  await postInvoice(b, session, bAcct.id, 60000, daysFrom(today, -65));
  const firstDate = addDays(today, 10);
  await must(b, session, 'plans.create', { accountId: bAcct.id, totalCents: 30000, installmentCount: 2, frequency: 'monthly', firstDate });
  const promiseBy = addDays(today, 5);
  const contactId = (await must(b, session, 'accounts.get', { accountId: bAcct.id })).contacts[0]!.id;
  await must(b, session, 'calls.log', {
    accountId: bAcct.id,
    contactId,
    phone: '(312) 555-0102',
    direction: 'incoming',
    startedAt: new Date().toISOString(),
    outcome: 'promise_to_pay',
    promise: { amountCents: 20000, dueDate: promiseBy },
  });
  await must(b, session, 'stages.evaluate', {});
  return { today, a: a.id, b: bAcct.id, firstDate, promiseBy };
}

async function openAccount(page: Page, url: string, id: number) {
  await page.goto(`${url}#/accounts/${id}`);
  await expect(page.getByTestId('account-name')).toBeVisible();
}

/** Text a person reads on the page that looks like an ISO date or an internal code (FINAL_NOTICE, ON_HOLD). */
async function leaks(page: Page): Promise<string[]> {
  // What is rendered and visible, as a person reads it (textContent would add hidden text and style rules).
  // biome-ignore lint/performance/useDomNodeTextContent: innerText is the point: the visible text only.
  const text = await page.evaluate(() => document.body.innerText);
  return [...text.matchAll(/\b\d{4}-\d{2}-\d{2}\b|\b[A-Z]+_[A-Z_]+\b/g)].map((m) => m[0]);
}

test('a referral, a plan and a promise show on the header and the timeline; no screen prints an ISO date or a code', async ({ app, page }, testInfo) => {
  const seeded = await seed(app.backend);
  await app.open(page);
  await signIn(page, 'sam', 'super-pass-1');

  // ---- Refer A-3001 to an agency from the account page.
  await openAccount(page, app.url, seeded.a);
  await expect(page.getByTestId('account-status')).toHaveText('Active');
  await page.getByRole('button', { name: 'More' }).click();
  await page.getByRole('menuitem', { name: 'Refer to agency…' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Agency').fill('Acme Collections');
  await dialog.getByRole('button', { name: 'Refer account' }).click();
  await expect(dialog).toBeHidden();

  const states = page.getByTestId('account-states');
  await expect(page.getByTestId('account-status')).toHaveText('With agency');
  await expect(states).toContainText(`Referred to Acme Collections on ${formatDate(seeded.today)}`);
  await page.getByRole('tab', { name: 'Collections' }).click();
  await expect(page.getByTestId('collections-tab')).toContainText(`Referred to Acme Collections on ${formatDate(seeded.today)}`);
  await expect(page.getByTestId('collections-tab')).toContainText('balance $900.00 at referral');
  // People by name: the timeline says who referred it by display name, not by sign-in name.
  await expect(page.getByTestId('collections-tab')).toContainText('Sam Patel');
  expect(await leaks(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('account-referred-1280.png') });

  // ---- B-3002: the running plan and the open promise, in words.
  await openAccount(page, app.url, seeded.b);
  await expect(states.locator('[data-state=plan]')).toHaveText(/^Payment plan: current, next \$150\.00 on /);
  await expect(states.locator('[data-state=plan]')).toContainText(formatDate(seeded.firstDate));
  await expect(states.locator('[data-state=promise]')).toHaveText(`Promise: $200.00 by ${formatDate(seeded.promiseBy)}`);
  await expect(page.getByTestId('account-status')).toHaveText('Active');
  expect(await leaks(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('account-plan-promise-1280.png') });

  // ---- A few screens a clerk goes through: no ISO date, no code.
  for (const [path, ready] of [
    ['/accounts', 'Accounts'],
    ['/worklist', 'Worklist'],
    ['/collections', 'Collections'],
    ['/aging', 'Aging'],
  ] as const) {
    await page.goto(`${app.url}#${path}`);
    await expect(page.getByRole('heading', { name: ready }).first()).toBeVisible();
    await page.waitForLoadState('networkidle');
    expect(await leaks(page), path).toEqual([]);
  }
  await page.goto(`${app.url}#/accounts/${seeded.a}`);
  await page.getByRole('tab', { name: 'Ledger' }).click();
  await expect(page.getByRole('grid', { name: 'Account ledger' })).toBeVisible();
  expect(await leaks(page)).toEqual([]);
});

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
]) {
  test.describe(`at ${viewport.width}x${viewport.height}`, () => {
    test.use({ viewport });

    test('the first-run card is whole: its title is on screen and the last button can be reached', async ({ app, page }, testInfo) => {
      await app.open(page);
      const title = page.getByRole('heading', { name: 'Set up your office' });
      await expect(title).toBeVisible();
      expect((await title.boundingBox())!.y).toBeGreaterThanOrEqual(0);
      await page.screenshot({ path: testInfo.outputPath(`first-run-${viewport.width}.png`) });
      const create = page.getByRole('button', { name: 'Create company' });
      await create.scrollIntoViewIfNeeded();
      await expect(create).toBeInViewport();
    });
  });
}

test('the import steps read 1, 2, 3, 4 before a file is chosen', async ({ app, page }, testInfo) => {
  await companyForSeeding(app.backend);
  await app.open(page);
  await signIn(page, riverside.username, riverside.password);
  await page.goto(`${app.url}#/import`);
  const steps = page.locator('section[aria-label]');
  await expect(steps.filter({ hasText: 'Match the columns' })).toBeVisible();
  // Each step's number is its badge, the section's first text.
  expect(await steps.evaluateAll((els) => els.map((e) => e.querySelector('.mantine-ThemeIcon-root')?.textContent ?? ''))).toEqual(['1', '2', '3', '4']);
  await page.screenshot({ path: testInfo.outputPath('import-steps-1280.png') });
});

test.describe('on the demo company', () => {
  test.use({ clock: movingClock(BASE_INSTANT), timezoneId: 'America/Chicago' });

  test('the screens of a collections day print no ISO date and no code', async ({ app, page }) => {
    test.setTimeout(300_000);
    const b = app.backend;
    await must(b, 'states-admin', 'app.openDemo', undefined);
    await must(b, 'states-sup', 'auth.signIn', { username: 'supervisor', password: 'riverside-supervisor' });
    const worklist = await must(b, 'states-sup', 'worklist.get', { assignee: 'all', limit: 50 });
    await syncPageClock(page);
    await app.open(page);
    await signIn(page, 'supervisor', 'riverside-supervisor');
    const found: Record<string, string[]> = {};
    const visit = async (path: string, ready: () => Promise<void>) => {
      await page.goto(`${app.url}#${path}`);
      await ready();
      await page.waitForLoadState('networkidle');
      const l = await leaks(page);
      if (l.length) found[path] = l;
    };
    const heading = (name: string) => () => expect(page.getByRole('heading', { name }).first()).toBeVisible();
    await visit('/worklist', heading('Worklist'));
    await visit('/collections', heading('Collections'));
    await visit('/letters', heading('Letters'));
    await visit('/accounts', heading('Accounts'));
    await visit('/aging', heading('Aging'));
    for (const item of worklist.items.slice(0, 3)) {
      await visit(`/accounts/${item.accountId}?tab=collections`, () => expect(page.getByTestId('collections-tab')).toBeVisible());
      await page.getByRole('tab', { name: 'Ledger' }).click();
      await expect(page.getByRole('grid', { name: 'Account ledger' })).toBeVisible();
      const l = await leaks(page);
      if (l.length) found[`/accounts/${item.accountId} ledger`] = l;
    }
    expect(found).toEqual({});
  });
});
