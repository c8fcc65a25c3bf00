import { describe, expect, it } from 'vitest';
import { verifyStore } from '../../src-main/backend/verify';
import { must, newAccount, postInvoice, receivablesBackend } from '../support/receivables';

// Today is 2026-03-15. INV dated 2026-03-10 on 2/10 Net 30: $1,000.00, 2% ($20.00) off if paid by
// 2026-03-20, due 2026-04-09. An older Net 30 invoice of $300.00 is due 2026-03-02.
async function setup() {
  const r = await receivablesBackend();
  const a = await newAccount(r.b, r.s.clerk);
  const old = await postInvoice(r.b, r.s.clerk, a.id, 30000, { date: '2026-01-31' });
  const inv = await postInvoice(r.b, r.s.clerk, a.id, 100000, { date: '2026-03-10', terms: '2/10 Net 30' });
  return { ...r, a, old, inv };
}

describe('early-payment discounts', () => {
  it('are offered in the preview until the discount date and lower what is open when taken', async () => {
    const { b, s, a, old, inv } = await setup();
    const plain = await must(b, s.clerk, 'payments.previewAllocation', { accountId: a.id, amountCents: 98000, date: '2026-03-15' });
    expect(plain.lines.find((l) => l.documentId === inv.id)).toMatchObject({
      openCents: 100000,
      discountOffer: { amountCents: 2000, rateBp: 200, until: '2026-03-20' },
      discountCents: 0,
    });
    expect(plain.lines.find((l) => l.documentId === old.id)?.discountOffer).toBeNull();
    const late = await must(b, s.clerk, 'payments.previewAllocation', { accountId: a.id, amountCents: 98000, date: '2026-03-21' });
    expect(late.lines.find((l) => l.documentId === inv.id)?.discountOffer).toBeNull();
    const taken = await must(b, s.clerk, 'payments.previewAllocation', {
      accountId: a.id,
      amountCents: 98000,
      date: '2026-03-15',
      allocation: { mode: 'manual', lines: [{ documentId: inv.id, amountCents: 98000 }] },
      earlyPaymentDiscounts: [inv.id],
    });
    expect(taken.lines.find((l) => l.documentId === inv.id)).toMatchObject({ openCents: 98000, applyCents: 98000, discountCents: 2000 });
  });

  it('a payment takes the discount: a credit note closes the rest, the receipt shows it, verify passes', async () => {
    const { b, s, a, old, inv } = await setup();
    const pay = await must(b, s.clerk, 'payments.post', {
      accountId: a.id,
      date: '2026-03-15',
      method: 'check',
      checkNumber: '7001',
      amountCents: 128000,
      earlyPaymentDiscounts: [inv.id],
    });
    expect(pay.accountBalanceCents).toBe(0);
    expect(pay.related).toEqual([expect.objectContaining({ kind: 'credit_note', number: 'CN-000001' })]);
    expect(pay.receipt.allocations.map((x) => [x.number, x.amountCents])).toEqual([
      [old.number, 30000],
      [inv.number, 98000],
    ]);
    expect(pay.receipt.earlyPaymentDiscounts).toEqual([{ documentId: inv.id, number: inv.number, creditNoteNumber: 'CN-000001', amountCents: 2000 }]);
    expect(pay.receipt.unappliedCents).toBe(0);
    const cn = (await must(b, s.clerk, 'ledger.get', { accountId: a.id })).entries.find((e) => e.kind === 'credit_note');
    expect(cn?.description).toContain('Early-payment discount 2% (2/10 Net 30), paid by');
    const audit = await must(b, s.admin, 'audit.list', { entity: 'document', entityId: String(pay.related[0]!.documentId) });
    expect(audit.map((x) => x.action)).toEqual(['creditNote.post']);
    // Once taken, it is not offered again.
    const again = await must(b, s.clerk, 'payments.previewAllocation', { accountId: a.id, amountCents: 100, date: '2026-03-15' });
    expect(again.lines).toEqual([]);
    expect((await verifyStore(b)).ok).toBe(true);
  });

  it('refuses a discount after its date, twice on one invoice, or without the rest paid, and writes nothing', async () => {
    const { b, s, a, inv } = await setup();
    const refuse = async (input: Parameters<typeof must<'payments.post'>>[3], text: string) => {
      const r = await b.call(s.clerk, 'payments.post', input);
      expect(r.ok ? null : r.error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining(text) });
    };
    await refuse({ accountId: a.id, date: '2026-03-21', method: 'cash', amountCents: 98000, earlyPaymentDiscounts: [inv.id] }, 'ended on Mar 20, 2026');
    await refuse(
      { accountId: a.id, date: '2026-03-05', method: 'cash', amountCents: 98000, earlyPaymentDiscounts: [inv.id] },
      'is dated Mar 10, 2026, after this payment (Mar 5, 2026)',
    );
    await refuse({ accountId: a.id, date: '2026-03-15', method: 'cash', amountCents: 98000, earlyPaymentDiscounts: [inv.id, inv.id] }, 'listed twice');
    // Auto allocation pays the older invoice first and leaves $680.00 for this one: not the rest.
    await refuse(
      { accountId: a.id, date: '2026-03-15', method: 'cash', amountCents: 98000, earlyPaymentDiscounts: [inv.id] },
      'earned only when the rest is paid with it: $980.00 is due after the $20.00 discount, and this payment applies $680.00',
    );
    const ledger = await must(b, s.clerk, 'ledger.get', { accountId: a.id });
    expect(ledger.entries.map((e) => e.kind)).toEqual(['invoice', 'invoice']);
    // The refused postings took no numbers.
    const ok = await must(b, s.clerk, 'payments.post', {
      accountId: a.id,
      date: '2026-03-15',
      method: 'cash',
      amountCents: 98000,
      allocation: { mode: 'manual', lines: [{ documentId: inv.id, amountCents: 98000 }] },
      earlyPaymentDiscounts: [inv.id],
    });
    expect(ok.number).toBe('RCT-000001');
    expect(ok.related[0]?.number).toBe('CN-000001');
    await refuse({ accountId: a.id, date: '2026-03-15', method: 'cash', amountCents: 100, earlyPaymentDiscounts: [inv.id] }, 'already taken');
  });

  it('a returned payment withdraws its discount: the invoice is open in full again, nothing is left as credit', async () => {
    const { b, s, a, inv } = await setup();
    const pay = await must(b, s.clerk, 'payments.post', {
      accountId: a.id,
      date: '2026-03-15',
      method: 'check',
      checkNumber: '7002',
      amountCents: 98000,
      allocation: { mode: 'manual', lines: [{ documentId: inv.id, amountCents: 98000 }] },
      earlyPaymentDiscounts: [inv.id],
    });
    const rev = await must(b, s.clerk, 'payments.reverse', { paymentId: pay.documentId, reason: 'Check returned NSF' });
    expect(rev.related).toEqual([expect.objectContaining({ kind: 'adjustment' })]);
    expect(rev.accountBalanceCents).toBe(130000);
    expect((await must(b, s.clerk, 'invoices.get', { invoiceId: inv.id })).openCents).toBe(100000);
    const ledger = await must(b, s.clerk, 'ledger.get', { accountId: a.id });
    expect(ledger.totals.unappliedCents).toBe(0);
    expect(ledger.entries.find((e) => e.kind === 'adjustment')?.description).toContain('Early-payment discount withdrawn: CN-000001');
    // Still before the discount date: a good payment may take it again.
    const preview = await must(b, s.clerk, 'payments.previewAllocation', { accountId: a.id, amountCents: 98000, date: '2026-03-16' });
    expect(preview.lines.find((l) => l.documentId === inv.id)?.discountOffer).toMatchObject({ amountCents: 2000 });
    expect((await verifyStore(b)).ok).toBe(true);
  });
});
