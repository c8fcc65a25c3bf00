import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, runBuilt, type Run } from './bundle';

/**
 * `import bank-statement` through the bundled CLI, as a child process: what it read and what its credits
 * would match, as JSON; --dry-run writes nothing; errors name file, line and field and exit 1.
 */
let cli = '';
let dir = '';
let store: string[] = [];
const fixtures = path.join(__dirname, '..', 'fixtures', 'bank');
const run = (...args: string[]): Promise<Run> => runBuilt(cli, args);
const json = (r: Run) => JSON.parse(r.stdout.toString('utf8')) as Record<string, unknown> & { lines: { line: number; alreadyImported: boolean }[] };
const write = (name: string, lines: string[]) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
};

beforeAll(async () => {
  cli = await buildCli();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerdesk-cli-bank-'));
  store = ['--store', path.join(dir, 'office.ldk'), '--key-file', path.join(dir, 'office.key')];
  const init = await runBuilt(cli, ['init', ...store, '--company', 'Bank Test Billing', '--admin', 'admin', '--admin-name', 'Ada Admin'], {
    LEDGERDESK_ADMIN_PASSWORD: 'correct horse battery staple',
  });
  expect(init.code).toBe(0);
  // One customer who paid by ACH: the statement's credit names the payment's reference.
  expect((await run('import', 'accounts', write('accounts.csv', ['account_number,name', 'C-1,Acme Medical Group']), ...store)).code).toBe(0);
  const payments = write('payments.csv', ['reference,account_number,payment_date,amount,method', 'ACH-77123,C-1,2026-03-02,1875.50,ach']);
  const posted = await run('import', 'payments', payments, ...store);
  expect(posted.stdout.toString()).toMatch(/posted 1 row/);
}, 240_000);

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  if (cli) fs.rmSync(path.dirname(cli), { recursive: true, force: true });
});

describe('import bank-statement', () => {
  it('--dry-run prints what it read and what it would match as JSON, and imports nothing', async () => {
    const file = write('march.csv', [
      'Date,Description,Amount,Reference',
      '03/03/2026,ACH CREDIT ACME ACH-77123,"1,875.50",BR9001',
      '03/03/2026,SERVICE CHARGE,-12.00,BR9002',
      '03/04/2026,UNKNOWN CREDIT,99.00,BR9003',
    ]);
    const dry = await run('import', 'bank-statement', file, '--format', 'csv', '--dry-run', ...store);
    expect([dry.code, dry.stderr]).toEqual([0, '']);
    const r = json(dry);
    expect(r).toMatchObject({ dryRun: true, format: 'csv', statementFrom: '2026-03-03', statementTo: '2026-03-04', errors: [] });
    expect(r.lines.map((l) => [l.line, l.alreadyImported])).toEqual([
      [2, false],
      [3, false],
      [4, false],
    ]);
    expect(r.totals).toEqual({ lines: 3, creditsCents: 197_450, debitsCents: 1_200, toImport: 3, alreadyImported: 0 });
    expect(r.wouldMatch).toEqual({
      matched: [{ line: 2, kind: 'payment', id: expect.any(Number), number: expect.any(String), byReference: true, businessDays: 1 }],
      unmatchedLines: [{ line: 4, reason: expect.any(String) }],
    });
    expect(r).not.toHaveProperty('import');

    // Nothing was written: the same file read again holds no line already imported; then it is imported, once.
    const real = json(await run('import', 'bank-statement', file, ...store));
    expect(real.lines.every((l) => !l.alreadyImported)).toBe(true);
    expect(real.import).toMatchObject({ imported: 3, alreadyImported: 0, format: 'csv' });
    const again = json(await run('import', 'bank-statement', file, ...store));
    expect(again.import).toMatchObject({ statementId: null, imported: 0, alreadyImported: 3 });
  }, 60_000);

  it('reads BAI2 and camt.053 by their format; a malformed file prints its errors with line and field and exits 1', async () => {
    const bai2 = json(await run('import', 'bank-statement', path.join(fixtures, 'statement.bai2'), '--format', 'bai2', '--dry-run', ...store));
    expect(bai2).toMatchObject({ format: 'bai2', accountIdentifier: '000123456789', openingBalanceCents: 1_250_000, closingBalanceCents: 1_563_050 });
    expect(bai2.lines).toHaveLength(4);
    const camt = json(await run('import', 'bank-statement', path.join(fixtures, 'statement.camt053.xml'), '--dry-run', ...store));
    expect(camt).toMatchObject({ format: 'camt053', accountIdentifier: 'DE89370400440532013000', currency: 'EUR' });

    const bad = await run('import', 'bank-statement', path.join(fixtures, 'record-count-wrong.bai2'), '--dry-run', ...store);
    expect(bad.code).toBe(1);
    expect(json(bad)).toMatchObject({
      imported: 0,
      errors: [{ file: 'record-count-wrong.bai2', line: 9, field: 'number of records', reason: expect.stringMatching(/is 6 but the account has 7/) }],
    });
    const wrongFormat = await run('import', 'bank-statement', path.join(fixtures, 'statement.csv'), '--format', 'ofx', ...store);
    expect(wrongFormat.code).toBe(2);
    expect(wrongFormat.stderr).toMatch(/--format must be csv, bai2 or camt053/);
    const noAccount = await run('import', 'bank-statement', path.join(fixtures, 'statement.csv'), '--account', 'Nowhere Bank', '--dry-run', ...store);
    expect(noAccount.stderr).toMatch(/no office bank account named 'Nowhere Bank'/);
  }, 60_000);
});
