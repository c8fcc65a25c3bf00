import { describe, expect, it } from 'vitest';
import type { Backend } from '../../src-main/backend';
import { parseIif, readQuickBooksDate } from '../../src-main/backend/services/quickbooks';
import { buildIif, type ExportDocument } from '../../src-main/backend/services/quickbooks/export';
import { iifLine, iifText, readIifAmount } from '../../src-main/backend/services/quickbooks/iif';
import { defaultQuickBooksAccounts } from '../../src-shared/domain/quickbooks';
import { must, newAccount, postInvoice, receivablesBackend, type Sessions } from '../support/receivables';

/**
 * The period's receivables activity exported as IIF journal entries (docs/quickbooks.md), from a real
 * store, read back with the IIF reader: every entry balances, and the totals per QuickBooks account are
 * the ledger's activity.
 */
const FROM = '2026-03-01';
const TO = '2026-03-15';

/** A period with every kind of document: invoices (one taxed), payments, a credit note, a fee and its waiver, a write-off, a reversal, a refund, an adjustment. */
async function bookOfMarch(b: Backend, s: Sessions) {
  const hartley = await newAccount(b, s.clerk, { name: 'Hartley Dental Group' });
  const jose = await newAccount(b, s.clerk, { name: 'José Müller', kind: 'consumer' });
  const feb = await postInvoice(b, s.clerk, hartley.id, 100_00, { date: '2026-02-10' });
  const taxed = await must(b, s.clerk, 'invoices.createDraft', {
    accountId: hartley.id,
    invoiceDate: '2026-03-02',
    lines: [{ itemCode: 'SVC', description: 'Cleaning', quantityMilli: 10_000, unitPriceCents: 100_00, taxRateBp: 825 }],
  });
  await must(b, s.clerk, 'invoices.post', { invoiceId: taxed.id });
  const joseInv = await postInvoice(b, s.clerk, jose.id, 250_00, { date: '2026-03-03' });
  const pay = await must(b, s.clerk, 'payments.post', { accountId: hartley.id, date: '2026-03-05', method: 'check', checkNumber: '1044', amountCents: 500_00 });
  await must(b, s.clerk, 'invoices.postCreditNote', { invoiceId: joseInv.id, date: '2026-03-06', amountCents: 20_00, reason: 'Goodwill' });
  await must(b, s.clerk, 'payments.post', { accountId: jose.id, date: '2026-03-07', method: 'cash', amountCents: 300_00 });
  await must(b, s.clerk, 'payments.refund', { accountId: jose.id, date: '2026-03-08', amountCents: 50_00, method: 'check', checkNumber: '9001' });
  const reversal = await must(b, s.clerk, 'payments.reverse', { paymentId: pay.documentId, date: '2026-03-10', reason: 'Returned: NSF', feeCents: 25_00 });
  const fee = reversal.related.find((r) => r.kind === 'fee')!;
  await must(b, s.supervisor, 'fees.waive', { feeDocumentId: fee.documentId, reason: 'First time' });
  await must(b, s.supervisor, 'ledger.postWriteOff', { invoiceId: feb.id, date: '2026-03-12', reason: 'Uncollectible' });
  await must(b, s.clerk, 'ledger.postAdjustment', { accountId: jose.id, date: '2026-03-13', amountCents: 15_00, reason: 'Copy charges' });
  // A draft is not activity.
  await must(b, s.clerk, 'invoices.createDraft', {
    accountId: jose.id,
    invoiceDate: '2026-03-14',
    lines: [{ itemCode: 'SVC', description: 'Draft', quantityMilli: 1000, unitPriceCents: 9_99 }],
  });
  return { hartley, jose };
}

function readBack(base64: string) {
  const file = parseIif('export.iif', Buffer.from(base64, 'base64'));
  expect(file.problems).toEqual([]);
  const byAccount = new Map<string, number>();
  const byCustomer = new Map<string, number>();
  for (const tx of file.transactions) {
    let sum = 0;
    for (const r of [tx.trns, ...tx.spls]) {
      const a = readIifAmount(r.get('AMOUNT'));
      if (!a.ok) throw new Error(`line ${r.line}: ${a.reason}`);
      expect(r.get('AMOUNT')).toMatch(/^-?\d+\.\d\d$/);
      expect(r.get('TRNSTYPE')).toBe('GENERAL JOURNAL');
      expect(readQuickBooksDate(r.get('DATE')).ok).toBe(true);
      sum += a.value;
      byAccount.set(r.get('ACCNT'), (byAccount.get(r.get('ACCNT')) ?? 0) + a.value);
      if (r.get('NAME')) byCustomer.set(r.get('NAME'), (byCustomer.get(r.get('NAME')) ?? 0) + a.value);
    }
    expect(sum, `the entry on line ${tx.trns.line} balances`).toBe(0);
  }
  return { file, byAccount, byCustomer };
}

describe('quickbooks.exportIif', () => {
  it('exports every posted document of the period as a balanced journal entry whose totals are the ledger activity', async () => {
    const { b, s } = await receivablesBackend();
    const { hartley, jose } = await bookOfMarch(b, s);
    const out = await must(b, s.supervisor, 'quickbooks.exportIif', { from: FROM, to: TO });
    expect(out.fileName).toBe('quickbooks-journal-2026-03-01-to-2026-03-15.iif');
    const { file, byAccount, byCustomer } = readBack(out.base64);

    const sqlite = b.ctx.store.sqlite;
    const posted = sqlite.prepare(`SELECT count(*) n FROM document WHERE status = 'posted' AND doc_date BETWEEN ? AND ?`).get(FROM, TO) as { n: number };
    expect(file.transactions).toHaveLength(posted.n);
    expect(out.transactions).toBe(posted.n);
    expect(file.transactions.map((t) => t.trns.get('DOCNUM'))).not.toContain('INV-000001'); // February's invoice

    // The receivables lines are the ledger's activity of the period, per customer and in all.
    const ledger = (accountId?: number) =>
      (
        sqlite
          .prepare(`SELECT COALESCE(SUM(amount_cents), 0) n FROM ledger_entry WHERE entry_date BETWEEN ? AND ? AND (? IS NULL OR account_id = ?)`)
          .get(FROM, TO, accountId ?? null, accountId ?? null) as { n: number }
      ).n;
    expect(byAccount.get('Accounts Receivable')).toBe(ledger());
    expect(byCustomer.get('Hartley Dental Group')).toBe(ledger(hartley.id));
    expect(byCustomer.get('José Müller')).toBe(ledger(jose.id));

    // Each other account's total, worked out by hand from the documents above.
    expect(Object.fromEntries(byAccount)).toEqual({
      'Accounts Receivable': 1082_50 + 250_00 - 500_00 - 20_00 - 300_00 + 50_00 + 500_00 + 25_00 - 25_00 - 100_00 + 15_00,
      Sales: -1000_00 - 250_00 + 20_00 - 15_00,
      'Sales Tax Payable': -82_50,
      'Undeposited Funds': 500_00 + 300_00 - 50_00 - 500_00,
      'Late Fee Income': -25_00 + 25_00,
      'Bad Debt': 100_00,
    });
    expect(out.debitCents).toBeGreaterThan(0);

    // Names travel as QuickBooks reads them: Windows-1252 bytes; lists first.
    const bytes = Buffer.from(out.base64, 'base64');
    expect(bytes.includes(Buffer.from('Jos\xe9 M\xfcller', 'latin1'))).toBe(true);
    expect(bytes.toString('latin1').split('\r\n')[0]).toBe('!ACCNT\tNAME\tACCNTTYPE');
    expect(file.lists.filter((r) => r.type === 'ACCNT').map((r) => [r.get('NAME'), r.get('ACCNTTYPE')])).toContainEqual(['Accounts Receivable', 'AR']);
    expect(file.lists.filter((r) => r.type === 'CUST').map((r) => r.get('NAME'))).toEqual(['Hartley Dental Group', 'José Müller']);
  });

  it('posts to the account names in the settings, refuses bad ones, and is for supervisors', async () => {
    const { b, s } = await receivablesBackend();
    await bookOfMarch(b, s);
    const saved = await must(b, s.supervisor, 'quickbooks.saveAccounts', { income: 'Income:Services', badDebt: 'Bad Debt Expense' });
    expect(saved).toMatchObject({ receivables: 'Accounts Receivable', income: 'Income:Services', badDebt: 'Bad Debt Expense' });
    const { byAccount } = readBack((await must(b, s.supervisor, 'quickbooks.exportIif', { from: FROM, to: TO })).base64);
    expect(byAccount.get('Income:Services')).toBe(-1245_00);
    expect(byAccount.get('Bad Debt Expense')).toBe(100_00);
    expect(byAccount.has('Sales')).toBe(false);
    const audit = b.ctx.store.sqlite.prepare(`SELECT entity_id, after_json FROM audit WHERE action = 'settings.update' ORDER BY seq DESC LIMIT 1`).get() as {
      entity_id: string;
      after_json: string;
    };
    expect(audit.entity_id).toBe('quickbooks');
    expect(JSON.parse(audit.after_json)).toMatchObject({ income: 'Income:Services', receivables: 'Accounts Receivable' });

    const quote = await b.call(s.supervisor, 'quickbooks.saveAccounts', { income: 'Sales "main"' });
    expect(quote.ok ? 'ok' : quote.error.message).toMatch(/may not contain a double quote/);
    const long = await b.call(s.supervisor, 'quickbooks.saveAccounts', { income: 'A'.repeat(32) });
    expect(long.ok ? 'ok' : long.error.code).toBe('VALIDATION');
    expect(await must(b, s.supervisor, 'quickbooks.accounts', undefined)).toEqual(saved);
    const denied = await b.call(s.clerk, 'quickbooks.exportIif', { from: FROM, to: TO });
    expect(denied.ok ? 'ok' : denied.error.code).toBe('FORBIDDEN');
    const backwards = await b.call(s.supervisor, 'quickbooks.exportIif', { from: TO, to: FROM });
    expect(backwards.ok ? 'ok' : backwards.error.message).toMatch(/on or after the start date/);
  });

  it('exports an empty period as the lists alone', async () => {
    const { b, s } = await receivablesBackend();
    const out = await must(b, s.supervisor, 'quickbooks.exportIif', { from: '2025-01-01', to: '2025-01-31' });
    expect(out.transactions).toBe(0);
    expect(parseIif('empty.iif', Buffer.from(out.base64, 'base64')).transactions).toEqual([]);
  });

  it('keeps tabs, line breaks and quotes out of names and memos', () => {
    expect(iifText('Smith\t& Co\r\nLLC\u0007')).toBe('Smith & Co LLC');
    expect(iifLine(['TRNS', '=SUM(A1)', 'Say "hi"'])).toBe("TRNS\t=SUM(A1)\tSay 'hi'");
  });

  it('keeps two accounts of the same name apart, and a long name within QuickBooks’ 41 characters', () => {
    const doc = (id: number, accountNumber: string, accountName: string): ExportDocument => ({
      id,
      kind: 'payment',
      side: 'credit',
      number: `PMT-${id}`,
      docDate: '2026-03-02',
      totalCents: 10_00,
      taxCents: 0,
      reason: '',
      memo: 'Check\t1044',
      relatedKind: null,
      accountNumber,
      accountName,
    });
    const long = 'The Extremely Long Named Family Dental Practice of Springfield';
    const iif = buildIif([doc(1, 'A-1', 'Pat Lee'), doc(2, 'A-2', 'Pat Lee'), doc(3, 'A-3', long)], defaultQuickBooksAccounts);
    const file = parseIif('x.iif', Buffer.from(iif.text, 'latin1'));
    const names = file.transactions.map((t) => [...[t.trns, ...t.spls]].map((r) => r.get('NAME')).filter(Boolean));
    expect(names).toEqual([['Pat Lee (A-1)'], ['Pat Lee (A-2)'], [long.slice(0, 41).trim()]]);
    expect(file.transactions[0]!.trns.get('MEMO')).toBe('Payment PMT-1: Check 1044');
    expect(iif.debitCents).toBe(30_00);
  });
});
