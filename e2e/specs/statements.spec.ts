/**
 * Statement runs (docs/documents.md, Statement runs) end to end: a clerk picks the accounts with
 * something past due in Letters › Statements, previews one, and emails each statement to its billing
 * address through an SMTP server this spec starts on loopback. Each message arrives with the account's
 * statement as a PDF (read back with pdftotext: its number and amount due); the account without an
 * email is listed apart and gets nothing; the run is saved with exactly the accounts that got one.
 * Then the same selection is printed as one job on the CUPS queue (scripts/cups-pdf-queue.sh).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { must } from '../../test/kit';
import { pdfInfo, requireCupsQueue, waitForCupsPdf } from '../../test/kit/cups';
import { signIn } from '../../test/kit/page';
import { expect, test } from '../fixtures/bridge';
import { documentsOffice } from '../fixtures/documentsData';
import { invoice, SEED } from '../fixtures/receivablesData';
import { addDays } from '../../src-shared/dates';
import { formatMoney } from '../../src-shared/money';

/** An SMTP server on loopback without authentication (an office relay) that keeps every message parsed. */
async function smtpServer() {
  const received: { to: string[]; parsed: ParsedMail }[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        simpleParser(Buffer.concat(chunks)).then(
          (parsed) => {
            received.push({ to: session.envelope.rcptTo.map((r) => r.address), parsed });
            cb();
          },
          (err: Error) => cb(err),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

function pdfText(pdf: Buffer): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'statement-')), 'statement.pdf');
  fs.writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

test('a statement run emails each past-due account its statement; the account without an email is listed apart', async ({ app, page }) => {
  test.setTimeout(150_000);
  requireCupsQueue();
  const smtp = await smtpServer();
  try {
    const { today, ids } = await documentsOffice(app.backend);
    await must(app.backend, SEED, 'documents.updateSettings', {
      smtp: { host: '127.0.0.1', port: smtp.port, security: 'none', user: '', fromAddress: 'billing@riversidemb.example', fromName: 'Riverside Billing' },
    });
    const pastDue = ['C-2004', 'C-2042', 'P-10326', 'P-10347'];
    for (const n of pastDue) await invoice(app.backend, ids.get(n)!, addDays(today, -50), [{ code: '99213' }, { code: '36415' }], { terms: 'Net 30' });
    // Current, not past due: the "past due only" filter leaves it out.
    await invoice(app.backend, ids.get('P-10338')!, today, [{ code: '99203' }], { terms: 'Net 30' });

    await app.open(page);
    await signIn(page, 'casey', 'clerk-pass-1');
    await page.goto(`${app.url}#/letters?tab=statements`);
    await page.getByRole('checkbox', { name: 'Past due only' }).check();
    await page.getByRole('button', { name: 'Find accounts' }).click();
    const table = page.getByRole('table', { name: 'Accounts the run covers' });
    await expect(table.getByRole('row')).toHaveCount(1 + pastDue.length);
    await expect(table).not.toContainText('P-10338');
    const expected = await must(app.backend, SEED, 'statements.select', { asOf: today, type: 'open_item', filters: { pastDueOnly: true, minBalanceCents: 1 } });
    expect(expected.accounts.map((c) => c.accountNumber)).toEqual(pastDue);
    const total = expected.accounts.reduce((s, c) => s + c.balanceCents, 0);
    await expect(page.getByTestId('statement-run-summary')).toContainText(`4 statements · balance ${formatMoney(total)}`);
    // Frank Novak has no email: listed apart, left out of the email run.
    await expect(page.getByTestId('statement-without-email')).toContainText('P-10347');
    await expect(page.getByTestId('statement-without-email')).toContainText('1 without a billing email');
    // The preview is the first account's page as it will print.
    await expect(page.frameLocator('iframe[title="Statement preview for C-2004"]').getByText('C-2004').first()).toBeVisible();

    await page.getByRole('button', { name: 'Email 3 to their billing address' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Email', exact: true }).click();
    await expect(page.getByText('Emailed 3 documents')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('statement-run-saved')).toContainText('3 statements');

    // Three messages, each to the account's own billing address, each with its statement as a PDF.
    const emailed = expected.accounts.filter((c) => c.email !== null);
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(emailed.map((c) => c.email).sort());
    for (const c of emailed) {
      const mail = smtp.received.find((m) => m.to[0] === c.email)!;
      expect(mail.parsed.subject).toContain(c.accountNumber);
      const [pdf] = mail.parsed.attachments;
      expect(pdf?.contentType).toBe('application/pdf');
      const text = pdfText(pdf!.content);
      expect(text).toContain(c.accountNumber);
      expect(text).toContain(formatMoney(c.balanceCents));
      expect(text).toMatch(/Amount due/i);
      const archived = await must(app.backend, SEED, 'documents.archiveList', { accountId: c.accountId });
      expect(archived.map((a) => [a.kind, a.channel, a.destination])).toEqual([['statement', 'email', c.email]]);
    }
    expect(await must(app.backend, SEED, 'documents.archiveList', { accountId: ids.get('P-10347')! })).toEqual([]);

    // The run is saved with exactly the accounts emailed, and listed for reprint.
    const runs = await must(app.backend, SEED, 'statements.runs', {});
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ asOf: today, type: 'open_item', channel: 'email', accountIds: emailed.map((c) => c.accountId) });
    await expect(page.getByRole('table', { name: 'Saved statement runs' })).toContainText('Emailed');

    // The same selection printed as one job on the CUPS queue: four statements, one page each, and a second run saved.
    for (const close of await page.locator('.mantine-Notification-closeButton').all()) await close.click({ timeout: 1_000 }).catch(() => undefined);
    await page.getByRole('button', { name: 'Print 4 as one job' }).click();
    await dialog.getByRole('combobox', { name: 'Printer' }).click();
    await page.getByRole('option', { name: /Ledgerdesk.*Ready/ }).click();
    await dialog.getByRole('button', { name: 'Print', exact: true }).click();
    await expect(page.getByText('Printed 4 documents')).toBeVisible({ timeout: 60_000 });
    expect(app.printJobs).toHaveLength(1);
    expect(pdfInfo(await waitForCupsPdf(app.printJobs[0]!))).toMatchObject({ pages: 4, width: 612, height: 792 });
    const [printed] = await must(app.backend, SEED, 'statements.runs', {});
    expect(printed).toMatchObject({ channel: 'print', accountIds: expected.accounts.map((c) => c.accountId) });
    expect(await must(app.backend, SEED, 'documents.archiveList', { accountId: ids.get('P-10347')! })).toMatchObject([{ kind: 'statement', channel: 'print' }]);

    // Reprint the emailed run from Saved runs: the same three statements, saved as one PDF.
    await page.getByRole('button', { name: `Reprint run ${runs[0]!.id}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Save as PDF' }).click();
    await expect.poll(() => app.savedFiles.length).toBe(1);
    expect(pdfInfo(app.savedFiles[0]!).pages).toBe(3);
    const reprinted = execFileSync('pdftotext', ['-layout', app.savedFiles[0]!, '-'], { encoding: 'utf8' });
    for (const c of emailed) expect(reprinted).toContain(c.accountNumber);
    expect(reprinted).not.toContain('P-10347');
  } finally {
    await smtp.close();
  }
});

test("an administrator rewords a statement message; one account's statement, saved from its Documents tab, prints it", async ({ app, page }) => {
  test.setTimeout(120_000);
  const { today, ids } = await documentsOffice(app.backend);
  const accountId = ids.get('C-2042')!;
  // Due 20 days ago: its oldest item is in the 1-30 bucket.
  await invoice(app.backend, accountId, addDays(today, -50), [{ code: '99214' }], { terms: 'Net 30' });
  await app.open(page);
  await signIn(page);

  await page.goto(`${app.url}#/settings?tab=documents`);
  const message = page.getByRole('textbox', { name: '1-30', exact: true });
  await message.fill('Your payment is a few weeks late. Please send it this week, or call Dana at (312) 555-0100.');
  await page.getByRole('button', { name: 'Save statement messages' }).click();
  await expect(page.getByText('Statement messages saved.')).toBeVisible();
  const settings = await must(app.backend, SEED, 'documents.getSettings', undefined);
  expect(settings.statementMessages[1]).toBe('Your payment is a few weeks late. Please send it this week, or call Dana at (312) 555-0100.');
  expect(settings.statementMessages).toHaveLength(6);
  // The statement email is among the templates an administrator words.
  await page.locator('label', { hasText: /^Statement$/ }).click();
  await expect(page.getByLabel('Subject')).toHaveValue('Statement of account {{accountNumber}} from {{companyName}}');

  // A run of accounts picked by hand: only the practice, found by typing part of its name.
  await page.goto(`${app.url}#/letters?tab=statements`);
  await page.getByRole('combobox', { name: 'Pick accounts' }).fill('Riverbend');
  await page.getByRole('option', { name: /C-2042/ }).click();
  await page.getByRole('button', { name: 'Find accounts' }).click();
  const table = page.getByRole('table', { name: 'Accounts the run covers' });
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table).toContainText('Riverbend Physical Therapy');

  await page.goto(`${app.url}#/accounts/${accountId}?tab=documents`);
  await page.getByRole('button', { name: 'Save as PDF' }).first().click();
  await expect.poll(() => app.savedFiles.length).toBe(1);
  const text = execFileSync('pdftotext', ['-layout', app.savedFiles[0]!, '-'], { encoding: 'utf8' });
  expect(text).toContain('STATEMENT');
  expect(text).toContain('C-2042');
  expect(text.replace(/\s+/g, ' ')).toContain('Your payment is a few weeks late. Please send it this week');
  const archived = await must(app.backend, SEED, 'documents.archiveList', { accountId });
  expect(archived.map((a) => [a.kind, a.number])).toEqual([['statement', `C-2042 ${today}`]]);
});
