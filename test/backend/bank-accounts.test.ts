import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { markBankAccountUnusableInTrx } from '../../src-main/backend/services/bank-accounts';
import { systemActor } from '../../src-main/backend/context';
import { must, newAccount, postInvoice, receivablesBackend } from '../support/receivables';

async function setup() {
  const r = await receivablesBackend();
  const a = await newAccount(r.b, r.s.clerk);
  const us = await must(r.b, r.s.clerk, 'bankAccounts.add', {
    accountId: a.id,
    holderName: 'Ann Lee',
    scheme: 'us_aba',
    routingNumber: '021000021',
    accountNumber: '0001 2345 6789',
    accountType: 'checking',
  });
  return { ...r, a, us };
}

const auditOf = (r: Awaited<ReturnType<typeof setup>>, action: string) =>
  r.b.services.audit.list({ limit: 200 }).then((rows) => rows.filter((x) => x.action === action));

describe('customers’ bank accounts', () => {
  it('stores the full number but lists it masked, and audits the addition without the number', async () => {
    const r = await setup();
    expect(r.us).toMatchObject({
      holderName: 'Ann Lee',
      scheme: 'us_aba',
      routingNumber: '021000021',
      accountType: 'checking',
      masked: '••••6789',
      status: 'active',
    });
    const iban = await must(r.b, r.s.clerk, 'bankAccounts.add', {
      accountId: r.a.id,
      holderName: 'Ann Lee',
      scheme: 'iban',
      iban: 'gb82 west 1234 5698 7654 32',
      bic: 'nwbkgb2l',
    });
    expect(iban).toMatchObject({ masked: '••••5432', bic: 'NWBKGB2L' });
    const listed = await must(r.b, r.s.clerk, 'bankAccounts.list', { accountId: r.a.id });
    expect(listed.map((x) => x.masked)).toEqual(['••••5432', '••••6789']);
    expect(JSON.stringify(listed)).not.toMatch(/123456789|GB82WEST/);
    const stored = await sql<{ account_number: string | null; iban: string | null }>`SELECT account_number, iban FROM bank_account ORDER BY id`.execute(
      r.b.ctx.db,
    );
    expect(stored.rows.map((x) => x.account_number ?? x.iban)).toEqual(['000123456789', 'GB82WEST12345698765432']);
    const added = await auditOf(r, 'bankAccount.add');
    expect(added).toHaveLength(2);
    expect(JSON.stringify(added)).not.toMatch(/123456789|GB82WEST/);
  });

  it('refuses a bad routing check digit, naming the field, and a duplicate', async () => {
    const r = await setup();
    const bad = await r.b.call(r.s.clerk, 'bankAccounts.add', {
      accountId: r.a.id,
      holderName: 'Ann Lee',
      scheme: 'us_aba',
      routingNumber: '021000022',
      accountNumber: '12345678',
      accountType: 'savings',
    });
    expect(bad.ok ? null : bad.error.message).toMatch(/Routing number: .*check digit/);
    const again = await r.b.call(r.s.clerk, 'bankAccounts.add', {
      accountId: r.a.id,
      holderName: 'Ann Lee',
      scheme: 'us_aba',
      routingNumber: '021000021',
      accountNumber: '000123456789',
      accountType: 'checking',
    });
    expect(again.ok ? null : again.error).toMatchObject({ code: 'CONFLICT' });
  });

  it('reveals the full number to a supervisor only, each reveal audited', async () => {
    const r = await setup();
    const denied = await r.b.call(r.s.clerk, 'bankAccounts.reveal', { bankAccountId: r.us.id });
    expect(denied.ok ? null : denied.error.code).toBe('FORBIDDEN');
    expect(await auditOf(r, 'bankAccount.reveal')).toHaveLength(0);
    expect(await must(r.b, r.s.supervisor, 'bankAccounts.reveal', { bankAccountId: r.us.id })).toEqual({ id: r.us.id, number: '000123456789' });
    const reveals = await auditOf(r, 'bankAccount.reveal');
    expect(reveals).toHaveLength(1);
    expect(reveals[0]).toMatchObject({ username: 'sam', entityId: String(r.us.id) });
    expect(JSON.stringify(reveals[0])).not.toMatch(/123456789/);
  });

  it('a check payment names its bank account; an unusable one is refused with the reason', async () => {
    const r = await setup();
    await postInvoice(r.b, r.s.clerk, r.a.id, 10000, { date: '2026-03-01' });
    const pay = await must(r.b, r.s.clerk, 'payments.post', {
      accountId: r.a.id,
      method: 'check',
      checkNumber: '1001',
      amountCents: 4000,
      bankAccountId: r.us.id,
    });
    const row = await r.b.ctx.db.selectFrom('document').select('bank_account_id').where('id', '=', pay.documentId).executeTakeFirstOrThrow();
    expect(row.bank_account_id).toBe(r.us.id);
    // Another account's bank account, or one on a card payment: refused.
    const other = await newAccount(r.b, r.s.clerk);
    const foreign = await r.b.call(r.s.clerk, 'payments.post', {
      accountId: other.id,
      method: 'check',
      checkNumber: '1002',
      amountCents: 100,
      bankAccountId: r.us.id,
    });
    expect(foreign.ok ? null : foreign.error.message).toMatch(/not one of this account/);
    const card = await r.b.call(r.s.clerk, 'payments.post', { accountId: r.a.id, method: 'card', cardLast4: '4242', amountCents: 100, bankAccountId: r.us.id });
    expect(card.ok ? null : card.error.message).toMatch(/check or ACH/);
    // A return marks it unusable (the returns engineer's call), in the caller's transaction.
    await r.b.ctx.db.transaction().execute((trx) => markBankAccountUnusableInTrx({ trx, clock: r.clock, actor: systemActor }, r.us.id, 'R02 account closed'));
    const refused = await r.b.call(r.s.clerk, 'payments.post', { accountId: r.a.id, method: 'ach', amountCents: 100, bankAccountId: r.us.id });
    expect(refused.ok ? null : refused.error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('R02 account closed') });
    const listed = await must(r.b, r.s.clerk, 'bankAccounts.list', { accountId: r.a.id, activeOnly: true });
    expect(listed).toEqual([]);
    expect((await must(r.b, r.s.clerk, 'bankAccounts.list', { accountId: r.a.id }))[0]).toMatchObject({
      status: 'unusable',
      unusableReason: 'R02 account closed',
    });
    // Its numbers never change and it is never removed.
    await expect(sql`UPDATE bank_account SET account_number = '999999999' WHERE id = ${r.us.id}`.execute(r.b.ctx.db)).rejects.toThrow(/never change/);
    await expect(sql`DELETE FROM bank_account WHERE id = ${r.us.id}`.execute(r.b.ctx.db)).rejects.toThrow(/never removed/);
    // A corrected one may be added again as new.
    const again = await must(r.b, r.s.clerk, 'bankAccounts.add', {
      accountId: r.a.id,
      holderName: 'Ann Lee',
      scheme: 'us_aba',
      routingNumber: '021000021',
      accountNumber: '000123456789',
      accountType: 'checking',
    });
    expect(again.status).toBe('active');
  });

  it('marking unusable by hand needs a reason and is audited', async () => {
    const r = await setup();
    const none = await r.b.call(r.s.clerk, 'bankAccounts.markUnusable', { bankAccountId: r.us.id, reason: ' ' });
    expect(none.ok).toBe(false);
    await must(r.b, r.s.clerk, 'bankAccounts.markUnusable', { bankAccountId: r.us.id, reason: 'Customer closed it' });
    expect(await auditOf(r, 'bankAccount.markUnusable')).toHaveLength(1);
  });
});
