/**
 * The domains a `data.changed` event can name. The renderer keys its queries by the same names (the
 * first element of every query key), so an event invalidates exactly the screens that show that data.
 */
export const dataDomains = [
  'accounts',
  'aging',
  'backups',
  'bankStatements',
  'collections',
  'deposits',
  'documents',
  'fees',
  'imports',
  'invoices',
  'items',
  'ledger',
  'payments',
  'plans',
  'reconciliation',
  'referrals',
  'settings',
  'stages',
  'users',
  'writeoffs',
] as const;
export type DataDomain = (typeof dataDomains)[number];

/** Events pushed from main to the renderer, on their own channel. */
export interface EventMap {
  /** Data in these domains changed; the renderer invalidates its queries for them. */
  'data.changed': { domains: DataDomain[] };
  /** Long-running work (imports, fee runs, reports). */
  progress: { task: string; done: number; total: number; label?: string /** The caller's id for the run, to cancel it (documents.cancel). */; run?: string };
  /** Every session ended (a restore replaced the store): each window signs in again. */
  'sessions.ended': { reason: 'restored' };
}
export type EventName = keyof EventMap;
export const eventChannel = 'ledgerdesk:event';
export const invokeChannel = 'ledgerdesk:invoke';
