import { z } from 'zod';
import {
  LETTER_BODY_MAX,
  letterTemplateSaveSchema,
  type LetterTemplateDetail,
  type LetterTemplateSaved,
  type LetterTemplateSummary,
} from '../../domain/letters';
import { idSchema } from '../../domain/text';
import { endpoint, noInput } from '../endpoint';

/** The letter template library (docs/letters.md). Saving makes a new version; versions are never edited. */
export const lettersContract = {
  'letters.templates.list': endpoint(noInput).returns<LetterTemplateSummary[]>(),
  'letters.templates.get': endpoint(z.object({ templateId: idSchema })).returns<LetterTemplateDetail>(),
  'letters.templates.save': endpoint(letterTemplateSaveSchema, { maxText: LETTER_BODY_MAX }).returns<LetterTemplateSaved>(),
  'letters.templates.setActive': endpoint(z.object({ templateId: idSchema, active: z.boolean() })).returns<LetterTemplateSummary>(),
};
