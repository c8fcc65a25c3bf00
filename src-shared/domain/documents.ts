import { z } from 'zod';
import { isoDateSchema } from '../dates/schema';
import type { ComplianceBlock } from './collections';
import { LETTER_BODY_MAX } from './letters';
import { updateSchema } from './partial-update';
import { idSchema, requiredText, textField } from './text';

/**
 * Documents that leave Ledgerdesk (docs/documents.md): what a customer receives on paper, as a PDF or
 * by email. Each kind is one builder and one template in src-main/backend/services/documents; the
 * ledger's documents (an invoice, a credit note, a payment) are their source. `calibration` is the
 * one-page envelope test an administrator prints; it names no ledger document. A `statement` shows an
 * account as of a date (docs/document-layout.md, Statements); it has no one ledger document either. A
 * `letter` is a template's version merged with an account's figures (docs/letters.md). A `deposit_slip`
 * (a deposit, for the bank) and a `discrepancy_report` (a bank reconciliation, for the supervisor) are
 * the office's own documents (docs/money-in.md): like the calibration page they have no recipient, are
 * printed or saved and never emailed.
 */
export const outputKinds = ['invoice', 'credit_note', 'receipt', 'calibration', 'statement', 'letter', 'deposit_slip', 'discrepancy_report'] as const;
export type OutputKind = (typeof outputKinds)[number];
/** The office's own documents: no recipient, no email, never a COPY. */
export const officeOutputKinds = ['calibration', 'deposit_slip', 'discrepancy_report'] as const satisfies readonly OutputKind[];
export type OfficeOutputKind = (typeof officeOutputKinds)[number];
/** Documents a customer receives: each has an email template. */
export type CustomerOutputKind = Exclude<OutputKind, OfficeOutputKind>;
export const isOfficeKind = (kind: OutputKind): kind is OfficeOutputKind => (officeOutputKinds as readonly OutputKind[]).includes(kind);

/** How a document left: printed on a printer, saved as a PDF file, or emailed. */
export const deliveryChannels = ['print', 'pdf', 'email'] as const;
export type DeliveryChannel = (typeof deliveryChannels)[number];

export const paperSizes = ['Letter', 'A4'] as const;
export type PaperSize = (typeof paperSizes)[number];
export const duplexModes = ['simplex', 'longEdge', 'shortEdge'] as const;
export type DuplexMode = (typeof duplexModes)[number];

/** Open-item: what is open as of the date. Balance-forward: opening balance, the period's documents, running balance. */
export const statementTypes = ['open_item', 'balance_forward'] as const;
export type StatementType = (typeof statementTypes)[number];
/** A balance-forward statement without `from` covers the 30 days before its as-of date. */
export const STATEMENT_PERIOD_DAYS = 30;

/** One document to produce: a kind and the ledger document it shows (a receipt: the payment). */
export const outputRefSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('invoice'), documentId: idSchema }),
  z.object({ kind: z.literal('credit_note'), documentId: idSchema }),
  z.object({ kind: z.literal('receipt'), documentId: idSchema }),
  z.object({ kind: z.literal('calibration') }),
  z.object({ kind: z.literal('deposit_slip'), depositId: idSchema }),
  z.object({ kind: z.literal('discrepancy_report'), reconciliationId: idSchema }),
  z.object({
    kind: z.literal('statement'),
    accountId: idSchema,
    asOf: isoDateSchema,
    type: z.enum(statementTypes),
    /** Balance-forward only: the first day of the period (default STATEMENT_PERIOD_DAYS before asOf). */
    from: isoDateSchema.optional(),
  }),
  z.object({
    kind: z.literal('letter'),
    accountId: idSchema,
    templateId: idSchema,
    /** The template's version; default its current one. */
    version: z.number().int().min(1).optional(),
    /** This letter's own subject (email); default the template's, merged. */
    subject: textField('Subject', 200).optional(),
    /** This letter's own wording, merged and edited (letters.compose); sanitized again. Default the template's, merged. */
    bodyHtml: z.string().max(LETTER_BODY_MAX, `A letter's text must be at most ${LETTER_BODY_MAX} characters`).optional(),
    /** The date the letter asks payment by; default LETTER_PAY_BY_DAYS after today. */
    payByDate: isoDateSchema.optional(),
    /** The stage task the letter answers: closed as done when the letter goes out. */
    taskId: idSchema.optional(),
    /** The letter run (letter_run.id): a letter already recorded for this run and account is ALREADY_SENT. */
    runId: idSchema.optional(),
    /** A supervisor sends despite a compliance block; audited with the letter. */
    overrideReason: textField('Override reason', 1000).pipe(z.string().min(10, 'Write the reason for the override (at least 10 characters)')).optional(),
  }),
]);
export type OutputRef = z.infer<typeof outputRefSchema>;

/** A letter without a pay-by date asks payment within this many days. */
export const LETTER_PAY_BY_DAYS = 14;

/** At most this many documents in one print job, PDF or email run. */
export const MAX_BATCH = 2000;
const batchSchema = z.array(outputRefSchema).min(1, 'Choose at least one document').max(MAX_BATCH, `At most ${MAX_BATCH} documents at a time`);

/** The printer and paper a print job uses; remembered per kind on each workstation (by the renderer). */
export const printChoiceSchema = z.object({
  /** The printer's system name; null prints through the operating system's print dialog. */
  printer: textField('Printer', 200).nullable(),
  paper: z.enum(paperSizes),
  copies: z.number().int().min(1, 'At least 1 copy').max(99, 'At most 99 copies'),
  duplex: z.enum(duplexModes),
});
export type PrintChoice = z.infer<typeof printChoiceSchema>;

/** documents.preview: one document built as it would print, nothing recorded. */
export const documentsPreviewSchema = z.object({ document: outputRefSchema });
export interface DocumentPreview {
  /** The whole page (print CSS included), for a sandboxed iframe; empty when a problem stops it. */
  html: string;
  problems: OutputProblem[];
}

/** The caller's id for a long run: progress events carry it and documents.cancel names it. */
export const runIdSchema = z
  .string()
  .max(64)
  .regex(/^[A-Za-z0-9-]{8,64}$/, 'A run id is 8 to 64 letters, digits or dashes');
export const documentsPrintSchema = z.object({ documents: batchSchema, choice: printChoiceSchema, run: runIdSchema.optional() });
export const documentsSavePdfSchema = z.object({ documents: batchSchema, run: runIdSchema.optional() });
export const documentsEmailSchema = z.object({
  documents: batchSchema,
  run: runIdSchema.optional(),
  /** Overrides the account's billing email (one document only). */
  to: z.email('Not an email address').max(254).optional(),
});

/**
 * Why a document cannot go out on the channel asked: it is listed, never printed with a blank window.
 * Letters only: BLOCKED (a compliance rule; `blocks`), NOTHING_DUE (a collection letter for an account
 * with nothing past due), MISSING_FIELD (`missing` names merge fields with no value and no fallback),
 * ALREADY_SENT (this run already sent this account its letter), NO_EMAIL_CONSENT (the account has not
 * asked for letters by email).
 */
export const outputProblemCodes = [
  'NO_ADDRESS',
  'PARTIAL_ADDRESS',
  'NO_EMAIL',
  'NOT_POSTED',
  'NOT_FOUND',
  'SEND_FAILED',
  'BLOCKED',
  'NOTHING_DUE',
  'MISSING_FIELD',
  'ALREADY_SENT',
  'NO_EMAIL_CONSENT',
] as const;
export type OutputProblemCode = (typeof outputProblemCodes)[number];
export interface OutputProblem {
  ref: OutputRef;
  /** The document's number and account, to list it on screen. */
  number: string | null;
  accountName: string | null;
  code: OutputProblemCode;
  /** Which parts are missing, as address field names, e.g. ["postalCode"], or merge fields (MISSING_FIELD) (worded on screen). */
  missing: string[];
  /** BLOCKED: the compliance rules that block the letter, each with its citation. */
  blocks?: ComplianceBlock[];
  /** SEND_FAILED: the email error's code (EMAIL_AUTH, EMAIL_TLS, EMAIL_CONNECTION, EMAIL_RECIPIENT) and what the server said. */
  detail?: { code: string; message: string };
}

/** A document built and ready to render: a self-contained HTML page, no script. */
export interface BuiltDocument {
  ref: OutputRef;
  kind: OutputKind;
  /** The ledger document's number (an invoice number, a receipt number); null for calibration. */
  number: string | null;
  accountId: number | null;
  sourceDocumentId: number | null;
  /** A reprint: the document has left before, so this one says COPY. */
  copy: boolean;
  /** File name suggested when saving, e.g. "Invoice INV-000123.pdf". */
  fileName: string;
  /** The whole page: what a PDF of this document alone is rendered from. */
  html: string;
  /** The inside of its <body>, to put documents of a job into one batch page (PreparedJob.style). */
  body: string;
}

/** A job the backend has prepared: the shell renders it, delivers it, then completes it (documents.complete). */
export interface PreparedJob {
  /** Random and known only to main and the backend: documents.complete needs it. */
  jobId: string;
  channel: DeliveryChannel;
  paper: PaperSize;
  /** The stylesheet every document of the job shares, for the batch page (one print job of many pages). */
  style: string;
  documents: BuiltDocument[];
  /** Left out of the job, with the reason; the screen lists them. */
  problems: OutputProblem[];
}

/** What the screen gets back from print, save or email. */
export interface DeliveryOutcome {
  channel: DeliveryChannel;
  /** Documents that left and were archived. */
  delivered: number;
  /** Pages sent to the printer (blank padding for duplex included). */
  pages: number;
  /** Where it went: the printer, the file, the email addresses. */
  destination: string | null;
  /** The user closed the dialog: nothing left, nothing archived. */
  cancelled: boolean;
  problems: OutputProblem[];
  archivedIds: number[];
}

// ---- The archive ----
export interface ArchivedDocument {
  id: number;
  kind: OutputKind;
  number: string | null;
  accountId: number | null;
  sourceDocumentId: number | null;
  channel: DeliveryChannel;
  /** The printer, the file name or the email address. */
  destination: string;
  copy: boolean;
  pages: number;
  bytes: number;
  sha256: string;
  createdAt: string;
  createdBy: string | null;
}
export const archiveListSchema = z.object({
  accountId: idSchema.optional(),
  sourceDocumentId: idSchema.optional(),
  /** An office document (a deposit slip, a discrepancy report) is found by its kind and number. */
  kind: z.enum(outputKinds).optional(),
  number: textField('Number', 200).optional(),
  limit: z.number().int().min(1).max(500).default(200),
});
export const archiveGetSchema = z.object({ archiveId: idSchema });
/** An archived PDF as it was delivered; base64 so it crosses every transport unchanged. */
export interface ArchivedPdf {
  id: number;
  fileName: string;
  pdfBase64: string;
  sha256: string;
}

// ---- Printers ----
export interface PrinterInfo {
  name: string;
  displayName: string;
  isDefault: boolean;
  /** What the system says about it, e.g. "idle", "stopped" (data, worded on screen). */
  status: 'idle' | 'printing' | 'stopped' | 'unknown';
}

// ---- Settings: letterhead, page layout, email ----
/** Logos are capped so every document stays small: the limit is named when refused. */
export const LOGO_MAX_BYTES = 512 * 1024;
export const logoMimeTypes = ['image/png', 'image/jpeg', 'image/svg+xml'] as const;
export type LogoMimeType = (typeof logoMimeTypes)[number];

const addressLines = z.object({
  line1: textField('Address line 1', 120).default(''),
  line2: textField('Address line 2', 120).default(''),
  city: textField('City', 80).default(''),
  state: textField('State', 40).default(''),
  postalCode: textField('Postal code', 20).default(''),
  country: textField('Country', 2).default('US'),
});

export const letterheadSchema = z.object({
  legalName: textField('Legal name', 160).default(''),
  address: addressLines.default(addressLines.parse({})),
  phone: textField('Phone', 40).default(''),
  email: z.union([z.literal(''), z.email('Not an email address').max(254)]).default(''),
  website: textField('Website', 200).default(''),
  taxId: textField('Tax id', 40).default(''),
  /** null: payments go to the letterhead address. */
  remitTo: addressLines.nullable().default(null),
  /** How to pay, printed on invoices (e.g. "Checks payable to … · ACH to …"). */
  paymentInstructions: textField('How to pay', 600).default(''),
});
export type Letterhead = z.infer<typeof letterheadSchema>;

/** Position nudges are millimetres, within ±10 mm: a printer's feed is off by a few, never more. */
export const NUDGE_MAX_MM = 10;
export const layoutSchema = z.object({
  paper: z.enum(paperSizes).default('Letter'),
  nudgeXmm: z.number().min(-NUDGE_MAX_MM).max(NUDGE_MAX_MM).default(0),
  nudgeYmm: z.number().min(-NUDGE_MAX_MM).max(NUDGE_MAX_MM).default(0),
  /** Print the return address in the upper window of double-window envelopes. */
  returnAddressWindow: z.boolean().default(true),
  foldMarks: z.boolean().default(true),
});
export type Layout = z.infer<typeof layoutSchema>;

export const smtpSecurity = ['tls', 'starttls', 'none'] as const;
export const smtpSchema = z.object({
  host: textField('SMTP host', 253).default(''),
  port: z.number().int().min(1).max(65535).default(587),
  security: z.enum(smtpSecurity).default('starttls'),
  user: textField('SMTP user', 254).default(''),
  fromAddress: z.union([z.literal(''), z.email('Not an email address').max(254)]).default(''),
  fromName: textField('From name', 120).default(''),
});
export type SmtpSettings = z.infer<typeof smtpSchema>;

/** Merge fields an email subject or body may use: {{name}}; any other is refused when saved. */
export const emailMergeFields = ['companyName', 'accountName', 'accountNumber', 'documentKind', 'documentNumber', 'amountDue', 'dueDate'] as const;
export const emailTemplateSchema = z.object({
  subject: requiredText('Subject', 200),
  body: requiredText('Body', 4000),
});
export type EmailTemplate = z.infer<typeof emailTemplateSchema>;
const statementEmailTemplate: EmailTemplate = {
  subject: 'Statement of account {{accountNumber}} from {{companyName}}',
  body: 'Dear {{accountName}},\n\nPlease find attached your statement ({{documentNumber}}). Amount due: {{amountDue}}, please pay by {{dueDate}}.\n\nThank you,\n{{companyName}}',
};

/**
 * A letter's email: a short note with the letter as its PDF. The subject is the letter's own (merged
 * from its template); this one is used only when a letter has none. An emailed collection letter also
 * carries the opt-out sentence (letters-text.ts), whatever this says.
 */
const letterEmailTemplate: EmailTemplate = {
  subject: 'A letter from {{companyName}} about account {{accountNumber}}',
  body: 'Dear {{accountName}},\n\nPlease find attached a letter about your account {{accountNumber}}.\n\n{{companyName}}',
};

/**
 * The dunning message a statement prints, one per aging bucket (Current first), chosen by the bucket of
 * the oldest open item; a bucket past the end of the list uses the last message.
 */
export const defaultStatementMessages = [
  'Thank you for your business.',
  'Your account has an amount past due. If you have already sent your payment, thank you; if not, please pay the amount due by the date shown.',
  'Your account is more than 30 days past due. Please pay the amount due now, or call us to discuss it.',
  'Your account is more than 60 days past due. Please pay the amount due immediately or call us today.',
  'Your account is seriously past due. Please pay the amount due immediately or call us at once to avoid further collection action.',
  'Your account is seriously past due. Please pay the amount due immediately or call us at once to avoid further collection action.',
];
export const STATEMENT_MESSAGES_MAX = 10;

export const documentSettingsSchema = z.object({
  letterhead: letterheadSchema.default(letterheadSchema.parse({})),
  layout: layoutSchema.default(layoutSchema.parse({})),
  smtp: smtpSchema.default(smtpSchema.parse({})),
  emailTemplates: z
    .object({
      invoice: emailTemplateSchema,
      credit_note: emailTemplateSchema,
      receipt: emailTemplateSchema,
      // A default of its own: templates saved before statements existed keep their other kinds.
      statement: emailTemplateSchema.default(statementEmailTemplate),
      letter: emailTemplateSchema.default(letterEmailTemplate),
    })
    .default({
      invoice: {
        subject: 'Invoice {{documentNumber}} from {{companyName}}',
        body: 'Dear {{accountName}},\n\nPlease find attached invoice {{documentNumber}} for {{amountDue}}, due {{dueDate}}.\n\nThank you,\n{{companyName}}',
      },
      credit_note: {
        subject: 'Credit note {{documentNumber}} from {{companyName}}',
        body: 'Dear {{accountName}},\n\nPlease find attached credit note {{documentNumber}}.\n\nThank you,\n{{companyName}}',
      },
      receipt: {
        subject: 'Receipt {{documentNumber}} from {{companyName}}',
        body: 'Dear {{accountName}},\n\nThank you for your payment. Your receipt {{documentNumber}} is attached.\n\n{{companyName}}',
      },
      statement: statementEmailTemplate,
      letter: letterEmailTemplate,
    }),
  statementMessages: z
    .array(textField('Statement message', 600))
    .min(1, 'At least one statement message')
    .max(STATEMENT_MESSAGES_MAX, `At most ${STATEMENT_MESSAGES_MAX} statement messages`)
    .default(defaultStatementMessages),
});
export type DocumentSettings = z.infer<typeof documentSettingsSchema>;

/** What the screen sees: the SMTP password is never sent back, only whether one is set; the logo as a data URL. */
export interface DocumentSettingsView extends DocumentSettings {
  smtpPasswordSet: boolean;
  logo: { mimeType: LogoMimeType; bytes: number; dataUrl: string } | null;
}

export const documentSettingsUpdateSchema = updateSchema(documentSettingsSchema)
  .extend({
    /** A new password; '' removes it; absent keeps it. Stored in the encrypted store, never returned. */
    smtpPassword: z.string().max(500).optional(),
  })
  .strict();
/**
 * The longest upload the boundary lets through: four times the limit, so that a logo somewhat too large
 * reaches the backend, which refuses it naming its size and the limit; larger ones are refused here.
 */
export const LOGO_UPLOAD_MAX_BASE64 = Math.ceil((4 * LOGO_MAX_BYTES * 4) / 3) + 8;
/** A logo upload: the file's bytes as base64, with its type; refused with the limit when too large. */
export const logoUploadSchema = z.object({
  mimeType: z.enum(logoMimeTypes),
  // Longer is refused at the boundary before parsing (the endpoint's maxText): the screen checks a file's size first.
  base64: z.string().max(LOGO_UPLOAD_MAX_BASE64),
});
export const sendTestEmailSchema = z.object({ to: z.email('Not an email address').max(254) });
