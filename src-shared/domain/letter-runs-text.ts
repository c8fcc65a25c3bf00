import { problemText } from './documents-text';
import type { LetterRunException } from './letter-runs';

/**
 * Why an account cannot get its letter, in words: the document pipeline's words for the codes it shares
 * (BLOCKED with the rules and citations, NOTHING_DUE, NO_ADDRESS with the fields missing, ...), and the
 * one only a run has: a stage naming a template the library does not hold.
 */
export function letterExceptionText(e: Pick<LetterRunException, 'accountId' | 'code' | 'missing' | 'blocks'>): string {
  if (e.code === 'NO_TEMPLATE') return 'The stage names a letter template the library does not have, or one retired';
  return problemText({
    ref: { kind: 'letter', accountId: e.accountId, templateId: 1 },
    number: null,
    accountName: null,
    code: e.code,
    missing: e.missing,
    ...(e.blocks.length ? { blocks: e.blocks } : {}),
  });
}

/** Short words for the queue's "Can go" column. */
export const letterExceptionLabels: Record<LetterRunException['code'], string> = {
  BLOCKED: 'Blocked',
  NOTHING_DUE: 'Nothing due',
  NO_ADDRESS: 'No address',
  NO_TEMPLATE: 'No template',
  MISSING_FIELD: 'Missing field',
  ALREADY_SENT: 'Already sent',
};
