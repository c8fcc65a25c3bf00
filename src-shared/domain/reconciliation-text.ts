/** Reconciliation codes as words, for screens and reports (one wording; codes cross IPC). */
import type { DiscrepancyKind, ReconciliationMatchMethod, ReconciliationStatus, ReconciliationSubject } from './reconciliation';

export const discrepancyKindWords: Record<DiscrepancyKind, string> = {
  amount_differs: 'Amount differs',
  not_seen_by_bank: 'Not seen by the bank',
  unknown_credit: 'Credit matches nothing',
};

export const discrepancyKindExplained: Record<DiscrepancyKind, string> = {
  amount_differs: 'The bank credit names a deposit or payment of another amount.',
  not_seen_by_bank: 'No bank credit matched it within the days allowed after its date.',
  unknown_credit: 'A bank credit that no deposit or payment matches.',
};

export const reconciliationSubjectWords: Record<ReconciliationSubject, string> = {
  statement_line: 'Bank credit',
  deposit: 'Deposit',
  payment: 'Payment',
};

export const reconciliationStatusWords: Record<ReconciliationStatus, string> = { open: 'Open', finished: 'Finished' };

export const matchMethodWords: Record<ReconciliationMatchMethod, string> = { auto: 'Automatic', manual: 'By hand' };
