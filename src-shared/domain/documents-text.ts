import { formatDate } from '../dates';
import { formatMoney } from '../money';
import type { ErrorCode } from '../ipc/result';
import { ruleLabels } from './collections';
import type {
  ArchivedDocument,
  DeliveryChannel,
  DeliveryOutcome,
  DuplexMode,
  OutputKind,
  OutputProblem,
  OutputProblemCode,
  PaperSize,
  PrinterInfo,
  emailMergeFields,
  smtpSecurity,
} from './documents';
import { isLetterField, letterFields } from './letters';

/**
 * The words for the documents codes the backend and the shell send (kinds, channels, problems, error
 * codes, printer states): one place, used by the screens and by tests. Nothing here says "sent" unless
 * the outcome says delivered.
 */

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export const outputKindLabels: Record<OutputKind, string> = {
  invoice: 'Invoice',
  credit_note: 'Credit note',
  receipt: 'Receipt',
  calibration: 'Calibration page',
  statement: 'Statement',
  letter: 'Letter',
  deposit_slip: 'Deposit slip',
  discrepancy_report: 'Discrepancy report',
};

/** What a remembered print choice applies to ("remembered for invoices"). */
export const outputKindPlurals: Record<OutputKind, string> = {
  invoice: 'invoices',
  credit_note: 'credit notes',
  receipt: 'receipts',
  calibration: 'the calibration page',
  statement: 'statements',
  letter: 'letters',
  deposit_slip: 'deposit slips',
  discrepancy_report: 'discrepancy reports',
};

export const paperLabels: Record<PaperSize, string> = { Letter: 'Letter (8.5 × 11 in)', A4: 'A4 (210 × 297 mm)' };

export const duplexLabels: Record<DuplexMode, string> = {
  simplex: 'One-sided',
  longEdge: 'Two-sided, long edge',
  shortEdge: 'Two-sided, short edge',
};

export const printerStatusLabels: Record<PrinterInfo['status'], string> = {
  idle: 'Ready',
  printing: 'Printing',
  stopped: 'Stopped',
  unknown: 'Status unknown',
};

export const smtpSecurityLabels: Record<(typeof smtpSecurity)[number], string> = {
  tls: 'TLS (usually port 465)',
  starttls: 'STARTTLS (usually port 587)',
  none: 'None (not encrypted)',
};

export const mergeFieldLabels: Record<(typeof emailMergeFields)[number], string> = {
  companyName: 'Company name',
  accountName: 'Account name',
  accountNumber: 'Account number',
  documentKind: 'Document kind',
  documentNumber: 'Document number',
  amountDue: 'Amount due',
  dueDate: 'Due date',
};

/** Address fields as the problems name them (OutputProblem.missing). */
const addressFieldWords: Record<string, string> = {
  line1: 'street address',
  line2: 'second address line',
  city: 'city',
  state: 'state',
  postalCode: 'postal code',
  country: 'country',
};

const problemWords: Record<OutputProblemCode, string> = {
  NO_ADDRESS: 'No mailing address on the account',
  PARTIAL_ADDRESS: 'The address is incomplete',
  NO_EMAIL: 'No email address on the account',
  NOT_POSTED: 'Not posted yet',
  NOT_FOUND: 'The document was not found',
  SEND_FAILED: 'The email was not delivered',
  BLOCKED: 'A compliance rule blocks this letter',
  NOTHING_DUE: 'Nothing is past due on the account now',
  MISSING_FIELD: 'The letter has no value for',
  ALREADY_SENT: 'This run already sent the account its letter',
  NO_EMAIL_CONSENT: 'The account has not asked for letters by email',
};

/** What a problem's list row says about the document, e.g. "Invoice INV-000123 · Acme Dental". */
export function problemDocument(p: OutputProblem): string {
  const what = `${outputKindLabels[p.ref.kind]}${p.number ? ` ${p.number}` : ''}`;
  return p.accountName ? `${what} · ${p.accountName}` : what;
}

const listOf = (words: string[]) => (words.length === 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`);

/** Why it did not go: "The address is incomplete: missing postal code and city". */
export function problemText(p: OutputProblem): string {
  const base = problemWords[p.code];
  if (p.code === 'SEND_FAILED' && p.detail) {
    const title = errorTitles[p.detail.code as ErrorCode];
    return `${base}: ${title ?? p.detail.code}${p.detail.message ? ` (${p.detail.message})` : ''}`;
  }
  if (p.code === 'BLOCKED' && p.blocks?.length) return `${base}: ${p.blocks.map((b) => `${ruleLabels[b.rule]} (${b.citation})`).join('; ')}`;
  if (p.missing.length === 0) return base;
  if (p.code === 'MISSING_FIELD') return `${base} ${listOf(p.missing.map((f) => (isLetterField(f) ? letterFields[f].label.toLowerCase() : f)))}`;
  return `${base}: missing ${listOf(p.missing.map((f) => addressFieldWords[f] ?? f))}`;
}

/** The heading of the problems list: what could not happen to these documents. */
export const problemsTitle = (channel: DeliveryChannel) =>
  channel === 'email' ? 'Cannot be emailed' : channel === 'print' ? 'Cannot be mailed' : 'Cannot be saved';

/** Titles of the errors a print, save or email run can end with (the backend's message gives the detail). */
export const errorTitles: Partial<Record<ErrorCode, string>> = {
  PRINTER_NOT_FOUND: 'That printer is not on this computer',
  PRINTER_STOPPED: 'The printer is stopped or not accepting jobs',
  PRINT_REFUSED: 'The print system refused the job',
  RENDER_FAILED: 'The documents could not be turned into a PDF',
  CANCELLED: 'Cancelled: nothing was printed, saved or emailed',
  EMAIL_NOT_SET_UP: 'Email is not set up (Settings › Documents)',
  EMAIL_AUTH: 'The mail server refused the user name or password',
  EMAIL_TLS: 'A secure connection to the mail server could not be made',
  EMAIL_CONNECTION: 'The mail server could not be reached',
  EMAIL_RECIPIENT: 'The mail server refused the recipient address',
  EMAIL_FAILED: 'The mail server refused the message',
  FORBIDDEN: 'Your role may not do this',
};

/** "Printed 3 documents on Front desk (6 pages)", "Saved to Invoice INV-1.pdf", "Emailed to a@b.com". */
export function outcomeText(o: DeliveryOutcome): { title: string; message: string } {
  if (o.cancelled) return { title: 'Nothing left', message: 'The dialog was closed; nothing was printed, saved or emailed.' };
  const docs = plural(o.delivered, 'document');
  if (o.delivered === 0) {
    const none = { print: 'Nothing was printed', pdf: 'Nothing was saved', email: 'Nothing was emailed' }[o.channel];
    return { title: none, message: o.problems.length ? `${plural(o.problems.length, 'document')} could not go; see the list.` : '' };
  }
  const where = o.destination ?? '';
  switch (o.channel) {
    case 'print':
      return { title: `Printed ${docs}`, message: `${where ? `On ${where}` : 'Through the system print dialog'} · ${plural(o.pages, 'page')}` };
    case 'pdf':
      return { title: `Saved ${docs} as PDF`, message: where ? `Saved to ${where}` : 'Saved' };
    case 'email':
      return { title: `Emailed ${docs}`, message: where ? `Delivered to the mail server for ${where}` : 'Delivered to the mail server' };
  }
}

/** How an archived document left: "Printed on Front desk", "Saved as PDF (Invoice INV-1.pdf)", "Emailed to a@b.com". */
export function archiveChannelText(a: Pick<ArchivedDocument, 'channel' | 'destination'>): string {
  switch (a.channel) {
    case 'print':
      return a.destination ? `Printed on ${a.destination}` : 'Printed';
    case 'pdf':
      return a.destination ? `Saved as PDF (${fileNameOf(a.destination)})` : 'Saved as PDF';
    case 'email':
      return a.destination ? `Emailed to ${a.destination}` : 'Emailed';
  }
}

/** The last part of a path written on any OS (the list shows the file; the whole path is its tooltip). */
export const fileNameOf = (p: string) => p.split(/[\\/]/).pop() || p;

/** "Invoice INV-000123" for lists and the timeline; a letter's number is its template's name: "Letter: Final demand". */
export const archiveTitle = (a: Pick<ArchivedDocument, 'kind' | 'number' | 'copy'>) =>
  `${outputKindLabels[a.kind]}${a.number ? `${a.kind === 'letter' ? ':' : ''} ${a.number}` : ''}${a.copy ? ' (copy)' : ''}`;

/** A merge field as it is written in a template. */
export const mergeToken = (field: (typeof emailMergeFields)[number]) => `{{${field}}}`;

/** A sample of what a merge field becomes, shown next to the picker. */
export const mergeFieldSample: Record<(typeof emailMergeFields)[number], string> = {
  companyName: 'Riverside Family Medicine',
  accountName: 'Lakeshore Family Practice',
  accountNumber: 'C-2004',
  documentKind: 'invoice',
  documentNumber: 'INV-000123',
  amountDue: formatMoney(125000),
  dueDate: formatDate('2026-12-31'),
};
