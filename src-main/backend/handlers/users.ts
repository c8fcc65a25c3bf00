import type { usersContract } from '@shared/ipc/contract/users';
import type { HandlerSlice } from './types';

export const usersHandlers: HandlerSlice<keyof typeof usersContract> = {
  'users.list': (_input, { services }) => services.users.list(),
  'users.assignees': (_input, { services }) => services.users.assignees(),
  'users.names': (_input, { services }) => services.users.names(),
  'users.create': (input, { services, actor }) => services.users.create(actor, input),
  'users.update': (input, { services, actor }) => services.users.update(actor, input),
  async 'users.resetPassword'(input, { services, actor }) {
    await services.users.resetPassword(actor, input.userId, input.password);
    return null;
  },
  'users.setActive': (input, { services, actor }) => services.users.setActive(actor, input.userId, input.active),
};
