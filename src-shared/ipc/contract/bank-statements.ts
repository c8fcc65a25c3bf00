import { z } from 'zod';
import { idSchema } from '../../domain/text';
import { endpoint } from '../endpoint';

export const bankStatementFormatValues = ['csv', 'bai2', 'camt053'] as const;
export type BankStatementFormat = (typeof bankStatementFormatValues)[number];

/** ~25 MB of file (base64 is 4/3 of the bytes), as the other imports. */
const MAX_BASE64 = 34_000_000;

export const bankStatementFileSchema = z.object({
  fileName: z.string().trim().min(1, 'File name is required').max(260),
  contentBase64: z.string().min(1, 'The file is empty').max(MAX_BASE64, 'The file is too large to import at once (25 MB); split it'),
  /** Omitted: decided from the file's first characters (BAI2 starts "01,", camt.053 is XML, else CSV). */
  format: z.enum(bankStatementFormatValues).optional(),
  /** CSV only: canonical column -> the file's column (its header text); null leaves a column out. Overrides detection. */
  mapping: z.record(z.string().max(60), z.string().max(200).nullable()).optional(),
  /** The office bank account the statement is of (office_bank_account); optional. */
  officeBankAccountId: idSchema.nullable().optional(),
});
export type BankStatementFileInput = z.output<typeof bankStatementFileSchema>;

/** One problem in a statement file: the file, the line as an editor numbers it, the field, why. */
export interface BankStatementError {
  file: string;
  line: number;
  field: string;
  reason: string;
}

/** One line of a statement as read. amountCents is signed: credits into the office's account positive. */
export interface BankStatementLineRead {
  line: number;
  bookingDate: string;
  valueDate: string | null;
  amountCents: number;
  bankReference: string | null;
  customerReference: string | null;
  description: string;
  /** BAI2 type code or camt.053 bank transaction code; null for CSV unless mapped. */
  typeCode: string | null;
}

export interface BankStatementPreview {
  fileName: string;
  format: BankStatementFormat;
  /** The account as the file names it (BAI2 account number, camt.053 IBAN); null for CSV. */
  accountIdentifier: string | null;
  currency: string | null;
  statementFrom: string | null;
  statementTo: string | null;
  openingBalanceCents: number | null;
  closingBalanceCents: number | null;
  /** Every line read, each marked when an earlier import already holds it (its line_key). */
  lines: (BankStatementLineRead & { alreadyImported: boolean })[];
  /** Every problem; importing is refused while there is any. */
  errors: BankStatementError[];
  /** CSV only: the file's headers, the mapping used and the canonical columns. */
  csv: { headers: string[]; mapping: Record<string, string | null>; columns: { name: string; required: boolean; help: string }[] } | null;
  totals: { lines: number; creditsCents: number; debitsCents: number; toImport: number; alreadyImported: number };
}

export interface BankStatementImportSummary {
  /** null when every line was already imported: nothing was written. */
  statementId: number | null;
  fileName: string;
  format: BankStatementFormat;
  imported: number;
  alreadyImported: number;
}

export interface BankStatementSummary {
  id: number;
  officeBankAccountId: number | null;
  format: BankStatementFormat;
  fileName: string;
  accountIdentifier: string | null;
  currency: string | null;
  statementFrom: string;
  statementTo: string;
  openingBalanceCents: number | null;
  closingBalanceCents: number | null;
  lineCount: number;
  creditsCents: number;
  debitsCents: number;
  importedAt: string;
  importedBy: string | null;
}

export interface BankStatementLine extends BankStatementLineRead {
  id: number;
  statementId: number;
}

export interface BankStatementDetail {
  statement: BankStatementSummary;
  lines: BankStatementLine[];
}

/**
 * Bank statements of the office's accounts (docs/money-in.md, "Bank statements"): CSV, BAI2 and camt.053.
 * Importing is all or nothing; a VALIDATION error carries `details.errors: BankStatementError[]`.
 */
export const bankStatementsContract = {
  'bankStatements.preview': endpoint(bankStatementFileSchema, { maxText: MAX_BASE64 }).returns<BankStatementPreview>(),
  'bankStatements.import': endpoint(bankStatementFileSchema, { maxText: MAX_BASE64 }).returns<BankStatementImportSummary>(),
  'bankStatements.list': endpoint(z.object({ officeBankAccountId: idSchema.optional() })).returns<BankStatementSummary[]>(),
  'bankStatements.get': endpoint(z.object({ id: idSchema })).returns<BankStatementDetail>(),
};
