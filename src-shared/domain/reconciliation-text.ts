/** Reconciliation codes as words, for screens and reports (one wording; codes cross IPC). */
import { paymentMethodLabels, type PaymentMethod } from './payments';
import type {
  Discrepancy,
  DiscrepancyKind,
  ReconciliationItem,
  ReconciliationLine,
  ReconciliationMatchMethod,
  ReconciliationStatus,
  ReconciliationSubject,
  ReconciliationView,
} from './reconciliation';

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

/** "Deposit DEP-000003" or "Payment RCT-000012, ACH, Harbor Clinic". */
export function reconciliationItemWords(i: ReconciliationItem): string {
  if (i.kind === 'deposit') return `Deposit ${i.number}`;
  const method = i.method && i.method in paymentMethodLabels ? paymentMethodLabels[i.method as PaymentMethod] : '';
  return [`Payment ${i.number}`, method, i.accountName].filter(Boolean).join(', ');
}

/** A bank line by what the bank wrote: its reference, the customer's reference and the description. */
export const statementLineWords = (l: ReconciliationLine): string => [l.bankReference, l.customerReference, l.description].filter(Boolean).join(' · ');

/** What a discrepancy is about, in words: "Bank: ACH-77123 · Harbor Clinic" or "Deposit DEP-000002". */
export function discrepancyItemWords(v: ReconciliationView, d: Discrepancy): string {
  if (d.subject === 'statement_line') {
    const l = v.unmatchedLines.find((x) => x.id === d.subjectId);
    return l ? `Bank: ${statementLineWords(l) || 'no reference'}` : reconciliationSubjectWords[d.subject];
  }
  const i = v.unmatchedItems.find((x) => x.kind === d.subject && x.id === d.subjectId);
  return i ? reconciliationItemWords(i) : reconciliationSubjectWords[d.subject];
}

/** For "amount differs": the deposit or payment the bank's line names; else empty. */
export function discrepancyNamedWords(v: ReconciliationView, d: Discrepancy): string {
  if (!d.relatedSubject || d.relatedSubject === 'statement_line') return '';
  const i = v.unmatchedItems.find((x) => x.kind === d.relatedSubject && x.id === d.relatedId);
  return i ? reconciliationItemWords(i) : '';
}
