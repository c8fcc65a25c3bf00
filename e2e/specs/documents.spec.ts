/**
 * Documents (docs/documents.md) end to end: a posted invoice printed through a real CUPS queue, saved as
 * a PDF and emailed through an SMTP server this spec starts on loopback, each read back as a person
 * would (the PDF's text, the message's recipient, subject and attachment), and all three listed in the
 * account's Documents tab. The shell's part (render, lp, save, open) is answered by the bridge
 * (e2e/fixtures/shell-answers.ts) with the shipped delivery code; everything else is the app's.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { Page } from '@playwright/test';
import { must } from '../../test/kit';
import { cupsQueue, pdfInfo, requireCupsQueue, waitForCupsPdf } from '../../test/kit/cups';
import { signIn } from '../../test/kit/page';
import { expect, test } from '../fixtures/bridge';
import { documentsOffice, logoSvg } from '../fixtures/documentsData';
import { LOGO_MAX_BYTES } from '../../src-shared/domain/documents';
import { formatBytes } from '../../src-shared/domain/diagnostics';
import { invoice, SEED } from '../fixtures/receivablesData';
import { addDays } from '../../src-shared/dates';

const SMTP_USER = 'billing-mailer';
const SMTP_PASSWORD = 'mail-pass-1';

/** An SMTP server on loopback, plain text with AUTH (an office relay), that keeps every message parsed. */
async function smtpServer() {
  const received: { to: string[]; parsed: ParsedMail }[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) cb(null, { user: auth.username });
      else cb(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
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

const pdfText = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Dismisses the toasts so the next one is the one looked for. */
async function clearToasts(page: Page) {
  for (const close of await page.locator('.mantine-Notification-closeButton').all()) await close.click({ timeout: 1_000 }).catch(() => undefined);
}

async function postInvoiceOnScreen(page: Page, url: string, accountId: number): Promise<string> {
  await page.goto(`${url}#/accounts/${accountId}/invoices/new`);
  await expect(page.getByRole('heading', { name: 'New invoice' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Line 1 code' }).fill('BILL-SV');
  await page.getByRole('option', { name: /BILL-SVC/ }).click();
  await page.getByRole('textbox', { name: 'Line 1 quantity' }).fill('64');
  await page.getByRole('textbox', { name: 'Shipping' }).fill('14.95');
  // Shipped to the clinic's second site.
  await page.getByRole('switch', { name: 'Ship to another address' }).check();
  await page.getByLabel('Ship to: line 1').fill('2750 S Kinnickinnic Ave');
  await page.getByLabel('Ship to: city').fill('Milwaukee');
  await page.getByLabel('Ship to: ZIP code').fill('53207');
  await expect(page.getByTestId('total-total')).toHaveText('$430.95');
  await page.getByRole('button', { name: 'Post invoice' }).click();
  await expect(page.getByTestId('invoice-number')).toHaveText(/^INV-\d{6}$/);
  await expect(page.getByTestId('posted-ship-to')).toContainText('2750 S Kinnickinnic Ave');
  await expect(page.getByTestId('posted-bill-to')).toContainText('1400 N Prospect Ave, Suite 210');
  return (await page.getByTestId('invoice-number').textContent()) ?? '';
}

test('an invoice printed on a CUPS queue, saved as PDF and emailed; all three in the account’s Documents tab', async ({ app, page }) => {
  test.setTimeout(120_000);
  requireCupsQueue();
  const smtp = await smtpServer();
  try {
    const { ids } = await documentsOffice(app.backend);
    const accountId = ids.get('C-2004')!;
    await app.open(page);
    await signIn(page);

    // The logo: a file that only claims to be a PNG is refused, one over the limit names it, an SVG replaces the logo.
    await page.goto(`${app.url}#/settings?tab=documents`);
    const upload = page.locator('input[type=file]');
    await upload.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from('not a picture at all') });
    await expect(page.getByTestId('logo-refused')).toBeVisible();
    await upload.setInputFiles({ name: 'scan.png', mimeType: 'image/png', buffer: Buffer.alloc(LOGO_MAX_BYTES + 1) });
    await expect(page.getByTestId('logo-refused')).toHaveText(
      `scan.png is ${formatBytes(LOGO_MAX_BYTES + 1)}; a logo may be at most ${formatBytes(LOGO_MAX_BYTES)}. Save it smaller and try again.`,
    );
    const before = await page.getByTestId('logo-preview').getAttribute('src');
    await upload.setInputFiles({ name: 'mark.svg', mimeType: 'image/svg+xml', buffer: Buffer.from(logoSvg.replace('#0f766e', '#1d4ed8')) });
    await expect(page.getByText('Logo saved.')).toBeVisible();
    await expect(page.getByTestId('logo-refused')).toHaveCount(0);
    expect(await page.getByTestId('logo-preview').getAttribute('src')).not.toBe(before);

    // Email is set up on screen: server, user, the password (write-only), the sender.
    await page.getByLabel('SMTP host').fill('127.0.0.1');
    await page.getByLabel('Port').fill(String(smtp.port));
    await page.getByRole('combobox', { name: 'Security' }).click();
    await page.getByRole('option', { name: /^None/ }).click();
    await page.getByLabel('User', { exact: true }).fill(SMTP_USER);
    // A user name with no encryption: the screen says the password crosses in clear.
    await expect(page.getByTestId('smtp-unencrypted')).toContainText('in clear');
    await page.getByLabel('Password', { exact: true }).fill('not-the-password');
    await page.getByLabel('From name').fill('Riverside Billing');
    await page.getByLabel('From address').fill('billing@riversidemb.example');
    // The invoice's subject gets the account number from the merge-field picker, where the cursor is.
    await page.getByLabel('Subject').click();
    await page.getByLabel('Subject').press('End');
    await page.getByLabel('Subject').pressSequentially(' – account ');
    await page.getByRole('button', { name: 'Insert field' }).click();
    await page.getByRole('menuitem', { name: /^Account number/ }).click();
    await expect(page.getByLabel('Subject')).toHaveValue('Invoice {{documentNumber}} from {{companyName}} – account {{accountNumber}}');
    await page.getByRole('button', { name: 'Save email settings' }).click();
    await expect(page.getByText('Email settings saved.')).toBeVisible();
    await expect(page.getByTestId('smtp-password-state')).toHaveText('A password is set');
    // A wrong password says so, in words; nothing reaches the server.
    await page.getByLabel('Send a test message to').fill('office@riversidemb.example');
    await page.getByRole('button', { name: 'Send test message' }).click();
    await expect(page.getByTestId('test-email-result')).toContainText('The mail server refused the user name or password');
    expect(smtp.received).toEqual([]);
    // The password is changed (never shown), and the test message reaches the server.
    await clearToasts(page);
    await page.getByRole('button', { name: 'Change' }).click();
    await page.getByLabel('Password', { exact: true }).fill(SMTP_PASSWORD);
    await page.getByRole('button', { name: 'Save email settings' }).click();
    await expect(page.getByText('Email settings saved.')).toBeVisible();
    await expect(page.getByTestId('smtp-password-state')).toHaveText('A password is set');
    await page.getByRole('button', { name: 'Send test message' }).click();
    await expect(page.getByTestId('test-email-result')).toHaveText('The mail server accepted the test message for office@riversidemb.example.');
    expect(smtp.received.map((m) => m.to)).toEqual([['office@riversidemb.example']]);

    const number = await postInvoiceOnScreen(page, app.url, accountId);

    // Print: Ctrl+P opens the print dialog; the CUPS queue writes the job as a PDF.
    await page.keyboard.press('Control+p');
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText(`Print invoice ${number}`);
    await dialog.getByRole('combobox', { name: 'Printer' }).click();
    await page.getByRole('option', { name: /Ledgerdesk.*Ready/ }).click();
    await dialog.getByRole('button', { name: 'Print', exact: true }).click();
    await expect(page.getByText('Printed 1 document')).toBeVisible();
    await expect(page.getByText(`On ${cupsQueue} · 1 page`)).toBeVisible();
    expect(app.printJobs).toHaveLength(1);
    const printed = await waitForCupsPdf(app.printJobs[0]!);
    expect(pdfInfo(printed)).toMatchObject({ pages: 1, width: 612, height: 792 });
    // cups-pdf re-renders through Ghostscript (Type 3 fonts, no readable text): the job's title names the invoice.
    expect(path.basename(printed)).toContain(`Invoice_${number}`);
    // The printer is remembered for invoices on this workstation.
    await clearToasts(page);
    await page.keyboard.press('Control+p');
    await expect(dialog.getByRole('combobox', { name: 'Printer' })).toHaveValue('Ledgerdesk PDF (CUPS-PDF)');
    await dialog.getByRole('button', { name: 'Close' }).click();

    // Save as PDF: the file holds the number, the billing address and the total.
    await clearToasts(page);
    await page.getByRole('button', { name: 'Save as PDF' }).click();
    await expect(page.getByText('Saved 1 document as PDF')).toBeVisible();
    const saved = app.savedFiles.at(-1)!;
    const text = pdfText(saved);
    expect(text).toContain(number);
    expect(text).toContain('1400 N Prospect Ave, Suite 210');
    expect(text).toMatch(/Milwaukee,?\s+WI\s+53202/);
    expect(text).toContain('$430.95');

    // Email: the confirmation names the billing email; the server gets the PDF attached.
    await clearToasts(page);
    await page.getByRole('button', { name: 'Email' }).click();
    await expect(dialog.getByLabel('To')).toHaveValue('ap@lakeshorefp.example');
    await dialog.getByRole('button', { name: 'Email to ap@lakeshorefp.example' }).click();
    await expect(page.getByText('Emailed 1 document')).toBeVisible();
    const mail = smtp.received.at(-1)!;
    expect(mail.to).toEqual(['ap@lakeshorefp.example']);
    expect(mail.parsed.subject).toBe(`Invoice ${number} from Riverside Medical Billing – account C-2004`);
    const [attachment] = mail.parsed.attachments;
    expect(attachment?.contentType).toBe('application/pdf');
    expect(attachment?.filename).toContain(number);

    // The account's Documents tab lists all three, and opens each byte for byte as it left.
    await page.goto(`${app.url}#/accounts/${accountId}?tab=documents`);
    const table = page.getByRole('table', { name: 'Documents that left' });
    await expect(table.getByRole('row')).toHaveCount(4);
    await expect(table).toContainText('Printed on');
    await expect(table).toContainText('Saved as PDF');
    await expect(table).toContainText('Emailed to ap@lakeshorefp.example');
    const archived = await must(app.backend, SEED, 'documents.archiveList', { accountId });
    const emailed = archived.find((a) => a.channel === 'email')!;
    expect(emailed.sha256).toBe(sha256(attachment!.content));
    await table.getByRole('row').filter({ hasText: 'Emailed to' }).getByRole('button', { name: /^Open/ }).click();
    await expect.poll(() => app.openedFiles.length).toBe(1);
    expect(sha256(fs.readFileSync(app.openedFiles[0]!))).toBe(emailed.sha256);
    expect(path.extname(app.openedFiles[0]!)).toBe('.pdf');
    // The account's timeline shows each document that left.
    await page.getByRole('tab', { name: 'Collections' }).click();
    const entries = page.getByTestId('timeline-entry');
    await expect(entries.filter({ hasText: 'Emailed to ap@lakeshorefp.example' })).toContainText(`Invoice ${number}`);
    await expect(entries.filter({ hasText: 'Printed on' })).toHaveCount(1);
    await expect(entries.filter({ hasText: 'Saved as PDF' })).toHaveCount(1);
  } finally {
    await smtp.close();
  }
});

test('a clerk: Ctrl+P on a receipt opens its print dialog; a stopped printer says so and nothing is archived; an invoice with no address cannot be mailed; the document settings are read-only', async ({
  app,
  page,
}) => {
  test.setTimeout(90_000);
  requireCupsQueue();
  const { today, ids } = await documentsOffice(app.backend);
  const accountId = ids.get('C-2004')!;
  await invoice(app.backend, accountId, addDays(today, -20), [{ code: 'BILL-SVC', qty: 10 }]);
  const payment = await must(app.backend, SEED, 'payments.post', { accountId, date: today, method: 'check', amountCents: 6_500, checkNumber: '20417' });
  const nowhere = await must(app.backend, SEED, 'accounts.create', { accountNumber: 'C-9001', name: 'Walk-in Patient', kind: 'consumer' });
  const unmailable = await invoice(app.backend, nowhere.id, today, [{ code: '99213' }]);

  await app.open(page);
  await signIn(page, 'casey', 'clerk-pass-1');
  await page.goto(`${app.url}#/accounts/${accountId}`);
  await page.getByRole('grid', { name: 'Account ledger' }).getByRole('row').filter({ hasText: payment.number }).click();
  const drawer = page.getByTestId('document-drawer');
  await drawer.getByRole('button', { name: 'View receipt' }).click();
  const receipt = page.getByRole('dialog', { name: 'Receipt' });
  await expect(receipt.getByTestId('receipt-number')).toHaveText(payment.number);

  // Ctrl+P prints the receipt on screen (the newest document shown), not the browser's page.
  await page.keyboard.press('Control+p');
  const print = page.getByRole('dialog', { name: /^Print receipt/ });
  await expect(print).toContainText(`Print receipt ${payment.number}`);
  await print.getByRole('combobox', { name: 'Printer' }).click();
  await page.getByRole('option', { name: /Ledgerdesk.*Stopped/ }).click();
  await expect(print).toContainText('is stopped. Start it in the system’s printer settings, or choose another printer.');
  await print.getByRole('button', { name: 'Print', exact: true }).click();
  await expect(print.getByTestId('print-error')).toContainText('The printer is stopped or not accepting jobs');
  expect(await must(app.backend, SEED, 'documents.archiveList', { accountId })).toEqual([]);
  await print.getByRole('button', { name: 'Close' }).click();

  // An invoice whose account has no address is listed with the reason, never printed with a blank window.
  await page.goto(`${app.url}#/accounts/${nowhere.id}/invoices/${unmailable.id}`);
  await page.getByRole('button', { name: 'Print', exact: true }).click();
  const printInvoice = page.getByRole('dialog', { name: `Print invoice ${unmailable.number}` });
  await printInvoice.getByRole('combobox', { name: 'Printer' }).click();
  await page.getByRole('option', { name: /Ledgerdesk.*Ready/ }).click();
  await printInvoice.getByRole('button', { name: 'Print', exact: true }).click();
  const problems = page.getByRole('dialog', { name: 'Cannot be mailed' });
  await expect(problems.getByRole('table')).toContainText(`Invoice ${unmailable.number} · Walk-in Patient`);
  await expect(problems.getByRole('table')).toContainText('No mailing address on the account');
  await expect(page.getByText('Nothing was printed')).toBeVisible();
  expect(await must(app.backend, SEED, 'documents.archiveList', { accountId: nowhere.id })).toEqual([]);
  await problems.getByRole('button', { name: 'Close' }).click();

  // The clerk sees the letterhead and layout, read-only, and no mail server settings; main refuses a change.
  await page.goto(`${app.url}#/settings?tab=documents`);
  await expect(page.getByText('Only an administrator can change document settings.')).toBeVisible();
  await expect(page.getByLabel('Legal name')).toBeDisabled();
  await expect(page.getByLabel('Legal name')).toHaveValue('Riverside Medical Billing, LLC');
  await expect(page.getByRole('button', { name: 'Save letterhead' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Email' })).toHaveCount(0);
  await expect(page.getByLabel('SMTP host')).toHaveCount(0);
  const refused = await page.evaluate(() =>
    window.api.documents.updateSettings({ smtp: { host: 'evil.example', port: 25, security: 'none', user: '', fromAddress: '', fromName: '' } }),
  );
  expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
});
