import { z } from 'zod';

type WithoutDefault<T> = T extends z.ZodDefault<infer I> ? I : T;

/**
 * The input of an update endpoint: every field of `fields` optional, and with its default removed.
 * Zod 4 applies `.default()` inside `.partial()`, so `fields.partial()` turned a field left out into
 * its default and the update wiped it (status back to active, notes emptied, lines deleted). Built
 * this way, a field not given stays absent and the service keeps what is stored: an update changes
 * exactly the fields it is given. A field given whole (an address, the contact list, the lines)
 * replaces the stored value whole, with the defaults of its own parts.
 */
export function updateSchema<S extends Record<string, z.ZodType>>(fields: z.ZodObject<S>) {
  const shape = Object.fromEntries(
    Object.entries(fields.shape).map(([key, field]) => [key, z.optional(field instanceof z.ZodDefault ? field.removeDefault() : field)]),
  );
  return z.object(shape as { [K in keyof S]: z.ZodOptional<WithoutDefault<S[K]>> });
}
