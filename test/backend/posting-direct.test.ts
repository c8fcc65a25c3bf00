import { describe, expect, it } from 'vitest';
import { invoiceCreateDraftSchema } from '@shared/domain/invoices';
import { applyCreditSchema, paymentPostSchema, reversalSchema } from '@shared/domain/payments';
import { cents } from '@shared/money';
import type { Backend } from '../../src-main/backend';
import { createAndPostInvoice, postCreditNoteInTrx } from '../../src-main/backend/services/invoices';
import { runDirect } from '../../src-main/backend/services/ledger/raw';
import { applyCreditInTrx, postPaymentInTrx, reversePaymentInTrx } from '../../src-main/backend/services/payments';
import { verifyStore } from '../../src-main/backend/verify';
import { must } from '../kit';
import { fixedClock, testBackend, withCompany } from '../support/store';

/**
 * An import runs the posting functions' fixed statements directly on the connection its transaction
 * holds (ledger/raw.ts runDirect) instead of through Kysely. Both ways must write exactly the same rows:
 * the same postings (invoices, payments split and on account, a credit note, a credit applied, a reversal
 * with its fee) in one transaction each way give identical documents, lines, ledger, allocations, account
 * totals, numbers and audit chain.
 */
const TODAY = '2026-03-16';
const admin = { userId: 1, username: 'admin' };

async function postBook(direct: boolean): Promise<Backend> {
  const b = testBackend({ clock: fixedClock(`${TODAY}T15:00:00Z`) });
  const session = await withCompany(b);
  const acct = await must(b, session, 'accounts.create', { accountNumber: 'D-1', name: 'Direct Co', kind: 'commercial' });
  await b.ctx.db.transaction().execute(async (trx) => {
    if (direct) runDirect(trx, b.ctx.store.sqlite);
    const p = { trx, clock: b.ctx.clock, actor: admin };
    const invoice = (date: string, amount: number, terms: string) =>
      createAndPostInvoice(
        p,
        invoiceCreateDraftSchema.parse({
          accountId: acct.id,
          invoiceDate: date,
          terms,
          lines: [
            { itemCode: 'SVC', description: 'Services', quantityMilli: 2000, unitPriceCents: amount, taxRateBp: 825 },
            { itemCode: 'FEE', description: 'Setup', quantityMilli: 1000, unitPriceCents: 1500 },
          ],
        }),
        TODAY,
      );
    const i1 = await invoice('2025-12-01', 10000, 'Net 30');
    const i2 = await invoice('2026-01-10', 4000, 'Net 15');
    const i3 = await invoice('2026-02-20', 7000, '2/10 Net 30');
    const pay = (amountCents: number, allocation: unknown) =>
      postPaymentInTrx(p, paymentPostSchema.parse({ accountId: acct.id, date: '2026-03-01', method: 'cash', amountCents, allocation }), TODAY);
    await pay(5000, {
      mode: 'manual',
      lines: [
        { documentId: i1.id, amountCents: 3000 },
        { documentId: i2.id, amountCents: 1500 },
      ],
    });
    const onAccount = await pay(2500, { mode: 'none' });
    await pay(4000, { mode: 'auto' });
    await postCreditNoteInTrx(p, { accountId: acct.id, date: '2026-03-05', reason: 'Goodwill', amountCents: cents(1200) }, TODAY);
    await postCreditNoteInTrx(p, { invoiceId: i3.id, date: '2026-03-06', reason: 'Returned', amountCents: cents(900) }, TODAY);
    await applyCreditInTrx(p, applyCreditSchema.parse({ accountId: acct.id, date: '2026-03-10' }), TODAY);
    await reversePaymentInTrx(
      p,
      reversalSchema.parse({ paymentId: onAccount.payment.id, date: '2026-03-12', reason: 'Returned check', feeCents: 2500 }),
      TODAY,
    );
  });
  return b;
}

const dump = (b: Backend, sql: string) => b.ctx.store.sqlite.prepare(sql).all();

describe('posting directly on the connection', () => {
  it('writes the same rows as through Kysely, and the store verifies', async () => {
    const viaKysely = await postBook(false);
    const direct = await postBook(true);
    for (const sql of [
      'SELECT * FROM document ORDER BY id',
      'SELECT * FROM invoice_line ORDER BY id',
      'SELECT * FROM ledger_entry ORDER BY id',
      'SELECT * FROM allocation ORDER BY id',
      'SELECT id, balance_cents, unapplied_cents FROM account ORDER BY id',
      'SELECT * FROM number_series ORDER BY series',
      'SELECT seq, at, user_id, username, action, entity, entity_id, before_json, after_json, prev_hash, hash FROM audit ORDER BY seq',
    ])
      expect(dump(direct, sql), sql).toEqual(dump(viaKysely, sql));
    // Something was posted each way: documents of every kind above, allocations, a fee.
    const kinds = dump(direct, 'SELECT DISTINCT kind FROM document ORDER BY kind').map((r) => (r as { kind: string }).kind);
    expect(kinds).toEqual(['credit_note', 'fee', 'invoice', 'payment', 'reversal']);
    expect(dump(direct, 'SELECT * FROM allocation').length).toBeGreaterThan(5);
    for (const b of [viaKysely, direct]) expect((await verifyStore(b)).ok).toBe(true);
  });
});
