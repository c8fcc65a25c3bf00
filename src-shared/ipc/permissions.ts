import type { Role } from '../domain/users';
import type { Channel } from './contract';

/**
 * Who may call what: the one table, enforced in main before any handler runs.
 * - 'public': no session needed (status, first run, sign-in);
 * - 'session': any signed-in user, even while the session is idle-locked (unlock, sign out);
 * - a role list: a signed-in, unlocked user with one of these roles.
 */
export type Access = 'public' | 'session' | readonly Role[];

const anyone: readonly Role[] = ['clerk', 'supervisor', 'administrator'];
const supervisors: readonly Role[] = ['supervisor', 'administrator'];
const administrators: readonly Role[] = ['administrator'];

export const access: { readonly [C in Channel]: Access } = {
  'store.status': 'public',
  'store.unlock': 'public',
  'store.create': 'public',
  'app.status': 'public',
  'app.createCompany': 'public',
  'auth.signIn': 'public',
  'auth.signOut': 'session',
  'auth.lock': 'session',
  'auth.unlock': 'session',
  'auth.changePassword': anyone,
  'settings.get': anyone,
  'settings.update': administrators,
  'audit.list': supervisors,
  'audit.verify': administrators,
  'users.list': administrators,
  'users.create': administrators,
  'users.update': administrators,
  'users.resetPassword': administrators,
  'users.setActive': administrators,
};

export function roleMayCall(role: Role, channel: Channel): boolean {
  const rule = access[channel];
  return rule === 'public' || rule === 'session' || rule.includes(role);
}
