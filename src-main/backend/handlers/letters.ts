import type { lettersContract } from '@shared/ipc/contract/letters';
import type { HandlerSlice } from './types';

export const lettersHandlers: HandlerSlice<keyof typeof lettersContract> = {
  'letters.templates.list': (_input, { services }) => services.letters.templates.list(),
  'letters.templates.get': ({ templateId }, { services }) => services.letters.templates.get(templateId),
  'letters.templates.save': (input, { services, actor }) => services.letters.templates.save(actor, input),
  'letters.templates.setActive': ({ templateId, active }, { services, actor }) => services.letters.templates.setActive(actor, templateId, active),
};
