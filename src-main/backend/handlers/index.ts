import { appHandlers } from './app';
import type { Handlers } from './types';
import { usersHandlers } from './users';
import { receivablesHandlers } from './receivables';

export const handlers: Handlers = {
  ...appHandlers,
  ...usersHandlers,
  ...receivablesHandlers,
};
export type { CallContext, Handlers } from './types';
