/**
 * When the schedule takes a backup, and which backups retention keeps. Plain functions of the
 * settings, the backups there are and the clock, so both are tested without waiting for a day.
 */
import { addDays, dateInZone } from '@shared/dates';
import type { BackupSettings } from '@shared/domain/backups';
import { zonedInstant } from '../compliance/zoned';

/** After a failed attempt the schedule tries again this much later (a share back after a reboot). */
export const RETRY_AFTER_MS = 60 * 60 * 1000;

export interface ScheduleState {
  settings: Pick<BackupSettings, 'scheduleEnabled' | 'timeOfDay'>;
  /** The company's time zone: "19:00" is the office's evening. */
  timeZone: string;
  now: Date;
  /** The newest backup that succeeded (scheduled or not), and the newest attempt that failed. */
  lastSuccessAt: Date | null;
  lastFailureAt: Date | null;
}

/** The latest scheduled moment at or before now: today's time of day once it has passed, else yesterday's. */
export function lastSlot(now: Date, timeOfDay: string, timeZone: string): Date {
  const today = dateInZone(now, timeZone);
  const slot = zonedInstant(today, timeOfDay, timeZone);
  return slot.getTime() <= now.getTime() ? slot : zonedInstant(addDays(today, -1), timeOfDay, timeZone);
}

/**
 * Due when no backup succeeded since the latest slot (so a computer that was off at that time backs
 * up when the app next runs), unless an attempt failed since then less than RETRY_AFTER_MS ago. A
 * backup taken by hand after the slot counts for the day.
 */
export function backupDue(s: ScheduleState): boolean {
  if (!s.settings.scheduleEnabled) return false;
  const slot = lastSlot(s.now, s.settings.timeOfDay, s.timeZone).getTime();
  if (s.lastSuccessAt && s.lastSuccessAt.getTime() >= slot) return false;
  if (s.lastFailureAt && s.lastFailureAt.getTime() >= slot && s.now.getTime() - s.lastFailureAt.getTime() < RETRY_AFTER_MS) return false;
  return true;
}

/** When the schedule will next take a backup (now, if it is due); null when the schedule is off. */
export function nextBackupAt(s: ScheduleState): Date | null {
  if (!s.settings.scheduleEnabled) return null;
  if (backupDue(s)) return s.now;
  const slot = lastSlot(s.now, s.settings.timeOfDay, s.timeZone);
  if (!s.lastSuccessAt || s.lastSuccessAt.getTime() < slot.getTime()) return new Date((s.lastFailureAt ?? s.now).getTime() + RETRY_AFTER_MS);
  return zonedInstant(addDays(dateInZone(slot, s.timeZone), 1), s.settings.timeOfDay, s.timeZone);
}

export interface Dated {
  name: string;
  createdAt: Date;
}

/**
 * Retention: keep the newest backup of each of the last `keepDaily` days that have a backup, and the
 * newest of each of the last `keepMonthly` months that have one (days and months in the office's
 * zone); the rest are deleted. Every backup of the newest day is kept (a second "Back up now" never
 * deletes the first the same day): it is thinned to one the next day.
 */
export function retention(backups: readonly Dated[], keepDaily: number, keepMonthly: number, timeZone: string): { keep: string[]; remove: string[] } {
  const newestFirst = [...backups].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  const dayOf = (b: Dated) => dateInZone(b.createdAt, timeZone);
  const newestDay = newestFirst[0] ? dayOf(newestFirst[0]) : null;
  const keep = new Set<string>(newestFirst.filter((b) => dayOf(b) === newestDay).map((b) => b.name));
  const pick = (limit: number, bucketOf: (d: Dated) => string) => {
    let last: string | null = null;
    let buckets = 0;
    for (const b of newestFirst) {
      const bucket = bucketOf(b);
      if (bucket === last) continue;
      last = bucket;
      if (buckets++ >= limit) break;
      keep.add(b.name);
    }
  };
  pick(Math.max(1, keepDaily), dayOf);
  pick(keepMonthly, (b) => dayOf(b).slice(0, 7));
  return { keep: newestFirst.filter((b) => keep.has(b.name)).map((b) => b.name), remove: newestFirst.filter((b) => !keep.has(b.name)).map((b) => b.name) };
}
