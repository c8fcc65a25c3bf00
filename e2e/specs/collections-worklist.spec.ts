/**
 * A clerk works the worklist against a real backend: opens an account from it, logs a call with a promise
 * to pay (the promise shows on the timeline and the account moves to Held), tries calls the rules block
 * (calling hours; 7 attempts in 7 days) and sees the rule, its citation and when it becomes allowed; a
 * supervisor overrides with a written reason and assigns rows.
 *
 * The backend's clock starts at Tue Mar 10, 2026 10:00 CDT (the page's clock too; workstation in Chicago).
 *   P-2001 Maria Alvarez  (IL)  $420.00 invoiced 75 days ago -> 45 days past due -> Second notice (call task)
 *   P-2002 Daniel Brooks  (IL)  $910.00 invoiced 100 days ago -> 70 days past due -> Final notice;
 *                               7 outgoing no-answer calls Mar 4-9: the 8th is blocked (1006.14(b)(2)(i)(A))
 *   P-2003 Hannah Cho     (IL)  $260.00 invoiced 70 days ago; disputed -> held
 */
import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { addStaff, movingClock, must, riverside, signInSession } from '../../test/kit';
import { signIn } from '../../test/kit/page';
import { createCompany, expect, test } from '../fixtures/bridge';
import { BASE_INSTANT, consumer, pastCall, syncPageClock } from '../fixtures/collectionsData';
import { staff } from '../fixtures/receivablesData';

test.use({ clock: movingClock(BASE_INSTANT), timezoneId: 'America/Chicago' });

const S = 'seed';

async function seed(b: Parameters<typeof createCompany>[0]) {
  await createCompany(b);
  await signInSession(b, S, riverside.username, riverside.password);
  await addStaff(b, S, staff);
  const today = (await must(b, S, 'aging.summary', {})).asOf;
  expect(today).toBe('2026-03-10');
  const maria = await consumer(
    b,
    S,
    today,
    { number: 'P-2001', name: 'Maria Alvarez', phone: '(217) 555-0142', street: '1207 S Grand Ave W', city: 'Springfield', state: 'IL', zip: '62704' },
    [{ daysAgo: 75, cents: 42_000 }],
  );
  const daniel = await consumer(
    b,
    S,
    today,
    { number: 'P-2002', name: 'Daniel Brooks', phone: '(312) 555-0199', street: '4410 N Kedzie Ave', city: 'Chicago', state: 'IL', zip: '60625' },
    [{ daysAgo: 100, cents: 91_000 }],
  );
  const hannah = await consumer(
    b,
    S,
    today,
    { number: 'P-2003', name: 'Hannah Cho', phone: '(309) 555-0117', street: '812 W Main St', city: 'Peoria', state: 'IL', zip: '61606' },
    [{ daysAgo: 70, cents: 26_000 }],
  );
  // Seven attempts Mar 4-9 at 10:00-11:00 local (16:00Z; 15:00Z and 19:00Z on the 9th).
  const dc = daniel.contacts[0]!;
  for (const at of [
    '2026-03-04T16:00:00Z',
    '2026-03-05T16:00:00Z',
    '2026-03-06T16:00:00Z',
    '2026-03-07T16:00:00Z',
    '2026-03-08T16:00:00Z',
    '2026-03-09T15:00:00Z',
    '2026-03-09T19:00:00Z',
  ])
    await pastCall(b, S, daniel.id, dc.id, dc.phones[0]!.number, at, 'no_answer');
  const luis = await consumer(
    b,
    S,
    today,
    { number: 'P-2004', name: 'Luis Romero', phone: '(217) 555-0188', street: '30 Lake Shore Dr', city: 'Springfield', state: 'IL', zip: '62712' },
    [{ daysAgo: 50, cents: 18_500 }],
  );
  await must(b, S, 'stages.evaluate', { asOf: today });
  // Disputed after entering its stage: the stage task is due, the dispute holds it.
  await must(b, S, 'flags.set', {
    kind: 'disputed',
    accountId: hannah.id,
    reason: 'Says the lab work was billed to her insurer',
    written: true,
    receivedOn: '2026-03-06',
  });
  // Casey already holds one account.
  const casey = (await must(b, S, 'users.list', undefined)).find((u) => u.username === 'casey')!;
  await must(b, S, 'worklist.assign', { accountIds: [luis.id], userId: casey.id });
  return { maria, daniel, hannah, luis };
}

const grid = (page: Page) => page.getByRole('grid', { name: 'Worklist' });
const row = (page: Page, accountNumber: string) => grid(page).getByRole('row').filter({ hasText: accountNumber });

test('clerk works the worklist: promise to pay, blocked calls with rule and time; supervisor overrides and assigns', async ({ app, page }) => {
  test.setTimeout(120_000);
  await seed(app.backend);
  await syncPageClock(page);
  await app.open(page);
  await signIn(page, 'casey', 'clerk-pass-1');

  // The clerk's queue for today.
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Worklist' }).click();
  await expect(page.getByRole('heading', { name: 'Worklist' })).toBeVisible();
  await expect(page.getByText('Your queue for Mar 10, 2026')).toBeVisible();
  await expect(row(page, 'P-2001')).toBeVisible();
  await expect(row(page, 'P-2002')).toBeVisible();
  await expect(row(page, 'P-2001')).toContainText('Second notice');
  await expect(row(page, 'P-2001')).toContainText('Stage action due');
  await expect(row(page, 'P-2001')).toContainText('$420.00');
  await expect(row(page, 'P-2001')).toContainText('45 d');
  await expect(row(page, 'P-2002')).toContainText('Final notice');
  // Daniel scores higher (more past due, older) but seven calls this week block a call until tomorrow:
  // the accounts that can be called now come first (docs/clerks-day.md), Maria above Daniel.
  await expect(row(page, 'P-2002').getByTestId('worklist-callable')).toContainText('Callable from Wed 8:00 AM');
  await expect(row(page, 'P-2001').getByTestId('worklist-callable')).toContainText('Callable until 9:00 PM');
  const order = await grid(page).getByRole('row').allTextContents();
  expect(order.findIndex((t) => t.includes('P-2001'))).toBeLessThan(order.findIndex((t) => t.includes('P-2002')));
  // Disputed Hannah is held, with why.
  const held = page.getByTestId('held-panel');
  await expect(held.getByTestId('held-row').filter({ hasText: 'Hannah Cho' })).toContainText('Disputed');
  await expect(row(page, 'P-2003')).toHaveCount(0);
  // Filters: by reason and by amount.
  await page.getByRole('textbox', { name: 'Past due at least' }).fill('500');
  await expect(row(page, 'P-2001')).toHaveCount(0);
  await expect(row(page, 'P-2002')).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(row(page, 'P-2001')).toBeVisible();
  // A clerk cannot assign: no selection column.
  await expect(grid(page).getByRole('checkbox')).toHaveCount(0);

  // Open Maria's account from the worklist: it lands on the Collections tab.
  await row(page, 'P-2001').getByText('Maria Alvarez').click();
  await expect(page.getByTestId('account-name')).toHaveText('Maria Alvarez');
  await expect(page.getByRole('tab', { name: 'Collections' })).toHaveAttribute('aria-selected', 'true');
  // No call yet: the timeline holds the stage move that put the account on the worklist and its letter.
  const before = page.getByTestId('contact-timeline');
  await expect(before).toContainText('Collection stage: Second notice');
  await expect(before).toContainText('Letter queued: Second notice (Second notice)');
  await expect(before).not.toContainText('Call to');

  // Log a call. First a start time outside calling hours: 7:15 AM Chicago is blocked until 8:00 AM.
  await page.getByRole('button', { name: 'Log a call' }).click();
  const dialog = page.getByRole('dialog', { name: /Log a call/ });
  await expect(dialog.getByRole('combobox', { name: 'Person' })).toHaveValue('Maria Alvarez · Patient');
  await expect(dialog.getByRole('combobox', { name: 'Number' })).toHaveValue('(217) 555-0142 · Mobile');
  await expect(dialog.getByTestId('compliance-check')).toHaveAttribute('data-state', 'allowed');
  await expect(dialog.getByTestId('compliance-local-times')).toContainText('Tue 10:');
  await dialog.getByLabel('Started').fill('2026-03-10T07:15');
  await expect(dialog.getByTestId('compliance-check')).toHaveAttribute('data-state', 'blocked');
  await expect(dialog.getByTestId('compliance-block').first()).toContainText('Calling hours');
  await expect(dialog.getByTestId('compliance-block').first()).toContainText('12 CFR 1006.6(b)(1)(i)');
  await expect(dialog.getByTestId('compliance-allowed-from')).toContainText('Allowed from Tue, Mar 10, 2026, 8:00 AM CDT');
  await expect(dialog.getByTestId('compliance-local-times')).toContainText('Tue 7:15 AM CDT');
  await expect(dialog.getByRole('button', { name: 'Blocked' })).toBeDisabled();
  await expect(dialog.getByLabel('Override with a reason')).toHaveCount(0);

  // Now (10:00 AM): allowed. Promise to pay $200 by Mar 17.
  await dialog.getByLabel('Started').fill('2026-03-10T10:00');
  await expect(dialog.getByTestId('compliance-check')).toHaveAttribute('data-state', 'allowed');
  await dialog.getByRole('combobox', { name: 'Outcome' }).click();
  await page.getByRole('option', { name: 'Promise to pay' }).click();
  await dialog.getByLabel('Promised amount').fill('200.00');
  await dialog.getByLabel('Promised by').fill('2026-03-17');
  await dialog.getByLabel('Notes').fill('Will pay $200 by card on the 17th after payday; rest next month.');
  await dialog.getByRole('button', { name: 'Save call' }).click();
  await expect(dialog).toBeHidden();

  const timeline = page.getByTestId('contact-timeline');
  await expect(timeline.getByTestId('timeline-entry').filter({ hasText: 'Promise to pay $200.00 by Mar 17, 2026' })).toContainText('Pending');
  await expect(timeline.getByTestId('timeline-entry').filter({ hasText: 'Call to Maria Alvarez' })).toContainText('Will pay $200 by card');
  await expect(timeline.getByTestId('timeline-entry').filter({ hasText: 'Call to Maria Alvarez' })).toContainText('Casey Morgan');
  await expect(page.getByTestId('promises')).toContainText('$200.00');

  // Back on the worklist: a promise not yet due holds the account.
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Worklist' }).click();
  await expect(row(page, 'P-2002')).toBeVisible();
  await expect(row(page, 'P-2001')).toHaveCount(0);
  await expect(held.getByTestId('held-row').filter({ hasText: 'Maria Alvarez' })).toContainText('Promise pending');

  // Daniel: seven attempts this week. The clerk sees the rule, its citation and when it becomes allowed.
  await row(page, 'P-2002').getByRole('button', { name: 'Log a call for P-2002' }).click();
  await expect(dialog.getByTestId('compliance-check')).toHaveAttribute('data-state', 'blocked');
  const block = dialog.getByTestId('compliance-block').filter({ hasText: 'Call frequency (7 calls in 7 days)' });
  await expect(block).toContainText('12 CFR 1006.14(b)(2)(i)(A)');
  await expect(dialog.getByTestId('compliance-allowed-from')).toContainText('Allowed from Wed, Mar 11, 2026, 8:00 AM CDT');
  await expect(dialog.getByText('cannot be logged')).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Blocked' })).toBeDisabled();
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // The supervisor overrides with a reason.
  await page.getByRole('button', { name: 'User menu' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await signIn(page, 'sam', 'super-pass-1');
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Worklist' }).click();
  await expect(page.getByText('Everyone’s queue for Mar 10, 2026')).toBeVisible();
  await row(page, 'P-2002').getByText('Daniel Brooks').click();
  await expect(page.getByTestId('account-name')).toHaveText('Daniel Brooks');
  await page.getByRole('button', { name: 'Log a call' }).click();
  await expect(dialog.getByTestId('compliance-check')).toHaveAttribute('data-state', 'blocked');
  await dialog.getByRole('combobox', { name: 'Outcome' }).click();
  await page.getByRole('option', { name: 'Spoke with debtor' }).click();
  await dialog.getByRole('button', { name: 'Save with override' }).click();
  await expect(dialog.getByLabel('Override with a reason')).toHaveAttribute('aria-invalid', 'true');
  await dialog.getByLabel('Override with a reason').fill('Consumer left a voicemail asking us to call back this morning about a payment plan.');
  await dialog.getByLabel('Notes').fill('Returned his voicemail; he wants a 3-month plan. Sent to plans.');
  await dialog.getByRole('button', { name: 'Save with override' }).click();
  await expect(dialog).toBeHidden();
  await expect(timeline.getByTestId('timeline-entry').filter({ hasText: 'Compliance override' })).toContainText('voicemail asking us to call back');
  await expect(timeline.getByTestId('timeline-entry').filter({ hasText: 'Spoke with debtor' })).toContainText('Override');
  await expect(timeline.getByTestId('timeline-entry').filter({ hasText: 'Spoke with debtor' })).toContainText('Sam Patel');
  const overrides = await must(app.backend, S, 'compliance.overrides', {});
  expect(overrides).toHaveLength(1);
  expect(overrides[0]!.rules).toEqual(['call_frequency']);
  expect(overrides[0]!.username).toBe('sam');

  // The overrides report (Collections): the row, and its CSV export read back.
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Collections' }).click();
  await page.getByRole('tab', { name: 'Compliance overrides' }).click();
  const report = page.getByTestId('compliance-overrides');
  await expect(report.getByRole('row').filter({ hasText: 'P-2002' })).toContainText('Call frequency (7 calls in 7 days)');
  await expect(report.getByRole('row').filter({ hasText: 'P-2002' })).toContainText('voicemail asking us to call back');
  await expect(report.getByRole('row', { name: 'Totals' })).toContainText('1 override');
  // The shared Export menu (docs/reports.md, Export what you see): the grid's columns, with what they show in more than one cell.
  await page.getByTestId('export-complianceOverrides').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'CSV (.csv)' }).click()]);
  const csv = fs.readFileSync((await download.path())!, 'utf8');
  expect(csv.split('\r\n')[0]).toBe(
    '\uFEFFWhen (office time),When (consumer’s time),Consumer’s time zone,Account number,Name,Action,Contact,Phone,Rules overridden,Citations,Reason,By',
  );
  expect(csv).toContain('America/Chicago,P-2002,Daniel Brooks,Call,Daniel Brooks,');
  expect(csv).toContain('Call frequency (7 calls in 7 days),12 CFR 1006.14(b)(2)(i)(A),Consumer left a voicemail');

  // The supervisor assigns Daniel's account to Casey.
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Worklist' }).click();
  await row(page, 'P-2002').getByRole('checkbox', { name: 'Select P-2002' }).check();
  await expect(page.getByTestId('assign-bar')).toContainText('1 selected');
  // Supervisors pick from every active user (users.assignees).
  const bar = page.getByTestId('assign-bar');
  await bar.getByRole('combobox', { name: 'Assign to' }).click();
  await page.getByRole('option', { name: 'Casey Morgan' }).click();
  await bar.getByRole('button', { name: 'Assign', exact: true }).click();
  await expect(row(page, 'P-2002')).toContainText('Casey Morgan');
  await expect(row(page, 'P-2004')).toContainText('Casey Morgan');
  const wl = await must(app.backend, S, 'worklist.get', { assignee: 'all' });
  expect(wl.items.find((i) => i.accountNumber === 'P-2002')?.assignedTo).toBe('casey');
  // Filter the supervisor's view to Casey's queue.
  await page.getByRole('combobox', { name: 'Assigned to' }).click();
  await page.getByRole('option', { name: 'Casey Morgan' }).click();
  await expect(grid(page).getByRole('row')).toHaveCount(3); // header + P-2002 + P-2004
});
