import { describe, expect, it } from 'vitest';
import { verifyStore } from '../../src-main/backend/verify';
import { postCreditNoteInTrx } from '../../src-main/backend/services/invoices';
import { creditNoteSchema } from '../../src-shared/domain/invoices';
import { must, newAccount, postInvoice, receivablesBackend } from '../support/receivables';

type Failed = { ok: false; error: { code: string; message: string } };
const errorOf = (r: { ok: boolean }) => (r.ok ? null : (r as Failed).error);

describe('standalone credit notes (issue 14, item 2)', () => {
  it('credits an account for an amount with a reason and leaves it unapplied, audited in the CN series', async () => {
    const { b, s } = await receivablesBackend();
    const a = await newAccount(b, s.clerk);
    const inv = await postInvoice(b, s.clerk, a.id, 10_000, { date: '2026-02-01' });
    const cn = await must(b, s.clerk, 'invoices.postCreditNote', {
      accountId: a.id,
      amountCents: 2_500,
      reason: 'Goodwill for the late delivery',
      date: '2026-03-10',
    });
    expect(cn).toMatchObject({ number: 'CN-000001', accountBalanceCents: 7_500 });
    const ledger = await must(b, s.clerk, 'ledger.get', { accountId: a.id });
    // Nothing was applied: the invoice is fully open and the note is unapplied credit.
    expect(ledger.openItems.map((i) => [i.number, i.openCents])).toEqual([[inv.number, 10_000]]);
    expect(ledger.unappliedCredits.map((c) => [c.number, c.kind, c.unappliedCents])).toEqual([['CN-000001', 'credit_note', 2_500]]);
    expect(ledger.totals).toMatchObject({ balanceCents: 7_500, unappliedCents: 2_500 });
    const doc = await must(b, s.clerk, 'ledger.document', { documentId: cn.documentId });
    expect(doc).toMatchObject({ kind: 'credit_note', date: '2026-03-10', reason: 'Goodwill for the late delivery', relatedDocument: null, allocations: [] });
    const audit = doc.audit.find((r) => r.action === 'creditNote.post');
    expect(audit?.after).toMatchObject({ number: 'CN-000001', accountId: a.id, invoice: null, amountCents: 2_500, appliedCents: 0, lines: 0 });
    expect((await verifyStore(b)).ok).toBe(true);
  });

  it('credits by lines priced by the one totals function, tax included, stored as the note’s lines', async () => {
    const { b, s } = await receivablesBackend();
    const a = await newAccount(b, s.clerk);
    const cn = await must(b, s.clerk, 'invoices.postCreditNote', {
      accountId: a.id,
      reason: 'Returned goods',
      lines: [
        { itemCode: 'PARTS', description: 'Returned parts', quantityMilli: 3000, unitPriceCents: 1999, taxRateBp: 825 },
        { itemCode: 'SVC', description: 'Unused service hours', quantityMilli: 1500, unitPriceCents: 3333 },
      ],
    });
    // 3 x 19.99 = 59.97 + 8.25% tax 4.95 = 64.92; 1.5 x 33.33 = 50.00 (49.995 rounded half up); 114.92
    const doc = await must(b, s.clerk, 'ledger.document', { documentId: cn.documentId });
    expect(doc.totalCents).toBe(11_492);
    expect(doc.openCents).toBe(11_492);
    const lines = await b.services.invoices.creditNoteLines(cn.documentId);
    expect(lines.map((l) => [l.itemCode, l.netCents, l.taxCents, l.totalCents])).toEqual([
      ['PARTS', 5_997, 495, 6_492],
      ['SVC', 5_000, 0, 5_000],
    ]);
    const row = b.ctx.store.sqlite.prepare('SELECT subtotal_cents, tax_cents, status FROM document WHERE id = ?').get(cn.documentId);
    expect(row).toEqual({ subtotal_cents: 10_997, tax_cents: 495, status: 'posted' });
    // Posted lines are immutable like an invoice's.
    expect(() => b.ctx.store.sqlite.prepare('UPDATE invoice_line SET unit_price_cents = 1 WHERE document_id = ?').run(cn.documentId)).toThrow(/immutable/);
    expect((await verifyStore(b)).ok).toBe(true);
  });

  it('naming an invoice: applied to its open amount, the rest unapplied; another account’s invoice and over-crediting refused', async () => {
    const { b, s } = await receivablesBackend();
    const a = await newAccount(b, s.clerk);
    const other = await newAccount(b, s.clerk);
    const inv = await postInvoice(b, s.clerk, a.id, 10_000);
    const foreign = await postInvoice(b, s.clerk, other.id, 5_000);
    const wrong = await b.call(s.clerk, 'invoices.postCreditNote', { accountId: a.id, invoiceId: foreign.id, amountCents: 100, reason: 'Mixed up' });
    expect(errorOf(wrong)).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('another account') });
    await must(b, s.clerk, 'payments.post', { accountId: a.id, method: 'cash', amountCents: 8_000 });
    const cn = await must(b, s.clerk, 'invoices.postCreditNote', {
      accountId: a.id,
      invoiceId: inv.id,
      reason: 'Wrong rate',
      lines: [{ itemCode: 'SVC', description: 'Rate difference', quantityMilli: 1000, unitPriceCents: 3_000 }],
    });
    // 2000 was open: applied; 1000 stays unapplied credit.
    const doc = await must(b, s.clerk, 'ledger.document', { documentId: cn.documentId });
    expect(doc).toMatchObject({ totalCents: 3_000, openCents: 1_000, relatedDocument: { id: inv.id } });
    const over = await b.call(s.clerk, 'invoices.postCreditNote', { invoiceId: inv.id, amountCents: 7_001, reason: 'Again' });
    expect(errorOf(over)).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('$70.00') });
    // The refusals took no number: the next note is CN-000002.
    const next = await must(b, s.clerk, 'invoices.postCreditNote', { accountId: a.id, amountCents: 100, reason: 'Goodwill' });
    expect(next.number).toBe('CN-000002');
    expect((await verifyStore(b)).ok).toBe(true);
  });

  it('refuses an amount and lines together, neither, no account, no reason and a future date, at the boundary and in the service', async () => {
    const { b, s } = await receivablesBackend();
    const a = await newAccount(b, s.clerk);
    const line = { itemCode: 'SVC', description: 'Service', quantityMilli: 1000, unitPriceCents: 500 };
    const cases: [unknown, string][] = [
      [{ accountId: a.id, amountCents: 500, lines: [line], reason: 'Both' }, 'an amount or lines, not both'],
      [{ accountId: a.id, reason: 'Neither' }, 'needs an amount or lines'],
      [{ amountCents: 500, reason: 'Whose?' }, 'Name the account'],
      [{ accountId: a.id, amountCents: 500, reason: ' ' }, 'Reason'],
      [{ accountId: a.id, amountCents: -500, reason: 'Negative' }, ''],
      [{ accountId: a.id, lines: [], reason: 'Empty' }, 'at least one line'],
    ];
    for (const [input, words] of cases) {
      const r = await b.call(s.clerk, 'invoices.postCreditNote', input as never);
      expect(errorOf(r)).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining(words) });
    }
    const future = await b.call(s.clerk, 'invoices.postCreditNote', { accountId: a.id, amountCents: 500, reason: 'Tomorrow', date: '2026-03-16' });
    expect(errorOf(future)).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('after today') });
    // An in-process caller (an import) gets the same refusals without the schema.
    const actor = { userId: null, username: 'import' };
    await expect(
      b.ctx.db
        .transaction()
        .execute((trx) => postCreditNoteInTrx({ trx, clock: b.ctx.clock, actor }, { accountId: a.id, amountCents: 5, lines: [], reason: 'x' }, '2026-03-15')),
    ).rejects.toThrow(/not both/);
    expect(creditNoteSchema.safeParse({ accountId: a.id, amountCents: 1, reason: 'ok' }).success).toBe(true);
    const ledger = await must(b, s.clerk, 'ledger.get', { accountId: a.id });
    expect(ledger.entries).toEqual([]);
  });

  it('is applied later with payments.applyCredit: open amounts, balance and the invariants', async () => {
    const { b, s } = await receivablesBackend();
    const a = await newAccount(b, s.clerk);
    const i1 = await postInvoice(b, s.clerk, a.id, 3_000, { date: '2026-01-10' });
    const i2 = await postInvoice(b, s.clerk, a.id, 4_000, { date: '2026-02-10' });
    const cn = await must(b, s.clerk, 'invoices.postCreditNote', { accountId: a.id, amountCents: 5_000, reason: 'Goodwill' });
    const applied = await must(b, s.clerk, 'payments.applyCredit', { accountId: a.id, creditDocumentIds: [cn.documentId] });
    // Oldest due first: i1 closed, 2000 of i2.
    expect(applied.allocations).toEqual([
      { documentId: i1.id, creditDocumentId: cn.documentId, amountCents: 3_000 },
      { documentId: i2.id, creditDocumentId: cn.documentId, amountCents: 2_000 },
    ]);
    expect(applied).toMatchObject({ accountBalanceCents: 2_000, unappliedCents: 0 });
    const ledger = await must(b, s.clerk, 'ledger.get', { accountId: a.id });
    expect(ledger.openItems.map((i) => [i.number, i.openCents])).toEqual([[i2.number, 2_000]]);
    expect(ledger.unappliedCredits).toEqual([]);
    expect(ledger.totals.balanceCents).toBe(2_000);
    const doc = await must(b, s.clerk, 'ledger.document', { documentId: cn.documentId });
    expect(doc.openCents).toBe(0);
    expect((await verifyStore(b)).ok).toBe(true);
  });

  it('applyCredit with no credits named uses a payment on account and a credit note alike, oldest first', async () => {
    const { b, s } = await receivablesBackend();
    const a = await newAccount(b, s.clerk);
    const pay = await must(b, s.clerk, 'payments.post', {
      accountId: a.id,
      method: 'cash',
      amountCents: 1_000,
      date: '2026-03-01',
      allocation: { mode: 'none' },
    });
    const cn = await must(b, s.clerk, 'invoices.postCreditNote', { accountId: a.id, amountCents: 2_000, reason: 'Return', date: '2026-03-05' });
    const inv = await postInvoice(b, s.clerk, a.id, 2_500, { date: '2026-03-10' });
    const applied = await must(b, s.clerk, 'payments.applyCredit', { accountId: a.id });
    expect(applied.allocations).toEqual([
      { documentId: inv.id, creditDocumentId: pay.documentId, amountCents: 1_000 },
      { documentId: inv.id, creditDocumentId: cn.documentId, amountCents: 1_500 },
    ]);
    expect(applied).toMatchObject({ accountBalanceCents: -500, unappliedCents: 500 });
    const ledger = await must(b, s.clerk, 'ledger.get', { accountId: a.id });
    expect(ledger.openItems).toEqual([]);
    expect(ledger.unappliedCredits.map((c) => [c.number, c.unappliedCents])).toEqual([[cn.number, 500]]);
    expect((await verifyStore(b)).ok).toBe(true);
  });
});
