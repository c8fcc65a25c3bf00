import { z } from 'zod';

/** What isIanaTimeZone answered for each name asked (bounded: names come from users and files). */
const zoneAnswers = new Map<string, boolean>();

/**
 * True for an IANA time zone the runtime knows (so date math in it cannot fail): an Area/Location
 * name or UTC. Abbreviations such as "EST" and offsets such as "+05:00" are refused: they carry no
 * daylight-saving rules. Every zone a user or a file gives passes this one function.
 */
export function isIanaTimeZone(tz: string): boolean {
  if (tz.length === 0 || tz.length > 64) return false;
  // A formatter per call costs about 1.5 ms; the answer for a name never changes while the app runs.
  const known = zoneAnswers.get(tz);
  if (known !== undefined) return known;
  let ok: boolean;
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone;
    ok = tz.includes('/') || resolved === 'UTC';
  } catch {
    ok = false;
  }
  if (zoneAnswers.size < 1000) zoneAnswers.set(tz, ok);
  return ok;
}

const message = 'Not a time zone this computer knows; use an IANA name such as America/Chicago';

/** An IANA zone (company, account, import row). */
export const timeZoneSchema = z.string().trim().max(64, message).refine(isIanaTimeZone, message);
