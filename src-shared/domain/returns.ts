import { z } from 'zod';
import { cents } from '../money';
import { returnReason } from './nacha';
import { idSchema, isoDateSchema, nonNegativeCents, textField } from './text';

/** A return reason code of src-shared/domain/nacha.ts (an ACH R-code, or a check reason such as NSF). */
export const returnCodeSchema = z
  .string()
  .trim()
  .max(20)
  .refine((c) => returnReason(c) !== undefined, 'Return reason is not a known ACH return code or check return reason');

/** A returned payment entered by hand (the bank's notice in the clerk's hand). */
export const returnRecordSchema = z.object({
  paymentId: idSchema,
  returnCode: returnCodeSchema,
  returnDate: isoDateSchema,
  note: textField('Note', 300).optional(),
  /** The returned-payment fee, posted by the reversal as its own fee document (0: none). */
  feeCents: nonNegativeCents.default(cents(0)),
});
export type ReturnRecordInput = z.input<typeof returnRecordSchema>;

/** ~5 MB of file: a return file is a few hundred 94-character records. */
const MAX_BASE64 = 7_000_000;

/** A NACHA return file: preview reads it, importNacha posts every return in it or nothing. */
export const returnsFileSchema = z.object({
  fileName: z.string().trim().min(1, 'File name is required').max(260),
  contentBase64: z.string().min(1, 'The file is empty').max(MAX_BASE64, 'The file is too large for a return file (5 MB)'),
  /** The returned-payment fee posted for each returned payment (0: none). */
  feeCents: nonNegativeCents.default(cents(0)),
});
export type ReturnsFileInput = z.input<typeof returnsFileSchema>;

export const returnsListSchema = z.object({
  accountId: idSchema.optional(),
  limit: z.number().int().min(1).max(500).default(200),
});

export type ReturnSource = 'manual' | 'nacha';

/** One recorded returned payment. */
export interface PaymentReturn {
  id: number;
  paymentId: number;
  paymentNumber: string;
  accountId: number;
  accountName: string;
  method: string | null;
  amountCents: number;
  reversalId: number;
  reversalNumber: string;
  returnCode: string;
  returnDate: string;
  source: ReturnSource;
  fileName: string | null;
  createdAt: string;
  createdBy: string | null;
}

/** A problem in a return file: the file, its line (1-based), the field, why. */
export interface NachaError {
  file: string;
  line: number;
  field: string;
  reason: string;
}

/** What importing would do with one return entry. */
export type ReturnEntryStatus = 'to_post' | 'already_returned' | 'not_found';

export interface ReturnEntryPreview {
  /** The line of the entry detail record. */
  line: number;
  returnCode: string;
  originalTrace: string;
  amountCents: number;
  /** The day the bank settled the return (the batch's effective entry date, else the file's date). */
  returnDate: string | null;
  /** The name in the entry (the individual's or company's, as the bank sent it). */
  name: string;
  accountLast4: string;
  status: ReturnEntryStatus;
  paymentId: number | null;
  paymentNumber: string | null;
  accountId: number | null;
  accountName: string | null;
  /** How it was matched: the payment's reference is the original trace number, its bank account, or account number + amount + date. */
  matchedBy: 'trace' | 'bank_account' | 'account_number' | null;
}

export interface ReturnsPreview {
  fileName: string;
  fileDate: string | null;
  entries: ReturnEntryPreview[];
  errors: NachaError[];
  totals: { entries: number; toPost: number; alreadyReturned: number; amountCents: number };
}

export interface ReturnsImportResult {
  fileName: string;
  posted: { paymentNumber: string; reversalNumber: string; returnCode: string }[];
  alreadyReturned: number;
}
