import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderPathProblem } from '../../src-main/backend/services/backup/folder';
import { backupBaseName } from '../../src-main/backend/services/backup/layout';
import { backupDue, nextBackupAt, retention, RETRY_AFTER_MS, type ScheduleState } from '../../src-main/backend/services/backup/schedule';

const chicago = 'America/Chicago';
const at = (iso: string) => new Date(iso);
const state = (now: string, over: Partial<ScheduleState> = {}): ScheduleState => ({
  settings: { scheduleEnabled: true, timeOfDay: '19:00' },
  timeZone: chicago,
  now: at(now),
  lastSuccessAt: null,
  lastFailureAt: null,
  ...over,
});

describe('the backup schedule (19:00 in Chicago: 01:00 UTC in winter)', () => {
  it('is due once the time of day has passed and no backup has succeeded since', () => {
    const yesterdays = at('2026-01-28T01:00:05Z'); // Jan 27, 19:00:05 in Chicago
    expect(backupDue(state('2026-01-28T23:59:00Z', { lastSuccessAt: yesterdays }))).toBe(false); // 17:59 on the 28th
    expect(backupDue(state('2026-01-29T01:00:00Z', { lastSuccessAt: yesterdays }))).toBe(true); // 19:00 on the 28th
    expect(backupDue(state('2026-01-29T01:00:00Z', { lastSuccessAt: at('2026-01-29T01:00:30Z') }))).toBe(false);
  });

  it('catches up a missed day when the app next runs, and a backup by hand after the time counts for the day', () => {
    // Off at 19:00 on the 28th, started at 08:00 on the 29th: the backup of the 28th is due.
    expect(backupDue(state('2026-01-29T14:00:00Z', { lastSuccessAt: at('2026-01-28T01:00:00Z') }))).toBe(true);
    expect(backupDue(state('2026-01-29T14:00:00Z', { lastSuccessAt: at('2026-01-29T03:10:00Z') }))).toBe(false); // by hand at 21:10
    // A store never backed up is due at once.
    expect(backupDue(state('2026-01-29T14:00:00Z'))).toBe(true);
  });

  it('retries a failed attempt an hour later, and never while the schedule is off', () => {
    const failed = at('2026-01-29T01:00:02Z');
    expect(backupDue(state('2026-01-29T01:30:00Z', { lastFailureAt: failed }))).toBe(false);
    expect(backupDue(state(new Date(failed.getTime() + RETRY_AFTER_MS).toISOString(), { lastFailureAt: failed }))).toBe(true);
    expect(nextBackupAt(state('2026-01-29T01:30:00Z', { lastFailureAt: failed }))).toEqual(new Date(failed.getTime() + RETRY_AFTER_MS));
    expect(backupDue(state('2026-01-29T14:00:00Z', { settings: { scheduleEnabled: false, timeOfDay: '19:00' } }))).toBe(false);
    expect(nextBackupAt(state('2026-01-29T14:00:00Z', { settings: { scheduleEnabled: false, timeOfDay: '19:00' } }))).toBeNull();
  });

  it('says when the next backup is, in the office zone across a daylight-saving change', () => {
    // Backed up at 19:00 on Saturday March 7 (CST); the next is 19:00 on Sunday March 8, now CDT (00:00 UTC).
    expect(nextBackupAt(state('2026-03-08T15:00:00Z', { lastSuccessAt: at('2026-03-08T01:00:10Z') }))).toEqual(at('2026-03-09T00:00:00Z'));
  });
});

describe('retention: the last N days and M months that have a backup', () => {
  const daily = (from: string, days: number, perDay = 1) =>
    Array.from({ length: days * perDay }, (_, i) => {
      const t = new Date(at(from).getTime() + Math.floor(i / perDay) * 86_400_000 + (i % perDay) * 3_600_000);
      return { name: t.toISOString(), createdAt: t };
    });

  it('keeps the newest of each of the last N days, and the newest of each of the last M months', () => {
    // One backup a day at 20:00 UTC (14:00 in Chicago) from Oct 1 to Jan 29: 121 days.
    const all = daily('2025-10-01T20:00:00Z', 121);
    const { keep, remove } = retention(all, 7, 3, chicago);
    expect(keep).toEqual([
      '2026-01-29T20:00:00.000Z',
      '2026-01-28T20:00:00.000Z',
      '2026-01-27T20:00:00.000Z',
      '2026-01-26T20:00:00.000Z',
      '2026-01-25T20:00:00.000Z',
      '2026-01-24T20:00:00.000Z',
      '2026-01-23T20:00:00.000Z', // 7 days
      '2025-12-31T20:00:00.000Z',
      '2025-11-30T20:00:00.000Z', // the newest of December and November (January's is the 29th)
    ]);
    expect(keep.length + remove.length).toBe(121);
  });

  it('counts days with a backup (a gap is not a day), keeps one per earlier day and every one of the newest day', () => {
    const all = [...daily('2026-01-20T20:00:00Z', 2, 3), ...daily('2026-01-27T20:00:00Z', 1, 2)];
    const { keep } = retention(all, 2, 0, chicago);
    expect(keep).toEqual(['2026-01-27T21:00:00.000Z', '2026-01-27T20:00:00.000Z', '2026-01-21T22:00:00.000Z']);
    expect(retention(all.slice(0, 1), 1, 0, chicago).keep).toHaveLength(1);
  });

  it('reads days in the office zone: 01:00 UTC is the evening before in Chicago', () => {
    const all = [
      { name: 'evening', createdAt: at('2026-01-29T01:00:00Z') }, // Jan 28 19:00 in Chicago
      { name: 'afternoon', createdAt: at('2026-01-28T20:00:00Z') }, // Jan 28 14:00 in Chicago: same day
    ];
    const earlier = { name: 'earlier', createdAt: at('2026-01-28T00:30:00Z') }; // Jan 27 18:30 in Chicago, Jan 28 in UTC
    expect(retention([...all, earlier], 1, 0, chicago)).toEqual({ keep: ['evening', 'afternoon'], remove: ['earlier'] });
    expect(retention([...all, earlier], 1, 0, 'UTC')).toEqual({ keep: ['evening'], remove: ['afternoon', 'earlier'] });
    expect(retention([...all, earlier], 2, 0, 'UTC').keep).toEqual(['evening', 'afternoon']);
  });
});

describe('backup names and typed folders', () => {
  it('names a backup by the office wall clock', () => {
    expect(backupBaseName(at('2026-01-29T01:02:03Z'), chicago)).toBe('ledgerdesk-20260128-190203');
  });

  it('takes a folder only as a full path, under Windows and POSIX rules', () => {
    for (const ok of ['D:\\Backups\\Ledgerdesk', 'c:/backups', '\\\\server\\share\\Ledgerdesk', '\\\\nas\\bäckups\\Büro Ledgerdesk'])
      expect(folderPathProblem(ok, path.win32), ok).toBeNull();
    for (const bad of ['Backups', 'C:Backups', '\\Backups', '\\\\server', ' D:\\Backups', '../backups'])
      expect(folderPathProblem(bad, path.win32), bad).toMatch(/full path|spaces/);
    expect(folderPathProblem('/mnt/office share/backups', path.posix)).toBeNull();
    for (const bad of ['backups', './backups', '~/backups']) expect(folderPathProblem(bad, path.posix), bad).toMatch(/full path/);
  });
});
