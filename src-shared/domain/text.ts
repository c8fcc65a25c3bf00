import { z } from 'zod';

// Control characters other than tab, newline and carriage return have no place in office text.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/**
 * Free text typed by a clerk: trimmed, length-limited, stored as text and never interpreted
 * (HTML in a name is shown as the characters typed).
 */
export const textField = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be at most ${max} characters`)
    .refine((s) => !CONTROL.test(s), `${label} contains control characters`);

export const requiredText = (label: string, max: number) => textField(label, max).pipe(z.string().min(1, `${label} is required`));

export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Date must be YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'Not a calendar date');

export const idSchema = z.number().int().positive();
export const centsSchema = z.number().int('Amounts are whole cents').min(-1e13).max(1e13);
export const positiveCents = z.number().int('Amounts are whole cents').positive('Amount must be more than zero').max(1e13);

/** Paging for list endpoints. */
export const pageSchema = z.object({ limit: z.number().int().min(1).max(500).default(50), offset: z.number().int().min(0).default(0) });
export interface Page<T> {
  rows: T[];
  total: number;
  limit: number;
  offset: number;
}
