/**
 * What each dashboard figure means and where it comes from, as the info tips say it (docs/reports.md,
 * "The dashboard", says the same at more length).
 */
export const definitions = {
  receivables: 'Open items as of the date less unapplied credit: the Aging total, and the billing pack’s ending receivables at a month-end.',
  pastDue: 'Open items in every bucket but Current as of the date; the share is of open items, as on the Aging screen.',
  agingNow: 'Open items by days past due as of the date: the Aging summary’s bucket totals.',
  agingHistory: 'The Aging summary’s bucket totals as of each of the last 12 month-ends (unapplied credit apart).',
  dso: 'DSO: ending receivables ÷ the month’s credit sales × days in the month (billing pack, KPIs). n/a in a month without credit sales.',
  cei: 'CEI: (beginning receivables + credit sales − ending receivables) ÷ (beginning receivables + credit sales − ending current) × 100.',
  promiseKeptRate:
    'Promises to pay falling due this month (due date plus grace days up to today) that were kept ÷ those kept or broken; pending ones left out. Team performance report.',
  clerkCollections:
    'Per clerk who took the promise: payments that count for the promises falling due this month (each at most the amount promised), beside the amounts promised. Team performance report.',
  plans:
    'Payment plans by their status as of the date, as each account’s Payment plan tab shows it: current, late (an installment unpaid within the grace days) or broken (one unpaid past them).',
} as const;
