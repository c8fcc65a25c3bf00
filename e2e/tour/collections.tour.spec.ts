/**
 * Tour screenshots of the clerk's collections work on the demo company: the worklist with held accounts,
 * an account's contact timeline and flags, a call the rules block, and logging a promise to pay.
 * The backend and page clocks start at Tue Mar 10, 2026 10:00 AM Chicago, so the rules answer the same
 * way whenever the tour runs.
 */
import { expect, test } from '../fixtures/bridge';
import { shot } from './shot';
import { BASE_INSTANT, syncPageClock } from '../fixtures/collectionsData';
import { addDays } from '../../src-shared/dates';
import type { AccountDetail } from '../../src-shared/domain/accounts';
import { movingClock, must } from '../../test/kit';
import { signIn } from '../../test/kit/page';

test.use({ clock: movingClock(BASE_INSTANT), timezoneId: 'America/Chicago' });

const SUP = 'tour-sup';
const CLERK = 'tour-clerk';
/** An instant on a business date at a UTC hour (17:00Z-21:00Z is daytime in every contiguous US zone). */
const at = (date: string, hourUtc: number, minute = 0) => `${date}T${String(hourUtc).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00.000Z`;

test('tour: worklist, contact timeline, blocked call, log a call', async ({ app, page }) => {
  test.setTimeout(240_000);
  const b = app.backend;
  await must(b, 'tour-admin', 'app.openDemo', undefined);
  await must(b, SUP, 'auth.signIn', { username: 'supervisor', password: 'riverside-supervisor' });
  await must(b, CLERK, 'auth.signIn', { username: 'clerk', password: 'riverside-clerk' });
  await must(b, SUP, 'stages.evaluate', {});
  const list = await must(b, SUP, 'worklist.get', { assignee: 'all', limit: 500 });
  const today = list.asOf;
  const day = (n: number) => addDays(today, n);

  // Consumers in the Central and Eastern zones, with a phone, in worklist order.
  const picked: AccountDetail[] = [];
  for (const item of list.items) {
    if (item.kind !== 'consumer') continue;
    const a = await must(b, SUP, 'accounts.get', { accountId: item.accountId });
    if (!['America/Chicago', 'America/New_York'].includes(a.timeZone) || !a.contacts[0]?.phones[0]) continue;
    picked.push(a);
    if (picked.length === 12) break;
  }
  expect(picked.length).toBe(12);
  const [logAccount, timelineSeed, blockedSeed, ...rest] = picked as [AccountDetail, AccountDetail, AccountDetail, ...AccountDetail[]];
  const withPhones = async (a: AccountDetail, extra: { label: string; number: string }, replaceFirst = false) => {
    const contacts = a.contacts.map((c, i) => ({
      name: c.name,
      title: c.title,
      isPrimary: c.isPrimary,
      emails: c.emails,
      phones: i === 0 ? (replaceFirst ? [extra, ...c.phones.slice(1)] : [...c.phones, extra]) : c.phones,
    }));
    await must(b, SUP, 'accounts.update', { accountId: a.id, contacts });
    return must(b, SUP, 'accounts.get', { accountId: a.id });
  };

  // The timeline account: a month of contact, a broken promise, a validation notice, a do-not-call work number.
  const tl = await withPhones(timelineSeed, { label: 'Work', number: '(217) 555-0190' });
  const p = tl.contacts[0]!;
  const home = p.phones[0]!.number;
  await must(b, CLERK, 'compliance.recordValidationNotice', { accountId: tl.id, sentOn: day(-41) });
  await must(b, CLERK, 'calls.log', {
    accountId: tl.id,
    contactId: p.id,
    phone: home,
    direction: 'outgoing',
    startedAt: at(day(-22), 16, 10),
    outcome: 'no_answer',
    notes: '',
  });
  await must(b, CLERK, 'calls.log', {
    accountId: tl.id,
    contactId: p.id,
    phone: home,
    direction: 'outgoing',
    startedAt: at(day(-20), 19, 40),
    outcome: 'left_message',
    notes: 'Left a voicemail about the past-due balance; asked for a call back.',
  });
  await must(b, CLERK, 'calls.log', {
    accountId: tl.id,
    contactId: p.id,
    phone: '(217) 555-0190',
    direction: 'incoming',
    startedAt: at(day(-19), 17, 5),
    outcome: 'spoke_with_debtor',
    notes: 'Called back from work. Asked for an itemized statement and not to be called at work.',
  });
  await must(b, CLERK, 'flags.set', {
    kind: 'do_not_call',
    accountId: tl.id,
    phone: '(217) 555-0190',
    reason: 'Asked not to be called at work (incoming call)',
  });
  await must(b, CLERK, 'calls.log', {
    accountId: tl.id,
    contactId: p.id,
    phone: home,
    direction: 'outgoing',
    // A week after the incoming conversation of day -19 (day 1 of its 7-day wait, 1006.14(b)(2)(i)(B)).
    startedAt: at(day(-12), 22, 15),
    outcome: 'promise_to_pay',
    notes: 'Statement received. Will pay $150 on the 3rd after payday.',
    promise: { amountCents: 15_000, dueDate: day(-7) },
  });
  await must(b, CLERK, 'calls.log', {
    accountId: tl.id,
    contactId: p.id,
    phone: home,
    direction: 'outgoing',
    startedAt: at(day(-3), 17, 30),
    outcome: 'no_answer',
    notes: 'Promised payment not received.',
    callbackAt: at(day(0), 20, 0),
  });
  await must(b, CLERK, 'compliance.addInconvenientTime', {
    accountId: tl.id,
    contactId: p.id,
    weekdays: [1, 2, 3, 4, 5],
    start: '12:00',
    end: '13:00',
    note: 'Lunch break; asked for no calls then',
  });
  await must(b, CLERK, 'compliance.addInconvenientTime', { accountId: tl.id, weekdays: [7], start: '00:00', end: '24:00', note: 'No calls on Sundays' });

  // The blocked account: seven attempts in the last six days, and a phone from California (two zones).
  const bl = await withPhones(blockedSeed, { label: 'Mobile', number: '(415) 555-0173' }, true);
  const bp = bl.contacts[0]!;
  const attempts = [at(day(-6), 16), at(day(-5), 18, 30), at(day(-4), 16, 45), at(day(-3), 20), at(day(-2), 17, 15), at(day(-1), 15, 30), at(day(-1), 21, 10)];
  for (const [i, when] of attempts.entries())
    await must(b, CLERK, 'calls.log', {
      accountId: bl.id,
      contactId: bp.id,
      phone: bp.phones[0]!.number,
      direction: 'outgoing',
      startedAt: when,
      outcome: i === 3 ? 'left_message' : 'no_answer',
      notes: i === 3 ? 'Voicemail full.' : '',
    });

  // Held accounts: the reasons an office sees.
  const [a1, a2, a3, a4, a5] = rest;
  await must(b, CLERK, 'flags.set', {
    kind: 'attorney_represented',
    accountId: a1!.id,
    reason: 'Letter of representation received',
    attorneyName: 'Hollis & Crane LLP',
    attorneyPhone: '(217) 555-0400',
  });
  await must(b, SUP, 'flags.set', {
    kind: 'bankruptcy',
    accountId: a2!.id,
    reason: 'Notice of filing from the court',
    chapter: '7',
    caseNumber: '26-70311',
    filedOn: day(-12),
  });
  await must(b, CLERK, 'flags.set', {
    kind: 'disputed',
    accountId: a3!.id,
    reason: 'Disputes the lab charges; says insurance should have paid',
    written: true,
    receivedOn: day(-4),
  });
  await must(b, CLERK, 'flags.set', {
    kind: 'cease_communication',
    accountId: a4!.id,
    reason: 'Written request to stop contact received by mail',
    receivedOn: day(-9),
  });
  const c5 = a5!.contacts[0]!;
  await must(b, CLERK, 'calls.log', {
    accountId: a5!.id,
    contactId: c5.id,
    phone: c5.phones[0]!.number,
    direction: 'outgoing',
    startedAt: at(day(-1), 18),
    outcome: 'promise_to_pay',
    notes: 'Will pay in full on Friday.',
    promise: { amountCents: 24_000, dueDate: day(3) },
  });

  await syncPageClock(page);
  await app.open(page);
  await signIn(page, 'clerk', 'riverside-clerk');

  // 30: the clerk's worklist.
  await page.goto(`${app.url}#/worklist`);
  await expect(page.getByRole('grid', { name: 'Worklist' }).getByRole('row').nth(8)).toBeVisible();
  await expect(page.getByTestId('held-row').first()).toBeVisible();
  await page.mouse.move(0, 0);
  await shot(page, '30-worklist');

  // 31: the contact timeline.
  await page.goto(`${app.url}#/accounts/${tl.id}?tab=collections`);
  await expect(page.getByTestId('contact-timeline').getByTestId('timeline-entry').nth(5)).toBeVisible();
  await expect(page.getByTestId('flags-panel')).toContainText('Do not call');
  await expect(page.getByTestId('inconvenient-time')).toHaveCount(2);
  // A taller window, so the whole tab shows (flags, promises and inconvenient times).
  await page.setViewportSize({ width: 1360, height: 1060 });
  await shot(page, '31-account-timeline');
  await page.setViewportSize({ width: 1360, height: 860 });

  // 32: a call the rules block (7 attempts in 7 days), with the consumer's time in both zones.
  await page.goto(`${app.url}#/accounts/${bl.id}?tab=collections`);
  await page.getByRole('button', { name: 'Log a call' }).click();
  const dialog = page.getByRole('dialog', { name: /Log a call/ });
  await expect(dialog.getByTestId('compliance-check')).toHaveAttribute('data-state', 'blocked');
  await expect(dialog.getByTestId('compliance-local-times')).toContainText('area code');
  await shot(page, '32-call-blocked');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // 33: logging a promise to pay on the top account of the list.
  await page.goto(`${app.url}#/accounts/${logAccount.id}?tab=collections`);
  await page.getByRole('button', { name: 'Log a call' }).click();
  await expect(dialog.getByTestId('compliance-check')).toHaveAttribute('data-state', 'allowed');
  await dialog.getByRole('combobox', { name: 'Outcome' }).click();
  await page.getByRole('option', { name: 'Promise to pay' }).click();
  await dialog.getByLabel('Promised amount').fill('250.00');
  await dialog.getByLabel('Promised by').fill(day(7));
  await dialog.getByLabel('Notes').fill('Spoke with the patient. Will pay $250 by card next Tuesday; the rest on a plan.');
  await dialog.getByLabel('Schedule a callback').check();
  await page.mouse.move(0, 0);
  await shot(page, '33-log-call');
});
