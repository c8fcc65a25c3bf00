import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src-main/cli';
import { must, postedInvoice } from '../support/document-delivery';
import { tempDir, testBackend, withCompany } from '../support/store';

/** `npm run cli -- document`, run in-process as the terminal would, over a store with one posted invoice. */
async function cli(...argv: string[]) {
  const lines: string[] = [];
  const errors: string[] = [];
  const error = console.error;
  console.error = (...a: unknown[]) => errors.push(a.join(' '));
  try {
    const code = await runCli(argv, (l) => lines.push(l));
    return { code, text: lines.join('\n'), errors: errors.join('\n') };
  } finally {
    console.error = error;
  }
}

async function storeWithInvoice() {
  const b = testBackend();
  const admin = await withCompany(b);
  const { invoice } = await postedInvoice(b, admin, 98_765);
  await b.close();
  const keyFile = path.join(tempDir(), 'office.key');
  fs.writeFileSync(keyFile, b.key.toString('hex'));
  return { store: ['--store', b.storePath, '--key-file', keyFile], number: invoice.number as string, dir: path.dirname(keyFile) };
}

describe('document from the command line', () => {
  it('writes an invoice as HTML and as a Letter PDF made from that same HTML, with its number, address and total', async () => {
    const { store, number, dir } = await storeWithInvoice();
    const html = path.join(dir, 'invoice.html');
    expect(await cli('document', 'invoice', number, '--out', html, ...store)).toMatchObject({ code: 0, text: expect.stringContaining(`Invoice ${number}`) });
    const page = fs.readFileSync(html, 'utf8');
    expect(page).toContain(number);
    expect(page).toContain('$987.65');
    expect(page).toMatch(/Content-Security-Policy/);
    expect(page).not.toMatch(/<script/i);

    const pdf = path.join(dir, 'invoice.pdf');
    expect((await cli('document', 'invoice', number, '--out', pdf, ...store)).code).toBe(0);
    expect(fs.readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })).toMatch(/Page size:\s+612 x 792 pts/);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain(number);
    expect(text).toContain('200 Lake Shore Dr');
    expect(text).toContain('$987.65');
  }, 60_000);

  it('writes a deposit slip by its number (the office’s own document: no recipient), and names an unknown deposit', async () => {
    const b = testBackend();
    const admin = await withCompany(b);
    const { account } = await postedInvoice(b, admin, 50_000);
    const bank = await must(b, admin, 'officeBankAccounts.save', { name: 'Operating account', routingNumber: '071000013', accountNumber: '000123456789' });
    const check = await must(b, admin, 'payments.post', {
      accountId: account.id,
      date: '2026-03-15',
      method: 'check',
      checkNumber: '5150',
      amountCents: 20_000,
    });
    const d = await must(b, admin, 'deposits.create', { officeBankAccountId: bank.id, depositDate: '2026-03-15', paymentIds: [check.documentId] });
    await b.close();
    const keyFile = path.join(tempDir(), 'office.key');
    fs.writeFileSync(keyFile, b.key.toString('hex'));
    const store = ['--store', b.storePath, '--key-file', keyFile];
    const html = path.join(path.dirname(keyFile), 'slip.html');
    expect(await cli('document', 'deposit_slip', d.number, '--out', html, ...store)).toMatchObject({
      code: 0,
      text: expect.stringContaining(`Deposit slip ${d.number}`),
    });
    const page = fs.readFileSync(html, 'utf8');
    expect(page).toContain('DEPOSIT SLIP');
    expect(page).toContain('5150');
    expect(page).toContain('••••6789');
    expect(page).not.toContain('000123456789');
    expect(await cli('document', 'deposit_slip', 'DEP-999999', '--out', html, ...store)).toMatchObject({
      code: 2,
      errors: expect.stringMatching(/no deposit numbered DEP-999999/),
    });
  }, 60_000);

  it('refuses an unknown kind, a missing number, an unknown number and a wrong extension, writing nothing', async () => {
    const { store, dir } = await storeWithInvoice();
    const outFile = path.join(dir, 'x.pdf');
    expect(await cli('document', 'statement', 'S-1', '--out', outFile, ...store)).toMatchObject({
      code: 2,
      errors: expect.stringMatching(/kind must be one of invoice, credit_note, receipt, calibration, deposit_slip; it is "statement"/),
    });
    expect(await cli('document', 'invoice', '--out', outFile, ...store)).toMatchObject({ code: 2, errors: expect.stringMatching(/give the invoice number/) });
    expect(await cli('document', 'invoice', 'INV-999999', '--out', outFile, ...store)).toMatchObject({
      code: 2,
      errors: expect.stringMatching(/no invoice numbered INV-999999/),
    });
    expect(await cli('document', 'invoice', 'INV-1', '--out', path.join(dir, 'x.docx'), ...store)).toMatchObject({
      code: 2,
      errors: expect.stringMatching(/must end in \.html or \.pdf/),
    });
    expect(fs.readdirSync(dir).filter((f) => !f.endsWith('.key'))).toEqual([]);
  });

  it('says where no Chromium is found for a PDF, and leaves no file', async () => {
    const { store, number, dir } = await storeWithInvoice();
    const saved = process.env.CHROMIUM_PATH;
    process.env.CHROMIUM_PATH = path.join(dir, 'no-such-chromium');
    try {
      const r = await cli('document', 'invoice', number, '--out', path.join(dir, 'i.pdf'), ...store);
      expect(r.code).toBe(2);
      expect(r.errors).toMatch(/error: RENDER_FAILED: No Chromium was found/);
      expect(fs.existsSync(path.join(dir, 'i.pdf'))).toBe(false);
    } finally {
      if (saved === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = saved;
    }
  });
});
