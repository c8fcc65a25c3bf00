import { emailMergeFields } from './documents';

/**
 * Email templates (Settings › Documents): a subject and a body with {{field}} merge fields, filled per
 * document when it is emailed. One reading of the syntax for the backend (refuses unknown fields when
 * the settings are saved, fills them when sending) and the settings screen (flags them as typed).
 */
export type EmailMergeField = (typeof emailMergeFields)[number];
export type EmailMergeValues = Record<EmailMergeField, string>;

/** `{{ name }}`: the name between double braces, spaces around it allowed. */
const mergeFieldPattern = /\{\{\s*([^{}]*?)\s*\}\}/g;

const isMergeField = (name: string): name is EmailMergeField => (emailMergeFields as readonly string[]).includes(name);

/** The merge fields a template names that do not exist, each once, in order of appearance. */
export function unknownMergeFields(text: string): string[] {
  const unknown = [...text.matchAll(mergeFieldPattern)].map((m) => m[1] ?? '').filter((name) => !isMergeField(name));
  return [...new Set(unknown)];
}

/** The template with each known field replaced by its value; anything else is left as written. */
export function fillTemplate(text: string, values: EmailMergeValues): string {
  return text.replace(mergeFieldPattern, (whole, name: string) => (isMergeField(name) ? values[name] : whole));
}
