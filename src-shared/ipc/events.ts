/** Events pushed from main to the renderer, on their own channel. */
export interface EventMap {
  /** Data in these domains changed; the renderer invalidates its queries for them. */
  'data.changed': { domains: string[] };
  /** Long-running work (imports, fee runs, reports). */
  progress: { task: string; done: number; total: number; label?: string };
}
export type EventName = keyof EventMap;
export const eventChannel = 'ledgerdesk:event';
export const invokeChannel = 'ledgerdesk:invoke';
