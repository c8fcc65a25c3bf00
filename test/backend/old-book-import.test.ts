import { describe, expect, it } from 'vitest';
import type { AgingPresentation } from '@shared/domain/aging';
import { verifyStore } from '../../src-main/backend/verify';
import { must } from '../kit';
import { generateOldBook, type OldBookAgingRules } from '../kit/old-book';
import { fixedClock, testBackend, withCompany } from '../support/store';

/**
 * Moving in (issue 14, "How it is checked"): an old system's book, generated with payments on account,
 * overpayments, payments split over several invoices and standalone credit notes (applied and open),
 * imported "as in the file", gives with the matching aging options the aging the book's own rules give,
 * per customer and bucket, to the cent. The book computes its aging itself (test/kit/old-book.ts).
 */
const TODAY = '2026-03-16';
const kinds = ['accounts', 'invoices', 'payments', 'credit_notes'] as const;

// Each presentation and the book's rule that means the same. The book's credits have no due date of their
// own, so aging them by due date puts them where their document date does.
const presentations: { p: AgingPresentation; credits: OldBookAgingRules['credits'] }[] = [
  { p: { creditPresentation: 'column', creditAgingDate: 'document', prepaymentsApart: false }, credits: 'column' },
  { p: { creditPresentation: 'column', creditAgingDate: 'document', prepaymentsApart: true }, credits: 'column' },
  { p: { creditPresentation: 'aged', creditAgingDate: 'document', prepaymentsApart: false }, credits: 'aged' },
  { p: { creditPresentation: 'aged', creditAgingDate: 'document', prepaymentsApart: true }, credits: 'aged' },
  { p: { creditPresentation: 'aged', creditAgingDate: 'due', prepaymentsApart: false }, credits: 'aged' },
];
const bucketSettings = [
  { currentThroughDays: 0, edges: [30, 60, 90, 120] },
  // An office whose old report called a day past due already late, with three buckets.
  { currentThroughDays: -1, edges: [29, 59, 89] },
];

describe('an old book imported as in the file', () => {
  it('gives the aging of the book itself, per customer and bucket, with each matching presentation', async () => {
    const b = testBackend({ clock: fixedClock(`${TODAY}T15:00:00Z`) });
    const session = await withCompany(b);
    const book = generateOldBook({ seed: 14, customers: 300, invoices: 1800, payments: 1500, creditNotes: 240, asOf: TODAY });
    // The book has every case the issue names, so a rule left out would show.
    expect(book.counts.onAccount).toBeGreaterThan(50);
    expect(book.counts.overpaid).toBeGreaterThan(50);
    expect(book.counts.split).toBeGreaterThan(50);

    for (const kind of kinds) {
      const summary = await must(b, session, 'imports.post', {
        kind,
        fileName: `${kind}.csv`,
        contentBase64: Buffer.from(book.files[kind]).toString('base64'),
        ...(kind === 'payments' ? { allocationMode: 'as_in_file' as const } : {}),
      });
      expect(summary.posted, kind).toBe(
        { accounts: book.counts.accounts, invoices: book.counts.invoices, payments: book.counts.payments, credit_notes: book.counts.creditNotes }[kind],
      );
    }

    let compared = 0;
    for (const buckets of bucketSettings) {
      await must(b, session, 'aging.updateSettings', buckets);
      for (const { p, credits } of presentations) {
        const expected = book.aging({ ...buckets, credits, prepaymentsApart: p.prepaymentsApart });
        const got = await must(b, session, 'aging.summary', { asOf: TODAY, presentation: p, sort: 'accountNumber' });
        const what = `${JSON.stringify(p)} ${JSON.stringify(buckets)}`;
        expect(got.bucketLabels.length, what).toBe(buckets.edges.length + 2);
        const rows = new Map(
          got.rows.map((r) => [
            r.accountNumber,
            { buckets: r.buckets, unappliedCents: r.unappliedCents, prepaymentCents: r.prepaymentCents, totalCents: r.totalCents },
          ]),
        );
        expect(rows, what).toEqual(expected);
        compared += expected.size;
      }
    }
    expect(compared).toBeGreaterThan(2000);
    expect((await verifyStore(b)).ok).toBe(true);
  }, 180_000);
});
