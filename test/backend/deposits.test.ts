import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findChromium, renderWithChromiumCli } from '../../src-main/print/chromium-cli';
import { must, newAccount, postInvoice, receivablesBackend } from '../support/receivables';
import { mustPrepare } from '../support/document-delivery';
import { tempDir } from '../support/store';

/** A routing number that passes the 3-7-1 check digit, and one that does not (last digit changed). */
const ROUTING = '071000013';
const BAD_ROUTING = '071000014';

/** An office with a bank account and five payments of 2026-03-10: two checks, a cash one, a card one and an ACH one. */
async function office() {
  const r = await receivablesBackend();
  const { b, s } = r;
  const a = await newAccount(b, s.clerk, { name: 'Northwind Family Practice' });
  const c = await newAccount(b, s.clerk, { name: 'Contoso Dental' });
  await postInvoice(b, s.clerk, a.id, 90_000, { date: '2026-03-01' });
  const bank = await must(b, s.supervisor, 'officeBankAccounts.save', { name: 'Operating account', routingNumber: ROUTING, accountNumber: '000123456789' });
  const pay = (accountId: number, method: 'cash' | 'check' | 'card' | 'ach', amountCents: number, extra: Record<string, string> = {}) =>
    must(b, s.clerk, 'payments.post', { accountId, date: '2026-03-10', method, amountCents, ...extra });
  const check1 = await pay(a.id, 'check', 12_500, { checkNumber: '1042' });
  const check2 = await pay(c.id, 'check', 30_000, { checkNumber: '877' });
  const cash = await pay(a.id, 'cash', 4_000);
  const card = await pay(a.id, 'card', 5_000, { cardLast4: '4242' });
  const ach = await pay(c.id, 'ach', 6_000, { reference: 'ACH 55' });
  return { ...r, a, c, bank, check1, check2, cash, card, ach };
}

const count = (o: Awaited<ReturnType<typeof office>>, table: string) =>
  (o.b.ctx.store.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('office bank accounts', () => {
  it('a supervisor saves one (routing checked, number shown by its last 4); a clerk may not; the audit keeps no full number', async () => {
    const o = await office();
    const { b, s } = o;
    expect(o.bank).toEqual({ id: expect.any(Number), name: 'Operating account', routingNumber: ROUTING, last4: '6789', active: true });
    const bad = await b.call(s.supervisor, 'officeBankAccounts.save', { name: 'Payroll', routingNumber: BAD_ROUTING, accountNumber: '55501234' });
    expect(bad.ok ? null : bad.error).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('check digit') });
    const clerk = await b.call(s.clerk, 'officeBankAccounts.save', { name: 'Payroll', routingNumber: ROUTING, accountNumber: '55501234' });
    expect(clerk.ok ? null : clerk.error.code).toBe('FORBIDDEN');
    // Renamed and kept its number when none is given.
    const renamed = await must(b, s.supervisor, 'officeBankAccounts.save', { id: o.bank.id, name: 'Operating (First Bank)', routingNumber: ROUTING });
    expect(renamed.last4).toBe('6789');
    expect(await must(b, s.clerk, 'officeBankAccounts.list', undefined)).toEqual([renamed]);
    const audit = b.ctx.store.sqlite.prepare(`SELECT after_json FROM audit WHERE action = 'officeBankAccount.save' ORDER BY seq`).all() as {
      after_json: string;
    }[];
    expect(audit).toHaveLength(2);
    for (const row of audit) expect(row.after_json).not.toContain('123456789');
  });
});

describe('deposits', () => {
  it('lists cash and check payments not yet deposited, never card or ACH, and never a reversed one', async () => {
    const o = await office();
    const { b, s } = o;
    const reversedCheck = await must(b, s.clerk, 'payments.post', {
      accountId: o.a.id,
      date: '2026-03-11',
      method: 'check',
      checkNumber: '1043',
      amountCents: 700,
    });
    await must(b, s.clerk, 'payments.reverse', { paymentId: reversedCheck.documentId, reason: 'Written on a closed account' });
    const rows = await must(b, s.clerk, 'deposits.undeposited', {});
    expect(rows.map((r) => [r.paymentId, r.method, r.checkNumber, r.amountCents])).toEqual([
      [o.check1.documentId, 'check', '1042', 12_500],
      [o.check2.documentId, 'check', '877', 30_000],
      [o.cash.documentId, 'cash', '', 4_000],
    ]);
    expect(rows[1]).toMatchObject({ accountName: 'Contoso Dental', number: o.check2.number, date: '2026-03-10' });
  });

  it('makes a deposit: numbered DEP-, totals by method stored and returned, audited, and its payments leave the undeposited list', async () => {
    const o = await office();
    const { b, s } = o;
    const ids = [o.check1.documentId, o.check2.documentId, o.cash.documentId];
    const d = await must(b, s.clerk, 'deposits.create', { officeBankAccountId: o.bank.id, depositDate: '2026-03-12', paymentIds: ids, memo: 'Morning mail' });
    expect(d).toMatchObject({
      number: 'DEP-000001',
      depositDate: '2026-03-12',
      officeBankAccountName: 'Operating account',
      officeBankAccountLast4: '6789',
      cashCents: 4_000,
      checkCents: 42_500,
      totalCents: 46_500,
      count: 3,
      memo: 'Morning mail',
      createdBy: 'clara',
    });
    expect(d.payments.map((p) => p.paymentId).sort()).toEqual([...ids].sort());
    expect(await must(b, s.clerk, 'deposits.undeposited', {})).toEqual([]);
    expect(await must(b, s.clerk, 'deposits.get', { depositId: d.id })).toEqual(d);
    const { payments: _p, ...summary } = d;
    expect(await must(b, s.clerk, 'deposits.list', {})).toEqual([summary]);
    const stored = b.ctx.store.sqlite.prepare('SELECT cash_cents, check_cents, total_cents, payment_count FROM deposit').get();
    expect(stored).toEqual({ cash_cents: 4_000, check_cents: 42_500, total_cents: 46_500, payment_count: 3 });
    const audit = b.ctx.store.sqlite.prepare(`SELECT username, entity, entity_id, after_json FROM audit WHERE action = 'deposit.create'`).all() as {
      username: string;
      entity: string;
      entity_id: string;
      after_json: string;
    }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ username: 'clara', entity: 'deposit', entity_id: String(d.id) });
    expect(JSON.parse(audit[0]!.after_json)).toMatchObject({ number: 'DEP-000001', totalCents: 46_500, cashCents: 4_000, checkCents: 42_500, paymentIds: ids });
  });

  it('is all or nothing: one payment that cannot be deposited (card, reversed, dated later, unknown) and nothing is written, no number taken', async () => {
    const o = await office();
    const { b, s } = o;
    const later = await must(b, s.clerk, 'payments.post', { accountId: o.a.id, date: '2026-03-14', method: 'cash', amountCents: 100 });
    const reversed = await must(b, s.clerk, 'payments.post', { accountId: o.a.id, date: '2026-03-11', method: 'check', checkNumber: '9', amountCents: 200 });
    await must(b, s.clerk, 'payments.reverse', { paymentId: reversed.documentId, reason: 'Stopped' });
    const before = { deposit: count(o, 'deposit'), dp: count(o, 'deposit_payment'), audit: count(o, 'audit') };
    const cases: [number, string][] = [
      [o.card.documentId, 'not a posted cash or check payment'],
      [o.ach.documentId, 'not a posted cash or check payment'],
      [reversed.documentId, 'was reversed'],
      [later.documentId, 'dated after the deposit'],
      [999_999, 'not a posted cash or check payment'],
    ];
    for (const [bad, why] of cases) {
      const r = await b.call(s.clerk, 'deposits.create', { officeBankAccountId: o.bank.id, depositDate: '2026-03-12', paymentIds: [o.check1.documentId, bad] });
      expect(r.ok ? null : r.error).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining(why) });
      expect(r.ok ? null : r.error.message).toContain('Nothing was deposited');
    }
    const future = await b.call(s.clerk, 'deposits.create', { officeBankAccountId: o.bank.id, depositDate: '2026-03-16', paymentIds: [o.check1.documentId] });
    expect(future.ok ? null : future.error.code).toBe('VALIDATION');
    const twice = await b.call(s.clerk, 'deposits.create', {
      officeBankAccountId: o.bank.id,
      depositDate: '2026-03-12',
      paymentIds: [o.check1.documentId, o.check1.documentId],
    });
    expect(twice.ok ? null : twice.error.code).toBe('VALIDATION');
    expect({ deposit: count(o, 'deposit'), dp: count(o, 'deposit_payment'), audit: count(o, 'audit') }).toEqual(before);
    const d = await must(b, s.clerk, 'deposits.create', { officeBankAccountId: o.bank.id, depositDate: '2026-03-12', paymentIds: [o.check1.documentId] });
    expect(d.number).toBe('DEP-000001');
  });

  it('refuses a payment already in a deposit (CONFLICT), and the store refuses it too', async () => {
    const o = await office();
    const { b, s } = o;
    const first = await must(b, s.clerk, 'deposits.create', { officeBankAccountId: o.bank.id, depositDate: '2026-03-12', paymentIds: [o.check1.documentId] });
    const again = await b.call(s.clerk, 'deposits.create', {
      officeBankAccountId: o.bank.id,
      depositDate: '2026-03-13',
      paymentIds: [o.cash.documentId, o.check1.documentId],
    });
    expect(again.ok ? null : again.error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining(`${o.check1.number} is already in a deposit`) });
    expect(count(o, 'deposit')).toBe(1);
    const sqlite = b.ctx.store.sqlite;
    expect(() =>
      sqlite
        .prepare('INSERT INTO deposit_payment (deposit_id, payment_document_id, method, amount_cents) VALUES (?, ?, ?, ?)')
        .run(first.id, o.check1.documentId, 'check', 12_500),
    ).toThrow(/UNIQUE/);
    expect(() => sqlite.prepare('UPDATE deposit SET total_cents = 1 WHERE id = ?').run(first.id)).toThrow(/never changed/);
  });

  it('a deposited payment is not reversed by payments.reverse: the reason says to record a returned item', async () => {
    const o = await office();
    const { b, s } = o;
    await must(b, s.clerk, 'deposits.create', { officeBankAccountId: o.bank.id, depositDate: '2026-03-12', paymentIds: [o.check1.documentId] });
    const before = count(o, 'document');
    const r = await b.call(s.clerk, 'payments.reverse', { paymentId: o.check1.documentId, reason: 'Bounced', feeCents: 2_500 });
    expect(r.ok ? null : r.error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('record it as a returned item') });
    expect(r.ok ? null : r.error.message).toContain('DEP-000001');
    expect(count(o, 'document')).toBe(before);
    // A payment in no deposit still reverses as before.
    await must(b, s.clerk, 'payments.reverse', { paymentId: o.check2.documentId, reason: 'Bounced' });
  });

  it('prints a slip through the document pipeline: the office account masked, each check, cash, totals and count; archived, never emailed', async () => {
    const o = await office();
    const { b, s } = o;
    const d = await must(b, s.clerk, 'deposits.create', {
      officeBankAccountId: o.bank.id,
      depositDate: '2026-03-12',
      paymentIds: [o.check1.documentId, o.check2.documentId, o.cash.documentId],
    });
    const ref = { kind: 'deposit_slip', depositId: d.id } as const;
    const preview = await must(b, s.clerk, 'documents.preview', { document: ref });
    expect(preview.problems).toEqual([]);
    expect(preview.html).toContain('Content-Security-Policy');
    expect(preview.html).not.toContain('123456789');
    expect(preview.html).not.toContain('<script');
    // No recipient window: the slip is the office's, for the bank.
    expect(preview.html).not.toContain('data-zone="recipient"');

    const job = await mustPrepare(b, s.clerk, 'documents.savePdf', { documents: [ref] });
    expect(job.problems).toEqual([]);
    expect(job.documents[0]).toMatchObject({ kind: 'deposit_slip', number: 'DEP-000001', accountId: null, sourceDocumentId: null, copy: false });
    expect(job.documents[0]!.fileName).toBe('Deposit slip DEP-000001.pdf');
    const chromium = findChromium(process.env, process.platform, fs.existsSync);
    expect(chromium).not.toBeNull();
    const pdf = await renderWithChromiumCli(job.documents[0]!.html, chromium);
    const file = path.join(tempDir(), 'slip.pdf');
    fs.writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, ' ');
    expect(text).toContain('DEPOSIT SLIP');
    expect(text).toContain('DEP-000001');
    expect(text).toContain('Mar 12, 2026');
    expect(text).toContain('Operating account ••••6789');
    expect(text).not.toContain('123456789');
    expect(text).toMatch(/Northwind Family Practice 1042 \S+ \$125\.00/);
    expect(text).toMatch(/Contoso Dental 877 \S+ \$300\.00/);
    expect(text).toMatch(/Cash \(1 payment\) \$40\.00/);
    expect(text).toMatch(/Checks \(2\) \$425\.00/);
    expect(text).toMatch(/Total deposit \(3 items\) \$465\.00/);
    if (process.env.LEDGERDESK_SLIP_PNG) execFileSync('pdftoppm', ['-png', '-r', '60', '-singlefile', file, process.env.LEDGERDESK_SLIP_PNG]);

    // Saved: archived byte for byte, found by its kind and number (no account: it is the office's).
    await must(b, s.clerk, 'documents.complete', {
      jobId: job.jobId,
      pdfs: [Buffer.from(pdf).toString('base64')],
      destination: 'Deposit slip DEP-000001.pdf',
      pages: 0,
    });
    const archived = await must(b, s.clerk, 'documents.archiveList', { kind: 'deposit_slip', number: 'DEP-000001' });
    expect(archived.map((a) => [a.kind, a.number, a.channel, a.accountId, a.pages])).toEqual([['deposit_slip', 'DEP-000001', 'pdf', null, 1]]);
    const kept = await must(b, s.clerk, 'documents.archiveGet', { archiveId: archived[0]!.id });
    expect(Buffer.from(kept.pdfBase64, 'base64').equals(Buffer.from(pdf))).toBe(true);
    expect(kept.fileName).toBe('Deposit slip DEP-000001.pdf');

    // Never emailed; an unknown deposit is listed as not found, not built blank.
    const emailed = await b.call(s.clerk, 'documents.email', { documents: [ref] });
    expect(emailed.ok ? null : emailed.error).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('never emailed') });
    const unknown = await mustPrepare(b, s.clerk, 'documents.savePdf', { documents: [{ kind: 'deposit_slip', depositId: 999 }] });
    expect(unknown.problems.map((p) => p.code)).toEqual(['NOT_FOUND']);
  }, 60_000);
});
