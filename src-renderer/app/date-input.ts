import { formatDate, getDisplayLocale, readDate, setDisplayLocale } from '@shared/dates';

/**
 * One date format across the app, following the system locale: screens print dates with formatDate
 * (the locale's medium date, "Nov 29, 2026" in en-US, "29 Nov 2026" in en-GB) and every date field
 * shows and reads the same (the theme gives each DateInput these props). Set once, before the first
 * render, from the workstation's language.
 */
export function applySystemDateLocale(language: string = navigator.language): string {
  return setDisplayLocale(language);
}

/** A date field's text: the same words as the screens. */
export const dateFieldFormat = (date: string) => formatDate(date);

/** What a clerk types: the locale's way (29/11/2026 in en-GB), the screens' way, or 2026-11-29; null while it is not a date yet. */
export function dateFieldParser(text: string): string | null {
  const r = readDate(text, getDisplayLocale());
  return r.ok ? r.value : null;
}

type WeekInfo = { firstDay: number };
/** The calendar's first day (0 = Sunday) in the display locale: Sunday in the US, Monday in most of Europe. */
export function firstDayOfWeek(): 0 | 1 | 2 | 3 | 4 | 5 | 6 {
  try {
    const l = new Intl.Locale(getDisplayLocale()) as Intl.Locale & { getWeekInfo?: () => WeekInfo; weekInfo?: WeekInfo };
    const info = l.getWeekInfo?.() ?? l.weekInfo;
    if (info) return (info.firstDay % 7) as 0 | 1 | 2 | 3 | 4 | 5 | 6;
  } catch {
    // An engine without week data: Monday, as the calendar had before.
  }
  return 1;
}
