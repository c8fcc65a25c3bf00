import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BankStatementError, BankStatementFileInput } from '@shared/ipc/contract/bank-statements';
import { DomainError } from '../../src-main/backend/errors';
import { readStatement } from '../../src-main/backend/services/bank-statements/parse';
import { verifyStore } from '../../src-main/backend/verify';
import { fixedClock, testBackend, withCompany } from '../support/store';

// Bank statement import (issue 15, item 3): CSV, BAI2 and camt.053 read from sample files written to the
// published formats, malformed ones reported by file, line and field, and nothing posted twice.
const dir = path.join(__dirname, '..', 'fixtures', 'bank');
const bytes = (name: string) => fs.readFileSync(path.join(dir, name));
const read = (name: string) => readStatement(name, bytes(name));
const input = (name: string, more: Partial<BankStatementFileInput> = {}): BankStatementFileInput => ({
  fileName: name,
  contentBase64: bytes(name).toString('base64'),
  ...more,
});
const clerk = { userId: 1, username: 'admin' };

describe('bank statements: parsers', () => {
  it('BAI2: the account, its ledger balances, and each detail signed by its type code with references and continued text', async () => {
    const s = await read('statement.bai2');
    expect(s.errors).toEqual([]);
    expect(s).toMatchObject({
      format: 'bai2',
      accountIdentifier: '000123456789',
      currency: 'USD',
      from: '2026-03-01',
      to: '2026-03-01',
      openingBalanceCents: 1_250_000,
      closingBalanceCents: 1_563_050,
    });
    expect(s.lines.map((l) => [l.line, l.typeCode, l.amountCents, l.bankReference, l.customerReference, l.description])).toEqual([
      [4, '165', 125_000, 'BR260301001', 'DEP-000001', 'DEPOSIT'],
      [5, '175', 187_550, 'BR260301002', '1042', 'ACH CREDIT ACME MEDICAL GROUP INV-2026-0007 AND INV-2026-0009'],
      [7, '475', -2_500, 'BR260301003', null, 'SERVICE CHARGE'],
      [8, '195', 3_000, 'BR260301004', null, ''],
    ]);
    // The balances agree with the lines: opening + lines = closing.
    expect(s.openingBalanceCents! + s.lines.reduce((t, l) => t + l.amountCents, 0)).toBe(s.closingBalanceCents);
  });

  it('BAI2: a wrong control total, a wrong record count and a missing account trailer are errors on their line and field', async () => {
    const at = (errors: BankStatementError[]) => errors.map((e) => [e.file, e.line, e.field]);
    expect(at((await read('control-total-wrong.bai2')).errors)).toEqual([['control-total-wrong.bai2', 9, 'account control total']]);
    expect((await read('control-total-wrong.bai2')).errors[0]!.reason).toMatch(/3131000 .*add up to 3131100/);
    expect(at((await read('record-count-wrong.bai2')).errors)).toEqual([['record-count-wrong.bai2', 9, 'number of records']]);
    const missing = await read('missing-account-trailer.bai2');
    expect(missing.errors[0]).toMatchObject({ line: 9, field: 'record type' });
    expect(missing.errors[0]!.reason).toMatch(/no account trailer \(49\)/);
  });

  it('BAI2: a file cut short, an unknown record type and an amount with a point are named', async () => {
    const text = bytes('statement.bai2').toString().split('\n');
    const cut = await readStatement('cut.bai2', Buffer.from(text.slice(0, 8).join('\n')));
    expect(cut.errors.map((e) => e.reason).join(' ')).toMatch(/account trailer \(49\) is missing.*file trailer \(99\)/);
    const odd = await readStatement('odd.bai2', Buffer.from(text.map((l, i) => (i === 6 ? '17,475,25.00,0,X,,FEE/' : l)).join('\n')));
    expect(odd.errors[0]).toMatchObject({ line: 7, field: 'record type' });
    const point = await readStatement('point.bai2', Buffer.from(text.map((l, i) => (i === 6 ? '16,475,25.00,0,BR3,,FEE/' : l)).join('\n')));
    expect(point.errors[0]).toMatchObject({ line: 7, field: 'amount' });
  });

  it('camt.053: IBAN, currency, OPBD/CLBD balances, entries signed by CdtDbtInd with AcctSvcrRef, EndToEndId and remittance text', async () => {
    const s = await read('statement.camt053.xml');
    expect(s.errors).toEqual([]);
    expect(s).toMatchObject({
      format: 'camt053',
      accountIdentifier: 'DE89370400440532013000',
      currency: 'EUR',
      from: '2026-03-01',
      to: '2026-03-03',
      openingBalanceCents: 100_000,
      closingBalanceCents: 129_505,
    });
    expect(s.lines).toEqual([
      {
        line: 33,
        bookingDate: '2026-03-02',
        valueDate: '2026-03-02',
        amountCents: 25_000,
        bankReference: '2026030200001',
        customerReference: 'E2E-INV-2026-0007',
        description: 'INV-2026-0007 Acme Medical',
        typeCode: 'PMNT/RCDT/ESCT',
      },
      // BookgDt as DtTm: its day; NOTPROVIDED is no reference; two Ustrd lines joined.
      {
        line: 48,
        bookingDate: '2026-03-03',
        valueDate: '2026-03-03',
        amountCents: 5_000,
        bankReference: '2026030300002',
        customerReference: null,
        description: 'Account C-2004 March',
        typeCode: 'NTRF+051',
      },
      {
        line: 63,
        bookingDate: '2026-03-03',
        valueDate: null,
        amountCents: -495,
        bankReference: null,
        customerReference: null,
        description: 'Account fee',
        typeCode: null,
      },
    ]);
  });

  it('camt.053: a missing Amt, an impossible date and a file that is not XML are errors on their line and field', async () => {
    expect((await read('missing-amount.camt053.xml')).errors).toEqual([
      { file: 'missing-amount.camt053.xml', line: 48, field: 'Ntry/Amt', reason: 'is missing' },
    ]);
    expect((await read('bad-date.camt053.xml')).errors).toEqual([
      { file: 'bad-date.camt053.xml', line: 37, field: 'BookgDt/Dt', reason: 'is not a date written YYYY-MM-DD (2026-02-30)' },
    ]);
    const notXml = (await read('not-xml.camt053.xml')).errors;
    expect(notXml).toHaveLength(1);
    expect(notXml[0]).toMatchObject({ file: 'not-xml.camt053.xml', line: 35, field: 'file' });
    expect(notXml[0]!.reason).toMatch(/^is not well-formed XML/);
    const html = await readStatement('page.xml', Buffer.from('<html>\n<body>statement</body>\n</html>'), 'camt053');
    expect(html.errors[0]).toMatchObject({ line: 1, field: 'Document' });
  });

  it('CSV: columns detected by their names, amounts through the money reader, debit and credit columns', async () => {
    const s = await read('statement.csv');
    expect(s.errors).toEqual([]);
    expect(s.csv?.mapping).toMatchObject({ booking_date: 'Date', amount: 'Amount', bank_reference: 'Reference', customer_reference: 'Check number' });
    expect(s.lines.map((l) => [l.line, l.bookingDate, l.amountCents, l.bankReference, l.customerReference])).toEqual([
      [2, '2026-03-02', 125_000, 'BR1001', null],
      [3, '2026-03-02', 187_550, 'BR1002', null],
      [4, '2026-03-03', -2_500, null, '1042'],
      [5, '2026-03-03', 4_000, null, null],
      [6, '2026-03-03', 4_000, null, null],
    ]);
    const dc = await read('debit-credit.csv');
    expect(dc.errors).toEqual([]);
    expect(dc.lines.map((l) => l.amountCents)).toEqual([31_000, -495]);
  });

  it('CSV: a bad amount and a bad date are errors naming the file, line and column; a file without an amount column is refused', async () => {
    const s = await read('bad-amount.csv');
    expect(s.errors.map((e) => [e.file, e.line, e.field])).toEqual([
      ['bad-amount.csv', 3, 'Amount'],
      ['bad-amount.csv', 4, 'Date'],
    ]);
    expect(s.errors[0]!.reason).toMatch(/decimal comma/);
    const none = await readStatement('x.csv', Buffer.from('Date,Memo\n03/02/2026,Deposit\n'));
    expect(none.errors).toEqual([expect.objectContaining({ line: 1, field: 'amount' })]);
  });

  it('the format is told by the file: BAI2 by its 01 header, camt.053 by XML, else CSV', async () => {
    expect((await read('statement.bai2')).format).toBe('bai2');
    expect((await read('statement.camt053.xml')).format).toBe('camt053');
    expect((await read('statement.csv')).format).toBe('csv');
  });
});

describe('bank statements: import', () => {
  it('imports every line once: the same file again, or a file holding the same lines, posts nothing', async () => {
    const b = testBackend({ clock: fixedClock('2026-03-05T15:00:00Z') });
    await withCompany(b);
    const first = await b.services.bankStatements.import(clerk, input('statement.csv'));
    expect(first).toMatchObject({ imported: 5, alreadyImported: 0, format: 'csv' });
    const again = await b.services.bankStatements.preview(input('statement.csv'));
    expect(again.totals).toMatchObject({ lines: 5, toImport: 0, alreadyImported: 5 });
    expect(await b.services.bankStatements.import(clerk, input('statement.csv'))).toMatchObject({ statementId: null, imported: 0, alreadyImported: 5 });
    // The same lines with one more, and the header spelt otherwise: only the new one is imported.
    const more = Buffer.concat([bytes('statement.csv'), Buffer.from('03/04/2026,CARD SETTLEMENT,40.00,,\n')]);
    const r = await b.services.bankStatements.import(clerk, { fileName: 'march.csv', contentBase64: more.toString('base64') });
    expect(r).toMatchObject({ imported: 1, alreadyImported: 5 });
    const db = b.ctx.store.sqlite;
    expect(db.prepare('SELECT count(*) n FROM bank_statement_line').get()).toEqual({ n: 6 });
    expect(db.prepare('SELECT count(*) n FROM bank_statement').get()).toEqual({ n: 2 });
    const audit = db.prepare("SELECT entity, entity_id, username FROM audit WHERE action = 'bankStatement.import' ORDER BY seq").all();
    expect(audit).toEqual([
      { entity: 'bank_statement', entity_id: String(first.statementId), username: 'admin' },
      { entity: 'bank_statement', entity_id: String(r.statementId), username: 'admin' },
    ]);
    const list = await b.services.bankStatements.list({});
    expect(list.map((s) => [s.fileName, s.lineCount, s.creditsCents, s.debitsCents])).toEqual([
      ['march.csv', 1, 4_000, 0],
      ['statement.csv', 5, 320_550, 2_500],
    ]);
    const got = await b.services.bankStatements.get({ id: first.statementId! });
    expect(got.lines.map((l) => l.line)).toEqual([2, 3, 4, 5, 6]);
    expect(got.statement).toMatchObject({ statementFrom: '2026-03-02', statementTo: '2026-03-03' });
    expect((await verifyStore(b)).checks.filter((c) => !c.ok)).toEqual([]);
    await b.close();
  });

  it('a file with any error imports nothing and says every error; imported lines cannot be changed', async () => {
    const b = testBackend({ clock: fixedClock('2026-03-05T15:00:00Z') });
    await withCompany(b);
    const err = await b.services.bankStatements.import(clerk, input('control-total-wrong.bai2')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).message).toMatch(
      /control-total-wrong\.bai2: 1 problem\(s\) found; nothing was imported\. First: line 9, account control total/,
    );
    expect((err as DomainError).details).toEqual({ errors: [expect.objectContaining({ line: 9, field: 'account control total' })] });
    const db = b.ctx.store.sqlite;
    expect(db.prepare('SELECT count(*) n FROM bank_statement_line').get()).toEqual({ n: 0 });
    expect(db.prepare("SELECT count(*) n FROM audit WHERE action = 'bankStatement.import'").get()).toEqual({ n: 0 });

    await b.services.bankStatements.import(clerk, input('statement.bai2'));
    expect(() => db.prepare('UPDATE bank_statement_line SET amount_cents = 1').run()).toThrow(/immutable/);
    expect(() => db.prepare('DELETE FROM bank_statement').run()).toThrow(/immutable/);
    await b.close();
  });

  it('through the endpoints: preview, import, list and get, with a clear error for an unknown office bank account', async () => {
    const b = testBackend({ clock: fixedClock('2026-03-05T15:00:00Z') });
    const admin = await withCompany(b);
    const preview = await b.call(admin, 'bankStatements.preview', input('statement.camt053.xml'));
    expect(preview.ok && preview.value.totals).toEqual({ lines: 3, creditsCents: 30_000, debitsCents: 495, toImport: 3, alreadyImported: 0 });
    const imported = await b.call(admin, 'bankStatements.import', input('statement.camt053.xml', { format: 'camt053' }));
    expect(imported.ok && imported.value.imported).toBe(3);
    const list = await b.call(admin, 'bankStatements.list', {});
    expect(list.ok && list.value.map((s) => [s.format, s.accountIdentifier, s.openingBalanceCents, s.closingBalanceCents])).toEqual([
      ['camt053', 'DE89370400440532013000', 100_000, 129_505],
    ]);
    const unknown = await b.call(admin, 'bankStatements.import', input('statement.bai2', { officeBankAccountId: 999 }));
    expect(unknown.ok).toBe(false);
    expect(!unknown.ok && unknown.error.code).toBe('NOT_FOUND');
    const missing = await b.call(admin, 'bankStatements.get', { id: 999 });
    expect(!missing.ok && missing.error.code).toBe('NOT_FOUND');
    await b.close();
  });
});
