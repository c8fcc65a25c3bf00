import type { AccountDetail, Address } from '@shared/domain/accounts';

/** At most this many characters on one recipient line (about 3 in at 10 pt: inside the 3.25 in window). */
export const RECIPIENT_LINE_MAX = 40;
/** At most this many recipient lines: the window shows five. */
export const RECIPIENT_MAX_LINES = 5;
const ELLIPSIS = '…';

/**
 * The recipient lines, by this written rule (docs/document-layout.md says the same):
 * 1. The lines, in order: the account name; for a commercial account, "Attn: " and its primary
 *    contact's name; address line 1; address line 2 (when not blank); "City, ST 12345" (a space
 *    instead of the comma when the city or the state is blank); the country's name in capitals when
 *    the country is not US. Spaces are collapsed and trimmed first.
 * 2. No line is longer than RECIPIENT_LINE_MAX (40) characters. A longer name, attention or address
 *    line is wrapped at its last space within 40 characters onto the next line, when there is a free
 *    line (fewer than 5 used); lines wrap in the order name, attention, line 1, line 2, each at most
 *    once. A line that cannot wrap (no free line, or no space to wrap at), and a continuation still
 *    over 40, is cut to 39 characters and ends with "…". On the city line only the city is cut, so
 *    the state and postal code always print whole.
 * 3. At most RECIPIENT_MAX_LINES (5) lines. Name, line 1, line 2, city line and country are at most
 *    five, so only the attention line can make a sixth: it is dropped first, and a wrap never takes a
 *    line the others need.
 */
export function recipientLines(name: string, address: Address, attention: string | null): string[] {
  const clean = (s: string) => s.replace(/\s+/g, ' ').trim();
  const a = {
    line1: clean(address.line1),
    line2: clean(address.line2),
    city: clean(address.city),
    state: clean(address.state),
    zip: clean(address.postalCode),
  };
  const country = clean(address.country).toUpperCase();
  const cityLine = (() => {
    const tail = [a.state, a.zip].filter(Boolean).join(' ');
    const room = RECIPIENT_LINE_MAX - (tail ? tail.length + 2 : 0);
    const city = a.city.length > room ? cut(a.city, room) : a.city;
    return city && tail ? `${city}, ${tail}` : city || tail;
  })();
  const essential = [clean(name), a.line1, a.line2, cityLine, country && country !== 'US' ? countryName(country) : ''];
  const attn = attention ? `Attn: ${clean(attention)}` : '';
  // The slots, in print order; wrap priority follows the same order for name, attention, line 1, line 2.
  const slots: { text: string; wraps: boolean }[] = [
    { text: essential[0]!, wraps: true },
    { text: attn, wraps: true },
    { text: essential[1]!, wraps: true },
    { text: essential[2]!, wraps: true },
    { text: essential[3]!, wraps: false },
    { text: essential[4]!, wraps: false },
  ].filter((s) => s.text !== '');
  if (slots.length > RECIPIENT_MAX_LINES && attn) slots.splice(1, 1);
  let free = RECIPIENT_MAX_LINES - slots.length;
  const out: string[] = [];
  for (const s of slots) {
    if (s.text.length <= RECIPIENT_LINE_MAX) {
      out.push(s.text);
      continue;
    }
    const at = s.wraps && free > 0 ? s.text.lastIndexOf(' ', RECIPIENT_LINE_MAX) : -1;
    if (at > 0) {
      free--;
      out.push(s.text.slice(0, at), cutLine(s.text.slice(at + 1)));
    } else out.push(cut(s.text, RECIPIENT_LINE_MAX));
  }
  return out;
}

/** Text cut to at most `max` characters, ending with an ellipsis when it was longer. */
function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}${ELLIPSIS}`;
}
const cutLine = (text: string) => cut(text, RECIPIENT_LINE_MAX);

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
/** "CA" -> "CANADA" (USPS: the country alone on the last line, in capitals); an unknown code prints as given. */
function countryName(code: string): string {
  try {
    return (regionNames.of(code) ?? code).toUpperCase();
  } catch {
    return code;
  }
}

const isBlank = (a: Address) => [a.line1, a.line2, a.city, a.state, a.postalCode].every((v) => v.trim() === '');

/** Where the mail goes: the mailing address when one is set (and not blank), else the billing address. */
export function mailingAddressOf(account: Pick<AccountDetail, 'mailingAddress' | 'billingAddress'>): Address {
  return account.mailingAddress && !isBlank(account.mailingAddress) ? account.mailingAddress : account.billingAddress;
}

export type Mailability = { ok: true } | { ok: false; code: 'NO_ADDRESS' | 'PARTIAL_ADDRESS'; missing: string[] };

/**
 * Can a letter reach this address? Blank: NO_ADDRESS. A US address needs line 1, city, state and
 * postal code; any other country line 1, city and postal code; what is missing is named by field
 * (line1, city, state, postalCode) for the screen to word.
 */
export function mailability(address: Address): Mailability {
  if (isBlank(address)) return { ok: false, code: 'NO_ADDRESS', missing: ['line1', 'city', 'state', 'postalCode'] };
  const us = address.country.trim().toUpperCase() === 'US' || address.country.trim() === '';
  const needed: (keyof Address)[] = us ? ['line1', 'city', 'state', 'postalCode'] : ['line1', 'city', 'postalCode'];
  const missing = needed.filter((k) => address[k].trim() === '');
  return missing.length ? { ok: false, code: 'PARTIAL_ADDRESS', missing } : { ok: true };
}

/** The contact a commercial account's mail is for ("Attn:"): its primary contact; consumers get none. */
export function attentionOf(account: Pick<AccountDetail, 'kind' | 'contacts' | 'name'>): string | null {
  if (account.kind !== 'commercial') return null;
  const primary = account.contacts.find((c) => c.isPrimary);
  return primary && primary.name.trim() !== account.name.trim() ? primary.name : null;
}

/** Where a document is emailed; in src-shared so the Email confirmation shows the same address. */
export { billingEmailOf } from '@shared/domain/accounts';
