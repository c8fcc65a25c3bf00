import { describe, expect, it } from 'vitest';
import { verifyStore } from '../../src-main/backend/verify';
import { createAndPostInvoice, postInvoiceInTrx, readInvoiceSettings } from '../../src-main/backend/services/invoices';
import { postPaymentInTrx } from '../../src-main/backend/services/payments';
import { invoiceCreateDraftSchema } from '../../src-shared/domain/invoices';
import { paymentPostSchema } from '../../src-shared/domain/payments';
import { must, newAccount, postInvoice, receivablesBackend } from '../support/receivables';

describe('invoices', () => {
  it('drafts, edits and posts an invoice; totals frozen from the one totals function; terms set due and discount dates', async () => {
    const { b, s } = await receivablesBackend();
    const a = await newAccount(b, s.clerk, { terms: '2/10 Net 30' });
    const draft = await must(b, s.clerk, 'invoices.createDraft', {
      accountId: a.id,
      invoiceDate: '2026-03-01',
      lines: [
        { itemCode: '99213', description: 'Office visit, established patient', quantityMilli: 1000, unitPriceCents: 12500, icd10Codes: ['e11.9', 'I10'] },
      ],
    });
    expect(draft).toMatchObject({
      status: 'draft',
      number: null,
      totalCents: 12500,
      dueDate: '2026-03-31',
      discountDate: '2026-03-11',
      discountBp: 200,
      earlyPaymentDiscountCents: 250,
    });
    expect(draft.lines[0]!.icd10Codes).toEqual(['E11.9', 'I10']);
    const edited = await must(b, s.clerk, 'invoices.updateDraft', {
      invoiceId: draft.id,
      lines: [
        {
          itemCode: 'CONSULT',
          description: 'Consulting',
          quantityMilli: 1500,
          unitPriceCents: 3333,
          discount: { kind: 'percent', basisPoints: 1000 },
          taxRateBp: 825,
        },
        { itemCode: 'PARTS', description: 'Parts', quantityMilli: 3000, unitPriceCents: 1999, discount: { kind: 'amount', cents: 197 } },
        { itemCode: 'MISC', description: 'Misc', quantityMilli: 333, unitPriceCents: 1000, taxRateBp: 825 },
      ],
      invoiceDiscount: { kind: 'percent', basisPoints: 500 },
      shippingCents: 1500,
      terms: 'Net 15',
    });
    expect(edited).toMatchObject({
      subtotalCents: 11330,
      discountCents: 1229,
      taxCents: 379,
      shippingCents: 1500,
      totalCents: 11980,
      dueDate: '2026-03-16',
      discountDate: null,
    });
    const posted = await must(b, s.clerk, 'invoices.post', { invoiceId: draft.id });
    expect(posted).toMatchObject({ status: 'posted', number: 'INV-000001', totalCents: 11980, openCents: 11980, postedBy: 'clara' });
    const again = await b.call(s.clerk, 'invoices.updateDraft', { invoiceId: draft.id, memo: 'late change' });
    expect(again.ok ? null : again.error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('credit note') });
    const del = await b.call(s.clerk, 'invoices.deleteDraft', { invoiceId: draft.id });
    expect(del.ok ? null : del.error.code).toBe('CONFLICT');
    const list = await must(b, s.clerk, 'invoices.list', { accountId: a.id, limit: 10, offset: 0 });
    expect(list.total).toBe(1);
    expect((await verifyStore(b)).ok).toBe(true);
  });

  it('taxes shipping when the invoice settings say so (supervisors only)', async () => {
    const { b, s } = await receivablesBackend();
    const refused = await b.call(s.clerk, 'invoices.updateSettings', { shippingTaxRateBp: 1000 });
    expect(refused.ok ? null : refused.error.code).toBe('FORBIDDEN');
    await must(b, s.supervisor, 'invoices.updateSettings', { shippingTaxRateBp: 1000 });
    const a = await newAccount(b, s.clerk);
    const d = await must(b, s.clerk, 'invoices.createDraft', {
      accountId: a.id,
      lines: [{ itemCode: 'X', description: 'x', quantityMilli: 1000, unitPriceCents: 100 }],
      shippingCents: 1505,
    });
    expect(d).toMatchObject({ shippingTaxCents: 151, totalCents: 100 + 1505 + 151 });
  });

  it('refuses posting an empty invoice or a discount above the line, saying where', async () => {
    const { b, s } = await receivablesBackend();
    const a = await newAccount(b, s.clerk);
    const empty = await must(b, s.clerk, 'invoices.createDraft', { accountId: a.id });
    const r = await b.call(s.clerk, 'invoices.post', { invoiceId: empty.id });
    expect(r.ok ? null : r.error).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('at least one line') });
    const bad = await b.call(s.clerk, 'invoices.updateDraft', {
      invoiceId: empty.id,
      lines: [
        { itemCode: 'A', description: 'a', quantityMilli: 1000, unitPriceCents: 100 },
        { itemCode: 'B', description: 'b', quantityMilli: 1000, unitPriceCents: 100, discount: { kind: 'amount', cents: 500 } },
      ],
    });
    expect(bad.ok ? null : bad.error).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('Line 2') });
    await must(b, s.clerk, 'invoices.deleteDraft', { invoiceId: empty.id });
  });

  it('numbers gap-free per series; a failed posting does not consume a number', async () => {
    const { b, s, clock } = await receivablesBackend();
    const a = await newAccount(b, s.clerk);
    expect((await postInvoice(b, s.clerk, a.id, 100)).number).toBe('INV-000001');
    // fails validation before anything is written
    const empty = await must(b, s.clerk, 'invoices.createDraft', { accountId: a.id });
    expect((await b.call(s.clerk, 'invoices.post', { invoiceId: empty.id })).ok).toBe(false);
    // fails after the number was taken (e.g. the disk fills while writing the audit record): all rolls back
    const draft = await must(b, s.clerk, 'invoices.createDraft', {
      accountId: a.id,
      lines: [{ itemCode: 'A', description: 'a', quantityMilli: 1000, unitPriceCents: 100 }],
    });
    await expect(
      b.ctx.db.transaction().execute(async (trx) => {
        const posted = await postInvoiceInTrx({ trx, clock, actor: { userId: null, username: 'test' } }, draft.id);
        expect(posted.number).toBe('INV-000002');
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect((await must(b, s.clerk, 'invoices.get', { invoiceId: draft.id })).status).toBe('draft');
    expect((await must(b, s.clerk, 'invoices.post', { invoiceId: draft.id })).number).toBe('INV-000002');
    expect((await postInvoice(b, s.clerk, a.id, 100)).number).toBe('INV-000003');
    // other series count on their own
    const pay = await must(b, s.clerk, 'payments.post', { accountId: a.id, method: 'cash', amountCents: 50 });
    expect(pay.number).toBe('RCT-000001');
    const v = await verifyStore(b);
    expect(v.checks.find((c) => c.name === 'gap-free numbering')).toMatchObject({ ok: true });
  });

  it('keeps posted documents immutable at the database level', async () => {
    const { b, s } = await receivablesBackend();
    const a = await newAccount(b, s.clerk);
    const inv = await postInvoice(b, s.clerk, a.id, 1000);
    const sqlite = b.ctx.store.sqlite;
    expect(() => sqlite.prepare('UPDATE document SET total_cents = 1 WHERE id = ?').run(inv.id)).toThrow(/immutable/);
    expect(() => sqlite.prepare('DELETE FROM document WHERE id = ?').run(inv.id)).toThrow(/never deleted/);
    expect(() => sqlite.prepare('UPDATE invoice_line SET unit_price_cents = 1 WHERE document_id = ?').run(inv.id)).toThrow(/immutable/);
    expect(() => sqlite.prepare('DELETE FROM ledger_entry').run()).toThrow(/immutable/);
    expect(() => sqlite.prepare('UPDATE ledger_entry SET amount_cents = 0').run()).toThrow(/immutable/);
  });

  it('corrects a posted invoice only by a credit note that names it and a reason', async () => {
    const { b, s } = await receivablesBackend();
    const a = await newAccount(b, s.clerk);
    const inv = await postInvoice(b, s.clerk, a.id, 10000);
    const noReason = await b.call(s.clerk, 'invoices.postCreditNote', { invoiceId: inv.id, amountCents: 100, reason: '  ' });
    expect(noReason.ok ? null : noReason.error.code).toBe('VALIDATION');
    await must(b, s.clerk, 'payments.post', { accountId: a.id, method: 'cash', amountCents: 7000 });
    const cn = await must(b, s.clerk, 'invoices.postCreditNote', { invoiceId: inv.id, amountCents: 4000, reason: 'Billed the wrong rate' });
    expect(cn).toMatchObject({ number: 'CN-000001', accountBalanceCents: -1000 });
    // 3000 was still open: the credit note closes it, 1000 is left as unapplied credit
    const ledger = await must(b, s.clerk, 'ledger.get', { accountId: a.id });
    expect(ledger.openItems).toEqual([]);
    expect(ledger.unappliedCredits.map((c) => [c.number, c.unappliedCents])).toEqual([['CN-000001', 1000]]);
    const over = await b.call(s.clerk, 'invoices.postCreditNote', { invoiceId: inv.id, amountCents: 6001, reason: 'again' });
    expect(over.ok ? null : over.error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('$60.00') });
    const doc = await must(b, s.clerk, 'ledger.document', { documentId: cn.documentId });
    expect(doc).toMatchObject({ kind: 'credit_note', reason: 'Billed the wrong rate', relatedDocument: { id: inv.id, number: inv.number } });
    expect(doc.audit.map((r) => r.action)).toContain('creditNote.post');
    expect((await verifyStore(b)).ok).toBe(true);
  });

  it('keeps a price list that only supervisors edit', async () => {
    const { b, s } = await receivablesBackend();
    const refused = await b.call(s.clerk, 'items.upsert', { code: '99213', codeSystem: 'cpt', description: 'Visit', unitPriceCents: 12500 });
    expect(refused.ok ? null : refused.error.code).toBe('FORBIDDEN');
    const item = await must(b, s.supervisor, 'items.upsert', { code: '99213', codeSystem: 'cpt', description: 'Office visit', unitPriceCents: 12500 });
    await must(b, s.supervisor, 'items.upsert', { code: 'J1100', codeSystem: 'hcpcs', description: 'Dexamethasone 1 mg', unitPriceCents: 450, taxRateBp: 0 });
    const dup = await b.call(s.supervisor, 'items.upsert', { code: '99213', description: 'dup', unitPriceCents: 1 });
    expect(dup.ok ? null : dup.error.code).toBe('CONFLICT');
    await must(b, s.supervisor, 'items.upsert', {
      id: item.id,
      code: '99213',
      codeSystem: 'cpt',
      description: 'Office visit',
      unitPriceCents: 13000,
      active: false,
    });
    expect((await must(b, s.clerk, 'items.list', {})).map((i) => i.code)).toEqual(['J1100']);
    expect((await must(b, s.clerk, 'items.list', { includeInactive: true, search: '992' }))[0]).toMatchObject({ unitPriceCents: 13000, active: false });
  });

  it('posts many documents in one caller transaction for a bulk generator, same totals as the draft path', async () => {
    const { b, s, clock } = await receivablesBackend();
    const a = await newAccount(b, s.clerk);
    const lines = [
      {
        itemCode: 'CONSULT',
        description: 'Consulting',
        quantityMilli: 1500,
        unitPriceCents: 3333,
        discount: { kind: 'percent' as const, basisPoints: 1000 },
        taxRateBp: 825,
      },
    ];
    const viaDraft = await postInvoice(b, s.clerk, a.id, 1); // INV-000001
    expect(viaDraft.number).toBe('INV-000001');
    await b.ctx.db.transaction().execute(async (trx) => {
      const p = { trx, clock, actor: { userId: null, username: 'generator' } };
      const settings = await readInvoiceSettings(trx);
      for (let i = 0; i < 50; i++) {
        const inv = await createAndPostInvoice(
          p,
          invoiceCreateDraftSchema.parse({ accountId: a.id, invoiceDate: '2026-02-01', lines, shippingCents: 100 }),
          '2026-03-15',
          settings,
        );
        expect(inv.total_cents).toBe(4500 + 371 + 100);
        if (i % 2) await postPaymentInTrx(p, paymentPostSchema.parse({ accountId: a.id, date: '2026-02-10', method: 'ach', amountCents: 3000 }), '2026-03-15');
      }
    });
    const list = await must(b, s.clerk, 'invoices.list', { accountId: a.id, limit: 100, offset: 0 });
    expect(list.total).toBe(51);
    const detail = await must(b, s.clerk, 'invoices.get', { invoiceId: list.rows.find((r) => r.number === 'INV-000051')!.id });
    expect(detail).toMatchObject({ number: 'INV-000051', subtotalCents: 5000, discountCents: 500, taxCents: 371, totalCents: 4971, dueDate: '2026-03-03' });
    expect(detail.lines[0]).toMatchObject({ grossCents: 5000, netCents: 4500, taxCents: 371 });
    expect((await verifyStore(b)).ok).toBe(true);
  });

  it('lists the drafts each user left, with who and when, for the landing page', async () => {
    const { b, s, clock } = await receivablesBackend();
    const a = await newAccount(b, s.clerk);
    const line = { itemCode: '99213', description: 'Office visit', quantityMilli: 1000, unitPriceCents: 12500 };
    const mine = await must(b, s.clerk, 'invoices.createDraft', { accountId: a.id, lines: [line] });
    const theirs = await must(b, s.supervisor, 'invoices.createDraft', { accountId: a.id, lines: [] });
    const posted = await must(b, s.clerk, 'invoices.createDraft', { accountId: a.id, lines: [line] });
    await must(b, s.clerk, 'invoices.post', { invoiceId: posted.id });
    clock.advance(60_000);
    const edited = await must(b, s.clerk, 'invoices.updateDraft', { invoiceId: mine.id, lines: [line, { ...line, itemCode: '99214' }] });
    expect(edited.updatedAt > mine.updatedAt).toBe(true);

    const clerks = await must(b, s.clerk, 'invoices.list', { status: 'draft', mine: true, limit: 10, offset: 0 });
    expect(clerks.rows.map((r) => r.id)).toEqual([mine.id]);
    expect(clerks.rows[0]).toMatchObject({ status: 'draft', totalCents: 25_000, createdByName: 'clara', updatedAt: edited.updatedAt });
    const supervisors = await must(b, s.supervisor, 'invoices.list', { status: 'draft', mine: true, limit: 10, offset: 0 });
    expect(supervisors.rows.map((r) => r.id)).toEqual([theirs.id]);
    // Without "mine": every draft on the account, each with its creator.
    const all = await must(b, s.clerk, 'invoices.list', { accountId: a.id, status: 'draft', limit: 10, offset: 0 });
    expect(all.rows.map((r) => r.id).sort()).toEqual([mine.id, theirs.id].sort());
  });
});
