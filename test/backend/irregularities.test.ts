import { describe, expect, it } from 'vitest';
import type { IrregularitiesReport, IrregularityCheck } from '../../src-shared/domain/irregularities';
import { must, newAccount, postInvoice, receivablesBackend } from '../support/receivables';

/** Today is 2026-03-15 (receivablesBackend); the defaults are 3 days undeposited, 30 unapplied, 5 unmatched. */
const sectionOf = (r: IrregularitiesReport, check: IrregularityCheck) => {
  const s = r.sections.find((x) => x.check === check);
  if (!s) throw new Error(`no section ${check}`);
  return s;
};

describe('irregularities: the specialist discrepancy view', () => {
  it('lists cash and check payments older than the days and in no deposit; not cards, recent ones or reversed ones', async () => {
    const { b, s } = await receivablesBackend();
    const a = await newAccount(b, s.clerk, { name: 'Olive Oldcash' });
    const pay = (date: string, method: 'cash' | 'check' | 'card' | 'ach', amountCents: number) =>
      must(b, s.clerk, 'payments.post', {
        accountId: a.id,
        date,
        method,
        amountCents,
        checkNumber: method === 'check' ? '1001' : '',
        cardLast4: method === 'card' ? '4242' : '',
        allocation: { mode: 'none' },
      });
    const oldCash = await pay('2026-03-01', 'cash', 10_00);
    const oldCheck = await pay('2026-03-11', 'check', 20_00);
    await pay('2026-03-12', 'cash', 30_00); // 3 days old: not more than 3
    await pay('2026-03-01', 'card', 40_00); // arrives electronically, never in a deposit
    await pay('2026-03-01', 'ach', 50_00);
    const bounced = await pay('2026-03-02', 'check', 60_00);
    await must(b, s.clerk, 'payments.reverse', { paymentId: bounced.documentId, date: '2026-03-05', reason: 'Returned unpaid' });

    const r = await must(b, s.clerk, 'irregularities.get', {});
    const section = sectionOf(r, 'undeposited');
    expect(section).toMatchObject({ available: true, olderThanDays: 3, count: 2, totalCents: 30_00 });
    expect(section.items.map((i) => [i.number, i.method, i.ageDays, i.amountCents])).toEqual([
      [expect.any(String), 'cash', 14, 10_00],
      [expect.any(String), 'check', 4, 20_00],
    ]);
    expect(section.items[0]?.link).toEqual({ kind: 'document', accountId: a.id, documentId: oldCash.documentId });
    expect(section.items[1]?.link).toEqual({ kind: 'document', accountId: a.id, documentId: oldCheck.documentId });
    expect(section.items[0]).toMatchObject({ accountNumber: a.accountNumber, accountName: 'Olive Oldcash', subject: 'payment' });

    // Other days for one look: with 14 the cash payment of 14 days is not more than 14 days old.
    const wider = await must(b, s.clerk, 'irregularities.get', { olderThanDays: { undeposited: 13 } });
    expect(sectionOf(wider, 'undeposited').items.map((i) => i.amountCents)).toEqual([10_00]);
    expect(sectionOf(wider, 'undeposited').olderThanDays).toBe(13);
    expect(wider.settings.undeposited).toBe(3); // nothing saved by a look
  });

  it('lists payments and credit notes with money open longer than the days; not applied ones or recent ones', async () => {
    const { b, s } = await receivablesBackend();
    const a = await newAccount(b, s.clerk);
    const inv = await postInvoice(b, s.clerk, a.id, 100_00, { date: '2026-01-02' });
    // Overpays the invoice by 15.00: that remainder is unapplied credit from 2026-01-20 (54 days).
    await must(b, s.clerk, 'payments.post', { accountId: a.id, date: '2026-01-20', method: 'cash', amountCents: 115_00 });
    const oldNote = await must(b, s.clerk, 'invoices.postCreditNote', { accountId: a.id, amountCents: 25_00, reason: 'Goodwill', date: '2026-02-01' });
    await must(b, s.clerk, 'invoices.postCreditNote', { accountId: a.id, amountCents: 5_00, reason: 'Recent goodwill', date: '2026-03-01' });
    // A payment fully applied when it came is not unapplied credit, however old.
    const b2 = await newAccount(b, s.clerk);
    await postInvoice(b, s.clerk, b2.id, 40_00, { date: '2026-01-01' });
    await must(b, s.clerk, 'payments.post', { accountId: b2.id, date: '2026-01-05', method: 'check', checkNumber: '77', amountCents: 40_00 });

    const r = await must(b, s.clerk, 'irregularities.get', {});
    const section = sectionOf(r, 'unapplied');
    expect(section.items.map((i) => [i.subject, i.amountCents, i.ageDays])).toEqual([
      ['payment', 15_00, 54],
      ['credit_note', 25_00, 42],
    ]);
    expect(section.items[1]?.number).toBe(oldNote.number);
    expect(section).toMatchObject({ count: 2, totalCents: 40_00, olderThanDays: 30 });
    expect(inv.number).toBeTruthy();
  });

  it('lists deposits older than the days no statement line is matched to; not matched ones, recent ones; deposited payments leave the undeposited list', async () => {
    const { b, s } = await receivablesBackend();
    const a = await newAccount(b, s.clerk);
    const pay = (date: string, amountCents: number) =>
      must(b, s.clerk, 'payments.post', { accountId: a.id, date, method: 'cash', amountCents, allocation: { mode: 'none' } });
    const p1 = await pay('2026-03-01', 10_00);
    const p2 = await pay('2026-03-02', 20_00);
    const p3 = await pay('2026-03-03', 30_00);
    // The rows the deposits and reconciliation services write (their services landed after this test): an
    // office account, three deposits of one payment each, one of them matched to a statement line.
    const db = b.ctx.store.sqlite;
    const at = '2026-03-15T15:00:00.000Z';
    db.prepare(
      `INSERT INTO office_bank_account (id, name, routing_number, account_number, last4, created_at, updated_at) VALUES (1, 'Operating', '011000015', '12345678', '5678', ?, ?)`,
    ).run(at, at);
    const deposit = db.prepare(
      `INSERT INTO deposit (id, series, number_seq, number, office_bank_account_id, deposit_date, cash_cents, check_cents, total_cents, payment_count, created_at) VALUES (?, 'DEP', ?, ?, 1, ?, ?, 0, ?, 1, ?)`,
    );
    const inDeposit = db.prepare(`INSERT INTO deposit_payment (deposit_id, payment_document_id, method, amount_cents) VALUES (?, ?, 'cash', ?)`);
    for (const [id, date, p, cents] of [
      [1, '2026-03-02', p1.documentId, 10_00],
      [2, '2026-03-03', p2.documentId, 20_00],
      [3, '2026-03-12', p3.documentId, 30_00],
    ] as const) {
      deposit.run(id, id, `DEP-00000${id}`, date, cents, cents, at);
      inDeposit.run(id, p, cents);
    }
    db.prepare(
      `INSERT INTO bank_statement (id, format, file_name, file_sha256, statement_from, statement_to, imported_at) VALUES (1, 'csv', 'march.csv', 'x', '2026-03-01', '2026-03-14', ?)`,
    ).run(at);
    db.prepare(
      `INSERT INTO bank_statement_line (id, statement_id, line, booking_date, amount_cents, line_key) VALUES (1, 1, 2, '2026-03-03', 1000, 'k1')`,
    ).run();
    db.prepare(
      `INSERT INTO reconciliation (id, office_bank_account_id, period_from, period_to, status, created_at) VALUES (1, 1, '2026-03-01', '2026-03-14', 'open', ?)`,
    ).run(at);
    db.prepare(`INSERT INTO reconciliation_match (reconciliation_id, statement_line_id, deposit_id, method, created_at) VALUES (1, 1, 1, 'manual', ?)`).run(at);

    const r = await must(b, s.clerk, 'irregularities.get', {});
    // DEP-000001 is matched; DEP-000003 is 3 days old (not more than 5); DEP-000002 (12 days) is listed.
    const section = sectionOf(r, 'unmatched');
    expect(section).toMatchObject({ available: true, count: 1, totalCents: 20_00, olderThanDays: 5 });
    expect(section.items[0]).toMatchObject({ subject: 'deposit', number: 'DEP-000002', ageDays: 12, accountId: null, link: { kind: 'deposit', depositId: 2 } });
    // Every payment is in a deposit: none is left as not yet deposited.
    expect(sectionOf(r, 'undeposited').count).toBe(0);
    const later = await must(b, s.clerk, 'irregularities.get', { olderThanDays: { unmatched: 2 } });
    expect(sectionOf(later, 'unmatched').items.map((i) => i.number)).toEqual(['DEP-000002', 'DEP-000003']);
  });

  it('lists the accounts whose stored balance disagrees with their open items, and only those', async () => {
    const { b, s } = await receivablesBackend();
    const fine = await newAccount(b, s.clerk, { name: 'Fine Account' });
    const broken = await newAccount(b, s.clerk, { name: 'Broken Account' });
    await postInvoice(b, s.clerk, fine.id, 70_00, { date: '2026-02-01' });
    await postInvoice(b, s.clerk, broken.id, 80_00, { date: '2026-02-01' });
    expect(sectionOf(await must(b, s.clerk, 'irregularities.get', {}), 'mismatch').count).toBe(0);

    // What an interrupted older version could leave behind: the stored balance off by 12.34.
    b.ctx.store.sqlite.prepare('UPDATE account SET balance_cents = balance_cents + 1234 WHERE id = ?').run(broken.id);
    const section = sectionOf(await must(b, s.clerk, 'irregularities.get', {}), 'mismatch');
    expect(section.items).toEqual([
      expect.objectContaining({
        subject: 'account',
        accountId: broken.id,
        accountName: 'Broken Account',
        amountCents: 12_34,
        figures: { balanceCents: 92_34, ledgerCents: 80_00, openItemsCents: 80_00 },
        link: { kind: 'account', accountId: broken.id },
      }),
    ]);
  });

  it('lists payments of one account, amount and date as possible duplicates; not other days, accounts or a reversed one', async () => {
    const { b, s } = await receivablesBackend();
    const a = await newAccount(b, s.clerk);
    const other = await newAccount(b, s.clerk);
    const pay = (accountId: number, date: string, amountCents: number) =>
      must(b, s.clerk, 'payments.post', { accountId, date, method: 'cash', amountCents, allocation: { mode: 'none' } });
    const d1 = await pay(a.id, '2026-03-10', 50_00);
    const d2 = await pay(a.id, '2026-03-10', 50_00);
    await pay(a.id, '2026-03-11', 50_00); // another day
    await pay(a.id, '2026-03-10', 50_01); // another amount
    await pay(other.id, '2026-03-10', 50_00); // another account
    // Two alike, one of them reversed: the pair is settled.
    const r1 = await pay(a.id, '2026-03-12', 70_00);
    await pay(a.id, '2026-03-12', 70_00);
    await must(b, s.clerk, 'payments.reverse', { paymentId: r1.documentId, date: '2026-03-13', reason: 'Entered twice' });

    const section = sectionOf(await must(b, s.clerk, 'irregularities.get', {}), 'duplicates');
    expect(section.items.map((i) => i.link)).toEqual([
      { kind: 'document', accountId: a.id, documentId: d1.documentId },
      { kind: 'document', accountId: a.id, documentId: d2.documentId },
    ]);
    expect(section.items.map((i) => i.groupSize)).toEqual([2, 2]);
    expect(section).toMatchObject({ count: 2, totalCents: 100_00, olderThanDays: null });
  });

  it('saves the days per check for supervisors, audited, refuses bad days and clerks', async () => {
    const { b, s } = await receivablesBackend();
    const saved = await must(b, s.supervisor, 'irregularities.saveSettings', { unapplied: 45 });
    expect(saved).toEqual({ undeposited: 3, unapplied: 45, unmatched: 5 });
    const r = await must(b, s.clerk, 'irregularities.get', {});
    expect(r.settings.unapplied).toBe(45);
    expect(sectionOf(r, 'unapplied').olderThanDays).toBe(45);

    const clerk = await b.call(s.clerk, 'irregularities.saveSettings', { unapplied: 10 });
    expect(clerk.ok ? null : clerk.error.code).toBe('FORBIDDEN');
    const negative = await b.call(s.supervisor, 'irregularities.saveSettings', { undeposited: -1 });
    expect(negative.ok ? null : negative.error).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('0 days or more') });
    const fraction = await b.call(s.supervisor, 'irregularities.get', { olderThanDays: { unmatched: 1.5 } });
    expect(fraction.ok ? null : fraction.error.code).toBe('VALIDATION');
    expect((await must(b, s.clerk, 'irregularities.get', {})).settings).toEqual(saved);

    const audit = b.ctx.store.sqlite
      .prepare(`SELECT username, before_json, after_json FROM audit WHERE action = 'settings.update' AND entity_id = 'irregularities'`)
      .all() as { username: string; before_json: string; after_json: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]?.username).toBe('sam');
    expect(JSON.parse(audit[0]?.before_json ?? '{}')).toMatchObject({ unapplied: 30 });
    expect(JSON.parse(audit[0]?.after_json ?? '{}')).toMatchObject({ unapplied: 45 });
  });
});
