import { parseTerms } from '@shared/domain/terms';
import type { ImportError } from '@shared/ipc/contract/imports';
import type { SheetData } from '../imports/sheet';

/** One converted row: the line of the source file it came from and its canonical cells. */
export interface CanonicalRow {
  line: number;
  values: Record<string, string>;
}

/**
 * A converted file as the imports reader gives one: the headers are the kind's canonical column names
 * (so detection maps each to itself), each row keeps its line in the QuickBooks file, and every error names
 * the QuickBooks column (`sourceColumns`: canonical column -> the QuickBooks column it comes from).
 */
export function canonicalSheet(
  headers: readonly string[],
  format: SheetData['format'],
  headerLine: number,
  rows: CanonicalRow[],
  problems: ImportError[],
  sourceColumns: Record<string, string>,
): SheetData {
  return {
    sourceColumns,
    format,
    headers: [...headers],
    headerLine,
    rows: rows.map((r) => ({ line: r.line, cells: headers.map((h) => r.values[h] ?? '') })),
    problems: [...problems].sort((a, b) => a.line - b.line),
  };
}

// The canonical columns each converter fills (src-main/backend/services/imports/columns.ts; docs/import.md).
export const accountsColumns = [
  'account_number',
  'name',
  'kind',
  'contact_name',
  'phone',
  'email',
  'address_line1',
  'address_line2',
  'city',
  'state',
  'postal_code',
  'terms',
  'credit_limit',
  'notes',
] as const;
export const invoicesColumns = ['invoice_number', 'account_number', 'invoice_date', 'due_date', 'terms', 'amount', 'description', 'po_number', 'memo'] as const;
export const openItemsColumns = [
  'document_number',
  'account_number',
  'kind',
  'document_date',
  'due_date',
  'original_amount',
  'open_amount',
  'description',
] as const;

/**
 * QuickBooks terms as Ledgerdesk reads them ("2% 10 Net 30" is QuickBooks' name for 2/10 Net 30), or null
 * for terms with no net days Ledgerdesk can read (a custom name such as "Consignment").
 */
export function quickBooksTerms(text: string): string | null {
  const t = text.trim();
  if (!t) return null;
  const early = /^(\d{1,2}(?:\.\d{1,2})?)\s*%\s*(\d{1,3})\s*,?\s*net\s*(\d{1,3})$/i.exec(t);
  const candidate = early ? `${early[1]}/${early[2]} Net ${early[3]}` : t;
  return parseTerms(candidate) ? candidate : null;
}
