import { addDays, type IsoDate } from '@shared/dates';
import { LETTER_PAY_BY_DAYS, type Letterhead, type OutputRef } from '@shared/domain/documents';
import { closestLetterField, letterFields, unknownLetterFields, type LetterPurpose } from '@shared/domain/letters';
import { DomainError, invalid } from '../../errors';
import type { Services } from '../index';
import { blockText, letterBodyOfTemplate } from '../letters/blocks';
import { mergeLetter } from '../letters/merge';
import { sanitizeLetterHtml } from '../letters/sanitize';
import { loadLetterValues, type LetterClerk, type LoadedLetterValues } from '../letters/values';
import { escapeHtml } from './html';

export type LetterRef = Extract<OutputRef, { kind: 'letter' }>;

/** What only a letter needs to be made: the business date and who makes it (they sign it). */
export interface LetterMaking {
  today: IsoDate;
  clerk: LetterClerk;
}

/** A letter made for one account: the template version it used and the exact text it prints. */
export interface LetterFacts extends LoadedLetterValues {
  templateId: number;
  templateName: string;
  version: number;
  purpose: LetterPurpose;
  today: IsoDate;
  payByDate: IsoDate;
  /** Plain text. */
  subject: string;
  /** Merged and sanitized: what prints and what is recorded. */
  bodyHtml: string;
  /** Fields with no value and no fallback: the letter cannot go out. */
  missing: string[];
  signer: { name: string; title: string; company: string };
}

/** `{{acountName}} is not a merge field (did you mean {{accountName}}?)`: edited text is refused naming the field. */
function refuseUnknownFields(path: 'subject' | 'bodyHtml', text: string): void {
  const problems = unknownLetterFields(text).map((name) => {
    const near = closestLetterField(name);
    return { path, message: `{{${name}}} is not a merge field${near ? ` (did you mean {{${near}}}?)` : ''}` };
  });
  if (problems.length) throw invalid(problems.map((p) => p.message).join('; '), problems);
}

/** A plain-text subject with its fields filled (plain text: the merged HTML read back as text). */
function mergeSubject(subject: string, values: LoadedLetterValues['values']): { text: string; missing: string[] } {
  const merged = mergeLetter(escapeHtml(subject), values);
  return { text: blockText(merged.html).replace(/\s+/g, ' ').trim(), missing: merged.missing };
}

/**
 * The letter of a ref: the template's version (default its current one), merged with the account's
 * figures. With `bodyHtml` (this letter's own wording, edited on the compose screen) that text is used,
 * sanitized again, any {{field}} left in it merged, an unknown one refused naming it. Without it, the
 * template's body without what the page prints itself (blocks.ts). NOT_FOUND comes back as null.
 */
export async function loadLetterFacts(
  services: Services,
  ref: LetterRef,
  making: LetterMaking,
  company: { letterhead: Letterhead; companyName: string },
): Promise<LetterFacts | null> {
  const template = await services.letters.templates.get(ref.templateId).catch((err: unknown) => {
    if (err instanceof DomainError && err.code === 'NOT_FOUND') return null;
    throw err;
  });
  if (!template) return null;
  const version = ref.version ?? template.currentVersion;
  const wording = template.versions.find((v) => v.version === version);
  if (!wording)
    throw invalid(`version: “${template.name}” has no version ${version} (its latest is ${template.currentVersion}).`, [
      { path: 'version', message: 'no such version' },
    ]);
  const payByDate = ref.payByDate ?? addDays(making.today, LETTER_PAY_BY_DAYS);
  if (payByDate < making.today) throw invalid(`payByDate: ${payByDate} is before today (${making.today}).`, [{ path: 'payByDate', message: 'before today' }]);

  // The page prints the date, the window address and the signature: a template's own are left out, in an
  // edited text too (a template's draft previewed from the template editor still has them).
  let source: string;
  if (ref.bodyHtml !== undefined) {
    source = letterBodyOfTemplate(sanitizeLetterHtml(ref.bodyHtml).html);
    if (!blockText(source).trim()) throw invalid('The letter has no text.', [{ path: 'bodyHtml', message: 'no text' }]);
    refuseUnknownFields('bodyHtml', source);
  } else source = letterBodyOfTemplate(wording.bodyHtml);
  if (ref.subject !== undefined) refuseUnknownFields('subject', ref.subject);

  const loaded = await loadLetterValues(services, {
    accountId: ref.accountId,
    today: making.today,
    payByDate,
    clerk: making.clerk,
    letterhead: company.letterhead,
    companyName: company.companyName,
    supervisor: /supervisorName/.test(source + (ref.subject ?? wording.subject)),
  });
  const body = mergeLetter(source, loaded.values);
  // What prints is what the editor gets and what is recorded: sanitized once more, so that it comes back
  // from the editor unchanged; the tables' number cells keep their alignment as the one style sanitizing keeps.
  const bodyHtml = sanitizeLetterHtml(body.html.replace(/<(td|th) class="num"/g, '<$1 style="text-align:right"')).html;
  const subject = mergeSubject(ref.subject ?? wording.subject, loaded.values);
  // The signature block prints the signer's fields as a template would (with their fallbacks).
  const v = loaded.values;
  const signer = {
    name: v.clerkName ?? '',
    title: v.clerkTitle ?? letterFields.clerkTitle.fallback,
    company: v.companyName ?? company.companyName,
  };
  const missing = [...new Set([...body.missing, ...subject.missing, ...(signer.name ? [] : ['clerkName'])])];
  return {
    ...loaded,
    templateId: template.id,
    templateName: template.name,
    version,
    purpose: template.purpose,
    today: making.today,
    payByDate,
    subject: subject.text,
    bodyHtml,
    missing,
    signer,
  };
}
