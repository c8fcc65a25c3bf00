import { z } from 'zod';
import {
  LETTER_BODY_MAX,
  letterTemplateSaveSchema,
  type LetterTemplateDetail,
  type LetterTemplateSaved,
  type LetterTemplateSummary,
} from '../../domain/letters';
import {
  letterQueueSchema,
  letterRunGetSchema,
  letterRunStartSchema,
  letterSelectSchema,
  letterSkipSchema,
  type LetterCandidate,
  type LetterRunPlan,
  type LetterRunView,
} from '../../domain/letter-runs';
import { idSchema } from '../../domain/text';
import { endpoint, noInput } from '../endpoint';

/** The letter template library (docs/letters.md). Saving makes a new version; versions are never edited. */
export const lettersContract = {
  'letters.templates.list': endpoint(noInput).returns<LetterTemplateSummary[]>(),
  'letters.templates.get': endpoint(z.object({ templateId: idSchema })).returns<LetterTemplateDetail>(),
  'letters.templates.save': endpoint(letterTemplateSaveSchema, { maxText: LETTER_BODY_MAX }).returns<LetterTemplateSaved>(),
  'letters.templates.setActive': endpoint(z.object({ templateId: idSchema, active: z.boolean() })).returns<LetterTemplateSummary>(),
  // The queue and letter runs (docs/letters.md, The queue and letter runs).
  'letters.queue': endpoint(letterQueueSchema).returns<LetterCandidate[]>(),
  'letters.select': endpoint(letterSelectSchema).returns<LetterCandidate[]>(),
  'letters.skip': endpoint(letterSkipSchema).returns<{ skipped: number }>(),
  'letters.startRun': endpoint(letterRunStartSchema).returns<LetterRunPlan>(),
  'letters.getRun': endpoint(letterRunGetSchema).returns<LetterRunView>(),
};
