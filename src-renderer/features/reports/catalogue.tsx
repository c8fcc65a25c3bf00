import type { ReactNode } from 'react';
import { IconBuildingBank, IconCash, IconClockHour4, IconHeadset, IconReportAnalytics, IconShieldSearch } from '@tabler/icons-react';

/** The workbooks the Reports page offers, in the order a supervisor's month-end goes. */
export const workbookIds = ['aging', 'billingPack', 'collectionsActivity', 'cashReceipts', 'auditTrail', 'quickbooks'] as const;
export type WorkbookId = (typeof workbookIds)[number];

export interface WorkbookEntry {
  title: string;
  /** One line: what the workbook is for. */
  summary: string;
  /** Its sheets, in order, each with what it holds (docs/reports.md). */
  sheets: { name: string; holds: string }[];
  icon: (size: number) => ReactNode;
  color: string;
  /** What the export is (default an Excel workbook): the QuickBooks journal is an IIF file. */
  format?: 'iif';
}

export const catalogue: Record<WorkbookId, WorkbookEntry> = {
  aging: {
    title: 'Aging',
    summary: 'What each account owes by days past due, as of any date: the Aging screen to the cent.',
    sheets: [
      { name: 'About', holds: 'the as-of date, the basis, the filters and each bucket’s definition' },
      { name: 'Summary', holds: 'one row per account: each bucket, unapplied credit and the total' },
      { name: 'Detail', holds: 'one row per open invoice: dates, days past due, bucket and amount open' },
      { name: 'Chart', holds: 'open receivables by age, drawn from the Summary’s totals' },
    ],
    icon: (size) => <IconClockHour4 size={size} />,
    color: 'orange',
  },
  billingPack: {
    title: 'Billing pack',
    summary: 'Monthly or quarterly figures and KPIs: invoiced, collected, written off, DSO and CEI.',
    sheets: [
      { name: 'About', holds: 'the range and each figure’s and KPI’s formula with its source' },
      { name: 'Figures', holds: 'one row per period: invoiced, credits, payments by method, fees, write-offs, ending receivables' },
      { name: 'KPIs', holds: 'DSO, best possible DSO, average days delinquent, CEI, bad-debt ratio, promise and contact rates' },
      { name: 'Charts', holds: 'receivables at period end, DSO against best possible DSO, and CEI' },
    ],
    icon: (size) => <IconReportAnalytics size={size} />,
    color: 'ledger',
  },
  collectionsActivity: {
    title: 'Collections activity',
    summary: 'Team performance per clerk: calls, contacts, promises kept and broken, letters and plans.',
    sheets: [
      { name: 'About', holds: 'the range, the periods and each figure’s definition and the records it counts' },
      { name: 'By clerk', holds: 'one row per clerk and period: calls, contacts, promises and their amounts, letters, accounts worked, plans, overrides' },
      { name: 'By stage', holds: 'accounts entering and leaving each collection stage per period' },
      { name: 'Roll rates', holds: 'month over month, the share of each aging bucket that rolled into a later one' },
    ],
    icon: (size) => <IconHeadset size={size} />,
    color: 'blue',
  },
  cashReceipts: {
    title: 'Cash receipts journal',
    summary: 'Every payment and returned payment in a date range, with receipt numbers and daily totals.',
    sheets: [
      { name: 'About', holds: 'the range, the method and what each column means' },
      { name: 'Receipts', holds: 'one row per payment or reversal: receipt number, account, method, amount, applied, unapplied' },
      { name: 'By day and method', holds: 'a row per day and a column per method, with totals' },
    ],
    icon: (size) => <IconCash size={size} />,
    color: 'teal',
  },
  auditTrail: {
    title: 'Audit trail',
    summary: 'Who did what and when, in words: for auditors, disputes and access reviews.',
    sheets: [
      { name: 'About', holds: 'the filters and how the hash-chained log proves nothing was changed' },
      { name: 'Audit trail', holds: 'one row per record: when, who, the action in words, the record, before and after' },
    ],
    icon: (size) => <IconShieldSearch size={size} />,
    color: 'grape',
  },
  quickbooks: {
    title: 'QuickBooks journal',
    summary: 'The period’s invoices, payments, credits, fees and write-offs as journal entries for QuickBooks Desktop.',
    sheets: [
      { name: 'Accounts', holds: 'the QuickBooks accounts the entries post to, as set below' },
      { name: 'Customers', holds: 'each customer the entries name' },
      { name: 'Journal entries', holds: 'one per posted document of the period, debits equal to credits' },
    ],
    icon: (size) => <IconBuildingBank size={size} />,
    color: 'green',
    format: 'iif',
  },
};
