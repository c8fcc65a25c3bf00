import { daysBetween, formatDate, readDate, type IsoDate } from '@shared/dates';
import { readMoney, type Cents } from '@shared/money';
import type { Read } from '@shared/read';
import { containsCardNumber } from '@shared/domain/card-numbers';
import { hasControlCharacters } from '@shared/domain/text';

/**
 * Cell parsers for imports. Each returns the value or a reason a clerk can act on; none throws.
 */
export type Parsed<T> = Read<T>;
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (reason: string): Parsed<never> => ({ ok: false, reason });

/**
 * Every cell, whatever its column: no control characters, and never a full card number (PCI DSS 3.4:
 * a 13-19 digit run, spaces or dashes allowed between digits, is refused, so it is never stored).
 * HTML and other markup is accepted as plain text: Ledgerdesk never interprets stored text.
 */
export function checkCell(text: string): string | null {
  if (hasControlCharacters(text)) return 'contains control characters (invisible characters that are not text); remove them';
  if (containsCardNumber(text)) return 'looks like a full card number; card numbers are never imported (keep the last 4 digits only)';
  return null;
}

/**
 * Money in dollars as offices write it: "1234.56", "1,234.56", "$1,234.56", "1234"; the one money
 * reader (src-shared/money) with negatives refused, and zero unless asked for.
 */
export function parseAmount(text: string, opts: { allowZero?: boolean } = {}): Parsed<Cents> {
  return readMoney(text, { negative: false, zero: opts.allowZero ?? false });
}

/** YYYY-MM-DD or MM/DD/YYYY (and Mar 31, 2026): the one date reader (src-shared/dates), range included. */
export const parseDate = (text: string): Parsed<IsoDate> => readDate(text);

const kindWords: Record<string, 'consumer' | 'commercial'> = {
  consumer: 'consumer',
  individual: 'consumer',
  person: 'consumer',
  personal: 'consumer',
  patient: 'consumer',
  residential: 'consumer',
  c: 'consumer',
  commercial: 'commercial',
  business: 'commercial',
  company: 'commercial',
  corporate: 'commercial',
  organization: 'commercial',
  b: 'commercial',
};
export function parseKind(text: string): Parsed<'consumer' | 'commercial'> {
  const k = kindWords[text.trim().toLowerCase()];
  return k ? ok(k) : bad(`is not an account kind (${text.trim()}); use consumer or commercial`);
}

const methodWords: Record<string, 'cash' | 'check' | 'card' | 'ach' | 'bank_transfer'> = {
  cash: 'cash',
  check: 'check',
  cheque: 'check',
  chk: 'check',
  ck: 'check',
  card: 'card',
  'credit card': 'card',
  'debit card': 'card',
  cc: 'card',
  visa: 'card',
  mastercard: 'card',
  amex: 'card',
  discover: 'card',
  ach: 'ach',
  eft: 'ach',
  'e-check': 'ach',
  echeck: 'ach',
  'bank transfer': 'bank_transfer',
  bank_transfer: 'bank_transfer',
  wire: 'bank_transfer',
  transfer: 'bank_transfer',
  'wire transfer': 'bank_transfer',
};
export function parseMethod(text: string): Parsed<'cash' | 'check' | 'card' | 'ach' | 'bank_transfer'> {
  const m = methodWords[text.trim().toLowerCase().replace(/\s+/g, ' ')];
  return m ? ok(m) : bad(`is not a payment method (${text.trim()}); use cash, check, card, ach or bank transfer`);
}

/** Terms from an invoice's date and due date, as the old system had them: "Net N" (N days apart) or "Due on receipt". */
export function termsFromDates(date: IsoDate, due: IsoDate): Parsed<string> {
  const days = daysBetween(date, due);
  if (days < 0) return bad(`is before the document date (${formatDate(due)} is before ${formatDate(date)})`);
  if (days > 999) return bad('is more than 999 days after the document date');
  return ok(days === 0 ? 'Due on receipt' : `Net ${days}`);
}
