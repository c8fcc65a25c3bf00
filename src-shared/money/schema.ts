import { z } from 'zod';
import { MAX_CENTS, MAX_CENTS_TEXT } from './cents';

/**
 * The money schemas every endpoint uses: whole cents within the one ceiling (MAX_CENTS), so a refusal
 * reads the same everywhere. Their output is branded Cents.
 */
const whole = () => z.number().int('Amounts are whole cents');
const tooLarge = `Amounts can be at most ${MAX_CENTS_TEXT}`;

/** Signed (an adjustment): -MAX_CENTS..MAX_CENTS. */
export const centsSchema = whole().min(-MAX_CENTS, tooLarge).max(MAX_CENTS, tooLarge).brand<'Cents'>();
/** 0..MAX_CENTS: prices, limits, thresholds. */
export const nonNegativeCents = whole().min(0, 'Amount cannot be negative').max(MAX_CENTS, tooLarge).brand<'Cents'>();
/** 1..MAX_CENTS: what is paid, credited, promised. */
export const positiveCents = whole().positive('Amount must be more than zero').max(MAX_CENTS, tooLarge).brand<'Cents'>();
