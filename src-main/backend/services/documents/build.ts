import type { AccountDetail } from '@shared/domain/accounts';
import type {
  emailMergeFields,
  BuiltDocument,
  DeliveryChannel,
  DocumentSettings,
  OutputKind,
  OutputProblem,
  OfficeOutputKind,
  OutputRef,
  PaperSize,
} from '@shared/domain/documents';
import { isOfficeKind } from '@shared/domain/documents';
import { formatDate } from '@shared/dates';
import { formatMoney } from '@shared/money';
import { DomainError, invalid } from '../../errors';
import type { Services } from '../index';
import { attentionOf, billingEmailOf, mailability, mailingAddressOf, recipientLines } from './address';
import type { DocContext } from './common';
import { zonesFor } from './envelope';
import type { Html } from './html';
import { calibrationBody, calibrationCss } from './kinds/calibration';
import { creditNoteBody, creditNoteCss } from './kinds/credit-note';
import { depositSlipBody } from './kinds/deposit-slip';
import { discrepancyReportBody, discrepancyReportCss, discrepancyReportNumber } from './kinds/discrepancy-report';
import { invoiceBody, invoiceCss } from './kinds/invoice';
import { receiptBody, receiptCss } from './kinds/receipt';
import { letterBody, letterCss } from './kinds/letter';
import { statementBody, statementCss } from './kinds/statement';
import { loadLetterFacts, type LetterFacts, type LetterMaking } from './letter-facts';
import { loadStatementFacts, statementNumber } from './statement-facts';
import { senderOf } from './letterhead';
import { documentStyle as pageStyle, frameOf, wrapPage } from './page';

/**
 * THE way a document is made (docs/document-layout.md): facts from the same service queries the screens use
 * (invoices.get, ledger.document, payments.receipt, accounts.get), a template per kind (kinds/), the
 * page shell (page.ts). A new kind is one facts loader here and one template in kinds/.
 */

export interface BuildOptions {
  channel: DeliveryChannel;
  /** The document has left before: this one says COPY. */
  copy: boolean;
  settings: DocumentSettings;
  logo: { mimeType: string; dataUrl: string } | null;
  companyName: string;
  /** The office's time zone: an instant printed on a document (a reconciliation finished at) is the office's time (jobs always give it). */
  timeZone?: string;
  /**
   * Email only: the address the caller sends to instead of the account's billing email (one document,
   * typed by the clerk). With it an account without an email is no NO_EMAIL problem.
   */
  emailTo?: string;
  /**
   * documents.preview: an address or email problem does not stop the page from being built; it is
   * answered beside it (Built.warnings), so the clerk sees the page and why it cannot go yet.
   */
  preview?: boolean;
  /** Letters only: the business date and who makes the letter (it is signed with their name). */
  letter?: LetterMaking;
}

type EmailValues = Record<(typeof emailMergeFields)[number], string>;

export type Built =
  | { ok: true; document: BuiltDocument; email: { to: string | null; values: EmailValues }; warnings?: OutputProblem[]; letter?: LetterFacts }
  | { ok: false; problem: OutputProblem };

/** The stylesheet every document of a job shares (PreparedJob.style): the page and every kind. */
export function documentStyle(paper: PaperSize): string {
  return pageStyle(paper, [invoiceCss, creditNoteCss, receiptCss, calibrationCss, statementCss, letterCss, discrepancyReportCss]);
}

const kindWords: Record<OutputKind, string> = {
  invoice: 'Invoice',
  credit_note: 'Credit note',
  receipt: 'Receipt',
  calibration: 'Envelope calibration',
  statement: 'Statement',
  letter: 'Letter',
  deposit_slip: 'Deposit slip',
  discrepancy_report: 'Discrepancy report',
};

/** "Invoice INV-000123.pdf": letters, digits, space, dot, dash and underscore only. */
export function fileNameOf(kind: OutputKind, number: string | null): string {
  const base = number ? `${kindWords[kind]} ${number}` : kindWords[kind];
  return `${base.replace(/[^A-Za-z0-9 ._-]+/g, '-').slice(0, 120)}.pdf`;
}

/** What a kind's loader hands the shared assembly. */
interface Facts {
  number: string;
  account: AccountDetail;
  accountName: string;
  /** The ledger document shown; null for a statement (it shows the account). */
  sourceDocumentId: number | null;
  amountDue: string;
  dueDate: string;
  render: (ctx: DocContext) => Html;
  /** A letter: its template version, text and missing fields (jobs gate and record it). */
  letter?: LetterFacts;
}

type Loaded = { ok: true; facts: Facts } | { ok: false; code: 'NOT_FOUND' | 'NOT_POSTED'; number: string | null; accountName: string | null };

const notFound: Loaded = { ok: false, code: 'NOT_FOUND', number: null, accountName: null };

/** A service's "not found" (an unknown id, or a document of another kind) is a problem to list, not a failure of the job. */
async function orNotFound<T>(load: () => Promise<T>): Promise<T | null> {
  try {
    return await load();
  } catch (err) {
    if (err instanceof DomainError && err.code === 'NOT_FOUND') return null;
    throw err;
  }
}

type OfficeBuilt = { ok: true; number: string | null; body: Html } | { ok: false; number: null };
type OfficeRef = Extract<OutputRef, { kind: OfficeOutputKind }>;
const isOfficeRef = (ref: OutputRef): ref is OfficeRef => isOfficeKind(ref.kind);

/** The office's own documents: built from the screen's own query, with no recipient; an unknown id is NOT_FOUND. */
async function buildOffice(services: Services, ref: OfficeRef, opts: BuildOptions): Promise<OfficeBuilt> {
  const ctx = context(opts, []);
  switch (ref.kind) {
    case 'calibration':
      return { ok: true, number: null, body: calibrationBody(opts.settings.layout, ctx) };
    case 'deposit_slip': {
      const deposit = await orNotFound(() => services.deposits.get(ref.depositId));
      if (!deposit) return { ok: false, number: null };
      return { ok: true, number: deposit.number, body: depositSlipBody({ deposit, preparer: deposit.createdBy }, ctx) };
    }
    case 'discrepancy_report': {
      const view = await orNotFound(() => services.reconciliation.get(ref.reconciliationId));
      if (!view) return { ok: false, number: null };
      return { ok: true, number: discrepancyReportNumber(view), body: discrepancyReportBody({ view, timeZone: opts.timeZone }, ctx) };
    }
  }
}

async function load(services: Services, ref: Exclude<OutputRef, OfficeRef>, opts: BuildOptions): Promise<Loaded> {
  const settings = opts.settings;
  switch (ref.kind) {
    case 'letter': {
      if (!opts.letter) throw new Error('A letter is built with its making (the business date and the user signing it).');
      const making = opts.letter;
      const l = await orNotFound(() => loadLetterFacts(services, ref, making, { letterhead: settings.letterhead, companyName: opts.companyName }));
      if (!l) return notFound;
      // Its number is its template's name: the archive, the timeline and the file name say which letter it was.
      return {
        ok: true,
        facts: {
          number: l.templateName,
          account: l.account,
          accountName: l.account.name,
          sourceDocumentId: null,
          amountDue: formatMoney(l.amountPastDueCents),
          dueDate: formatDate(l.payByDate),
          letter: l,
          render: (ctx) =>
            letterBody(
              {
                date: l.today,
                accountNumber: l.account.accountNumber,
                subject: l.subject,
                bodyHtml: l.bodyHtml,
                payByDate: l.purpose === 'collection' ? l.payByDate : null,
                signer: l.signer,
              },
              ctx,
            ),
        },
      };
    }
    case 'statement': {
      if (ref.from !== undefined && ref.from > ref.asOf)
        throw invalid(`from: the period starts ${ref.from}, after the statement date ${ref.asOf}.`, [{ path: 'from', message: 'after asOf' }]);
      const account = await orNotFound(() => services.accounts.get(ref.accountId));
      if (!account) return notFound;
      const s = await loadStatementFacts(services, ref, settings.statementMessages);
      return {
        ok: true,
        facts: {
          number: statementNumber(account.accountNumber, ref.asOf),
          account,
          accountName: account.name,
          sourceDocumentId: null,
          amountDue: formatMoney(s.amountDueCents),
          dueDate: s.payBy ? formatDate(s.payBy) : '',
          render: (ctx) => statementBody(s, ctx),
        },
      };
    }
    case 'invoice': {
      const invoice = await orNotFound(() => services.invoices.get(ref.documentId));
      if (!invoice) return notFound;
      if (invoice.status !== 'posted') return { ok: false, code: 'NOT_POSTED', number: invoice.number, accountName: invoice.accountName };
      const account = await services.accounts.get(invoice.accountId);
      return {
        ok: true,
        facts: {
          number: invoice.number ?? '',
          account,
          accountName: invoice.accountName,
          sourceDocumentId: invoice.id,
          amountDue: formatMoney(invoice.openCents),
          dueDate: formatDate(invoice.dueDate),
          render: (ctx) => invoiceBody({ invoice, account }, ctx),
        },
      };
    }
    case 'credit_note': {
      const note = await orNotFound(() => services.ledger.document(ref.documentId));
      if (note?.kind !== 'credit_note') return notFound;
      if (note.status !== 'posted') return { ok: false, code: 'NOT_POSTED', number: note.number, accountName: note.accountName };
      const invoice = note.relatedDocument?.kind === 'invoice' ? await services.invoices.get(note.relatedDocument.id) : null;
      const lines = await services.invoices.creditNoteLines(note.id);
      const account = await services.accounts.get(note.accountId);
      return {
        ok: true,
        facts: {
          number: note.number ?? '',
          account,
          accountName: note.accountName,
          sourceDocumentId: note.id,
          // What is still open on the invoice it credits (none: nothing is due by this note).
          amountDue: formatMoney(invoice?.openCents ?? 0),
          dueDate: invoice ? formatDate(invoice.dueDate) : '',
          render: (ctx) => creditNoteBody({ note, lines, invoice, account }, ctx),
        },
      };
    }
    case 'receipt': {
      const receipt = await orNotFound(() => services.payments.receipt(ref.documentId));
      if (!receipt) return notFound;
      const account = await services.accounts.get(receipt.accountId);
      return {
        ok: true,
        facts: {
          number: receipt.receiptNumber,
          account,
          accountName: receipt.accountName,
          sourceDocumentId: receipt.paymentId,
          // What the account still owes once this payment was in (a credit balance owes nothing).
          amountDue: formatMoney(Math.max(0, receipt.balanceAfterCents)),
          dueDate: '',
          render: (ctx) => receiptBody({ receipt, account }, ctx),
        },
      };
    }
  }
}

const NO_ADDRESS = { line1: '', line2: '', city: '', state: '', postalCode: '', country: 'US' };

function context(opts: BuildOptions, recipient: string[]): DocContext {
  const { layout, letterhead } = opts.settings;
  return {
    paper: layout.paper,
    layout,
    zones: zonesFor(layout.paper, { xMm: layout.nudgeXmm, yMm: layout.nudgeYmm }),
    frame: frameOf(layout.paper),
    sender: senderOf(letterhead, opts.companyName, opts.logo),
    letterhead,
    copy: opts.copy,
    recipient,
  };
}

function finish(
  ref: OutputRef,
  kind: OutputKind,
  number: string | null,
  accountId: number | null,
  sourceDocumentId: number | null,
  body: Html,
  opts: BuildOptions,
): BuiltDocument {
  const title = number ? `${kindWords[kind]} ${number}` : kindWords[kind];
  return {
    ref,
    kind,
    number,
    accountId,
    sourceDocumentId,
    copy: opts.copy,
    fileName: fileNameOf(kind, number),
    html: wrapPage(documentStyle(opts.settings.layout.paper), body.value, title),
    body: body.value,
  };
}

/**
 * Build one document for a channel. Print and PDF need an address a letter can reach (else
 * NO_ADDRESS or PARTIAL_ADDRESS with the missing fields); email needs an email address (NO_EMAIL). A
 * draft invoice is NOT_POSTED; an unknown id, or an id of another kind, NOT_FOUND.
 */
export async function buildDocument(services: Services, ref: OutputRef, opts: BuildOptions): Promise<Built> {
  const values = (v: Partial<EmailValues>): EmailValues => ({
    companyName: opts.companyName,
    accountName: '',
    accountNumber: '',
    documentKind: kindWords[ref.kind],
    documentNumber: '',
    amountDue: '',
    dueDate: '',
    ...v,
  });
  if (isOfficeRef(ref)) {
    const office = await buildOffice(services, ref, opts);
    if (!office.ok) return { ok: false, problem: { ref, number: null, accountName: null, code: 'NOT_FOUND', missing: [] } };
    return {
      ok: true,
      document: finish(ref, ref.kind, office.number, null, null, office.body, opts),
      email: { to: null, values: values({ documentNumber: office.number ?? '' }) },
    };
  }
  const loaded = await load(services, ref, opts);
  if (!loaded.ok) return { ok: false, problem: { ref, number: loaded.number, accountName: loaded.accountName, code: loaded.code, missing: [] } };
  const f = loaded.facts;
  const problem = (code: OutputProblem['code'], missing: string[]): Built => ({
    ok: false,
    problem: { ref, number: f.number, accountName: f.accountName, code, missing },
  });
  const address = mailingAddressOf(f.account);
  const mail = mailability(address);
  const to = opts.emailTo ?? billingEmailOf(f.account);
  const warnings: OutputProblem[] = [];
  const unfit = opts.channel === 'email' ? (to ? null : problem('NO_EMAIL', ['email'])) : mail.ok ? null : problem(mail.code, mail.missing);
  // A letter's own gates (compliance, nothing due, a field with no value: letters.ts) are the job's to apply.
  if (unfit && !unfit.ok) {
    if (!opts.preview) return unfit;
    warnings.push(unfit.problem);
  }
  // An emailed document to an account with no usable address still names the account in the window.
  const recipient = mail.ok ? recipientLines(f.account.name, address, attentionOf(f.account)) : recipientLines(f.account.name, NO_ADDRESS, null);
  const body = f.render(context(opts, recipient));
  return {
    ok: true,
    document: finish(ref, ref.kind, f.number, f.account.id, f.sourceDocumentId, body, opts),
    email: {
      to,
      values: values({
        accountName: f.accountName,
        accountNumber: f.account.accountNumber,
        documentNumber: f.number,
        amountDue: f.amountDue,
        dueDate: f.dueDate,
      }),
    },
    ...(warnings.length ? { warnings } : {}),
    ...(f.letter ? { letter: f.letter } : {}),
  };
}
