import type { Backend } from '../../src-main/backend';
import { signInSession } from '../kit';
import type { Sessions } from './receivables';

/**
 * Move the business clock to `iso` (an instant) and sign the test users in again (a jump of days locks
 * idle sessions, as it should).
 */
export async function travel(b: Backend, s: Sessions, clock: { set(iso: string): void }, iso: string): Promise<void> {
  clock.set(iso);
  await signInSession(b, s.admin, 'admin', 'correct horse');
  await signInSession(b, s.clerk, 'clara', 'password-123');
  await signInSession(b, s.supervisor, 'sam', 'password-123');
}
