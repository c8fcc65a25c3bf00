/**
 * Bank reconciliation (docs/money-in.md, "Reconciliation"): a period of one office bank account, its
 * imported statement lines matched to deposits and to single electronic payments; what is left open is
 * explained by a note before the reconciliation is finished and locked. Codes and facts here; words in
 * the screens and documents.
 */
import { z } from 'zod';
import { idSchema, isoDateSchema, requiredText } from './text';

export const reconciliationStatuses = ['open', 'finished'] as const;
export type ReconciliationStatus = (typeof reconciliationStatuses)[number];

export const reconciliationMatchMethods = ['auto', 'manual'] as const;
export type ReconciliationMatchMethod = (typeof reconciliationMatchMethods)[number];

/** What a note explains: an unmatched statement line, deposit or electronic payment. */
export const reconciliationSubjects = ['statement_line', 'deposit', 'payment'] as const;
export type ReconciliationSubject = (typeof reconciliationSubjects)[number];

/**
 * amount_differs: a credit names a deposit or payment (its reference) but the amounts differ;
 * not_seen_by_bank: a deposit or payment no credit matched within the window after its date;
 * unknown_credit: a credit that matches nothing.
 */
export const discrepancyKinds = ['amount_differs', 'not_seen_by_bank', 'unknown_credit'] as const;
export type DiscrepancyKind = (typeof discrepancyKinds)[number];

/** Why the matcher left a line unmatched although candidates exist. */
export const unmatchedReasons = ['ambiguous', 'no_candidate', 'debit'] as const;
export type UnmatchedReason = (typeof unmatchedReasons)[number];

/** Payment methods that reach the bank one by one (not through a deposit). */
export const electronicPaymentMethods = ['ach', 'bank_transfer', 'card'] as const;

/** Business days after a deposit's date within which the bank's credit is expected (0 = same day). */
export const DEFAULT_MATCH_WINDOW_DAYS = 5;

const periodSchema = z
  .object({ officeBankAccountId: idSchema, periodFrom: isoDateSchema, periodTo: isoDateSchema })
  .strict()
  .refine((p) => p.periodFrom <= p.periodTo, { path: ['periodTo'], message: 'The period must end on or after its first day' });
export const reconciliationStartSchema = periodSchema;
export type ReconciliationStart = z.infer<typeof reconciliationStartSchema>;

export const reconciliationIdSchema = z.object({ reconciliationId: idSchema }).strict();

export const reconciliationMatchSchema = z
  .object({ reconciliationId: idSchema, statementLineId: idSchema, depositId: idSchema.optional(), paymentDocumentId: idSchema.optional() })
  .strict()
  .refine((m) => (m.depositId === undefined) !== (m.paymentDocumentId === undefined), {
    path: ['depositId'],
    message: 'Match the line to one deposit or one payment',
  });
export type ReconciliationMatchInput = z.infer<typeof reconciliationMatchSchema>;

export const reconciliationUnmatchSchema = z.object({ reconciliationId: idSchema, matchId: idSchema }).strict();

export const reconciliationNoteSchema = z
  .object({
    reconciliationId: idSchema,
    subject: z.enum(reconciliationSubjects),
    subjectId: idSchema,
    note: requiredText('Note', 1000),
  })
  .strict();
export type ReconciliationNoteInput = z.infer<typeof reconciliationNoteSchema>;

export const reconciliationReportSchema = z.object({ reconciliationId: idSchema, format: z.enum(['xlsx']) }).strict();

export const reconciliationListSchema = z.object({ officeBankAccountId: idSchema.optional() }).strict();

/** A statement line as the reconciliation shows it. */
export interface ReconciliationLine {
  id: number;
  bookingDate: string;
  amountCents: number;
  bankReference: string;
  customerReference: string;
  description: string;
}

/** A deposit or an electronic payment the bank should have seen. */
export interface ReconciliationItem {
  kind: 'deposit' | 'payment';
  id: number;
  number: string;
  date: string;
  amountCents: number;
  /** For a payment: its method; for a deposit: null. */
  method: string | null;
  reference: string;
  checkNumber: string;
  accountName: string | null;
}

export interface ReconciliationMatchView {
  id: number;
  method: ReconciliationMatchMethod;
  line: ReconciliationLine;
  item: ReconciliationItem;
}

export interface ReconciliationNoteView {
  subject: ReconciliationSubject;
  subjectId: number;
  note: string;
  createdAt: string;
  createdBy: string | null;
}

export interface Discrepancy {
  kind: DiscrepancyKind;
  /** The open item it concerns (the note's subject). */
  subject: ReconciliationSubject;
  subjectId: number;
  /** For amount_differs: the other side (the item the line names). */
  relatedSubject: ReconciliationSubject | null;
  relatedId: number | null;
  amountCents: number;
  expectedCents: number | null;
  date: string;
  note: string | null;
}

export interface ReconciliationView {
  id: number;
  officeBankAccountId: number;
  officeBankAccountName: string;
  periodFrom: string;
  periodTo: string;
  status: ReconciliationStatus;
  createdAt: string;
  finishedAt: string | null;
  finishedBy: string | null;
  matched: ReconciliationMatchView[];
  unmatchedLines: (ReconciliationLine & { note: string | null })[];
  unmatchedItems: (ReconciliationItem & { note: string | null })[];
  discrepancies: Discrepancy[];
  notes: ReconciliationNoteView[];
  totals: { statementCreditsCents: number; matchedCents: number; unmatchedLinesCents: number; unmatchedItemsCents: number };
}

export interface ReconciliationSummary {
  id: number;
  officeBankAccountId: number;
  officeBankAccountName: string;
  periodFrom: string;
  periodTo: string;
  status: ReconciliationStatus;
  finishedAt: string | null;
}

/** What the screen starts from: the office accounts a reconciliation can be of, and the reconciliations so far. */
export interface ReconciliationList {
  officeBankAccounts: { id: number; name: string; last4: string; active: boolean }[];
  reconciliations: ReconciliationSummary[];
}

export interface ReconciliationReport {
  fileName: string;
  /** base64 of the PDF or the workbook. */
  base64: string;
  mimeType: string;
}
