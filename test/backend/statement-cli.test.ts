import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src-main/cli';
import { remittanceStubs, toPoints } from '../../src-main/backend/services/documents/envelope';
import { addDays } from '../../src-shared/dates';
import { postedInvoice } from '../support/document-delivery';
import { tempDir, testBackend, withCompany } from '../support/store';
import { must } from '../support/receivables';

/** `npm run cli -- statement`, run in-process as the terminal would. */
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

/** A store with one account: an invoice of 987.65 and a partial payment of 100.00 on it. */
async function storeWithAccount() {
  const b = testBackend();
  const admin = await withCompany(b);
  const { invoice, account } = await postedInvoice(b, admin, 98_765);
  await must(b, admin, 'payments.post', {
    accountId: account.id,
    date: invoice.invoiceDate,
    method: 'cash',
    amountCents: 10_000,
    allocation: { mode: 'manual', lines: [{ documentId: invoice.id, amountCents: 10_000 }] },
  });
  await b.close();
  const keyFile = path.join(tempDir(), 'office.key');
  fs.writeFileSync(keyFile, b.key.toString('hex'));
  return {
    store: ['--store', b.storePath, '--key-file', keyFile],
    accountNumber: account.accountNumber,
    asOf: invoice.invoiceDate,
    dir: path.dirname(keyFile),
  };
}

describe('statement from the command line', () => {
  it('writes an open-item statement as HTML and a balance-forward one as a Letter PDF, with the account number and amount due', async () => {
    const { store, accountNumber, asOf, dir } = await storeWithAccount();
    const html = path.join(dir, 'statement.html');
    const r = await cli('statement', accountNumber, '--as-of', asOf, '--type', 'open-item', '--out', html, ...store);
    expect(r).toMatchObject({ code: 0, text: expect.stringContaining(`Statement ${accountNumber} ${asOf}`) });
    const page = fs.readFileSync(html, 'utf8');
    expect(page).toContain('$887.65');
    expect(page).toContain('data-field="stubAccount"');
    expect(page).not.toMatch(/<script/i);

    const pdf = path.join(dir, 'statement.pdf');
    const later = addDays(asOf, 10);
    expect((await cli('statement', accountNumber, '--as-of', later, '--type', 'balance-forward', '--from', asOf, '--out', pdf, ...store)).code).toBe(0);
    expect(fs.readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })).toMatch(/Page size:\s+612 x 792 pts/);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain(accountNumber);
    expect(text).toContain('$887.65');
    expect(text).toContain('Amount enclosed'.toUpperCase());
    expect(text).toContain('Opening balance');
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    // The stub's lower part holds the remit-to lines only, inside the return envelope's window (envelope.ts).
    const bbox = execFileSync('pdftotext', ['-bbox', '-f', '1', '-l', '1', pdf, '-'], { encoding: 'utf8' });
    const words = [...bbox.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">/g)].map((m) => m.slice(1, 5).map(Number));
    const window = toPoints(remittanceStubs.Letter.remitTo, 'in');
    const stubLow = words.filter(([, y0]) => y0! > (remittanceStubs.Letter.tearAt + 2.04) * 72 && y0! < 10.4 * 72);
    expect(stubLow.length).toBeGreaterThan(0);
    for (const [x0, y0, x1, y1] of stubLow) {
      expect(x0).toBeGreaterThanOrEqual(window.x - 0.5);
      expect(x1).toBeLessThanOrEqual(window.x + window.w + 0.5);
      expect(y0).toBeGreaterThanOrEqual(window.y - 0.5);
      expect(y1).toBeLessThanOrEqual(window.y + window.h + 0.5);
    }
  });

  it('refuses an unknown account, a bad type or date, --from after --as-of, writing nothing', async () => {
    const { store, accountNumber, asOf, dir } = await storeWithAccount();
    const outFile = path.join(dir, 'x.pdf');
    const run = (...a: string[]) => cli('statement', ...a, '--out', outFile, ...store);
    expect(await run('NOPE-1', '--as-of', asOf, '--type', 'open-item')).toMatchObject({ code: 2, errors: expect.stringMatching(/no account numbered NOPE-1/) });
    expect(await run(accountNumber, '--as-of', asOf, '--type', 'monthly')).toMatchObject({
      code: 2,
      errors: expect.stringMatching(/--type must be one of open-item, balance-forward; it is "monthly"/),
    });
    expect(await run(accountNumber, '--as-of', '2026-02-30', '--type', 'open-item')).toMatchObject({
      code: 2,
      errors: expect.stringMatching(/--as-of is not a calendar date/),
    });
    expect(await run(accountNumber, '--type', 'open-item')).toMatchObject({ code: 2, errors: expect.stringMatching(/--as-of YYYY-MM-DD is required/) });
    expect(await run(accountNumber, '--as-of', asOf, '--type', 'balance-forward', '--from', addDays(asOf, 1))).toMatchObject({
      code: 2,
      errors: expect.stringMatching(/--from .* is after --as-of/),
    });
    expect(await run(accountNumber, '--as-of', asOf, '--type', 'open-item', '--from', asOf)).toMatchObject({
      code: 2,
      errors: expect.stringMatching(/balance-forward only/),
    });
    expect(fs.existsSync(outFile)).toBe(false);
  });
});
