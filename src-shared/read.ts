/** The result of reading typed or imported text: the value, or why not as a phrase after the field's name ("Amount is negative (-5)"). */
export type Read<T> = { ok: true; value: T } | { ok: false; reason: string };
