import { appHandlers } from './app';
import type { Handlers } from './types';
import { usersHandlers } from './users';

export const handlers: Handlers = {
  ...appHandlers,
  ...usersHandlers,
};
export type { CallContext, Handlers } from './types';
