import { z } from 'zod';
import type { ComplianceCheck } from './collections';
import { idSchema, isoDateSchema, requiredText } from './text';

/**
 * Past-due letters (docs/letters.md): the template library's purposes, merge fields and contracts.
 * `collection` letters ask for payment; `cease_permitted` are the two notices a cease-communication
 * request still permits; `confirmation` confirms a promise or plan; `validation_notice` is the
 * optional Model Form B-1 layout for offices that collect as third parties.
 */
export const letterPurposes = ['collection', 'cease_permitted', 'confirmation', 'validation_notice'] as const;
export type LetterPurpose = (typeof letterPurposes)[number];

/**
 * How a field's value is given and printed: `text` as written (escaped), `money` integer cents,
 * `date` ISO YYYY-MM-DD, `lines` text lines joined by line breaks (an address), `openItems` and
 * `aging` rows printed as a table.
 */
export type LetterFieldKind = 'text' | 'money' | 'date' | 'lines' | 'openItems' | 'aging';

export interface LetterFieldSpec {
  kind: LetterFieldKind;
  /** Words for the field picker. */
  label: string;
  /** What the field is filled with when a letter is made. */
  fills: string;
  /** Printed when the value is missing; null: a missing value puts the account on the exceptions list. */
  fallback: string | null;
}

/** Every merge field a letter template may name as {{field}}: the one list. */
export const letterFields = {
  accountName: { kind: 'text', label: 'Account name', fills: "The account's name as on the account.", fallback: null },
  accountNumber: { kind: 'text', label: 'Account number', fills: "The account's number.", fallback: null },
  contactName: {
    kind: 'text',
    label: 'Contact name',
    fills: "The billing contact's name; a consumer without one is addressed by the account name, a business without one as “customer” (Dear customer).",
    fallback: 'customer',
  },
  mailingAddress: { kind: 'lines', label: 'Mailing address', fills: "The account's billing address, one line per line.", fallback: null },
  today: { kind: 'date', label: "Today's date", fills: 'The date the letter is made, in the office time zone.', fallback: null },
  amountPastDue: { kind: 'money', label: 'Amount past due', fills: 'The sum of open balances past their due date.', fallback: null },
  totalDue: { kind: 'money', label: 'Total due', fills: "The account's whole open balance, past due or not.", fallback: null },
  oldestDueDate: { kind: 'date', label: 'Oldest due date', fills: 'The due date of the oldest open item past due.', fallback: null },
  openItems: {
    kind: 'openItems',
    label: 'Open items table',
    fills: 'A table of open invoices and charges: number, date, due date, amount, balance, days past due.',
    fallback: null,
  },
  agingBuckets: { kind: 'aging', label: 'Aging buckets', fills: 'A table of the open balance by aging bucket (Current, 1–30 days, …).', fallback: null },
  lateFees: { kind: 'money', label: 'Late fees', fills: 'Late fees posted and still open on the account.', fallback: null },
  promiseAmount: { kind: 'money', label: 'Promised amount', fills: 'The amount of the open promise to pay.', fallback: null },
  promiseDate: { kind: 'date', label: 'Promised date', fills: 'The date the open promise to pay is due.', fallback: null },
  planSummary: { kind: 'text', label: 'Plan details', fills: 'The payment plan in words: installments, amount and frequency.', fallback: null },
  nextInstallmentAmount: { kind: 'money', label: 'Next installment amount', fills: "The plan's next unpaid installment amount.", fallback: null },
  nextInstallmentDate: { kind: 'date', label: 'Next installment date', fills: "The plan's next unpaid installment due date.", fallback: null },
  payByDate: { kind: 'date', label: 'Pay-by date', fills: 'The date the letter asks payment by (chosen when the letters are made).', fallback: null },
  clerkName: { kind: 'text', label: 'Clerk name', fills: 'The name of the user who makes the letters.', fallback: null },
  clerkTitle: { kind: 'text', label: 'Clerk title', fills: "The clerk's title; without one, “Accounts Receivable”.", fallback: 'Accounts Receivable' },
  supervisorName: { kind: 'text', label: 'Supervisor name', fills: 'The supervisor named for escalations.', fallback: null },
  companyName: { kind: 'text', label: 'Company name', fills: 'The company name from the letterhead settings.', fallback: null },
  companyAddress: { kind: 'lines', label: 'Company address', fills: 'The company address from the letterhead settings.', fallback: null },
  companyPhone: { kind: 'text', label: 'Company phone', fills: 'The company phone from the letterhead settings.', fallback: null },
  // The validation notice (Regulation F, 12 CFR 1006.34), for offices that collect as third parties.
  creditorName: { kind: 'text', label: 'Creditor', fills: 'The creditor the debt is owed to now (the office’s client).', fallback: null },
  itemizationDate: {
    kind: 'date',
    label: 'Itemization date',
    fills: 'The itemization date chosen under 1006.34(b)(3) (e.g. the last statement date).',
    fallback: null,
  },
  itemizationAmount: { kind: 'money', label: 'Amount on the itemization date', fills: 'What was owed on the itemization date.', fallback: null },
  interestSinceItemization: { kind: 'money', label: 'Interest since itemization', fills: 'Interest charged since the itemization date.', fallback: null },
  feesSinceItemization: { kind: 'money', label: 'Fees since itemization', fills: 'Fees charged since the itemization date.', fallback: null },
  paymentsSinceItemization: { kind: 'money', label: 'Payments since itemization', fills: 'Payments received since the itemization date.', fallback: null },
  creditsSinceItemization: { kind: 'money', label: 'Credits since itemization', fills: 'Credits applied since the itemization date.', fallback: null },
  validationEndDate: { kind: 'date', label: 'Dispute-by date', fills: 'The end of the validation period (1006.34(b)(5)).', fallback: null },
} as const satisfies Record<string, LetterFieldSpec>;

export type LetterField = keyof typeof letterFields;
export const letterFieldNames = Object.keys(letterFields) as LetterField[];
export const isLetterField = (name: string): name is LetterField => Object.hasOwn(letterFields, name);

/** One open item of the open-items table. */
export interface LetterOpenItem {
  number: string;
  date: string;
  dueDate: string | null;
  amountCents: number;
  balanceCents: number;
  daysPastDue: number;
}
/** One aging bucket of the aging table. */
export interface LetterAgingBucket {
  label: string;
  balanceCents: number;
}

type ValueOf<K extends LetterFieldKind> = K extends 'money'
  ? number
  : K extends 'lines'
    ? readonly string[]
    : K extends 'openItems'
      ? readonly LetterOpenItem[]
      : K extends 'aging'
        ? readonly LetterAgingBucket[]
        : string;

/** What a letter is filled with: any field may be absent (null, empty text, no lines, no rows). */
export type LetterValues = { [F in LetterField]?: ValueOf<(typeof letterFields)[F]['kind']> | null };

/** `{{ name }}`: the name between double braces, spaces around it allowed (as in email templates). */
export const letterFieldPattern = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The fields a text names that do not exist, each once, in order of appearance. */
export function unknownLetterFields(text: string): string[] {
  const unknown = [...text.matchAll(letterFieldPattern)].map((m) => m[1] ?? '').filter((name) => !isLetterField(name));
  return [...new Set(unknown)];
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}

/** The known field closest to a misspelt one (case ignored), or null when none is near. */
export function closestLetterField(name: string): LetterField | null {
  const lower = name.toLowerCase();
  let best: { field: LetterField; d: number } | null = null;
  for (const field of letterFieldNames) {
    const d = editDistance(lower, field.toLowerCase());
    if (!best || d < best.d) best = { field, d };
  }
  return best && best.d <= Math.max(2, Math.floor(name.length / 3)) ? best.field : null;
}

export const LETTER_BODY_MAX = 60_000;
export const templateKeySchema = z
  .string()
  .trim()
  .max(64, 'Template key must be at most 64 characters')
  .regex(/^[a-z][a-z0-9-]{0,63}$/, 'Template key must be lowercase letters, digits and dashes, starting with a letter');

/** Save a template: a new template (no templateId) or a new version of one. Never an edit of a version. */
export const letterTemplateSaveSchema = z.object({
  templateId: idSchema.optional(),
  /** Only for a new template. */
  key: templateKeySchema.optional(),
  name: requiredText('Name', 120),
  purpose: z.enum(letterPurposes),
  subject: requiredText('Subject', 200),
  bodyHtml: z.string().max(LETTER_BODY_MAX, `Body must be at most ${LETTER_BODY_MAX} characters`),
});
export type LetterTemplateSave = z.infer<typeof letterTemplateSaveSchema>;

export interface LetterTemplateSummary {
  id: number;
  key: string;
  name: string;
  purpose: LetterPurpose;
  active: boolean;
  currentVersion: number;
  updatedAt: string;
}
export interface LetterTemplateVersion {
  version: number;
  subject: string;
  bodyHtml: string;
  createdAt: string;
  createdBy: string | null;
}
export interface LetterTemplateDetail extends Omit<LetterTemplateSummary, 'updatedAt' | 'currentVersion'> {
  currentVersion: number;
  /** Newest first. */
  versions: LetterTemplateVersion[];
}
/** What a save did: the version it made and what sanitizing removed (words, one per removal). */
export interface LetterTemplateSaved {
  templateId: number;
  version: number;
  removed: string[];
}

// ---- Composing one letter (docs/letters.md, Composing a letter) ----

/** letters.compose: a template merged with one account's figures, ready to edit. */
export const letterComposeSchema = z.object({
  accountId: idSchema,
  templateId: idSchema,
  /** Default: the template's current version. */
  version: z.number().int().min(1).optional(),
  /** Default: LETTER_PAY_BY_DAYS after today. */
  payByDate: isoDateSchema.optional(),
});
export type LetterCompose = z.infer<typeof letterComposeSchema>;

/** What letters.compose answers: the merged wording and what would stop the letter. */
export interface ComposedLetter {
  templateId: number;
  templateName: string;
  version: number;
  purpose: LetterPurpose;
  /** Merged, plain text (an email's subject; the letter's subject line). */
  subject: string;
  /** Merged HTML of the letter's body, ready for the editor (the page prints the date, the address and the signature itself). */
  bodyHtml: string;
  payByDate: string;
  /** Fields with no value and no fallback: the letter cannot go out until the text no longer needs them. */
  missing: LetterField[];
  /** The compliance check for this purpose on this account now. */
  check: ComplianceCheck;
  /** A collection letter for an account with nothing past due (NOTHING_DUE when it is sent). */
  nothingDue: boolean;
  /** The account asked for letters by email (else emailing it is NO_EMAIL_CONSENT). */
  lettersByEmail: boolean;
}

/** Whether an account asked for its letters by email (set on its Documents tab). */
export interface LetterDeliveryPreference {
  accountId: number;
  lettersByEmail: boolean;
  updatedAt: string | null;
  updatedBy: string | null;
}
export const letterDeliverySetSchema = z.object({ accountId: idSchema, lettersByEmail: z.boolean() });
