import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src-main/backend/errors';
import { fixedClock, tempDir, testBackend, withCompany } from '../support/store';

const admin = { userId: 1, username: 'admin' };

async function setup() {
  const b = testBackend({ clock: fixedClock('2025-06-16T15:00:00Z') });
  await withCompany(b);
  return b;
}

const accountsCsv = (rows: string[]) => {
  const file = path.join(tempDir(), 'accounts.csv');
  fs.writeFileSync(file, ['account_number,name,Bank Holder,Routing Number,bank_account_number,bank_account_type,IBAN,BIC', ...rows].join('\r\n'));
  return { kind: 'accounts' as const, fileName: 'accounts.csv', contentBase64: fs.readFileSync(file).toString('base64') };
};

const bankRows = (b: Awaited<ReturnType<typeof setup>>) =>
  b.ctx.store.sqlite
    .prepare(
      'SELECT a.account_number, k.holder_name, k.scheme, k.routing_number, k.account_number AS number, k.iban, k.bic, k.account_type, k.last4 FROM bank_account k JOIN account a ON a.id = k.account_id ORDER BY a.account_number',
    )
    .all();

describe('the accounts import’s bank columns', () => {
  it('creates each account’s bank account with it, US or IBAN, normalized', async () => {
    const b = await setup();
    const summary = await b.services.imports.post(
      admin,
      accountsCsv([
        'B-1,Hartley Dental Group,,021000021,0001-2345-6789,savings,,',
        'B-2,Maria Gonzalez,Maria G. Gonzalez,,,,de89 3704 0044 0532 0130 00,deutdeff',
        'B-3,No Bank Co,,,,,,',
      ]),
    );
    expect(summary.posted).toBe(3);
    expect(bankRows(b)).toEqual([
      {
        account_number: 'B-1',
        holder_name: 'Hartley Dental Group',
        scheme: 'us_aba',
        routing_number: '021000021',
        number: '000123456789',
        iban: null,
        bic: null,
        account_type: 'savings',
        last4: '6789',
      },
      {
        account_number: 'B-2',
        holder_name: 'Maria G. Gonzalez',
        scheme: 'iban',
        routing_number: null,
        number: null,
        iban: 'DE89370400440532013000',
        bic: 'DEUTDEFF',
        account_type: null,
        last4: '3000',
      },
    ]);
  });

  it('a bad check digit is a row error naming the column as the file spells it; nothing is posted', async () => {
    const b = await setup();
    let caught: unknown;
    try {
      await b.services.imports.post(
        admin,
        accountsCsv([
          'C-1,Good Row,,021000021,12345678,checking,,',
          'C-2,Bad Routing,,021000022,12345678,,,',
          'C-3,Bad IBAN,,,,,GB82 WEST 1234 5698 7654 33,',
          'C-4,Both,,021000021,12345678,,GB82 WEST 1234 5698 7654 32,',
          'C-5,No Number,,021000021,,,,',
          'C-6,Odd Type,,021000021,12345678,money market,,',
        ]),
      );
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(DomainError);
    const errors = ((caught as DomainError).details as { errors: { line: number; column: string; reason: string }[] }).errors;
    expect(errors.map((e) => [e.line, e.column])).toEqual([
      [3, 'Routing Number'],
      [4, 'IBAN'],
      [5, 'IBAN'],
      [6, 'bank_account_number'],
      [7, 'bank_account_type'],
    ]);
    expect(errors[0]!.reason).toMatch(/check digit/);
    expect(errors[1]!.reason).toMatch(/check digits/);
    expect(b.ctx.store.sqlite.prepare('SELECT count(*) n FROM account').get()).toEqual({ n: 0 });
    expect(bankRows(b)).toEqual([]);
  });
});
