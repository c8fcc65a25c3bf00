import type { Backend } from '../../src-main/backend';
import type { AccountCreateInput } from '../../src-shared/domain/accounts';
import { addStaff, must } from '../kit';
import { fixedClock, testBackend, withCompany } from './store';

export { must, postInvoice } from '../kit';

export type Sessions = { admin: string; clerk: string; supervisor: string };

/**
 * A real backend on a real encrypted store, company in America/Chicago, the clock at 2026-03-15
 * 10:00 local (so "today" is 2026-03-15), with a signed-in clerk and supervisor.
 */
export async function receivablesBackend(start = '2026-03-15T15:00:00Z') {
  const clock = fixedClock(start);
  const b = testBackend({ clock });
  const admin = await withCompany(b);
  await addStaff(b, admin, [
    { username: 'clara', role: 'clerk', password: 'password-123', session: 'clerk-session' },
    { username: 'sam', role: 'supervisor', password: 'password-123', session: 'supervisor-session' },
  ]);
  const s: Sessions = { admin, clerk: 'clerk-session', supervisor: 'supervisor-session' };
  return { b, s, clock };
}

let n = 0;
export async function newAccount(b: Backend, session: string, over: Partial<AccountCreateInput> = {}) {
  n++;
  return must(b, session, 'accounts.create', { accountNumber: `A-${1000 + n}`, name: `Customer ${n}`, kind: 'commercial', ...over });
}
