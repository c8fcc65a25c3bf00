import type { statementsContract } from '@shared/ipc/contract/statements';
import type { HandlerSlice } from './types';

export const statementsHandlers: HandlerSlice<keyof typeof statementsContract> = {
  'statements.select': (input, { services }) => services.statements.select(input),
  'statements.saveRun': (input, { services, actor }) => services.statements.saveRun(actor, input),
  'statements.runs': (input, { services }) => services.statements.runs(input),
  'statements.getRun': ({ runId }, { services }) => services.statements.getRun(runId),
};
