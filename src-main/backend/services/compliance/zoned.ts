import { addDays, utcMidnight, type IsoDate } from '@shared/dates';

/**
 * Wall-clock time in an IANA zone, through Intl.DateTimeFormat (the platform's tz database), so daylight-
 * saving changes come out right without a table of our own. Pure functions.
 */

export interface WallTime {
  date: IsoDate;
  /** Seconds since local midnight (0..86399). */
  seconds: number;
  /** ISO weekday, 1 = Monday ... 7 = Sunday. */
  weekday: number;
  /** "HH:MM" */
  hhmm: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
    });
    formatters.set(zone, f);
  }
  return f;
}
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

export function wallTime(instant: Date, zone: string): WallTime {
  const parts = formatter(zone).formatToParts(instant);
  const get = (t: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === t)?.value ?? '';
  const h = Number(get('hour')) % 24;
  const m = Number(get('minute'));
  const s = Number(get('second'));
  return {
    date: `${get('year')}-${get('month')}-${get('day')}`,
    seconds: h * 3600 + m * 60 + s,
    weekday: WEEKDAYS[get('weekday')] ?? 0,
    hhmm: `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`,
  };
}

/** The zone's offset from UTC at an instant, in milliseconds (New York in winter: -5 h). */
function offsetMs(instant: number, zone: string): number {
  const w = wallTime(new Date(instant), zone);
  const asUtc = utcMidnight(w.date) + w.seconds * 1000;
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant of a wall-clock time on a date in a zone ("2026-03-09", "08:00", America/New_York ->
 * 2026-03-09T12:00:00Z). "24:00" is the next day's midnight. A time that does not exist (skipped by a
 * spring-forward change) is moved forward by the gap (02:30 -> 03:30, as Temporal's "compatible" rule);
 * an ambiguous one (fall back) is the first of the two.
 */
export function zonedInstant(date: IsoDate, hhmm: string, zone: string): Date {
  // Pure and asked again and again for the same few days (a worklist checks thousands of calls): remembered.
  const key = `${date}|${hhmm}|${zone}`;
  const known = instants.get(key);
  if (known !== undefined) return new Date(known);
  if (instants.size >= 10_000) instants.clear();
  const at = computeZonedInstant(date, hhmm, zone);
  instants.set(key, at.getTime());
  return at;
}
const instants = new Map<string, number>();

function computeZonedInstant(date: IsoDate, hhmm: string, zone: string): Date {
  if (hhmm === '24:00') return zonedInstant(addDays(date, 1), '00:00', zone);
  const wall = utcMidnight(date) + clockSeconds(hhmm) * 1000;
  // Try the offsets in force around that wall time; take the earliest instant that shows that wall time.
  const candidates = [offsetMs(wall - 86_400_000, zone), offsetMs(wall, zone), offsetMs(wall + 86_400_000, zone)];
  const exact = candidates
    .map((o) => wall - o)
    .filter((t) => wallTime(new Date(t), zone).date === date && wallTime(new Date(t), zone).hhmm === hhmm.padStart(5, '0'));
  if (exact.length > 0) return new Date(Math.min(...exact));
  // In a gap: the wall time is skipped; read it with the offset before the change (moves it forward by the gap).
  return new Date(Math.max(...candidates.map((o) => wall - o)));
}

/** Start of a local day. */
export const startOfLocalDay = (date: IsoDate, zone: string) => zonedInstant(date, '00:00', zone);

/** "HH:MM" -> seconds since midnight. */
export const clockSeconds = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 3600 + m! * 60;
};
