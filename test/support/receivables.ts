import type { Backend } from '../../src-main/backend';
import type { Channel, Contract } from '../../src-shared/ipc/contract';
import type { InputOf, OutputOf } from '../../src-shared/ipc/endpoint';
import type { AccountCreateInput } from '../../src-shared/domain/accounts';
import { fixedClock, testBackend, withCompany } from './store';

export type Sessions = { admin: string; clerk: string; supervisor: string };

/** Call through the dispatcher (roles + zod) and return the value, or throw with the error code and message. */
export async function must<C extends Channel>(b: Backend, session: string, channel: C, input: InputOf<Contract[C]>): Promise<OutputOf<Contract[C]>> {
  const r = await b.call(session, channel, input);
  if (!r.ok) throw Object.assign(new Error(`${channel}: ${r.error.code}: ${r.error.message}`), { code: r.error.code });
  return r.value;
}

/**
 * A real backend on a real encrypted store, company in America/Chicago, the clock at 2026-03-15
 * 10:00 local (so "today" is 2026-03-15), with a signed-in clerk and supervisor.
 */
export async function receivablesBackend(start = '2026-03-15T15:00:00Z') {
  const clock = fixedClock(start);
  const b = testBackend({ clock });
  const admin = await withCompany(b);
  for (const [username, role] of [
    ['clara', 'clerk'],
    ['sam', 'supervisor'],
  ] as const) {
    await must(b, admin, 'users.create', { username, displayName: username, role, password: 'password-123' });
    await must(b, `${role}-session`, 'auth.signIn', { username, password: 'password-123' });
  }
  const s: Sessions = { admin, clerk: 'clerk-session', supervisor: 'supervisor-session' };
  return { b, s, clock };
}

let n = 0;
export async function newAccount(b: Backend, session: string, over: Partial<AccountCreateInput> = {}) {
  n++;
  return must(b, session, 'accounts.create', { accountNumber: `A-${1000 + n}`, name: `Customer ${n}`, kind: 'commercial', ...over });
}

/** Post an invoice of one untaxed line of `cents`. */
export async function postInvoice(b: Backend, session: string, accountId: number, cents: number, opts: { date?: string; terms?: string } = {}) {
  const draft = await must(b, session, 'invoices.createDraft', {
    accountId,
    invoiceDate: opts.date,
    terms: opts.terms,
    lines: [{ itemCode: 'SVC', description: 'Service', quantityMilli: 1000, unitPriceCents: cents }],
  });
  return must(b, session, 'invoices.post', { invoiceId: draft.id });
}
