import type { Backend } from '../../src-main/backend';
import type { Role } from '../../src-shared/domain/users';
import { must } from './result';

export interface CompanySeed {
  companyName: string;
  timeZone: string;
  username: string;
  displayName: string;
  password: string;
}

/** The company of the backend tests. */
export const testCompany: CompanySeed = {
  companyName: 'Test Billing Co',
  timeZone: 'America/Chicago',
  username: 'admin',
  displayName: 'Ada Admin',
  password: 'correct horse',
};

/** The office of the browser specs and the tour (its administrator signs in as admin / admin-pass-1). */
export const riverside: CompanySeed = {
  companyName: 'Riverside Medical Billing',
  timeZone: 'America/Chicago',
  username: 'admin',
  displayName: 'Alex Admin',
  password: 'admin-pass-1',
};

/** Create the company and its administrator through the dispatcher; `session` is then signed in as that administrator. */
export async function createCompany(b: Backend, company: CompanySeed = testCompany, session = 'admin-session'): Promise<string> {
  await must(b, session, 'app.createCompany', company);
  return session;
}

export interface StaffSeed {
  username: string;
  displayName?: string;
  role: Role;
  password: string;
  /** Sign the user in on this session. */
  session?: string;
}

/** Create users as `admin` (a signed-in administrator's session), each signed in on its session when it has one. */
export async function addStaff(b: Backend, admin: string, staff: readonly StaffSeed[]): Promise<void> {
  for (const u of staff) {
    await must(b, admin, 'users.create', { username: u.username, displayName: u.displayName ?? u.username, role: u.role, password: u.password });
    if (u.session) await signInSession(b, u.session, u.username, u.password);
  }
}

/** Sign in on a backend session (not through a page). */
export async function signInSession(b: Backend, session: string, username: string, password: string): Promise<void> {
  await must(b, session, 'auth.signIn', { username, password });
}
