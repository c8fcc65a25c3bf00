import { z } from 'zod';
import { cardNumberRefused, containsLikelyCardNumber } from './card-numbers';

// Control characters other than tab, newline and carriage return have no place in office text.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the class names the control characters refused here, on purpose
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
// An unpaired UTF-16 surrogate is no character: the store would keep U+FFFD, not the text given.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const isWellFormedText = (s: string) => !LONE_SURROGATE.test(s);
export const hasControlCharacters = (s: string) => CONTROL.test(s);

/** Why a string cannot be stored as text, or null. The boundary (dispatch) and textField share it. */
export function textProblem(s: string): string | null {
  if (!isWellFormedText(s)) return 'is not well-formed Unicode (an unpaired surrogate)';
  if (hasControlCharacters(s)) return 'contains control characters';
  return null;
}

/**
 * Free text typed by a clerk: trimmed, length-limited, stored as text and never interpreted
 * (HTML in a name is shown as the characters typed), and never a full card number.
 */
export const textField = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be at most ${max} characters`)
    .refine(isWellFormedText, `${label} is not well-formed Unicode`)
    .refine((s) => !hasControlCharacters(s), `${label} contains control characters`)
    // Typed anywhere, a full card number is refused (docs/money-in.md, Bank accounts): it would be stored.
    .refine((s) => !containsLikelyCardNumber(s), cardNumberRefused(label));

export const requiredText = (label: string, max: number) => textField(label, max).pipe(z.string().min(1, `${label} is required`));

// Dates and money have one codec each (src-shared/dates, src-shared/money); their schemas live there.
export { isoDateSchema } from '../dates/schema';
export { centsSchema, nonNegativeCents, positiveCents } from '../money/schema';

export const idSchema = z.number().int().positive();

/** Paging for list endpoints. */
export const pageSchema = z.object({ limit: z.number().int().min(1).max(500).default(50), offset: z.number().int().min(0).default(0) });
export interface Page<T> {
  rows: T[];
  total: number;
  limit: number;
  offset: number;
}
