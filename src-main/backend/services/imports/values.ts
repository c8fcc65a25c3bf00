import { isIsoDate, type IsoDate } from '@shared/dates';
import { containsCardNumber } from '@shared/domain/payments';

/**
 * Cell parsers for imports. Each returns the value or a reason a clerk can act on; none throws.
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (reason: string): Parsed<never> => ({ ok: false, reason });

// Control characters other than tab, newline and carriage return (same rule as typed text).
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/**
 * Every cell, whatever its column: no control characters, and never a full card number (PCI DSS 3.4:
 * a 13-19 digit run, spaces or dashes allowed between digits, is refused, so it is never stored).
 * HTML and other markup is accepted as plain text: Ledgerdesk never interprets stored text.
 */
export function checkCell(text: string): string | null {
  if (CONTROL.test(text)) return 'contains control characters (invisible characters that are not text); remove them';
  if (containsCardNumber(text)) return 'looks like a full card number; card numbers are never imported (keep the last 4 digits only)';
  return null;
}

/**
 * Money in dollars as offices write it: "1234.56", "1,234.56", "$1,234.56", "1234". Negative amounts
 * ("-5", "(5.00)") and more than 2 decimals are refused; the result is whole cents.
 */
export function parseAmount(text: string, opts: { allowZero?: boolean } = {}): Parsed<number> {
  const t = text.trim().replace(/\s+/g, '');
  if (t === '') return bad('is empty');
  if (/^\(.*\)$/.test(t) || /^-/.test(t) || /^\$-/.test(t) || /-$/.test(t)) return bad(`is negative (${text.trim()}); amounts must be zero or more`);
  const m = /^\$?((?:\d{1,3}(?:,\d{3})+)|\d+)?(?:\.(\d*))?$/.exec(t);
  if (!m || (m[1] === undefined && !m[2])) return bad(`is not an amount (${text.trim()}); write it like 1234.56`);
  const frac = m[2] ?? '';
  if (frac.length > 2) return bad(`has more than 2 decimal places (${text.trim()})`);
  const whole = (m[1] ?? '0').replace(/,/g, '');
  const cents = Number(whole) * 100 + Number(frac.padEnd(2, '0') || '0');
  if (!Number.isSafeInteger(cents) || cents > 1e11) return bad(`is too large (${text.trim()})`);
  if (cents === 0 && !opts.allowZero) return bad('is zero; it must be more than zero');
  return ok(cents);
}

/** YYYY-MM-DD or MM/DD/YYYY (M/D/YYYY too). Impossible dates (2025-02-30, 13/01/2025) are refused. */
export function parseDate(text: string): Parsed<IsoDate> {
  const t = text.trim();
  if (t === '') return bad('is empty');
  let iso: string | null = null;
  const isoM = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  const usM = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (isoM) iso = `${isoM[1]}-${isoM[2]!.padStart(2, '0')}-${isoM[3]!.padStart(2, '0')}`;
  else if (usM) iso = `${usM[3]}-${usM[1]!.padStart(2, '0')}-${usM[2]!.padStart(2, '0')}`;
  else return bad(`is not a date (${t}); use YYYY-MM-DD or MM/DD/YYYY`);
  if (!isIsoDate(iso)) return bad(`is not a calendar date (${t})`);
  if (iso < '1900-01-01' || iso > '2199-12-31') return bad(`is out of range (${t})`);
  return ok(iso);
}

const kindWords: Record<string, 'consumer' | 'commercial'> = {
  consumer: 'consumer', individual: 'consumer', person: 'consumer', personal: 'consumer', patient: 'consumer', residential: 'consumer', c: 'consumer',
  commercial: 'commercial', business: 'commercial', company: 'commercial', corporate: 'commercial', organization: 'commercial', b: 'commercial',
};
export function parseKind(text: string): Parsed<'consumer' | 'commercial'> {
  const k = kindWords[text.trim().toLowerCase()];
  return k ? ok(k) : bad(`is not an account kind (${text.trim()}); use consumer or commercial`);
}

const methodWords: Record<string, 'cash' | 'check' | 'card' | 'ach' | 'bank_transfer'> = {
  cash: 'cash', check: 'check', cheque: 'check', chk: 'check', ck: 'check',
  card: 'card', 'credit card': 'card', 'debit card': 'card', cc: 'card', visa: 'card', mastercard: 'card', amex: 'card', discover: 'card',
  ach: 'ach', eft: 'ach', 'e-check': 'ach', echeck: 'ach',
  'bank transfer': 'bank_transfer', bank_transfer: 'bank_transfer', wire: 'bank_transfer', transfer: 'bank_transfer', 'wire transfer': 'bank_transfer',
};
export function parseMethod(text: string): Parsed<'cash' | 'check' | 'card' | 'ach' | 'bank_transfer'> {
  const m = methodWords[text.trim().toLowerCase().replace(/\s+/g, ' ')];
  return m ? ok(m) : bad(`is not a payment method (${text.trim()}); use cash, check, card, ach or bank transfer`);
}
