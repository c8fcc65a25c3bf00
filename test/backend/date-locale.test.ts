import { afterEach, describe, expect, it } from 'vitest';
import { formatDate, formatInstant, formatMonth, formatMonthShort, getDisplayLocale, readDate, setDisplayLocale } from '../../src-shared/dates';

describe('dates follow the display locale (one format on every screen and in every form)', () => {
  afterEach(() => setDisplayLocale('en-US'));

  it('en-US: medium dates, month names, and numbers read month first', () => {
    expect(setDisplayLocale('en-US')).toBe('en-US');
    expect(formatDate('2026-11-29')).toBe('Nov 29, 2026');
    expect(formatMonth('2026-11')).toBe('November 2026');
    expect(formatMonthShort('2026-11')).toBe('Nov 2026');
    expect(formatInstant('2026-03-10T19:05:00Z', 'America/Chicago')).toBe('Mar 10, 2026, 2:05 PM CDT');
    const read = (t: string) => {
      const r = readDate(t, getDisplayLocale());
      return r.ok ? r.value : r.reason;
    };
    expect(['Nov 29, 2026', '11/29/2026', '2026-11-29', '29 Nov 2026', '3/4/2026'].map(read)).toEqual([
      '2026-11-29',
      '2026-11-29',
      '2026-11-29',
      '2026-11-29',
      '2026-03-04',
    ]);
    expect(read('29/11/2026')).toBe('is not a calendar date (29/11/2026)');
    expect(read('soon')).toBe('is not a date (soon); write it like Mar 31, 2026');
    expect(read('1899-12-31')).toBe('is out of range (1899-12-31); dates must be between Jan 1, 1900 and Dec 31, 2199');
  });

  it('en-GB: the day comes first when shown and when typed in numbers; what a form shows reads back', () => {
    expect(setDisplayLocale('en-GB')).toBe('en-GB');
    expect(formatDate('2026-11-29')).toBe('29 Nov 2026');
    expect(formatDate('2026-03-05')).toBe('5 Mar 2026');
    expect(formatMonth('2026-11')).toBe('November 2026');
    expect(formatInstant('2026-03-10T19:05:00Z', 'America/Chicago')).toMatch(/^10 Mar 2026, 14:05 /);
    const read = (t: string) => {
      const r = readDate(t, getDisplayLocale());
      return r.ok ? r.value : r.reason;
    };
    expect(['29/11/2026', '29.11.2026', '3/4/2026', '29 Nov 2026', 'Nov 29, 2026', '2026-11-29'].map(read)).toEqual([
      '2026-11-29',
      '2026-11-29',
      '2026-04-03',
      '2026-11-29',
      '2026-11-29',
      '2026-11-29',
    ]);
    expect(read('11/29/2026')).toBe('is not a calendar date (11/29/2026)');
    // Every date a form shows in this locale reads back as the same date (September is "Sept" in en-GB).
    for (const d of ['2026-01-01', '2026-09-30', '2024-02-29', '1900-01-01', '2199-12-31']) expect(read(formatDate(d))).toBe(d);
    // Files and the command line keep the US order whatever the screen's locale.
    expect(readDate('3/4/2026')).toEqual({ ok: true, value: '2026-03-04' });
    expect(readDate('3.4.2026').ok).toBe(false);
  });

  it('an unknown locale tag keeps en-US', () => {
    expect(setDisplayLocale('not a locale!')).toBe('en-US');
    expect(formatDate('2026-11-29')).toBe('Nov 29, 2026');
  });
});
