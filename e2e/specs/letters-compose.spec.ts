/**
 * Composing one letter (docs/letters.md, Composing a letter) end to end: a clerk opens an account's
 * Documents tab, writes a letter from a template merged with the account's figures, adds a sentence,
 * sees the page as it will print, and prints it on the office's CUPS queue (scripts/cups-pdf-queue.sh).
 * cups-pdf re-renders the page through Ghostscript with no readable text, so the queue's output is
 * checked for its pages and the archived PDF (the one sent to the printer) is read back with pdftotext;
 * the letter is in the account's Documents tab.
 */
import { execFileSync } from 'node:child_process';
import { must } from '../../test/kit';
import { pdfInfo, requireCupsQueue, waitForCupsPdf } from '../../test/kit/cups';
import { signIn } from '../../test/kit/page';
import { formatMoney } from '../../src-shared/money';
import { expect, test } from '../fixtures/bridge';
import { letterhead } from '../fixtures/documentsData';
import { SEED, seedOffice } from '../fixtures/receivablesData';

const pdfText = (pdf: Buffer) => execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf, encoding: 'utf8' });

test('a clerk composes a letter for one account, edits a sentence and prints it; the PDF has the sentence and the account’s figures', async ({ app, page }) => {
  test.setTimeout(90_000);
  requireCupsQueue();
  const { today } = await seedOffice(app.backend);
  await must(app.backend, SEED, 'documents.updateSettings', { letterhead });
  const templates = await must(app.backend, SEED, 'letters.templates.list', undefined);
  const reminder = templates.find((t) => t.key === 'friendly-reminder')!;
  // The account owing most past due that a collection letter may go to now.
  const summary = await must(app.backend, SEED, 'aging.summary', { asOf: today, sort: 'pastDue' });
  let target: { id: number; number: string; name: string; pastDueCents: number } | null = null;
  for (const row of summary.rows) {
    const pastDueCents = row.buckets.slice(1).reduce((s, c) => s + c, 0);
    if (pastDueCents <= 0) continue;
    const c = await must(app.backend, SEED, 'letters.compose', { accountId: row.accountId, templateId: reminder.id });
    if (c.check.allowed && c.missing.length === 0 && !c.nothingDue) {
      target = { id: row.accountId, number: row.accountNumber, name: row.accountName, pastDueCents };
      break;
    }
  }
  if (!target) throw new Error('the seeded office has no account a reminder can go to');

  await app.open(page);
  await signIn(page, 'casey', 'clerk-pass-1');
  await page.goto(`${app.url}#/accounts/${target.id}?tab=documents`);
  await page.getByRole('button', { name: 'Write a letter' }).click();
  const dialog = page.getByRole('dialog', { name: `Write a letter to ${target.name}` });
  await dialog.getByLabel('Template').click();
  await page.getByRole('option', { name: 'Friendly reminder (Collection letter)' }).click();
  const editor = dialog.getByRole('textbox', { name: 'Letter text' });
  await expect(editor).toContainText(formatMoney(target.pastDueCents));
  await expect(editor).toContainText(target.number);
  await editor.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('We value your business and thank you for settling this soon.');

  await dialog.getByRole('tab', { name: 'Preview as printed' }).click();
  const letter = dialog.frameLocator('iframe[title="Letter preview"]');
  await expect(letter.getByText('We value your business and thank you for settling this soon.')).toBeVisible();
  await expect(letter.getByText('Casey Morgan')).toBeVisible();

  await dialog.getByRole('button', { name: 'Print', exact: true }).click();
  const print = page.getByRole('dialog', { name: /^Print / });
  await print.getByRole('combobox', { name: 'Printer' }).click();
  await page.getByRole('option', { name: /Ledgerdesk.*Ready/ }).click();
  await print.getByRole('button', { name: 'Print', exact: true }).click();
  await expect(page.getByText('Printed 1 document')).toBeVisible({ timeout: 60_000 });
  expect(app.printJobs).toHaveLength(1);
  const printed = pdfInfo(await waitForCupsPdf(app.printJobs[0]!));
  expect(printed).toMatchObject({ width: 612, height: 792 });
  expect(printed.pages).toBeGreaterThanOrEqual(1);
  const [archived] = await must(app.backend, SEED, 'documents.archiveList', { accountId: target.id });
  expect(archived).toMatchObject({ kind: 'letter', channel: 'print', pages: printed.pages });
  const pdf = await must(app.backend, SEED, 'documents.archiveGet', { archiveId: archived!.id });
  const text = pdfText(Buffer.from(pdf.pdfBase64, 'base64')).replace(/\s+/g, ' ');
  expect(text).toContain('We value your business and thank you for settling this soon.');
  expect(text).toContain(target.number);
  expect(text).toContain(formatMoney(target.pastDueCents));
  expect(text).toContain('Casey Morgan');
  expect(text).toContain('Riverside Medical Billing, LLC');

  // The letter left: the dialog closes (nothing to send twice); it is on the account's Documents tab, named by its template.
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('table', { name: 'Documents that left' })).toContainText('Friendly reminder');
  const sent = await must(app.backend, SEED, 'documents.archiveList', { accountId: target.id });
  expect(sent.map((a) => [a.kind, a.number])).toEqual([['letter', 'Friendly reminder']]);
  // The letter keeps the text exactly as it went: the editor's wording, the open items table with it.
  const [recorded] = await app.backend.ctx.db.selectFrom('letter').selectAll().where('account_id', '=', target.id).execute();
  expect(recorded?.body_html).toContain('We value your business and thank you for settling this soon.');
  expect(recorded?.body_html).toMatch(/<table>[\s\S]*<\/table>/);
  expect(recorded).toMatchObject({ template_id: reminder.id, template_version: 1, channel: 'print', created_by: 'casey' });
});

test('a supervisor sees the compliance block with its citation and sends the letter with a written override, recorded with it', async ({ app, page }) => {
  test.setTimeout(90_000);
  const { today } = await seedOffice(app.backend);
  await must(app.backend, SEED, 'documents.updateSettings', { letterhead });
  const summary = await must(app.backend, SEED, 'aging.summary', { asOf: today, sort: 'pastDue' });
  const row = summary.rows.find((r) => r.accountKind === 'consumer' && r.buckets.slice(1).some((c) => c > 0));
  if (!row) throw new Error('the seeded office has no consumer account past due');
  await must(app.backend, SEED, 'flags.set', { kind: 'cease_communication', accountId: row.accountId, reason: 'Letter asking us to stop' });

  await app.open(page);
  await signIn(page, 'sam', 'super-pass-1');
  await page.goto(`${app.url}#/accounts/${row.accountId}?tab=documents`);
  await page.getByRole('button', { name: 'Write a letter' }).click();
  const dialog = page.getByRole('dialog', { name: `Write a letter to ${row.accountName}` });
  await dialog.getByLabel('Template').click();
  await page.getByRole('option', { name: 'Second notice (Collection letter)' }).click();
  const blocked = dialog.getByTestId('letter-blocked');
  await expect(blocked).toContainText('Cease communication');
  await expect(blocked).toContainText('12 CFR 1006.6(c)');
  const reason = 'Consumer asked in writing for one last statement of what is owed';
  await dialog.getByLabel('Override reason').fill(reason);
  await dialog.getByRole('button', { name: 'Save as PDF' }).click();
  await expect(page.getByText('Saved 1 document as PDF')).toBeVisible();

  const [letter] = await app.backend.ctx.db.selectFrom('letter').selectAll().where('account_id', '=', row.accountId).execute();
  expect(letter?.override_id).not.toBeNull();
  const override = await app.backend.ctx.db.selectFrom('compliance_override').selectAll().where('id', '=', letter!.override_id!).executeTakeFirstOrThrow();
  expect(override).toMatchObject({ reason, username: 'sam', action: 'letter' });
});
