import type { lettersContract } from '@shared/ipc/contract/letters';
import type { HandlerSlice } from './types';

export const lettersHandlers: HandlerSlice<keyof typeof lettersContract> = {
  'letters.templates.list': (_input, { services }) => services.letters.templates.list(),
  'letters.templates.get': ({ templateId }, { services }) => services.letters.templates.get(templateId),
  'letters.templates.save': (input, { services, actor }) => services.letters.templates.save(actor, input),
  'letters.templates.setActive': ({ templateId, active }, { services, actor }) => services.letters.templates.setActive(actor, templateId, active),
  'letters.queue': (input, { services }) => services.letterRuns.queue(input),
  'letters.select': (input, { services }) => services.letterRuns.select(input),
  'letters.skip': (input, { services, actor }) => services.letterRuns.skip(actor, input),
  'letters.startRun': (input, { services, actor }) => services.letterRuns.start(actor, input),
  'letters.getRun': ({ runId }, { services }) => services.letterRuns.get(runId),
};
