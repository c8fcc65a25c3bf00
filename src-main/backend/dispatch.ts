import type { z } from 'zod';
import { contract, type BackendChannel } from '@shared/ipc/contract';
import { DEFAULT_MAX_TEXT } from '@shared/ipc/endpoint';
import { access } from '@shared/ipc/permissions';
import { fail, ok, type Result } from '@shared/ipc/result';
import { rawInputProblem } from './boundary';
import type { Actor } from './context';
import { StoreError } from './db/errors';
import { asStoreError } from './db/open';
import { DomainError } from './errors';
import { handlers, type CallContext } from './handlers';
import type { Services } from './services';
import type { UserRow } from './services/users';
import type { appendAudit } from './services/audit';
import type { ErrorLog } from '../log/logger';

export type Dispatch = (sessionId: string, channel: string, input: unknown) => Promise<Result<unknown>>;

function zodDetails(error: z.ZodError) {
  return error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

/**
 * The one path every call takes, whatever the transport (Electron IPC or the e2e bridge):
 * known channel -> session and role check -> raw text check (boundary.ts) -> zod parse -> handler ->
 * Result envelope.
 */
export function createDispatch(
  services: Services,
  deps: { storePath: string; log?: ErrorLog; audit: (actor: Actor, entry: Parameters<typeof appendAudit>[3]) => Promise<void> },
): Dispatch {
  // The app passes its logger (src-main/log: event code, channel, the error redacted); tests pass a silent one.
  const log: ErrorLog = deps.log ?? ((event, message, err, fields) => console.error(`[${event}] ${message}`, fields, err));
  return async (sessionId, channel, rawInput) => {
    if (!Object.hasOwn(contract, channel) || !Object.hasOwn(handlers, channel)) return fail('UNKNOWN_CHANNEL', `There is no endpoint "${channel}".`);
    const ch = channel as BackendChannel;
    try {
      const rule = access[ch];
      let user: UserRow | null = null;
      if (rule !== 'public') {
        ({ user } = await services.auth.check(sessionId, { allowLocked: rule === 'session' }));
        if (rule !== 'session' && !rule.includes(user.role)) {
          await deps.audit(
            { userId: user.id, username: user.username },
            { action: 'permission.denied', entity: 'endpoint', entityId: ch, after: { role: user.role } },
          );
          return fail('FORBIDDEN', `Your role (${user.role}) does not allow this: ${ch}.`);
        }
      }
      const endpoint: { input: z.ZodType; maxText?: number } = contract[ch];
      const problem = rawInputProblem(rawInput, endpoint.maxText ?? DEFAULT_MAX_TEXT);
      if (problem) return fail('VALIDATION', `${problem.path}: ${problem.message}`, [problem]);
      const parsed = endpoint.input.safeParse(rawInput);
      if (!parsed.success) {
        const details = zodDetails(parsed.error);
        return fail('VALIDATION', details.map((d) => (d.path ? `${d.path}: ${d.message}` : d.message)).join('; '), details);
      }
      const call: CallContext = { sessionId, user, actor: user ? { userId: user.id, username: user.username } : { userId: null, username: null }, services };
      const handler = handlers[ch] as (input: unknown, call: CallContext) => unknown;
      return ok(await handler(parsed.data, call));
    } catch (err) {
      if (err instanceof DomainError) return fail(err.code, err.message, err.details);
      if (err instanceof StoreError) return fail(err.code, err.message);
      const storeErr = asStoreError(err, deps.storePath);
      if (storeErr) return fail(storeErr.code, storeErr.message);
      log('dispatch.internal', 'an endpoint failed unexpectedly; the caller was told INTERNAL', err, { channel: ch });
      return fail('INTERNAL', 'Something went wrong and nothing was saved. The details are in the log.');
    }
  };
}
