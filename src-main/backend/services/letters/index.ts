import type { ServiceContext } from '../../context';
import { createLetterTemplates } from './templates';

/** Past-due letters (docs/letters.md): the template library; composing and sending letters comes later. */
export function createLettersService(ctx: ServiceContext) {
  return { templates: createLetterTemplates(ctx) };
}
export { mergeLetter, type MergedLetter } from './merge';
export { sanitizeLetterHtml } from './sanitize';
