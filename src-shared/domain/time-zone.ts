import { z } from 'zod';

/**
 * True for an IANA time zone the runtime knows (so date math in it cannot fail): an Area/Location
 * name or UTC. Abbreviations such as "EST" and offsets such as "+05:00" are refused: they carry no
 * daylight-saving rules. Every zone a user or a file gives passes this one function.
 */
export function isIanaTimeZone(tz: string): boolean {
  if (tz.length === 0 || tz.length > 64) return false;
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone;
    return tz.includes('/') || resolved === 'UTC';
  } catch {
    return false;
  }
}

const message = 'Not a time zone this computer knows; use an IANA name such as America/Chicago';

/** An IANA zone (company, account, import row). */
export const timeZoneSchema = z.string().trim().max(64, message).refine(isIanaTimeZone, message);
