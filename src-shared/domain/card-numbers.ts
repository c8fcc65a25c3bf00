/**
 * Full card numbers (PANs) are never stored (PCI DSS 3.3; card payments keep the last 4 digits only).
 * Two rules, for two kinds of field:
 * - `containsCardNumber` (payment fields, imports): any run of 13 to 19 digits. A payment's reference,
 *   memo or check number has no business holding one.
 * - `containsLikelyCardNumber` (every other typed text, through `textField`): a run that is a card
 *   network's number with a valid Luhn digit. Notes legitimately hold long numbers (a claim number, a
 *   trace number), so length alone would refuse real ones; about one such number in a hundred is refused
 *   by mistake, with a message that says why.
 */

/** Runs of digits in the text, spaces and dashes between digits joined ("4111 1111-1111 1111" is one). */
const digitRuns = (text: string) => text.replace(/(?<=\d)[ -](?=\d)/g, '').match(/\d+/g) ?? [];

/** True when the text holds a run of 13 to 19 digits (spaces and dashes between digits allowed). */
export function containsCardNumber(text: string): boolean {
  return digitRuns(text).some((run) => run.length >= 13 && run.length <= 19);
}

/** Luhn check: true when the digits carry a valid card-style check digit. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let n = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      n *= 2;
      if (n > 9) n -= 9;
    }
    sum += n;
  }
  return sum % 10 === 0;
}

/**
 * A number that is a card number: 13 to 19 digits, a card network's leading digits (Visa 4, Mastercard
 * 51-55 and 2221-2720, American Express 34/37, Discover 6011/65) and a valid Luhn digit.
 */
export function looksLikeCardNumber(digits: string): boolean {
  if (!/^\d{13,19}$/.test(digits)) return false;
  const two = Number(digits.slice(0, 2));
  const four = Number(digits.slice(0, 4));
  const network = digits[0] === '4' || (two >= 51 && two <= 55) || (four >= 2221 && four <= 2720) || two === 34 || two === 37 || four === 6011 || two === 65;
  return network && passesLuhn(digits);
}

/** True when a run of digits in the text is a card number by `looksLikeCardNumber`. */
export function containsLikelyCardNumber(text: string): boolean {
  return digitRuns(text).some(looksLikeCardNumber);
}

/** What a field that refused a card number says. */
export const cardNumberRefused = (label: string) => `${label} looks like a full card number; never enter one (card payments keep the last 4 digits only)`;
