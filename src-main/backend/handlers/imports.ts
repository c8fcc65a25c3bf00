import type { importsContract } from '@shared/ipc/contract/imports';
import type { HandlerSlice } from './types';

export const importsHandlers: HandlerSlice<keyof typeof importsContract> = {
  'imports.preview': (input, { services }) => services.imports.preview(input),
  'imports.post': (input, { services, actor }) => services.imports.post(actor, input),
};
