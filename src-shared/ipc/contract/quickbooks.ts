import { quickBooksAccountsPatchSchema, quickBooksExportSchema, type QuickBooksAccounts, type QuickBooksExport } from '../../domain/quickbooks';
import { endpoint, noInput } from '../endpoint';

/**
 * QuickBooks Desktop interop (docs/quickbooks.md): the period's receivables activity as IIF journal
 * entries, and the QuickBooks account names they post to. Imports from QuickBooks go through
 * imports.preview/post with `source: 'quickbooks'`.
 */
export const quickBooksContract = {
  'quickbooks.exportIif': endpoint(quickBooksExportSchema).returns<QuickBooksExport>(),
  'quickbooks.accounts': endpoint(noInput).returns<QuickBooksAccounts>(),
  'quickbooks.saveAccounts': endpoint(quickBooksAccountsPatchSchema).returns<QuickBooksAccounts>(),
};
