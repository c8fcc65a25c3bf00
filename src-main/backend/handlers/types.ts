import type { BackendChannel, Channel, Contract } from '@shared/ipc/contract';
import type { BackendOutputOf, ParsedInputOf } from '@shared/ipc/endpoint';
import type { Actor } from '../context';
import type { UserRow } from '../services/users';
import type { Services } from '../services';

/** What a handler knows about its caller. `user` is null only for public endpoints. */
export interface CallContext {
  sessionId: string;
  user: UserRow | null;
  actor: Actor;
  services: Services;
}

export type Handler<C extends Channel> = (
  input: ParsedInputOf<Contract[C]>,
  call: CallContext,
) => Promise<BackendOutputOf<Contract[C]>> | BackendOutputOf<Contract[C]>;

/** Every channel must have a handler: a missing or mistyped one fails `tsc`. */
export type Handlers = { [C in BackendChannel]: Handler<C> };
export type HandlerSlice<K extends Channel> = { [C in K]: Handler<C> };

/** For handlers behind a role check: the user is known to be signed in. */
export function signedIn(call: CallContext): UserRow {
  if (!call.user) throw new Error('handler reached without a signed-in user');
  return call.user;
}
