import { m001Foundation } from './001-foundation';
import { m002Receivables } from './002-receivables';
import { m003Imports } from './003-imports';
import { m004CollectionsContact } from './004-collections-contact';
import { m005CollectionsPolicy } from './005-collections-policy';
import { m006ContactIds } from './006-contact-ids';
import { m007AgingAccountKind } from './007-aging-account-kind';
import { m008InconvenientTimeContact } from './008-inconvenient-time-contact';
import { m009AllocationSource } from './009-allocation-source';
import { m010DocumentArchive } from './010-document-archive';
import { m011InvoiceShipTo } from './011-invoice-ship-to';
import { m012LetterTemplates } from './012-letter-templates';
import { m013ArchiveStatements } from './013-archive-statements';
import { m014Letters } from './014-letters';
import { m015LetterRuns } from './015-letter-runs';
import { m016StatementRuns } from './016-statement-runs';
import { m017DocumentPostedDate } from './017-document-posted-date';
import { m018EvaluationRuns } from './018-evaluation-runs';
import { m019AccountPhoneRuns } from './019-account-phone-runs';
import { m020AuditLogFilters } from './020-audit-log-filters';
import { m022ImportKinds } from './022-import-kinds';
import { m025AgingCreditIndexes } from './025-aging-credit-indexes';
import { m028BankStatements } from './028-bank-statements';
import { m029Reconciliation } from './029-reconciliation';
import { m030PaymentReturns } from './030-payment-returns';
import { m031ArchiveOfficeDocuments } from './031-archive-office-documents';
import { m026BankAccounts } from './026-bank-accounts';
import { m027Deposits } from './027-deposits';
import type { Migration } from './types';

/** The ordered, static list (main is bundled, so never a directory scan). Append only. */
export const migrations: readonly Migration[] = [
  m001Foundation,
  m002Receivables,
  m003Imports,
  m004CollectionsContact,
  m005CollectionsPolicy,
  m006ContactIds,
  m007AgingAccountKind,
  m008InconvenientTimeContact,
  m009AllocationSource,
  m010DocumentArchive,
  m011InvoiceShipTo,
  m012LetterTemplates,
  m013ArchiveStatements,
  m014Letters,
  m015LetterRuns,
  m016StatementRuns,
  m017DocumentPostedDate,
  m018EvaluationRuns,
  m019AccountPhoneRuns,
  m020AuditLogFilters,
  m022ImportKinds,
  m025AgingCreditIndexes,
  m026BankAccounts,
  m027Deposits,
  m028BankStatements,
  m029Reconciliation,
  m030PaymentReturns,
  m031ArchiveOfficeDocuments,
];
export type { Migration };
