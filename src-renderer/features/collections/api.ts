import { useQuery } from '@tanstack/react-query';
import type { ComplianceBlock, ComplianceRule, PromiseStatus, RuleBlockedDetails } from '@shared/domain/collections';
import { CallError, unwrap } from '../../api/client';
import { queryClient } from '../../api/query';

/**
 * Query hooks for the collections-contact screens (timeline, flags, promises, inconvenient times).
 * Every key starts with 'collections': the backend names that domain in its data-changed events for
 * calls, flags, promises, overrides and the worklist.
 */
export const useTimeline = (accountId: number) =>
  useQuery({ queryKey: ['collections', 'timeline', accountId], queryFn: () => unwrap(window.api.timeline.get({ accountId, limit: 500 })) });

export const useCalls = (accountId: number) =>
  useQuery({ queryKey: ['collections', 'calls', accountId], queryFn: () => unwrap(window.api.calls.list({ accountId, limit: 1000 })) });

export const usePromises = (accountId: number) =>
  useQuery({ queryKey: ['collections', 'promises', accountId], queryFn: () => unwrap(window.api.promises.list({ accountId })) });

export const useFlags = (accountId: number) =>
  useQuery({ queryKey: ['collections', 'flags', accountId], queryFn: () => unwrap(window.api.flags.list({ accountId, includeCleared: true })) });

export const useInconvenientTimes = (accountId: number) =>
  useQuery({ queryKey: ['collections', 'inconvenient', accountId], queryFn: () => unwrap(window.api.compliance.inconvenientTimes({ accountId })) });

export const useValidationNotice = (accountId: number) =>
  useQuery({ queryKey: ['collections', 'validation', accountId], queryFn: () => unwrap(window.api.compliance.validationNotice({ accountId })) });

export const useStageView = (accountId: number) =>
  useQuery({ queryKey: ['collections', 'stage', accountId], queryFn: () => unwrap(window.api.stages.account({ accountId })) });

/** After a change made here: collections data, and the worklist that depends on it. */
export function refreshCollections() {
  void queryClient.invalidateQueries({ queryKey: ['collections'] });
}

export const promiseStatusColors: Record<PromiseStatus, string> = { pending: 'blue', kept: 'teal', broken: 'red' };
export const promiseStatusLabels: Record<PromiseStatus, string> = { pending: 'Pending', kept: 'Kept', broken: 'Broken' };

/** The blocks carried by a RULE_BLOCKED error (calls.log re-checks in main), or null for any other error. */
export function ruleBlocked(err: unknown): (RuleBlockedDetails & { message: string }) | null {
  if (!(err instanceof CallError) || err.code !== 'RULE_BLOCKED') return null;
  const d = err.details as Partial<RuleBlockedDetails> | undefined;
  if (!d || !Array.isArray(d.blocks)) return { rule: 'calling_hours' as ComplianceRule, citation: '', blocks: [] as ComplianceBlock[], message: err.message };
  return { ...(d as RuleBlockedDetails), message: err.message };
}

/** "America/Chicago" -> "Chicago"; "America/Indiana/Indianapolis" -> "Indianapolis". */
export const zoneCity = (zone: string) => (zone.split('/').pop() ?? zone).replace(/_/g, ' ');

/** The zone's short name at an instant, e.g. "CDT". */
export function zoneAbbrev(zone: string, at: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'short' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? zone;
}

/** "13:05" -> "1:05 PM". */
export function clock12(hhmm: string): string {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  if (h === 24) return 'midnight';
  return `${((h + 11) % 12) + 1}:${String(m).padStart(2, '0')} ${h < 12 ? 'AM' : 'PM'}`;
}

/** "2175550190" -> "(217) 555-0190"; other lengths unchanged. */
export const formatPhoneDigits = (digits: string) => (/^\d{10}$/.test(digits) ? `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}` : digits);
