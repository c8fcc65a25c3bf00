import { z } from 'zod';
import { isoDateSchema } from '../../domain/text';
import { endpoint } from '../endpoint';

export const importKindValues = ['accounts', 'invoices', 'payments', 'credit_notes', 'open_items'] as const;
/** Payments: 'as_in_file' applies what each row names and leaves the rest unapplied; 'oldest_first' is oldest due first. */
export const allocationModeValues = ['as_in_file', 'oldest_first'] as const;
export type AllocationMode = (typeof allocationModeValues)[number];

/** ~25 MB of file (base64 is 4/3 of the bytes). */
const MAX_BASE64 = 34_000_000;

export const importInputSchema = z.object({
  kind: z.enum(importKindValues),
  fileName: z.string().trim().min(1, 'File name is required').max(260),
  contentBase64: z.string().min(1, 'The file is empty').max(MAX_BASE64, 'The file is too large to import at once (25 MB); split it'),
  /** Canonical column -> the file's column (its header text); null leaves a column out. Overrides detection. */
  mapping: z.record(z.string().max(60), z.string().max(200).nullable()).optional(),
  /** Where the file comes from: 'quickbooks' converts a QuickBooks Desktop export first (docs/quickbooks.md). Default 'ledgerdesk'. */
  source: z.enum(['ledgerdesk', 'quickbooks']).optional(),
  /** Payments only (default 'oldest_first'). */
  allocationMode: z.enum(allocationModeValues).optional(),
  /** Open items only, and required there: the day the old system's open items are as of (not in the future). */
  cutOverDate: isoDateSchema.optional(),
});
export type ImportInput = z.output<typeof importInputSchema>;

/** One problem: the line as numbered in the file (the header is usually line 1), the file's column, why. */
export interface ImportError {
  line: number;
  column: string;
  reason: string;
}

export interface ImportPreview {
  kind: (typeof importKindValues)[number];
  fileName: string;
  format: 'csv' | 'xlsx';
  /** The file's headers, in order. */
  detectedColumns: string[];
  /** Canonical column -> the file's column feeding it (null: not in the file). */
  mapping: Record<string, string | null>;
  /** The canonical columns of this kind (docs/import.md). */
  columns: { name: string; required: boolean; help: string }[];
  /** Data rows in the file. */
  rows: number;
  /** Every problem (up to 5,000). Posting is refused while there is any. */
  errors: ImportError[];
  errorsTruncated: boolean;
  /** The first rows as mapped: canonical column -> cell text. */
  sample: { line: number; values: Record<string, string> }[];
  totals: {
    rows: number;
    rowsWithErrors: number;
    /** Rows that posting would post (0 while there are errors). */
    toPost: number;
    /** Rows already imported (same key and values): skipped. */
    duplicates: number;
    /** Sum of the amounts of the rows to post (invoices, payments). */
    amountCents: number;
    /** Payments and credit notes: what the rows to post apply to invoices, and what stays unapplied credit. */
    appliedCents: number;
    unappliedCents: number;
  };
  /**
   * Payments and credit notes, up to 200 rows: what each row applies to the invoice it names (oldest
   * due first: one row per invoice the payment will pay, on the payment's line); unappliedCents is given
   * on the last row of a payment (what of the whole payment stays unapplied credit) and is 0 on its
   * other rows. Rows already imported are left out.
   */
  allocations: ImportAllocation[];
}

export interface ImportAllocation {
  line: number;
  paymentReference: string;
  /** The invoice as the file names it (oldest due first: its Ledgerdesk number); null: none (a payment on account). */
  invoiceNumber: string | null;
  appliedCents: number;
  unappliedCents: number;
}

export interface ImportSummary {
  batchId: number;
  kind: (typeof importKindValues)[number];
  fileName: string;
  rows: number;
  posted: number;
  skippedAsDuplicates: number;
  amountCents: number;
}

/**
 * Imports of accounts, invoices and payments from CSV or XLSX (docs/import.md). Posting a file is all
 * or nothing; a VALIDATION error carries `details.errors: ImportError[]`.
 */
export const importsContract = {
  // The file travels as one base64 string: dispatch's text cap is raised to the file limit for these two.
  'imports.preview': endpoint(importInputSchema, { maxText: MAX_BASE64 }).returns<ImportPreview>(),
  'imports.post': endpoint(importInputSchema, { maxText: MAX_BASE64 }).returns<ImportSummary>(),
};
