import { describe, expect, it } from 'vitest';
import { ledgerDescription } from '../../src-shared/domain/ledger-text';
import { must, newAccount, postInvoice, receivablesBackend } from '../support/receivables';

/** The ledger's Description says what each document was for, not just its kind ("Invoice"). */
describe('ledger descriptions', () => {
  it('an invoice by its first line and how many more, a payment by how it came, and no kind alone', async () => {
    const { b, s } = await receivablesBackend();
    const acct = await newAccount(b, s.clerk);
    const draft = await must(b, s.clerk, 'invoices.createDraft', {
      accountId: acct.id,
      invoiceDate: '2026-03-01',
      lines: [
        { itemCode: '99213', description: 'Office visit, established patient', quantityMilli: 1000, unitPriceCents: 15000 },
        { itemCode: '36415', description: 'Routine venipuncture', quantityMilli: 1000, unitPriceCents: 1800 },
        { itemCode: '80053', description: 'Metabolic panel', quantityMilli: 1000, unitPriceCents: 4200 },
      ],
    });
    const three = await must(b, s.clerk, 'invoices.post', { invoiceId: draft.id });
    const one = await postInvoice(b, s.clerk, acct.id, 5000, { date: '2026-03-02', itemCode: 'REC', description: 'Copy of records' });
    await must(b, s.clerk, 'payments.post', { accountId: acct.id, method: 'check', checkNumber: '1042', amountCents: 2000, date: '2026-03-05' });
    await must(b, s.clerk, 'payments.post', { accountId: acct.id, method: 'ach', amountCents: 1000, date: '2026-03-06' });

    const ledger = await must(b, s.clerk, 'ledger.get', { accountId: acct.id });
    const byNumber = (n: string | null) => ledger.entries.find((e) => e.number === n)!.description;
    expect(byNumber(three.number)).toBe('Office visit, established patient (99213) +2 more');
    expect(byNumber(one.number)).toBe('Copy of records (REC)');
    expect(ledger.entries.filter((e) => e.kind === 'payment').map((e) => e.description)).toEqual(['Payment by check #1042', 'Payment by ACH']);
  });

  it('words every kind without codes', () => {
    const base = { method: null, checkNumber: '', cardLast4: '', reason: '', memo: '', relatedNumber: null, firstLine: null, lineCount: 0 } as const;
    expect(ledgerDescription({ ...base, kind: 'invoice', memo: 'Thank you' })).toBe('Invoice: Thank you');
    expect(ledgerDescription({ ...base, kind: 'invoice', firstLine: { itemCode: 'J1100', description: 'Injection' }, lineCount: 1 })).toBe('Injection (J1100)');
    expect(ledgerDescription({ ...base, kind: 'payment', method: 'card', cardLast4: '4242' })).toBe('Payment by card ending 4242');
    expect(ledgerDescription({ ...base, kind: 'payment', method: 'bank_transfer' })).toBe('Payment by bank transfer');
    expect(ledgerDescription({ ...base, kind: 'credit_note', relatedNumber: 'INV-000007', reason: 'Billed twice' })).toBe(
      'Credit note of INV-000007: Billed twice',
    );
    expect(ledgerDescription({ ...base, kind: 'fee', reason: 'Late fee for March 2026' })).toBe('Fee: Late fee for March 2026');
  });
});
