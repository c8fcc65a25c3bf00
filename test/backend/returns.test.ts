import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { achReturnReasons, checkReturnReasons, returnReason, returnReasonText } from '../../src-shared/domain/nacha';
import { parseNachaReturns } from '../../src-main/backend/services/returns/nacha';
import { verifyStore } from '../../src-main/backend/verify';
import type { Backend } from '../../src-main/backend';
import { must, newAccount, postInvoice, receivablesBackend } from '../support/receivables';

const fixture = (name: string) => path.join(__dirname, '../fixtures/nacha', name);
const fileInput = (name: string, feeCents = 0) => ({ fileName: name, contentBase64: fs.readFileSync(fixture(name)).toString('base64'), feeCents });

/** Every table's row count: a refused import must leave each as it was. */
function rowCounts(b: Backend): Record<string, number> {
  const sqlite = b.ctx.store.sqlite;
  const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[];
  return Object.fromEntries(tables.map(({ name }) => [name, (sqlite.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n]));
}

/** Two accounts, each with two invoices paid in full by one ACH payment: C-2001 paid 120.00, C-2002 paid 50.00 (reference = the debit's trace). */
async function setup() {
  const r = await receivablesBackend();
  const { b, s } = r;
  const a1 = await newAccount(b, s.clerk, { accountNumber: 'C-2001', name: 'Ada Customer' });
  const a2 = await newAccount(b, s.clerk, { accountNumber: 'C-2002', name: 'Grace Customer' });
  const i1 = await postInvoice(b, s.clerk, a1.id, 70_00, { date: '2026-01-05' });
  const i2 = await postInvoice(b, s.clerk, a1.id, 50_00, { date: '2026-02-05' });
  const i3 = await postInvoice(b, s.clerk, a2.id, 50_00, { date: '2026-02-10' });
  const p1 = await must(b, s.clerk, 'payments.post', { accountId: a1.id, date: '2026-03-02', method: 'ach', amountCents: 120_00 });
  const p2 = await must(b, s.clerk, 'payments.post', {
    accountId: a2.id,
    date: '2026-03-03',
    method: 'ach',
    amountCents: 50_00,
    reference: '09100001/0000102',
  });
  return { ...r, a1, a2, i1, i2, i3, p1, p2 };
}
const openOf = async (r: Awaited<ReturnType<typeof setup>>, id: number) => (await must(r.b, r.s.clerk, 'invoices.get', { invoiceId: id })).openCents;

describe('the return reason table', () => {
  it('holds R01..R85 once each with a description, and marks only account-level returns as making the account unusable', () => {
    const codes = achReturnReasons.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes[0]).toBe('R01');
    expect(codes.at(-1)).toBe('R85');
    expect(codes.every((c) => /^R\d\d$/.test(c))).toBe(true);
    expect([...codes].sort()).toEqual(codes);
    expect(achReturnReasons.every((r) => r.description.length > 3)).toBe(true);
    for (const c of ['R02', 'R03', 'R04', 'R07', 'R10', 'R16', 'R20']) expect(returnReason(c)?.marksAccountUnusable, c).toBe(true);
    for (const c of ['R01', 'R06', 'R08', 'R09', 'R11', 'R24']) expect(returnReason(c)?.marksAccountUnusable, c).toBe(false);
    expect(returnReason('R01')?.description).toBe('Insufficient funds');
    expect(returnReasonText('R02')).toBe('Account closed (R02)');
    expect(returnReason('R48')).toBeUndefined();
    expect(returnReason('NSF')?.marksAccountUnusable).toBe(false);
    expect(returnReason('ACCOUNT_CLOSED')?.marksAccountUnusable).toBe(true);
    expect(returnReasonText('NSF')).toBe('Insufficient funds');
    expect(checkReturnReasons.every((r) => !/^R\d\d$/.test(r.code))).toBe(true);
  });
});

describe('a returned payment entered by hand', () => {
  it('reverses the payment in one posting: invoices reopened, fee posted, reason recorded and audited, listed', async () => {
    const r = await setup();
    const { b, s, a1, i1, i2, p1 } = r;
    expect(await openOf(r, i1.id)).toBe(0);
    const res = await must(b, s.clerk, 'returns.record', {
      paymentId: p1.documentId,
      returnCode: 'R01',
      returnDate: '2026-03-09',
      feeCents: 25_00,
      note: 'Bank notice 4411',
    });
    expect(res.number).toMatch(/^REV-/);
    expect(res.related).toEqual([{ documentId: expect.any(Number), number: expect.stringMatching(/^FEE-/), kind: 'fee' }]);
    expect(await openOf(r, i1.id)).toBe(70_00);
    expect(await openOf(r, i2.id)).toBe(50_00);
    expect(res.accountBalanceCents).toBe(120_00 + 25_00);
    const reversal = await must(b, s.clerk, 'ledger.document', { documentId: res.documentId });
    expect(reversal.reason).toBe('Returned: Insufficient funds (R01). Bank notice 4411');
    const list = await must(b, s.clerk, 'returns.list', { accountId: a1.id });
    expect(list).toEqual([
      expect.objectContaining({
        paymentId: p1.documentId,
        reversalId: res.documentId,
        returnCode: 'R01',
        returnDate: '2026-03-09',
        source: 'manual',
        fileName: null,
        amountCents: 120_00,
        createdBy: 'clara',
      }),
    ]);
    const audit = b.ctx.store.sqlite.prepare("SELECT entity_id, after_json FROM audit WHERE action = 'payment.return'").all() as {
      entity_id: string;
      after_json: string;
    }[];
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].after_json)).toMatchObject({ returnCode: 'R01', source: 'manual', reversal: res.number, marksAccountUnusable: false });
    expect((await verifyStore(b)).ok).toBe(true);
  });

  it('refuses a second return, a cash payment, a check reason on an ACH payment and an unknown code, writing nothing', async () => {
    const r = await setup();
    const { b, s, a1, p1 } = r;
    const cash = await must(b, s.clerk, 'payments.post', { accountId: a1.id, date: '2026-03-04', method: 'cash', amountCents: 10_00 });
    await must(b, s.clerk, 'returns.record', { paymentId: p1.documentId, returnCode: 'R02', returnDate: '2026-03-09' });
    const before = rowCounts(b);
    const again = await b.call(s.clerk, 'returns.record', { paymentId: p1.documentId, returnCode: 'R01', returnDate: '2026-03-10' });
    expect(again.ok ? null : again.error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('already recorded as returned') });
    const onCash = await b.call(s.clerk, 'returns.record', { paymentId: cash.documentId, returnCode: 'R01', returnDate: '2026-03-10' });
    expect(onCash.ok ? null : onCash.error).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('by cash') });
    const p3 = await must(b, s.clerk, 'payments.post', { accountId: a1.id, date: '2026-03-04', method: 'ach', amountCents: 1_00 });
    const mid = rowCounts(b);
    const checkReason = await b.call(s.clerk, 'returns.record', { paymentId: p3.documentId, returnCode: 'NSF', returnDate: '2026-03-10' });
    expect(checkReason.ok ? null : checkReason.error).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('bounced check') });
    const unknown = await b.call(s.clerk, 'returns.record', { paymentId: p3.documentId, returnCode: 'R99', returnDate: '2026-03-10' });
    expect(unknown.ok ? null : unknown.error.code).toBe('VALIDATION');
    const early = await b.call(s.clerk, 'returns.record', { paymentId: p3.documentId, returnCode: 'R01', returnDate: '2026-03-01' });
    expect(early.ok ? null : early.error.message).toMatch(/before the payment date/);
    expect(rowCounts(b)).toEqual(mid);
    expect(before.payment_return).toBe(1);
  });

  it('takes a check reason for a bounced check', async () => {
    const r = await setup();
    const { b, s, a2, i3 } = r;
    const chk = await must(b, s.clerk, 'payments.post', { accountId: a2.id, date: '2026-03-05', method: 'check', checkNumber: '1201', amountCents: 10_00 });
    const before = await openOf(r, i3.id);
    await must(b, s.clerk, 'returns.record', { paymentId: chk.documentId, returnCode: 'STOP_PAYMENT', returnDate: '2026-03-11' });
    const [row] = await must(b, s.clerk, 'returns.list', { accountId: a2.id });
    expect(row).toMatchObject({ paymentId: chk.documentId, returnCode: 'STOP_PAYMENT', method: 'check' });
    expect(before).toBe(0); // the earlier ACH paid i3 in full; the check sat unapplied and reopens nothing
    expect(await openOf(r, i3.id)).toBe(0);
  });
});

describe('the bank account a returned payment came from', () => {
  it('is marked unusable (with the code) on R02, R03 and R04, and stays usable on R01', async () => {
    const { b, s, a1 } = await setup();
    const cases = [
      ['R01', 'active', null],
      ['R02', 'unusable', 'R02'],
      ['R03', 'unusable', 'R03'],
      ['R04', 'unusable', 'R04'],
    ] as const;
    for (const [i, [code, status, reason]] of cases.entries()) {
      const bank = await must(b, s.clerk, 'bankAccounts.add', {
        accountId: a1.id,
        holderName: 'Ada Customer',
        scheme: 'us_aba',
        routingNumber: '021000021',
        accountNumber: `5550001${i}`,
        accountType: 'checking',
      });
      const pay = await must(b, s.clerk, 'payments.post', {
        accountId: a1.id,
        date: '2026-03-04',
        method: 'ach',
        amountCents: 10_00 + i,
        bankAccountId: bank.id,
      });
      await must(b, s.clerk, 'returns.record', { paymentId: pay.documentId, returnCode: code, returnDate: '2026-03-09' });
      const [after] = (await must(b, s.clerk, 'bankAccounts.list', { accountId: a1.id })).filter((x) => x.id === bank.id);
      expect([code, after?.status, after?.unusableReason ?? null]).toEqual([code, status, reason]);
    }
    const marks = b.ctx.store.sqlite.prepare("SELECT count(*) AS n FROM audit WHERE action = 'bankAccount.markUnusable'").get() as { n: number };
    expect(marks.n).toBe(3);
    // An unusable account is refused for a new payment until a new, checked one is added.
    const [closed] = (await must(b, s.clerk, 'bankAccounts.list', { accountId: a1.id })).filter((x) => x.status === 'unusable');
    const refused = await b.call(s.clerk, 'payments.post', { accountId: a1.id, method: 'ach', amountCents: 5_00, bankAccountId: closed!.id });
    expect(refused.ok ? null : refused.error.message).toMatch(/unusable/);
  });

  it('matches a NACHA return by its routing and account number when the reference does not name the trace', async () => {
    const { b, s, a1, p1 } = await setup();
    const bank = await must(b, s.clerk, 'bankAccounts.add', {
      accountId: a1.id,
      holderName: 'Ada Customer',
      scheme: 'us_aba',
      routingNumber: '071000013',
      accountNumber: '123456789',
      accountType: 'checking',
    });
    const other = await must(b, s.clerk, 'payments.post', { accountId: a1.id, date: '2026-03-05', method: 'ach', amountCents: 120_00, bankAccountId: bank.id });
    const preview = await must(b, s.clerk, 'returns.preview', fileInput('returns-valid.ach'));
    // Two payments of 120.00 on C-2001, but only one from the returned bank account: that one is the match.
    expect(preview.entries[0]).toMatchObject({ paymentId: other.documentId, matchedBy: 'bank_account' });
    expect(preview.entries[0]?.paymentId).not.toBe(p1.documentId);
  });
});

describe('a deposited payment', () => {
  it('comes back as a returned item: reversed with its fee, the deposit it was in left as the bank saw it', async () => {
    const { b, s, a2 } = await setup();
    const chk = await must(b, s.clerk, 'payments.post', { accountId: a2.id, date: '2026-03-05', method: 'check', checkNumber: '4410', amountCents: 30_00 });
    const bank = await must(b, s.supervisor, 'officeBankAccounts.save', {
      name: 'Operating account',
      routingNumber: '021000021',
      accountNumber: '000123456789',
    });
    const deposit = await must(b, s.clerk, 'deposits.create', { officeBankAccountId: bank.id, depositDate: '2026-03-06', paymentIds: [chk.documentId] });
    const res = await must(b, s.clerk, 'returns.record', { paymentId: chk.documentId, returnCode: 'NSF', returnDate: '2026-03-10', feeCents: 20_00 });
    expect(res.related.map((x) => x.kind)).toEqual(['fee']);
    expect(res.accountBalanceCents).toBe(20_00); // the check sat as 30.00 of unapplied credit: gone, and the fee owed
    const [row] = await must(b, s.clerk, 'returns.list', { accountId: a2.id });
    expect(row).toMatchObject({ paymentId: chk.documentId, returnCode: 'NSF', source: 'manual' });
    const after = await must(b, s.clerk, 'deposits.get', { depositId: deposit.id });
    expect(after.totalCents).toBe(30_00);
    expect((await verifyStore(b)).ok).toBe(true);
  });
});

describe('NACHA return files', () => {
  it('parses a valid file: entries with their reason codes, original traces and amounts, no errors', () => {
    const f = parseNachaReturns('returns-valid.ach', fs.readFileSync(fixture('returns-valid.ach'), 'latin1'));
    expect(f.errors).toEqual([]);
    expect(f.fileDate).toBe('2026-03-13');
    expect(
      f.entries.map((e) => [e.line, e.transactionCode, e.returnCode, e.originalTrace, e.amountCents, e.individualId, e.routingNumber, e.effectiveDate]),
    ).toEqual([
      [3, '26', 'R01', '091000010000101', 120_00, 'C-2001', '071000013', '2026-03-13'],
      [5, '36', 'R02', '091000010000102', 50_00, 'C-2002', '044000037', '2026-03-13'],
    ]);
  });

  it('reports each problem of a malformed file with file, line and field', () => {
    const read = (name: string) => parseNachaReturns(name, fs.readFileSync(fixture(name), 'latin1')).errors;
    expect(read('returns-bad-control.ach')).toEqual([
      { file: 'returns-bad-control.ach', line: 7, field: 'entry hash', reason: expect.stringContaining('0011500004') },
      { file: 'returns-bad-control.ach', line: 7, field: 'total debit amount', reason: expect.stringContaining('$170.01') },
    ]);
    const bad = read('returns-bad-records.ach');
    expect(bad.map((e) => [e.line, e.field])).toEqual(
      expect.arrayContaining([
        [4, 'return reason code'],
        [5, 'record'],
      ]),
    );
    expect(bad.every((e) => e.file === 'returns-bad-records.ach')).toBe(true);
    const text = fs.readFileSync(fixture('returns-valid.ach'), 'latin1');
    const lines = text.split('\n');
    const noControl = parseNachaReturns('x.ach', lines.slice(0, 7).join('\n')).errors;
    expect(noControl).toContainEqual(expect.objectContaining({ field: 'record type', reason: expect.stringContaining('file control') }));
    const badAmount = lines.map((l, i) => (i === 2 ? `${l.slice(0, 29)}00000X2000${l.slice(39)}` : l)).join('\n');
    expect(parseNachaReturns('x.ach', badAmount).errors).toContainEqual(expect.objectContaining({ line: 3, field: 'amount' }));
    const noAddenda = [...lines.slice(0, 3), ...lines.slice(4)].join('\n');
    expect(parseNachaReturns('x.ach', noAddenda).errors).toContainEqual(expect.objectContaining({ line: 3, field: 'addenda record indicator' }));
    expect(parseNachaReturns('x.ach', '').errors).toEqual([{ file: 'x.ach', line: 1, field: 'record', reason: 'the file is empty' }]);
  });

  it('previews, then posts every return of the file at once; importing it again posts nothing twice', async () => {
    const r = await setup();
    const { b, s, i1, i2, i3, p1, p2, a1 } = r;
    const preview = await must(b, s.clerk, 'returns.preview', fileInput('returns-valid.ach', 15_00));
    expect(preview.errors).toEqual([]);
    expect(preview.entries.map((e) => [e.line, e.returnCode, e.status, e.paymentId, e.matchedBy, e.returnDate, e.accountLast4])).toEqual([
      [3, 'R01', 'to_post', p1.documentId, 'account_number', '2026-03-13', '6789'],
      [5, 'R02', 'to_post', p2.documentId, 'trace', '2026-03-13', '7766'],
    ]);
    expect(preview.totals).toEqual({ entries: 2, toPost: 2, alreadyReturned: 0, amountCents: 170_00 });
    expect(await openOf(r, i1.id)).toBe(0); // preview posts nothing

    const done = await must(b, s.clerk, 'returns.importNacha', fileInput('returns-valid.ach', 15_00));
    expect(done.posted.map((p) => [p.paymentNumber, p.returnCode])).toEqual([
      [p1.number, 'R01'],
      [p2.number, 'R02'],
    ]);
    expect([await openOf(r, i1.id), await openOf(r, i2.id), await openOf(r, i3.id)]).toEqual([70_00, 50_00, 50_00]);
    const list = await must(b, s.clerk, 'returns.list', {});
    expect(list.map((x) => [x.paymentNumber, x.source, x.fileName, x.returnDate])).toEqual([
      [p2.number, 'nacha', 'returns-valid.ach', '2026-03-13'],
      [p1.number, 'nacha', 'returns-valid.ach', '2026-03-13'],
    ]);
    const ledger = await must(b, s.clerk, 'ledger.get', { accountId: a1.id });
    expect(ledger.openItems.filter((o) => o.kind === 'fee').map((o) => o.openCents)).toEqual([15_00]);

    const before = rowCounts(b);
    const again = await must(b, s.clerk, 'returns.preview', { ...fileInput('returns-valid.ach', 15_00), fileName: 'renamed.ach' });
    expect(again.entries.map((e) => e.status)).toEqual(['already_returned', 'already_returned']);
    expect(again.totals).toMatchObject({ toPost: 0, alreadyReturned: 2 });
    const second = await must(b, s.clerk, 'returns.importNacha', { ...fileInput('returns-valid.ach', 15_00), fileName: 'renamed.ach' });
    expect(second).toEqual({ fileName: 'renamed.ach', posted: [], alreadyReturned: 2 });
    expect(rowCounts(b)).toEqual(before);
    expect((await verifyStore(b)).ok).toBe(true);
  });

  it('posts nothing from a file with any error: malformed, or a return that matches no payment', async () => {
    const r = await setup();
    const { b, s } = r;
    const before = rowCounts(b);
    for (const name of ['returns-bad-control.ach', 'returns-bad-records.ach', 'returns-unmatched.ach']) {
      const preview = await must(b, s.clerk, 'returns.preview', fileInput(name));
      expect(preview.errors.length, name).toBeGreaterThan(0);
      expect(preview.totals.toPost, name).toBe(0);
      const res = await b.call(s.clerk, 'returns.importNacha', fileInput(name));
      expect(res.ok ? null : res.error.code, name).toBe('VALIDATION');
    }
    const unmatched = await must(b, s.clerk, 'returns.preview', fileInput('returns-unmatched.ach'));
    expect(unmatched.errors).toEqual([
      { file: 'returns-unmatched.ach', line: 3, field: 'original entry trace number', reason: expect.stringContaining('no payment matches') },
    ]);
    expect(unmatched.entries[0]).toMatchObject({ status: 'not_found', paymentId: null });
    // A return for a payment of a different amount than the entry's is an error too.
    const p = await must(b, s.clerk, 'payments.post', {
      accountId: r.a1.id,
      date: '2026-03-04',
      method: 'ach',
      amountCents: 1_00,
      reference: '09100001/0000101',
    });
    const wrong = await must(b, s.clerk, 'returns.preview', fileInput('returns-valid.ach'));
    expect(wrong.entries[0]).toMatchObject({ paymentId: p.documentId, matchedBy: 'trace' });
    expect(wrong.errors).toEqual([expect.objectContaining({ line: 3, field: 'amount' })]);
    expect(rowCounts(b).payment_return).toBe(before.payment_return);
    expect(rowCounts(b).audit).toBe(before.audit + 1);
  });
});
