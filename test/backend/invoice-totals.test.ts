import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allocateProRata, applyBasisPoints, cents as c, formatQuantity, mulDivRound, parseQuantity } from '../../src-shared/money';
import { computeInvoiceTotals, TotalsError } from '../../src-shared/domain/invoices';
import { parseTerms, termsDates } from '../../src-shared/domain/terms';
import { containsCardNumber } from '../../src-shared/domain/card-numbers';
import { agingBucketIndex, agingBucketLabels, defaultAgingSettings } from '../../src-shared/domain/aging';
import { phoneDigits, timeZoneForState } from '../../src-shared/domain/accounts';

describe('money helpers', () => {
  it('mulDivRound rounds half away from zero, exactly', () => {
    expect(mulDivRound(1500, 3333, 1000)).toBe(5000); // 4999.5 -> 5000
    expect(mulDivRound(-1500, 3333, 1000)).toBe(-5000);
    expect(mulDivRound(1, 1, 2)).toBe(1);
    expect(mulDivRound(-1, 1, 2)).toBe(-1);
    expect(mulDivRound(1, 1, 3)).toBe(0);
    expect(mulDivRound(333, 1000, 1000)).toBe(333);
    // beyond 2^53 the product is computed with BigInt
    expect(mulDivRound(9_000_000_000_000, 1000, 1000)).toBe(9_000_000_000_000);
    expect(mulDivRound(2 ** 40, 2 ** 20, 2 ** 20)).toBe(2 ** 40);
  });

  it('allocateProRata sums exactly and gives leftover cents to the largest remainders, ties to the earlier line', () => {
    expect(
      allocateProRata(
        c(532),
        [4500, 5800, 333].map((w) => c(w)),
      ),
    ).toEqual([225, 290, 17]);
    expect(
      allocateProRata(
        c(100),
        [1, 1, 1].map((w) => c(w)),
      ),
    ).toEqual([34, 33, 33]);
    expect(
      allocateProRata(
        c(0),
        [5, 0].map((w) => c(w)),
      ),
    ).toEqual([0, 0]);
    expect(
      allocateProRata(
        c(7),
        [0, 10].map((w) => c(w)),
      ),
    ).toEqual([0, 7]);
    fc.assert(
      fc.property(fc.nat(1_000_000), fc.array(fc.nat(1_000_000), { minLength: 1, maxLength: 20 }), (total, weights) => {
        fc.pre(weights.some((w) => w > 0));
        const parts = allocateProRata(
          c(total),
          weights.map((w) => c(w)),
        );
        expect(parts.reduce((s, p) => s + p, 0)).toBe(total);
        const sum = weights.reduce((s, w) => s + w, 0);
        for (const [i, p] of parts.entries()) expect(Math.abs(p - (total * weights[i]!) / sum)).toBeLessThan(1);
      }),
    );
  });

  it('parses and formats quantities in thousandths', () => {
    expect(parseQuantity('1.5')).toBe(1500);
    expect(parseQuantity('0.333')).toBe(333);
    expect(parseQuantity('2')).toBe(2000);
    expect(parseQuantity('1.2345')).toBeNull();
    expect(formatQuantity(1500)).toBe('1.5');
    expect(formatQuantity(2000)).toBe('2');
  });
});

describe('computeInvoiceTotals (hand-computed)', () => {
  it('applies line discount, pro-rata invoice discount, tax per line on the discounted amount, then untaxed shipping', () => {
    const t = computeInvoiceTotals({
      lines: [
        // 1.5 h x $33.33 = 49.995 -> $50.00; 10% off -> $45.00
        { quantityMilli: 1500, unitPriceCents: c(3333), discount: { kind: 'percent', basisPoints: 1000 }, taxRateBp: 825 },
        // 3 x $19.99 = $59.97; $1.97 off -> $58.00; untaxed
        { quantityMilli: 3000, unitPriceCents: c(1999), discount: { kind: 'amount', cents: c(197) }, taxRateBp: 0 },
        // 0.333 x $10.00 = $3.33
        { quantityMilli: 333, unitPriceCents: c(1000), taxRateBp: 825 },
      ],
      // 5% of $106.33 = $5.3165 -> $5.32, spread 225 / 290 / 17
      invoiceDiscount: { kind: 'percent', basisPoints: 500 },
      shippingCents: c(1500),
    });
    expect(t.lines.map((l) => l.grossCents)).toEqual([5000, 5997, 333]);
    expect(t.lines.map((l) => l.lineDiscountCents)).toEqual([500, 197, 0]);
    expect(t.lines.map((l) => l.invoiceDiscountCents)).toEqual([225, 290, 17]);
    expect(t.lines.map((l) => l.netCents)).toEqual([4275, 5510, 316]);
    // 42.75 x 8.25% = 3.526875 -> 3.53; 3.16 x 8.25% = 0.2607 -> 0.26
    expect(t.lines.map((l) => l.taxCents)).toEqual([353, 0, 26]);
    expect(t).toMatchObject({
      subtotalCents: 11330,
      lineDiscountCents: 697,
      invoiceDiscountCents: 532,
      discountCents: 1229,
      netCents: 10101,
      taxCents: 379,
      shippingCents: 1500,
      shippingTaxCents: 0,
      totalCents: 11980,
    });
  });

  it('rounds tax half away from zero (12.5 cents -> 13)', () => {
    const t = computeInvoiceTotals({ lines: [{ quantityMilli: 1000, unitPriceCents: c(1000), taxRateBp: 125 }] });
    expect(t.taxCents).toBe(13);
    expect(t.totalCents).toBe(1013);
    expect(applyBasisPoints(c(-1000), 125)).toBe(-13);
  });

  it('takes an invoice-level amount discount pro rata and taxes each line on its share', () => {
    const t = computeInvoiceTotals({
      lines: [
        { quantityMilli: 1000, unitPriceCents: c(10000), taxRateBp: 1000 },
        { quantityMilli: 1000, unitPriceCents: c(30000), taxRateBp: 0 },
      ],
      invoiceDiscount: { kind: 'amount', cents: c(1000) },
    });
    expect(t.lines.map((l) => l.invoiceDiscountCents)).toEqual([250, 750]);
    expect(t.lines.map((l) => l.taxCents)).toEqual([975, 0]);
    expect(t.totalCents).toBe(39000 + 975);
  });

  it('taxes shipping only when a rate is set', () => {
    const t = computeInvoiceTotals({ lines: [{ quantityMilli: 1000, unitPriceCents: c(100), taxRateBp: 0 }], shippingCents: c(1505), shippingTaxRateBp: 1000 });
    expect(t.shippingTaxCents).toBe(151); // 150.5 -> 151
    expect(t.taxCents).toBe(151);
    expect(t.totalCents).toBe(100 + 1505 + 151);
  });

  it('refuses discounts larger than the amount they reduce', () => {
    expect(() =>
      computeInvoiceTotals({ lines: [{ quantityMilli: 1000, unitPriceCents: c(100), discount: { kind: 'amount', cents: c(101) }, taxRateBp: 0 }] }),
    ).toThrow(TotalsError);
    expect(() =>
      computeInvoiceTotals({ lines: [{ quantityMilli: 1000, unitPriceCents: c(100), taxRateBp: 0 }], invoiceDiscount: { kind: 'amount', cents: c(101) } }),
    ).toThrow(/more than the discounted lines/);
    expect(() => computeInvoiceTotals({ lines: [{ quantityMilli: 0, unitPriceCents: c(100), taxRateBp: 0 }] })).toThrow(/Line 1: quantity/);
  });

  it('always adds up: total = net + tax + shipping, net = subtotal - discounts', () => {
    const line = fc.record({
      quantityMilli: fc.integer({ min: 1, max: 100_000 }),
      unitPriceCents: fc.integer({ min: 0, max: 1_000_000 }).map((n) => c(n)),
      discount: fc.option(fc.oneof(fc.record({ kind: fc.constant('percent' as const), basisPoints: fc.integer({ min: 0, max: 10000 }) }))),
      taxRateBp: fc.integer({ min: 0, max: 2000 }),
    });
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 10 }), fc.integer({ min: 0, max: 10000 }), fc.nat(100000), (lines, bp, ship) => {
        const t = computeInvoiceTotals({ lines, invoiceDiscount: { kind: 'percent', basisPoints: bp }, shippingCents: c(ship) });
        expect(t.netCents).toBe(t.subtotalCents - t.discountCents);
        expect(t.totalCents).toBe(t.netCents + t.taxCents + t.shippingCents);
        expect(t.lines.reduce((s, l) => s + l.invoiceDiscountCents, 0)).toBe(t.invoiceDiscountCents);
        for (const l of t.lines) expect(l.netCents).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});

describe('terms, card numbers, aging buckets, accounts helpers', () => {
  it('parses payment terms and sets due and discount dates', () => {
    expect(parseTerms('net 30')).toMatchObject({ label: 'Net 30', netDays: 30, discountBp: 0 });
    expect(parseTerms('Due on receipt')).toMatchObject({ netDays: 0 });
    expect(parseTerms('2/10 Net 30')).toEqual({ label: '2/10 Net 30', netDays: 30, discountBp: 200, discountDays: 10 });
    expect(parseTerms('1.5/15 net 45')).toMatchObject({ label: '1.5/15 Net 45', discountBp: 150 });
    expect(parseTerms('soon')).toBeNull();
    expect(termsDates('2026-01-31', parseTerms('2/10 Net 30')!)).toEqual({ dueDate: '2026-03-02', discountDate: '2026-02-10', discountBp: 200 });
  });

  it('spots full card numbers (13-19 digits, spaces or dashes allowed) and nothing shorter', () => {
    expect(containsCardNumber('4111 1111 1111 1111')).toBe(true);
    expect(containsCardNumber('ref 4111-1111-1111-1111 ok')).toBe(true);
    expect(containsCardNumber('4111111111111')).toBe(true);
    expect(containsCardNumber('check 1001')).toBe(false);
    expect(containsCardNumber('1234')).toBe(false);
    expect(containsCardNumber('ACH trace 12345678901234567890')).toBe(false); // 20 digits: not a PAN
    expect(containsCardNumber('2026-03-15')).toBe(false);
  });

  it('buckets days past due with a configurable edge of Current', () => {
    expect(agingBucketLabels(defaultAgingSettings)).toEqual(['Current', '1-30', '31-60', '61-90', '91-120', 'Over 120']);
    expect([-5, 0, 1, 30, 31, 120, 121].map((d) => agingBucketIndex(d, defaultAgingSettings))).toEqual([0, 0, 1, 1, 2, 4, 5]);
    const strict = { ...defaultAgingSettings, currentThroughDays: -1 };
    expect(agingBucketLabels(strict)[1]).toBe('0-30');
    expect(agingBucketIndex(0, strict)).toBe(1);
  });

  it('derives time zones from US states and normalizes phone digits', () => {
    expect(timeZoneForState('ca')).toBe('America/Los_Angeles');
    expect(timeZoneForState('AZ')).toBe('America/Phoenix');
    expect(timeZoneForState('ZZ')).toBeNull();
    expect(phoneDigits('+1 (555) 010-2000')).toBe('5550102000');
  });
});
