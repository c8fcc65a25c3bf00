import type { Discrepancy, ReconciliationMatchView, ReconciliationView } from '@shared/domain/reconciliation';
import {
  discrepancyItemWords,
  discrepancyKindExplained,
  discrepancyKindWords,
  discrepancyNamedWords,
  matchMethodWords,
  reconciliationItemWords,
  reconciliationStatusWords,
  reconciliationSubjectWords,
} from '@shared/domain/reconciliation-text';
import { formatDate, formatInstant } from '@shared/dates';
import { type Column, createWorkbook, type WorkbookInfo } from '../reports/workbook';

/**
 * The discrepancy report as a workbook (docs/money-in.md, "Reconciliation"): About (the period, its
 * state, who finished it), Discrepancies (what was left open, with each note) and Matched.
 */
export async function reconciliationWorkbook(info: WorkbookInfo, v: ReconciliationView): Promise<Buffer> {
  const wb = createWorkbook(info);
  wb.about({
    filters: [
      ['Office bank account', v.officeBankAccountName],
      ['Period', `${formatDate(v.periodFrom)} to ${formatDate(v.periodTo)}`],
      ['State', reconciliationStatusWords[v.status]],
      ['Finished', v.finishedAt ? `${formatInstant(v.finishedAt, info.timeZone)}${v.finishedBy ? ` by ${v.finishedBy}` : ''}` : 'Not yet'],
      ['Matched', String(v.matched.length)],
      ['Discrepancies', String(v.discrepancies.length)],
    ],
    definitions: [
      ...Object.entries(discrepancyKindWords).map(([k, w]) => [w, discrepancyKindExplained[k as keyof typeof discrepancyKindWords]] as const),
      ['Note', 'The explanation given for an item left open; every discrepancy has one before a reconciliation is finished.'],
      ['Matched', 'Bank credits matched to a deposit or an electronic payment of the same amount, automatically or by hand.'],
    ],
  });
  const discrepancyCols: Column<Discrepancy>[] = [
    { header: 'Discrepancy', kind: 'text', value: (d) => discrepancyKindWords[d.kind] },
    { header: 'Item', kind: 'text', value: (d) => reconciliationSubjectWords[d.subject] },
    { header: 'Date', kind: 'date', value: (d) => d.date },
    { header: 'Amount', kind: 'money', value: (d) => d.amountCents, total: true },
    { header: 'Expected', kind: 'money', value: (d) => d.expectedCents },
    { header: 'Reference', kind: 'text', value: (d) => discrepancyItemWords(v, d) },
    { header: 'Named item', kind: 'text', value: (d) => discrepancyNamedWords(v, d) },
    { header: 'Note', kind: 'text', value: (d) => d.note ?? '' },
  ];
  wb.table({ name: 'Discrepancies', columns: discrepancyCols, rows: v.discrepancies });
  const matchedCols: Column<ReconciliationMatchView>[] = [
    { header: 'Bank date', kind: 'date', value: (m) => m.line.bookingDate },
    { header: 'Amount', kind: 'money', value: (m) => m.line.amountCents, total: true },
    { header: 'Bank reference', kind: 'text', value: (m) => [m.line.bankReference, m.line.customerReference].filter(Boolean).join(' / ') },
    { header: 'Description', kind: 'text', value: (m) => m.line.description },
    { header: 'Matched to', kind: 'text', value: (m) => reconciliationItemWords(m.item) },
    { header: 'Item date', kind: 'date', value: (m) => m.item.date },
    { header: 'How', kind: 'text', value: (m) => matchMethodWords[m.method] },
  ];
  wb.table({ name: 'Matched', columns: matchedCols, rows: v.matched });
  return wb.toBuffer();
}
