import { describe, expect, it } from 'vitest';
import { verifyStore } from '../../src-main/backend/verify';
import { must, newAccount, postInvoice, receivablesBackend } from '../support/receivables';

async function setup() {
  const r = await receivablesBackend();
  const a = await newAccount(r.b, r.s.clerk);
  // due dates: i1 2026-01-31, i2 2026-02-14 (Net 15 from 01-30), i3 2026-03-31
  const i1 = await postInvoice(r.b, r.s.clerk, a.id, 10000, { date: '2026-01-01' });
  const i3 = await postInvoice(r.b, r.s.clerk, a.id, 20000, { date: '2026-03-01' });
  const i2 = await postInvoice(r.b, r.s.clerk, a.id, 5000, { date: '2026-01-30', terms: 'Net 15' });
  return { ...r, a, i1, i2, i3 };
}

const openOf = async (r: Awaited<ReturnType<typeof setup>>, id: number) => (await must(r.b, r.s.clerk, 'invoices.get', { invoiceId: id })).openCents;

describe('payments and allocation', () => {
  it('previews and posts oldest-due-first, leaving the rest as unapplied credit, with a complete receipt', async () => {
    const r = await setup();
    const { b, s, a, i1, i2, i3 } = r;
    const preview = await must(b, s.clerk, 'payments.previewAllocation', { accountId: a.id, amountCents: 12000 });
    expect(preview.lines.map((l) => [l.number, l.applyCents])).toEqual([
      [i1.number, 10000],
      [i2.number, 2000],
      [i3.number, 0],
    ]);
    expect(preview.unappliedCents).toBe(0);
    const before = await must(b, s.clerk, 'ledger.get', { accountId: a.id });
    expect(before.totals.balanceCents).toBe(35000); // preview posted nothing
    const pay = await must(b, s.clerk, 'payments.post', {
      accountId: a.id,
      date: '2026-03-10',
      method: 'card',
      cardLast4: '4242',
      amountCents: 40000,
      reference: 'terminal 7',
    });
    expect(pay.receipt).toMatchObject({
      receiptNumber: 'RCT-000001',
      date: '2026-03-10',
      accountNumber: a.accountNumber,
      method: 'card',
      cardLast4: '4242',
      amountCents: 40000,
      unappliedCents: 5000,
      clerk: 'clara',
      companyName: 'Test Billing Co',
    });
    expect(pay.receipt.allocations.map((x) => [x.number, x.amountCents])).toEqual([
      [i1.number, 10000],
      [i2.number, 5000],
      [i3.number, 20000],
    ]);
    expect(pay.accountBalanceCents).toBe(-5000);
    expect(await must(b, s.clerk, 'payments.receipt', { paymentId: pay.documentId })).toEqual(pay.receipt);
    expect((await verifyStore(b)).ok).toBe(true);
  });

  it('allocates by hand, refuses over-allocation, and applies credit later', async () => {
    const r = await setup();
    const { b, s, a, i1, i2, i3 } = r;
    const manual = await must(b, s.clerk, 'payments.post', {
      accountId: a.id,
      method: 'check',
      checkNumber: '2001',
      amountCents: 9000,
      allocation: { mode: 'manual', lines: [{ documentId: i3.id, amountCents: 6000 }] },
    });
    expect(await openOf(r, i3.id)).toBe(14000);
    expect(await openOf(r, i1.id)).toBe(10000);
    expect(manual.receipt.unappliedCents).toBe(3000);
    const tooMuchForInvoice = await b.call(s.clerk, 'payments.post', {
      accountId: a.id,
      method: 'cash',
      amountCents: 50000,
      allocation: { mode: 'manual', lines: [{ documentId: i2.id, amountCents: 5001 }] },
    });
    expect(tooMuchForInvoice.ok ? null : tooMuchForInvoice.error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('5000 cents open') });
    const tooMuchForPayment = await b.call(s.clerk, 'payments.post', {
      accountId: a.id,
      method: 'cash',
      amountCents: 100,
      allocation: {
        mode: 'manual',
        lines: [
          { documentId: i2.id, amountCents: 60 },
          { documentId: i1.id, amountCents: 60 },
        ],
      },
    });
    expect(tooMuchForPayment.ok ? null : tooMuchForPayment.error).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('more than the 100 cents'),
    });
    const twice = await b.call(s.clerk, 'payments.post', {
      accountId: a.id,
      method: 'cash',
      amountCents: 100,
      allocation: {
        mode: 'manual',
        lines: [
          { documentId: i2.id, amountCents: 10 },
          { documentId: i2.id, amountCents: 10 },
        ],
      },
    });
    expect(twice.ok ? null : twice.error.message).toMatch(/appears twice/);
    const other = await newAccount(b, s.clerk);
    const foreign = await b.call(s.clerk, 'payments.post', {
      accountId: other.id,
      method: 'cash',
      amountCents: 100,
      allocation: { mode: 'manual', lines: [{ documentId: i2.id, amountCents: 10 }] },
    });
    expect(foreign.ok ? null : foreign.error.message).toMatch(/not an open item of this account/);
    // nothing of the refused postings was written: the receipt series continues at 2
    const none = await must(b, s.clerk, 'payments.post', { accountId: a.id, method: 'ach', amountCents: 1500, allocation: { mode: 'none' } });
    expect(none.number).toBe('RCT-000002');
    const applied = await must(b, s.clerk, 'payments.applyCredit', { accountId: a.id, date: '2026-03-15' });
    // 3000 + 1500 of credit, oldest due first: i1
    expect(applied.allocations).toEqual([
      { documentId: i1.id, creditDocumentId: manual.documentId, amountCents: 3000 },
      { documentId: i1.id, creditDocumentId: none.documentId, amountCents: 1500 },
    ]);
    expect(applied.unappliedCents).toBe(0);
    expect(await openOf(r, i1.id)).toBe(5500);
    const nothing = await b.call(s.clerk, 'payments.applyCredit', { accountId: a.id });
    expect(nothing.ok ? null : nothing.error.code).toBe('CONFLICT');
    expect((await verifyStore(b)).ok).toBe(true);
  });

  it('never takes a full card number in any card-data text field', async () => {
    const { b, s, a } = await setup();
    for (const bad of [
      { cardLast4: '4111111111111111' },
      { cardLast4: '4242', reference: '4111 1111 1111 1111' },
      { cardLast4: '4242', memo: 'card 5500-0000-0000-0004 exp 12/29' },
    ]) {
      const r = await b.call(s.clerk, 'payments.post', { accountId: a.id, method: 'card', amountCents: 100, ...bad });
      expect(r.ok ? null : r.error.code).toBe('VALIDATION');
    }
    const noLast4 = await b.call(s.clerk, 'payments.post', { accountId: a.id, method: 'card', amountCents: 100 });
    expect(noLast4.ok ? null : noLast4.error.message).toMatch(/last 4/);
    const noCheckNo = await b.call(s.clerk, 'payments.post', { accountId: a.id, method: 'check', amountCents: 100 });
    expect(noCheckNo.ok ? null : noCheckNo.error.message).toMatch(/check number/);
    const refund = await b.call(s.clerk, 'payments.refund', { accountId: a.id, method: 'card', amountCents: 1, reference: '4111111111111111' });
    expect(refund.ok ? null : refund.error.code).toBe('VALIDATION');
    const stored = b.ctx.store.sqlite.prepare("SELECT count(*) AS n FROM document WHERE reference LIKE '%4111%' OR memo LIKE '%5500%'").get() as { n: number };
    expect(stored.n).toBe(0);
  });

  it('reverses a bounced check: reopens what it paid, posts the returned-payment fee, and refuses a second reversal', async () => {
    const r = await setup();
    const { b, s, a, i1, i2 } = r;
    const pay = await must(b, s.clerk, 'payments.post', { accountId: a.id, date: '2026-03-02', method: 'check', checkNumber: '3003', amountCents: 18000 });
    // credit applied later from this payment's remainder? none: 18000 = 10000 + 5000 + 3000 to i3
    expect(await openOf(r, i1.id)).toBe(0);
    const rev = await must(b, s.clerk, 'payments.reverse', { paymentId: pay.documentId, date: '2026-03-09', reason: 'NSF - returned by bank', feeCents: 2500 });
    expect(rev.number).toBe('REV-000001');
    expect(rev.related).toEqual([{ documentId: expect.any(Number), number: 'FEE-000001', kind: 'fee' }]);
    expect(await openOf(r, i1.id)).toBe(10000);
    expect(await openOf(r, i2.id)).toBe(5000);
    expect(rev.accountBalanceCents).toBe(35000 + 2500);
    const ledger = await must(b, s.clerk, 'ledger.get', { accountId: a.id });
    expect(ledger.openItems.map((o) => [o.kind, o.openCents])).toEqual([
      ['invoice', 10000],
      ['invoice', 5000],
      ['fee', 2500],
      ['invoice', 20000],
    ]);
    expect(ledger.unappliedCredits).toEqual([]);
    const again = await b.call(s.clerk, 'payments.reverse', { paymentId: pay.documentId, reason: 'again' });
    expect(again.ok ? null : again.error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('already reversed') });
    const notPayment = await b.call(s.clerk, 'payments.reverse', { paymentId: i1.id, reason: 'x' });
    expect(notPayment.ok ? null : notPayment.error.code).toBe('VALIDATION');
    const detail = await must(b, s.clerk, 'ledger.document', { documentId: pay.documentId });
    expect(detail.referencedBy.map((d) => d.kind)).toEqual(['reversal']);
    expect(detail.allocations.reduce((sum, x) => sum + x.amountCents, 0)).toBe(18000); // matched by the reversal only
    expect((await verifyStore(b)).ok).toBe(true);
  });

  it('refunds unapplied credit, never more than there is', async () => {
    const { b, s, a } = await setup();
    await must(b, s.clerk, 'payments.post', { accountId: a.id, method: 'cash', amountCents: 40000 }); // 5000 unapplied
    const over = await b.call(s.clerk, 'payments.refund', { accountId: a.id, method: 'check', checkNumber: '77', amountCents: 5001 });
    expect(over.ok ? null : over.error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('5000 cents') });
    const refund = await must(b, s.clerk, 'payments.refund', { accountId: a.id, method: 'check', checkNumber: '77', amountCents: 3000 });
    expect(refund).toMatchObject({ number: 'RF-000001', accountBalanceCents: -2000 });
    const ledger = await must(b, s.clerk, 'ledger.get', { accountId: a.id });
    expect(ledger.totals).toMatchObject({ balanceCents: -2000, unappliedCents: 2000, openCents: 0 });
    expect(ledger.entries.map((e) => e.runningBalanceCents)).toEqual([10000, 15000, 35000, -5000, -2000]);
    expect((await verifyStore(b)).ok).toBe(true);
  });

  it('posts adjustments both ways; write-offs need a supervisor (FORBIDDEN for a clerk)', async () => {
    const r = await setup();
    const { b, s, a, i1, i2 } = r;
    const up = await must(b, s.clerk, 'ledger.postAdjustment', { accountId: a.id, amountCents: 1234, reason: 'Copy charges' });
    expect(up.number).toBe('ADJ-000001');
    const down = await must(b, s.clerk, 'ledger.postAdjustment', { accountId: a.id, amountCents: -1000, reason: 'Goodwill', applyToDocumentId: i2.id });
    expect(down.accountBalanceCents).toBe(35000 + 1234 - 1000);
    expect(await openOf(r, i2.id)).toBe(4000);
    const refused = await b.call(s.clerk, 'ledger.postWriteOff', { invoiceId: i1.id, reason: 'Uncollectible' });
    expect(refused.ok ? null : refused.error.code).toBe('FORBIDDEN');
    expect(await openOf(r, i1.id)).toBe(10000);
    const denied = await must(b, s.supervisor, 'audit.list', { entity: 'endpoint' });
    expect(denied[0]).toMatchObject({ action: 'permission.denied', entityId: 'ledger.postWriteOff', username: 'clara' });
    const over = await b.call(s.supervisor, 'ledger.postWriteOff', { invoiceId: i1.id, amountCents: 10001, reason: 'Uncollectible' });
    expect(over.ok ? null : over.error.code).toBe('CONFLICT');
    const wo = await must(b, s.supervisor, 'ledger.postWriteOff', { invoiceId: i1.id, reason: 'Uncollectible' });
    expect(wo.number).toBe('WO-000001');
    expect(await openOf(r, i1.id)).toBe(0);
    const woDoc = await must(b, s.clerk, 'ledger.document', { documentId: wo.documentId });
    expect(woDoc.audit[0]).toMatchObject({ action: 'writeOff.post', username: 'sam' });
    expect((await verifyStore(b)).ok).toBe(true);
  });

  it('refuses postings to a closed account', async () => {
    const { b, s } = await receivablesBackend();
    const a = await newAccount(b, s.clerk);
    await must(b, s.clerk, 'accounts.update', { accountId: a.id, status: 'closed' });
    const r = await b.call(s.clerk, 'payments.post', { accountId: a.id, method: 'cash', amountCents: 100 });
    expect(r.ok ? null : r.error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('closed') });
  });
});
