import { useQuery } from '@tanstack/react-query';
import { dateInZone } from '@shared/dates';
import { unwrap } from '../../api/client';

/**
 * Query hooks for the receivables screens. Every key starts with the backend domain it reads, so a
 * 'data.changed' event for that domain refreshes it.
 */
export const useAccount = (accountId: number) =>
  useQuery({ queryKey: ['accounts', 'get', accountId], queryFn: () => unwrap(window.api.accounts.get({ accountId })) });

export const useLedger = (accountId: number) =>
  useQuery({ queryKey: ['ledger', 'get', accountId], queryFn: () => unwrap(window.api.ledger.get({ accountId })) });

export const useDraftInvoices = (accountId: number) =>
  useQuery({ queryKey: ['invoices', 'drafts', accountId], queryFn: () => unwrap(window.api.invoices.list({ accountId, status: 'draft', limit: 100 })) });

export const useAgingSettings = () => useQuery({ queryKey: ['aging', 'settings'], queryFn: () => unwrap(window.api.aging.getSettings()) });

export const useInvoiceSettings = () => useQuery({ queryKey: ['invoices', 'settings'], queryFn: () => unwrap(window.api.invoices.getSettings()) });

export const useItems = () => useQuery({ queryKey: ['items', 'list'], queryFn: () => unwrap(window.api.items.list({ includeInactive: false })) });

export const useCompanySettings = () =>
  useQuery({ queryKey: ['settings', 'company'], queryFn: () => unwrap(window.api.settings.get()), staleTime: 5 * 60_000 });

/** Today's business date in the company's time zone (the backend dates postings the same way). */
export function useBusinessToday(): string {
  const company = useCompanySettings();
  return dateInZone(new Date(), company.data?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone);
}

export const accountKindLabels = { consumer: 'Consumer', commercial: 'Commercial' } as const;
export const accountStatusLabels = { active: 'Active', on_hold: 'On hold', closed: 'Closed' } as const;
export const accountStatusColors = { active: 'teal', on_hold: 'orange', closed: 'gray' } as const;

/** Bucket colours by position: Current, then warmer as the days past due grow. */
export const bucketColors = ['teal', 'yellow', 'orange', 'red', 'red', 'grape', 'grape', 'grape', 'grape', 'grape'];
