/** Tour screenshots of the collections supervisor's screens on the demo company: payment plan, fee run, stages, write-off approvals, compliance overrides. */
import { expect, test } from '../fixtures/bridge';
import { shot } from './shot';
import { addDays } from '../../src-shared/dates';
import { must } from '../../test/kit';
import { signIn } from '../../test/kit/page';

test('tour: payment plan, fee assessment, collection stages, write-off approvals', async ({ app, page }) => {
  test.setTimeout(240_000);
  const b = app.backend;
  await must(b, 'tour-admin', 'app.openDemo', undefined);
  await must(b, 'tour-sup', 'auth.signIn', { username: 'supervisor', password: 'riverside-supervisor' });
  await must(b, 'tour-clerk', 'auth.signIn', { username: 'clerk', password: 'riverside-clerk' });
  const summary = await must(b, 'tour-sup', 'aging.summary', {});
  const day = (n: number) => addDays(summary.asOf, n);

  // A plan that started six weeks ago: down payment and first installment paid, the second just late.
  const candidates = summary.rows
    .filter((r) => r.totalCents > 90000 && r.totalCents < 400000 && r.unappliedCents === 0)
    .sort((x, y) => x.accountId - y.accountId);
  let planAccount: number | null = null;
  for (const r of candidates) {
    const ledger = await must(b, 'tour-sup', 'ledger.get', { accountId: r.accountId });
    if (!ledger.entries.some((e) => e.kind === 'payment' && e.date >= day(-50))) {
      planAccount = r.accountId;
      break;
    }
  }
  if (planAccount === null) throw new Error('no account for the plan');
  const ledger = await must(b, 'tour-sup', 'ledger.get', { accountId: planAccount });
  const total = ledger.totals.balanceCents;
  const down = Math.round((total * 0.1) / 100) * 100;
  await must(b, 'tour-clerk', 'plans.create', {
    accountId: planAccount,
    totalCents: total,
    downPaymentCents: down,
    installmentCount: 6,
    frequency: 'monthly',
    startDate: day(-45),
    firstDate: day(-31),
    note: 'Agreed by phone with the patient; pays by check at the start of each month.',
  });
  await must(b, 'tour-clerk', 'payments.post', { accountId: planAccount, date: day(-45), method: 'check', checkNumber: '1042', amountCents: down });
  const plan = (await must(b, 'tour-clerk', 'plans.list', { accountId: planAccount }))[0]!;
  await must(b, 'tour-clerk', 'payments.post', {
    accountId: planAccount,
    date: day(-30),
    method: 'check',
    checkNumber: '1057',
    amountCents: plan.installments[1]!.amountCents,
  });

  // Write-off requests from the clerk on three long-delinquent accounts.
  const old = summary.rows.filter((r) => (r.buckets[r.buckets.length - 1] ?? 0) > 5000 && r.accountId !== planAccount).slice(0, 3);
  const reasons = [
    'Patient deceased; estate closed with no assets (letter from the executor on file)',
    'Bankruptcy discharge received, chapter 7',
    'Small balance left after insurance; not worth pursuing',
  ];
  for (const [i, r] of old.entries()) {
    const amount = i === 2 ? Math.min(r.buckets[r.buckets.length - 1]!, 4500) : r.buckets[r.buckets.length - 1]!;
    await must(b, 'tour-clerk', 'writeoffs.request', { accountId: r.accountId, amountCents: amount, reason: reasons[i]! });
  }

  // Two early-morning calls a supervisor let through (06:30 Central yesterday), with the reasons on record.
  const early = `${day(-1)}T12:30:00Z`;
  const reasonsEarly = [
    'Patient asked by voicemail to be called before his 7:00 shift; only reachable then',
    'Returning the consumer\u2019s own call from last night about setting up a plan',
  ];
  let overridden = 0;
  for (const r of summary.rows) {
    if (overridden === reasonsEarly.length) break;
    if (r.accountKind !== 'consumer' || r.accountId === planAccount || old.some((o) => o.accountId === r.accountId)) continue;
    const acct = await must(b, 'tour-sup', 'accounts.get', { accountId: r.accountId });
    const contact = acct.contacts[0];
    const phone = contact?.phones[0]?.number;
    if (acct.timeZone !== 'America/Chicago' || !contact || !phone) continue;
    await must(b, 'tour-sup', 'calls.log', {
      accountId: acct.id,
      contactId: contact.id,
      phone,
      direction: 'outgoing',
      startedAt: early,
      outcome: 'spoke_with_debtor',
      notes: 'Discussed the balance.',
      override: { reason: reasonsEarly[overridden]! },
    });
    overridden++;
  }

  // The ladder as the office runs it: accounts placed in their stages.
  await must(b, 'tour-sup', 'stages.evaluate', {});

  await app.open(page);
  await signIn(page, 'supervisor', 'riverside-supervisor');

  await page.goto(`${app.url}#/accounts/${planAccount}`);
  await expect(page.getByTestId('account-name')).toBeVisible();
  await page.getByRole('tab', { name: 'Payment plan' }).click();
  await expect(page.getByTestId('plan-schedule').locator('[role=row][aria-rowindex]')).toHaveCount(7);
  await shot(page, '34-plan-schedule');

  await page.goto(`${app.url}#/collections`);
  await page.getByTestId('fee-preview-run').click();
  await expect(page.getByTestId('fee-preview').locator('[role=row][aria-rowindex]').first()).toBeVisible();
  await shot(page, '35-fee-preview');

  await page.goto(`${app.url}#/settings?tab=stages`);
  await expect(page.getByRole('textbox', { name: 'Stage 1 name' })).toHaveValue('Friendly reminder');
  await shot(page, '36-stage-settings');
  // Below the ladder: when the evaluation runs by itself and how new work is handed out.
  await page.getByTestId('daily-evaluation-settings').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('daily-evaluation-settings')).toContainText('The day starts ready');
  await shot(page, '39-daily-evaluation');

  await page.goto(`${app.url}#/collections?tab=writeoffs`);
  await expect(page.getByTestId('writeoff-requests').locator('[role=row][aria-rowindex]')).toHaveCount(old.length);
  await shot(page, '37-writeoff-approvals');

  await page.goto(`${app.url}#/collections?tab=overrides`);
  await expect(page.getByTestId('compliance-overrides').locator('[role=row][aria-rowindex]')).toHaveCount(overridden);
  await shot(page, '38-compliance-overrides');
});
