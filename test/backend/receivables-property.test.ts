import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays } from '../../src-shared/dates';
import { cents, type Cents } from '../../src-shared/money';
import { DomainError } from '../../src-main/backend/errors';
import { verifyStore } from '../../src-main/backend/verify';
import { must, receivablesBackend } from '../support/receivables';

const BASE = '2026-01-01';
const day = fc.integer({ min: 0, max: 110 });
const pick = fc.nat(1000);

const op = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      t: fc.constant('invoice' as const),
      acct: fc.nat(2),
      cents: fc.integer({ min: 1, max: 50000 }),
      d: day,
      terms: fc.constantFrom('Net 30', 'Due on receipt', '2/10 Net 30', 'Net 15'),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      t: fc.constant('payment' as const),
      acct: fc.nat(2),
      cents: fc.integer({ min: 1, max: 60000 }),
      d: day,
      mode: fc.constantFrom('auto', 'none', 'manual'),
      k: pick,
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('creditNote' as const), k: pick, frac: fc.integer({ min: 1, max: 100 }), d: day }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('reversal' as const), k: pick, fee: fc.constantFrom(0, 0, 2500), d: day }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('refund' as const), acct: fc.nat(2), frac: fc.integer({ min: 1, max: 100 }), d: day }) },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('adjustment' as const),
      acct: fc.nat(2),
      cents: fc.integer({ min: -5000, max: 5000 }).filter((n) => n !== 0),
      d: day,
      apply: fc.boolean(),
      k: pick,
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('writeOff' as const), k: pick, d: day, partial: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('applyCredit' as const), acct: fc.nat(2), d: day }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('discountPayment' as const), d: day, k: pick, extra: fc.constantFrom(0, 0, 1500) }) },
);

describe('receivables invariants under random postings', () => {
  it('keeps verify passing and aging totals equal to ledger balances, as of any date', async () => {
    let discountsTaken = 0; // the discount path must really be exercised
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 30 }), async (ops) => {
        const { b, s } = await receivablesBackend('2026-04-30T15:00:00Z');
        const actor = { userId: 2, username: 'clara' };
        const supervisor = { userId: 3, username: 'sam' };
        const accounts = [] as number[];
        for (let i = 0; i < 3; i++)
          accounts.push((await must(b, s.clerk, 'accounts.create', { accountNumber: `P-${i}`, name: `Prop ${i}`, kind: 'consumer' })).id);
        const docs = (kind: string, extra = '') =>
          b.ctx.store.sqlite
            .prepare(`SELECT id, account_id, doc_date, open_cents, total_cents FROM document WHERE status = 'posted' AND kind = ? ${extra} ORDER BY id`)
            .all(kind) as { id: number; account_id: number; doc_date: string; open_cents: number; total_cents: number }[];
        let refused = 0;
        for (const o of ops) {
          try {
            switch (o.t) {
              case 'invoice': {
                const d = await b.services.invoices.createDraft(actor, {
                  accountId: accounts[o.acct]!,
                  invoiceDate: addDays(BASE, o.d),
                  terms: o.terms,
                  poNumber: '',
                  memo: '',
                  lines: [
                    { itemCode: 'X', description: 'x', quantityMilli: 1000, unitPriceCents: cents(o.cents), discount: null, taxRateBp: 0, icd10Codes: [] },
                  ],
                  invoiceDiscount: null,
                  shippingCents: cents(0),
                });
                await b.services.invoices.post(actor, d.id);
                break;
              }
              case 'payment': {
                const acct = accounts[o.acct]!;
                let allocation: { mode: 'auto' } | { mode: 'none' } | { mode: 'manual'; lines: { documentId: number; amountCents: Cents }[] } = {
                  mode: o.mode as 'auto' | 'none',
                };
                if (o.mode === 'manual') {
                  const open = docs('invoice', 'AND open_cents > 0').filter((x) => x.account_id === acct);
                  const target = open[o.k % Math.max(1, open.length)];
                  allocation = target
                    ? { mode: 'manual', lines: [{ documentId: target.id, amountCents: cents(Math.min(target.open_cents, o.cents)) }] }
                    : { mode: 'none' };
                }
                await b.services.payments.post(actor, {
                  accountId: acct,
                  date: addDays(BASE, o.d),
                  method: 'cash',
                  amountCents: cents(o.cents),
                  reference: '',
                  checkNumber: '',
                  cardLast4: '',
                  memo: '',
                  allocation,
                  earlyPaymentDiscounts: [],
                });
                break;
              }
              case 'creditNote': {
                const inv = docs('invoice');
                const target = inv[o.k % Math.max(1, inv.length)];
                if (!target) break;
                await b.services.invoices.postCreditNote(actor, {
                  invoiceId: target.id,
                  date: addDays(BASE, o.d),
                  amountCents: cents(Math.max(1, Math.floor((target.total_cents * o.frac) / 100))),
                  reason: 'correction',
                });
                break;
              }
              case 'reversal': {
                const pays = docs('payment', "AND id NOT IN (SELECT related_document_id FROM document WHERE kind = 'reversal')");
                const target = pays[o.k % Math.max(1, pays.length)];
                if (!target) break;
                const date = addDays(BASE, o.d) < target.doc_date ? target.doc_date : addDays(BASE, o.d);
                await b.services.payments.reverse(actor, { paymentId: target.id, date, reason: 'NSF', feeCents: cents(o.fee) });
                break;
              }
              case 'refund': {
                const acct = await b.services.accounts.get(accounts[o.acct]!);
                if (acct.unappliedCents === 0) break;
                await b.services.payments.refund(actor, {
                  accountId: acct.id,
                  date: addDays(BASE, o.d),
                  amountCents: cents(Math.max(1, Math.floor((acct.unappliedCents * o.frac) / 100))),
                  method: 'check',
                  reference: '',
                  checkNumber: '1',
                  memo: '',
                });
                break;
              }
              case 'adjustment': {
                const acct = accounts[o.acct]!;
                const open = docs('invoice', 'AND open_cents > 0').filter((x) => x.account_id === acct);
                const target = o.cents < 0 && o.apply ? open[o.k % Math.max(1, open.length)] : undefined;
                await b.services.ledger.postAdjustment(actor, {
                  accountId: acct,
                  date: addDays(BASE, o.d),
                  amountCents: cents(o.cents),
                  reason: 'adj',
                  applyToDocumentId: target?.id,
                });
                break;
              }
              case 'writeOff': {
                const open = docs('invoice', 'AND open_cents > 0');
                const target = open[o.k % Math.max(1, open.length)];
                if (!target) break;
                await b.services.ledger.postWriteOff(supervisor, {
                  invoiceId: target.id,
                  date: addDays(BASE, o.d),
                  amountCents: o.partial ? cents(Math.max(1, Math.floor(target.open_cents / 2))) : undefined,
                  reason: 'uncollectible',
                });
                break;
              }
              case 'discountPayment': {
                // Pay the rest of an invoice on 2/10 terms within its window, taking the discount.
                const termed = b.ctx.store.sqlite
                  .prepare(`SELECT id, account_id, doc_date FROM document WHERE kind = 'invoice' AND discount_bp > 0 AND open_cents > 0 ORDER BY id`)
                  .all() as { id: number; account_id: number; doc_date: string }[];
                const inv = termed[o.k % Math.max(1, termed.length)];
                if (!inv) break;
                const date = addDays(inv.doc_date, o.d % 11);
                const line = (
                  await b.services.payments.previewAllocation({
                    accountId: inv.account_id,
                    amountCents: cents(1),
                    allocation: { mode: 'none' },
                    date,
                    earlyPaymentDiscounts: [],
                  })
                ).lines.find((l) => l.documentId === inv.id);
                if (!line?.discountOffer) break; // taken already, or open less than the discount
                const rest = line.openCents - line.discountOffer.amountCents;
                await b.services.payments.post(actor, {
                  accountId: inv.account_id,
                  date,
                  method: 'check',
                  amountCents: cents(rest + o.extra || 1),
                  reference: '',
                  checkNumber: '9',
                  cardLast4: '',
                  memo: '',
                  allocation: { mode: 'manual', lines: rest > 0 ? [{ documentId: inv.id, amountCents: cents(rest) }] : [] },
                  earlyPaymentDiscounts: [inv.id],
                });
                discountsTaken++;
                break;
              }
              case 'applyCredit':
                await b.services.payments.applyCredit(actor, { accountId: accounts[o.acct]!, date: addDays(BASE, o.d), allocation: { mode: 'auto' } });
                break;
            }
          } catch (err) {
            if (!(err instanceof DomainError)) throw err;
            refused++; // a rule refused it (nothing open, over-allocation, ...): must leave no trace
          }
        }
        const report = await verifyStore(b);
        expect(report.checks.filter((c) => !c.ok)).toEqual([]);
        // aging as of today = every account's balance; as of any date = the ledger entries dated on or before it
        const sqlite = b.ctx.store.sqlite;
        const balances = sqlite.prepare('SELECT id, balance_cents FROM account').all() as { id: number; balance_cents: number }[];
        for (const asOf of ['2026-04-30', '2026-01-01', '2026-01-20', '2026-02-15', '2026-03-10', '2026-04-05']) {
          for (const basis of ['due', 'invoice'] as const) {
            const aging = await b.services.aging.summary({ asOf, basis });
            const ledger = new Map(
              (
                sqlite.prepare('SELECT account_id, SUM(amount_cents) AS s FROM ledger_entry WHERE entry_date <= ? GROUP BY account_id').all(asOf) as {
                  account_id: number;
                  s: number;
                }[]
              ).map((r) => [r.account_id, r.s]),
            );
            for (const id of accounts) expect(aging.rows.find((r) => r.accountId === id)?.totalCents ?? 0).toBe(ledger.get(id) ?? 0);
            const detail = await b.services.aging.detail({ asOf, basis });
            expect(detail.totals.buckets).toEqual(aging.totals.buckets);
            for (const r of detail.rows) expect(r.openCents).toBeGreaterThan(0);
            if (asOf === '2026-04-30') expect(aging.totals.totalCents).toBe(balances.reduce((t, a) => t + a.balance_cents, 0));
          }
        }
        await b.close();
        return refused >= 0;
      }),
      { numRuns: 25 },
    );
    expect(discountsTaken).toBeGreaterThan(0);
  }, 240_000);
});
