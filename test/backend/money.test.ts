import { describe, expect, it } from 'vitest';
import type { Backend } from '../../src-main/backend';
import { verifyStore } from '../../src-main/backend/verify';
import { must, newAccount, receivablesBackend } from '../support/receivables';
import {
  MAX_CENTS,
  MAX_CENTS_TEXT,
  MoneyRangeError,
  applyBasisPoints,
  basisPointsToText,
  cents,
  centsToDecimalString,
  formatBasisPoints,
  formatMoney,
  formatMoneyCompact,
  formatQuantity,
  parseMoney,
  parsePercent,
  parseQuantity,
  quantityToText,
  readMoney,
} from '../../src-shared/money';
import { parseTerms } from '../../src-shared/domain/terms';
import { parseAmount } from '../../src-main/backend/services/imports/values';

/** Posted documents and ledger entries in the store. */
function postedCounts(b: Backend) {
  const q = (sql: string) => (b.ctx.store.sqlite.prepare(sql).get() as { n: number }).n;
  return { posted: q("SELECT count(*) AS n FROM document WHERE status = 'posted'"), entries: q('SELECT count(*) AS n FROM ledger_entry') };
}

const line = (quantityMilli: number, unitPriceCents: number, taxRateBp = 0) => ({
  itemCode: 'SVC',
  description: 'Service',
  quantityMilli,
  unitPriceCents,
  taxRateBp,
});

describe('hole 5: money has one ceiling, checked before anything posts', () => {
  it('refuses an invoice of 500 lines at the per-line maximum with VALIDATION, saying so; nothing is posted and verify passes', async () => {
    const { b, s } = await receivablesBackend();
    const a = await newAccount(b, s.clerk);
    const ok = await must(b, s.clerk, 'invoices.createDraft', { accountId: a.id, lines: [line(1000, 100)] });
    // 500 lines each just under 2^53 cents (the reviewer's 4.5e18 total), and 500 lines of $1,000,000,000 each.
    for (const lines of [
      Array.from({ length: 500 }, () => line(1_000_000_000, 9_007_199_254)),
      Array.from({ length: 500 }, () => line(1000, 100_000_000_000)),
    ]) {
      const created = await b.call(s.clerk, 'invoices.createDraft', { accountId: a.id, lines });
      expect(created.ok ? 'posted' : created.error.code, created.ok ? '' : created.error.message).toBe('VALIDATION');
      expect(created.ok ? '' : created.error.message).toMatch(/\$1,000,000,000\.00/);
      const updated = await b.call(s.clerk, 'invoices.updateDraft', { invoiceId: ok.id, lines });
      expect(updated.ok ? 'updated' : updated.error.code).toBe('VALIDATION');
    }
    expect((await must(b, s.clerk, 'invoices.get', { invoiceId: ok.id })).totalCents).toBe(100);
    expect(postedCounts(b)).toEqual({ posted: 0, entries: 0 });
    expect((await verifyStore(b)).ok).toBe(true);
  });

  it('one line at the per-line maximum answers VALIDATION naming the line, never INTERNAL; one line of exactly the ceiling posts', async () => {
    const { b, s } = await receivablesBackend();
    const a = await newAccount(b, s.clerk);
    const atMax = await b.call(s.clerk, 'invoices.createDraft', { accountId: a.id, lines: [line(1000, 100), line(1_000_000_000, 100_000_000_000)] });
    expect(atMax.ok ? null : atMax.error).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/^Line 2: .*\$1,000,000,000\.00/) });
    const over = await b.call(s.clerk, 'invoices.createDraft', { accountId: a.id, lines: [line(1000, 100_000_000_001)] });
    expect(over.ok ? null : over.error.code).toBe('VALIDATION');
    // Tax can carry a line over the ceiling: refused too.
    const taxed = await b.call(s.clerk, 'invoices.createDraft', { accountId: a.id, lines: [line(1000, 100_000_000_000, 1000)] });
    expect(taxed.ok ? null : taxed.error).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('Line 1') });

    const draft = await must(b, s.clerk, 'invoices.createDraft', { accountId: a.id, lines: [line(1000, 100_000_000_000)] });
    const posted = await must(b, s.clerk, 'invoices.post', { invoiceId: draft.id });
    expect(posted.totalCents).toBe(100_000_000_000);
    await must(b, s.clerk, 'payments.post', { accountId: a.id, method: 'ach', amountCents: 100_000_000_000 });
    const tooBig = await b.call(s.clerk, 'payments.post', { accountId: a.id, method: 'ach', amountCents: 100_000_000_001 });
    expect(tooBig.ok ? null : tooBig.error).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('$1,000,000,000.00') });
    expect((await verifyStore(b)).ok).toBe(true);
  });

  it('totals are checked again when posting: a setting changed since the draft cannot carry the invoice over the ceiling', async () => {
    const { b, s } = await receivablesBackend();
    const a = await newAccount(b, s.clerk);
    const draft = await must(b, s.clerk, 'invoices.createDraft', { accountId: a.id, lines: [line(1000, 99_000_000_000)], shippingCents: 1_000_000_000 });
    expect(draft.totalCents).toBe(100_000_000_000);
    await must(b, s.supervisor, 'invoices.updateSettings', { shippingTaxRateBp: 1000 });
    const r = await b.call(s.clerk, 'invoices.post', { invoiceId: draft.id });
    expect(r.ok ? null : r.error).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('invoice total') });
    expect(postedCounts(b)).toEqual({ posted: 0, entries: 0 });
  });

  it('every amount an endpoint takes has the same ceiling', async () => {
    const { b, s } = await receivablesBackend();
    const a = await newAccount(b, s.clerk);
    const over = 100_000_000_001;
    const calls: [string, Promise<{ ok: boolean; error?: { code: string } }>][] = [
      ['payments.post', b.call(s.clerk, 'payments.post', { accountId: a.id, method: 'cash', amountCents: over })],
      ['payments.previewAllocation', b.call(s.clerk, 'payments.previewAllocation', { accountId: a.id, amountCents: over })],
      ['ledger.postAdjustment', b.call(s.clerk, 'ledger.postAdjustment', { accountId: a.id, amountCents: -over, reason: 'x' })],
      ['accounts.create', b.call(s.clerk, 'accounts.create', { accountNumber: 'X-1', name: 'X', kind: 'commercial', creditLimitCents: over })],
      ['items.upsert', b.call(s.supervisor, 'items.upsert', { code: 'BIG', description: 'Big', unitPriceCents: over })],
      ['invoices.createDraft', b.call(s.clerk, 'invoices.createDraft', { accountId: a.id, shippingCents: over })],
      ['invoices.createDraft', b.call(s.clerk, 'invoices.createDraft', { accountId: a.id, invoiceDiscount: { kind: 'amount', cents: over } })],
      ['worklist.get', b.call(s.clerk, 'worklist.get', { minPastDueCents: over })],
      ['fees.saveRules', b.call(s.supervisor, 'fees.saveRules', { maxPerInvoiceCents: over })],
    ];
    for (const [name, p] of calls) {
      const r = await p;
      expect(r.ok ? `${name}: accepted` : `${name}: ${r.error?.code}`).toBe(`${name}: VALIDATION`);
    }
    expect(postedCounts(b)).toEqual({ posted: 0, entries: 0 });
  });
});

describe('the money codec (src-shared/money): one parser and formatter for screens, imports and the CLI', () => {
  it('checks amounts into Cents against the one ceiling', () => {
    expect(formatMoney(MAX_CENTS)).toBe(MAX_CENTS_TEXT);
    expect(cents(MAX_CENTS)).toBe(MAX_CENTS);
    expect(cents(-MAX_CENTS)).toBe(-MAX_CENTS);
    expect(() => cents(MAX_CENTS + 1)).toThrow(MoneyRangeError);
    expect(() => cents(1.5)).toThrow(/whole number of cents/);
    expect(applyBasisPoints(cents(1000), 125)).toBe(13);
    expect(applyBasisPoints(cents(-1000), 125)).toBe(-13);
    expect(() => applyBasisPoints(cents(MAX_CENTS), 20_000)).toThrow(MoneyRangeError);
  });

  it('reads money as offices write it, exactly, and says why it will not', () => {
    const read = (t: string, negative = true) => {
      const r = readMoney(t, { negative });
      return r.ok ? r.value : r.reason;
    };
    expect(read('1234.56')).toBe(123456);
    expect(read('1,234.56')).toBe(123456);
    expect(read('$1,234.56')).toBe(123456);
    expect(read(' 1 234.50 ')).toBe(123450);
    expect(read('.5')).toBe(50);
    expect(read('12.')).toBe(1200);
    expect(read('-$5')).toBe(-500);
    expect(read('$-5')).toBe(-500);
    expect(read('(4.00)')).toBe(-400);
    expect(read('-0')).toBe(0);
    expect(read('1000000000.00')).toBe(MAX_CENTS);
    // Where the two old parsers disagreed: "1,2,3" was 123 cents to the screens and an error to imports.
    expect(read('1,2,3')).toMatch(/^has a decimal comma or a thousands group that is not 3 digits/);
    expect(read('1.234')).toMatch(/^has more than 2 decimal places/);
    // As an accountant means them (issue 14): trailing minus, currency sign or code, spaces between groups of 3.
    expect(['123.45-', '$123.45-', '5-', '- 5', '(1,234.56)'].map((t) => read(t))).toEqual([-12345, -12345, -500, -500, -123456]);
    expect(['USD 1,234.56', '1,234.56 USD', 'usd 5', 'US$5', '$ 1,000', '1 234 567.89', '1,234'].map((t) => read(t))).toEqual([
      123456, 123456, 500, 500, 100000, 123456789, 123400,
    ]);
    expect(read('123.45-', false)).toMatch(/^is negative/);
    // Ambiguous or foreign forms are refused with the reason, never guessed.
    expect(read('EUR 5')).toBe('is in EUR (EUR 5); amounts are read in US dollars only');
    expect(read('1.234,56')).toMatch(/^writes thousands with a point \(1\.234,56\)/);
    expect(read('1.234.567')).toMatch(/^writes thousands with a point/);
    for (const comma of ['1,23', '12,5', '12,34', '1234,56'])
      expect(read(comma), comma).toMatch(/^has a decimal comma or a thousands group that is not 3 digits/);
    expect(read('12.345')).toBe('has more than 2 decimal places (12.345); cents have 2, and if the point separates thousands write 12,345');
    expect(read('12 34')).toMatch(/^has a space inside the number/);
    expect(read('(5)-')).toMatch(/^is not an amount/);
    expect(read('1000000000.01')).toMatch(/^is too large .*\$1,000,000,000\.00/);
    expect(read('99999999999999999999')).toMatch(/^is too large/);
    for (const bad of ['(-5)', '--5', '-$-5', '$', '.', 'abc', '1e5', '0x10']) expect(read(bad), bad).toMatch(/^is not an amount/);
    expect(read('-5', false)).toMatch(/^is negative/);
    expect(readMoney('0', { zero: false })).toEqual({ ok: false, reason: 'is zero; it must be more than zero' });
    expect(parseMoney('1000000000.01')).toBeNull();
    expect(parseMoney('-3.1')).toBe(-310);
    // The imports read cells with the same parser: negatives and zero refused.
    expect(parseAmount('(5.00)')).toMatchObject({ ok: false, reason: expect.stringMatching(/^is negative/) });
    expect(parseAmount('0')).toMatchObject({ ok: false, reason: expect.stringMatching(/^is zero/) });
    expect(parseAmount('0', { allowZero: true })).toEqual({ ok: true, value: 0 });
  });

  it('formats the exact decimal, never cents / 100', () => {
    expect(formatMoney(123456)).toBe('$1,234.56');
    expect(formatMoney(-5)).toBe('-$0.05');
    expect(formatMoney(Number.MAX_SAFE_INTEGER)).toBe('$90,071,992,547,409.91');
    expect(centsToDecimalString(-123456)).toBe('-1234.56');
    expect(centsToDecimalString(5)).toBe('0.05');
  });

  it('rounds for a chart axis only: $1.2K, $35K, $2.5M', () => {
    expect([
      formatMoneyCompact(123456),
      formatMoneyCompact(3_500_000),
      formatMoneyCompact(250_000_000),
      formatMoneyCompact(0),
      formatMoneyCompact(-99),
    ]).toEqual(['$1.2K', '$35K', '$2.5M', '$0', '-$1']);
  });

  it('reads and writes percentages as basis points; trailing zeros are dropped everywhere', () => {
    expect(['7.25', '7.25%', '7', '.5', '0', '100'].map(parsePercent)).toEqual([725, 725, 700, 50, 0, 10000]);
    expect(['7.255', '-1', 'abc', '', '%'].map(parsePercent)).toEqual([null, null, null, null, null]);
    // Where the copies disagreed: the screens showed 8.50% and the editors 8.5.
    expect(formatBasisPoints(850)).toBe('8.5%');
    expect(formatBasisPoints(825)).toBe('8.25%');
    expect(formatBasisPoints(700)).toBe('7%');
    expect(basisPointsToText(850)).toBe('8.5');
    expect(basisPointsToText(-50)).toBe('-0.5');
    // Payment terms read their rate with the same parser.
    expect(parseTerms('2/10 Net 30')).toMatchObject({ discountBp: 200, label: '2/10 Net 30' });
    expect(parseTerms('1.5%/15 net 45')).toMatchObject({ discountBp: 150, label: '1.5/15 Net 45' });
    expect(parseTerms('2.50 / 10, Net 30')).toMatchObject({ discountBp: 250, label: '2.5/10 Net 30' });
    expect(parseTerms('100/10 Net 30')).toBeNull();
  });

  it('reads quantities in thousandths up to the per-line maximum', () => {
    expect(['1.5', '2', '.5', '1,500.25', '1000000'].map(parseQuantity)).toEqual([1500, 2000, 500, 1_500_250, 1_000_000_000]);
    expect(['1.2345', '-1', '1,50', '1000000.001', ''].map(parseQuantity)).toEqual([null, null, null, null, null]);
    expect(formatQuantity(1_500_000)).toBe('1,500');
    expect(formatQuantity(1500)).toBe('1.5');
    expect(quantityToText(1_500_500)).toBe('1500.5');
  });
});
