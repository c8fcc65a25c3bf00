import { describe, expect, it } from 'vitest';
import { businessDaysBetween } from '../../src-main/backend/services/reconciliation/business-days';
import { findDiscrepancies, type MatchDeposit, type MatchLine, type MatchPayment, proposeMatches } from '../../src-main/backend/services/reconciliation/match';

// March 2026: the 2nd is a Monday, the 6th a Friday, the 9th the next Monday.
const line = (id: number, bookingDate: string, amountCents: number, text: Partial<MatchLine> = {}): MatchLine => ({
  id,
  bookingDate,
  amountCents,
  bankReference: '',
  customerReference: '',
  description: '',
  ...text,
});
const deposit = (id: number, date: string, amountCents: number): MatchDeposit => ({ id, number: `DEP-${String(id).padStart(6, '0')}`, date, amountCents });
const payment = (id: number, date: string, amountCents: number, ref: Partial<MatchPayment> = {}): MatchPayment => ({
  id,
  number: `PMT-${id}`,
  date,
  amountCents,
  reference: '',
  checkNumber: '',
  ...ref,
});
const asOf = '2026-03-31';

describe('business days', () => {
  it('counts weekdays after the first day up to the last', () => {
    expect(businessDaysBetween('2026-03-02', '2026-03-02')).toBe(0);
    expect(businessDaysBetween('2026-03-06', '2026-03-09')).toBe(1); // Friday to Monday
    expect(businessDaysBetween('2026-03-02', '2026-03-09')).toBe(5);
    expect(businessDaysBetween('2026-03-09', '2026-03-02')).toBe(-5);
    expect(businessDaysBetween('2026-03-07', '2026-03-08')).toBe(0); // Saturday to Sunday
  });
});

describe('proposeMatches', () => {
  it('matches a credit to the deposit of the same amount within the window, one to one', () => {
    const r = proposeMatches(
      [line(1, '2026-03-03', 12_500), line(2, '2026-03-04', 4_000)],
      [deposit(10, '2026-03-02', 12_500), deposit(11, '2026-03-03', 4_000)],
      [],
      {
        asOf,
      },
    );
    expect(r.matched).toEqual([
      { lineId: 1, item: { kind: 'deposit', id: 10 }, byReference: false, businessDays: 1 },
      { lineId: 2, item: { kind: 'deposit', id: 11 }, byReference: false, businessDays: 1 },
    ]);
    expect(r.unmatchedLines).toEqual([]);
    expect(r.unmatchedItems).toEqual([]);
    expect(r.discrepancies).toEqual([]);
  });

  it('refuses a credit booked before the deposit or after the window (weekends do not count)', () => {
    const d = [deposit(10, '2026-03-06', 5_000)]; // a Friday
    expect(proposeMatches([line(1, '2026-03-13', 5_000)], d, [], { asOf }).matched).toHaveLength(1); // 5 business days
    expect(proposeMatches([line(1, '2026-03-16', 5_000)], d, [], { asOf }).matched).toHaveLength(0); // 6
    expect(proposeMatches([line(1, '2026-03-05', 5_000)], d, [], { asOf }).matched).toHaveLength(0); // the day before
    expect(proposeMatches([line(1, '2026-03-16', 5_000)], d, [], { asOf, windowDays: 6 }).matched).toHaveLength(1);
    expect(proposeMatches([line(1, '2026-03-09', 5_001)], d, [], { asOf }).matched).toHaveLength(0); // a cent off
  });

  it('matches an electronic payment only when the line names its reference or check number', () => {
    const payments = [payment(20, '2026-03-02', 7_500, { reference: 'ACH-77123' }), payment(21, '2026-03-02', 7_500, { checkNumber: '4412' })];
    const r = proposeMatches(
      [
        line(1, '2026-03-03', 7_500, { description: 'ACH CREDIT ach 77123 ACME' }),
        line(2, '2026-03-03', 7_500, { customerReference: 'CHK 4412' }),
        line(3, '2026-03-03', 7_500),
      ],
      [],
      payments,
      { asOf },
    );
    expect(r.matched.map((m) => [m.lineId, m.item.id, m.byReference])).toEqual([
      [1, 20, true],
      [2, 21, true],
    ]);
    expect(r.unmatchedLines).toEqual([{ lineId: 3, reason: 'no_candidate', candidates: [] }]);
    expect(r.discrepancies).toEqual([{ kind: 'unknown_credit', subject: 'statement_line', subjectId: 3, related: null }]);
  });

  it('a reference shorter than three characters never counts as named', () => {
    const r = proposeMatches([line(1, '2026-03-03', 900, { description: 'CHECK 7 DEPOSITED' })], [], [payment(20, '2026-03-02', 900, { checkNumber: '7' })], {
      asOf,
    });
    expect(r.matched).toEqual([]);
  });

  it('leaves two equally good deposits unmatched, saying it is ambiguous', () => {
    const r = proposeMatches([line(1, '2026-03-04', 3_000)], [deposit(10, '2026-03-03', 3_000), deposit(11, '2026-03-03', 3_000)], [], { asOf });
    expect(r.matched).toEqual([]);
    expect(r.unmatchedLines).toEqual([
      {
        lineId: 1,
        reason: 'ambiguous',
        candidates: [
          { kind: 'deposit', id: 10 },
          { kind: 'deposit', id: 11 },
        ],
      },
    ]);
  });

  it('leaves two equally good lines for one deposit unmatched', () => {
    const r = proposeMatches([line(1, '2026-03-04', 3_000), line(2, '2026-03-04', 3_000)], [deposit(10, '2026-03-03', 3_000)], [], { asOf });
    expect(r.matched).toEqual([]);
    expect(r.unmatchedLines.map((u) => u.reason)).toEqual(['ambiguous', 'ambiguous']);
  });

  it('prefers the candidate the line names, then the nearer date, and lets one match free the next', () => {
    // Line 1 names deposit 11; line 2 fits both by amount and date, but 11 is taken: it gets 10.
    const r = proposeMatches(
      [line(1, '2026-03-05', 3_000, { description: 'DEPOSIT DEP-000011' }), line(2, '2026-03-05', 3_000)],
      [deposit(10, '2026-03-03', 3_000), deposit(11, '2026-03-03', 3_000)],
      [],
      { asOf },
    );
    expect(r.matched.map((m) => [m.lineId, m.item.id])).toEqual(
      expect.arrayContaining([
        [1, 11],
        [2, 10],
      ]),
    );
    // The nearer deposit wins when neither is named.
    const near = proposeMatches([line(1, '2026-03-05', 3_000)], [deposit(10, '2026-03-02', 3_000), deposit(11, '2026-03-04', 3_000)], [], { asOf });
    expect(near.matched.map((m) => m.item.id)).toEqual([11]);
  });

  it('ignores debits: fees and withdrawals are not money in', () => {
    const r = proposeMatches([line(1, '2026-03-04', -3_000)], [deposit(10, '2026-03-03', 3_000)], [], { asOf: '2026-03-04' });
    expect(r.matched).toEqual([]);
    expect(r.unmatchedLines).toEqual([]);
    expect(r.unmatchedItems).toEqual([{ kind: 'deposit', id: 10, state: 'in_transit' }]);
  });

  it('reports an amount that differs for the same reference, not as an unknown credit', () => {
    const r = proposeMatches(
      [line(1, '2026-03-03', 7_400, { bankReference: 'ACH-77123' })],
      [],
      [payment(20, '2026-03-02', 7_500, { reference: 'ACH-77123' })],
      { asOf },
    );
    expect(r.matched).toEqual([]);
    expect(r.discrepancies).toEqual([{ kind: 'amount_differs', subject: 'statement_line', subjectId: 1, related: { kind: 'payment', id: 20 } }]);
    // The payment is open (not seen by the bank as such), but its discrepancy is the line's.
    expect(r.unmatchedItems).toEqual([{ kind: 'payment', id: 20, state: 'not_seen' }]);
  });

  it('a deposit the bank never saw within N business days is not_seen_by_bank; a recent one is in transit', () => {
    const deposits = [deposit(10, '2026-03-20', 1_000), deposit(11, '2026-03-30', 2_000)];
    const r = proposeMatches([], deposits, [], { asOf: '2026-03-31' });
    expect(r.unmatchedItems).toEqual([
      { kind: 'deposit', id: 10, state: 'not_seen' },
      { kind: 'deposit', id: 11, state: 'in_transit' },
    ]);
    expect(r.discrepancies).toEqual([{ kind: 'not_seen_by_bank', subject: 'deposit', subjectId: 10, related: null }]);
    const longer = findDiscrepancies([], deposits, [], { asOf: '2026-03-31', notSeenAfterDays: 10 });
    expect(longer.discrepancies).toEqual([]);
  });

  it('matches deposits and payments together without taking one twice', () => {
    const r = proposeMatches(
      [line(1, '2026-03-03', 5_000, { description: 'REF INV-555' }), line(2, '2026-03-03', 5_000)],
      [deposit(10, '2026-03-02', 5_000)],
      [payment(20, '2026-03-02', 5_000, { reference: 'INV-555' })],
      { asOf },
    );
    // Line 1 names the payment (better than the unnamed deposit); line 2 then takes the deposit.
    expect(r.matched.map((m) => [m.lineId, m.item.kind, m.item.id])).toEqual(
      expect.arrayContaining([
        [1, 'payment', 20],
        [2, 'deposit', 10],
      ]),
    );
    expect(r.matched).toHaveLength(2);
  });
});
