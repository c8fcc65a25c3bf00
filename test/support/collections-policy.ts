import type { Backend } from '../../src-main/backend';
import { must, type Sessions } from './receivables';

/**
 * Move the business clock to `iso` (an instant) and sign the test users in again (a jump of days locks
 * idle sessions, as it should).
 */
export async function travel(b: Backend, s: Sessions, clock: { set(iso: string): void }, iso: string): Promise<void> {
  clock.set(iso);
  await must(b, s.admin, 'auth.signIn', { username: 'admin', password: 'correct horse' });
  await must(b, s.clerk, 'auth.signIn', { username: 'clara', password: 'password-123' });
  await must(b, s.supervisor, 'auth.signIn', { username: 'sam', password: 'password-123' });
}
