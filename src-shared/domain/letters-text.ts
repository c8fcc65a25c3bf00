import type { LetterPurpose } from './letters';

/**
 * Words of letters that are not a template's: one place, used by the backend (the email it sends) and
 * the screens.
 */

/**
 * The opt-out every emailed letter carries (12 CFR 1006.6(e)): plain words, and a way to opt out that
 * needs no link (a reply, or a call). Every letter is about a debt (a confirmation of a plan too), so
 * none goes without it. Without a company phone the call is left out.
 */
export function emailOptOutText(companyPhone: string): string {
  const call = companyPhone.trim() ? ` or call us at ${companyPhone.trim()}` : '';
  return `If you want us to stop emailing you about this debt, reply to this email with the word STOP${call}.`;
}

export const letterPurposeLabels: Record<LetterPurpose, string> = {
  collection: 'Collection letter',
  cease_permitted: 'Notice a cease request permits',
  confirmation: 'Confirmation',
  validation_notice: 'Validation notice',
};
