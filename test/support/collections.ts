import { expect } from 'vitest';
import type { Result } from '../../src-shared/ipc/result';
import { addStaff, unwrap } from '../kit';
import { fixedClock, testBackend, withCompany } from './store';

/** Unwrap an ok Result or fail the test with the error (the kit's unwrap, under the name these suites use). */
export const value = <T>(r: Result<T>): T => unwrap(r);

/** Expect a failed Result with this code; returns the error. */
export function failure<T>(r: Result<T>, code: string) {
  expect(r.ok, r.ok ? 'expected a failure' : '').toBe(false);
  if (r.ok) throw new Error('unreachable');
  expect(r.error.code, r.error.message).toBe(code);
  return r.error;
}

/**
 * A backend with the company (zone America/Chicago), an administrator, a supervisor and a clerk signed in,
 * and a helper that creates accounts with one contact.
 */
export async function collectionsBackend(start: string) {
  const clock = fixedClock(start);
  const b = testBackend({ clock });
  const admin = await withCompany(b);
  await addStaff(b, admin, [
    { username: 'sam', role: 'supervisor', password: 'correct horse', session: 'sam-session' },
    { username: 'cleo', role: 'clerk', password: 'correct horse', session: 'cleo-session' },
  ]);
  let n = 0;
  async function account(opts: { kind?: 'consumer' | 'commercial'; state?: string; timeZone?: string; phones?: string[]; name?: string } = {}) {
    n++;
    const acct = value(
      await b.call(admin, 'accounts.create', {
        accountNumber: `C-${n}`,
        name: opts.name ?? `Consumer ${n}`,
        kind: opts.kind ?? 'consumer',
        billingAddress: { line1: '1 Main St', city: 'Town', state: opts.state ?? 'NY', postalCode: '10001' },
        ...(opts.timeZone ? { timeZone: opts.timeZone } : {}),
        contacts: [{ name: opts.name ?? `Consumer ${n}`, phones: (opts.phones ?? ['212-555-0100']).map((number) => ({ label: 'home', number })) }],
      }),
    );
    return { accountId: acct.id, contactId: acct.contacts[0]!.id, timeZone: acct.timeZone, phone: acct.contacts[0]!.phones[0]!.number };
  }
  /** Move the clock; the test's sessions stay active (no idle lock across simulated days). */
  function travel(iso: string) {
    clock.set(iso);
    for (const id of [admin, 'sam-session', 'cleo-session']) {
      const s = b.services.auth.sessions.get(id);
      if (s) s.lastActivity = clock.now().getTime();
    }
  }
  return { b, clock, travel, admin, supervisor: 'sam-session', clerk: 'cleo-session', account };
}
