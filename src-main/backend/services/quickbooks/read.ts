import type { Queryable } from '../../context';
import { invalid } from '../../errors';
import { readSheet, type SheetData } from '../imports/read';
import { parseIif } from './iif';
import { iifAccounts, iifCustomerNames, iifInvoices } from './read-iif';
import { allRows, customerList, openInvoices, openInvoicesNames } from './read-reports';
import { accountNumbersByName } from './names';

/** An IIF file: named .iif, or its first non-blank character is the "!" of a header line. */
function isIif(fileName: string, bytes: Buffer): boolean {
  if (/\.iif$/i.test(fileName)) return true;
  const head = bytes
    .subarray(0, 64)
    .toString('latin1')
    .replace(/^\ufeff|^\xef\xbb\xbf/, '')
    .trimStart();
  return head.startsWith('!');
}

/**
 * A QuickBooks Desktop export converted to the canonical columns of an import kind, BEFORE the imports
 * pipeline checks and posts it (so every row check, the all-or-nothing post and the import keys are the
 * same as for any file). Rows keep their line in the QuickBooks file; the converter's own errors name the
 * QuickBooks column. What each kind takes (docs/quickbooks.md):
 * - accounts: an IIF file's !CUST records, or the Customer List export (CSV or Excel);
 * - invoices: an IIF file's INVOICE transactions;
 * - open_items: the Open Invoices report (CSV or Excel).
 */
export async function readQuickBooksSheet(db: Queryable, kind: string, fileName: string, bytes: Buffer): Promise<SheetData> {
  if (isIif(fileName, bytes)) {
    if (kind !== 'accounts' && kind !== 'invoices')
      throw invalid(
        `A QuickBooks IIF file imports as accounts (its customers) or invoices; for ${kind.replace(/_/g, ' ')} use ${kind === 'open_items' ? 'the Open Invoices report saved as CSV or Excel' : 'a CSV or Excel file'}.`,
      );
    const file = parseIif(fileName, bytes);
    const known = await accountNumbersByName(db, iifCustomerNames(file, kind));
    return kind === 'accounts' ? iifAccounts(file, known) : iifInvoices(file, known);
  }
  if (kind !== 'accounts' && kind !== 'open_items')
    throw invalid(
      kind === 'invoices'
        ? `QuickBooks invoices import from an IIF file (File › Utilities › Export); ${fileName} is not one. For open invoices only, import the Open Invoices report as open items.`
        : `QuickBooks exports import as accounts (IIF or the Customer List) and open items (the Open Invoices report); for ${kind.replace(/_/g, ' ')} use a CSV or Excel file with the columns of docs/import.md.`,
    );
  const sheet = await readSheet(fileName, bytes);
  if (kind === 'accounts') {
    const names = allRows(sheet).rows.flatMap((r) => r.cells.map((c) => c.trim()));
    return customerList(sheet, fileName, await accountNumbersByName(db, names));
  }
  return openInvoices(sheet, fileName, await accountNumbersByName(db, openInvoicesNames(sheet, fileName)));
}
