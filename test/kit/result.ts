import type { Backend } from '../../src-main/backend';
import type { Channel, Contract } from '../../src-shared/ipc/contract';
import type { InputOf, OutputOf } from '../../src-shared/ipc/endpoint';
import type { Result } from '../../src-shared/ipc/result';

/** A failed call, as thrown by unwrap: the message says what failed and why; `code` is the error code. */
export class CallFailed extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** The value of an ok Result; a failure throws CallFailed ("<what>: CODE: message") so the test stops there, saying why. */
export function unwrap<T>(r: Result<T>, what?: string): T {
  if (r.ok) return r.value;
  throw new CallFailed(r.error.code, `${what ? `${what}: ` : ''}${r.error.code}: ${r.error.message}`, r.error.details);
}

/** Call an endpoint as `session` through the dispatcher (sessions, roles and zod all run) and unwrap its answer. */
export async function must<C extends Channel>(b: Backend, session: string, channel: C, input: InputOf<Contract[C]>): Promise<OutputOf<Contract[C]>> {
  return unwrap(await b.call(session, channel, input), channel);
}
