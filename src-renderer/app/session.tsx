import { createContext, useContext } from 'react';
import type { SessionInfo } from '@shared/domain/users';
import type { Role } from '@shared/domain/users';

export interface SessionContextValue {
  session: SessionInfo;
  signOut(): Promise<void>;
  lock(): Promise<void>;
  refresh(): Promise<void>;
}

export const SessionContext = createContext<SessionContextValue | null>(null);

export function useSession(): SessionContextValue {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession outside a signed-in shell');
  return v;
}

const rank: Record<Role, number> = { clerk: 0, supervisor: 1, administrator: 2 };
/** For showing or hiding UI only; main enforces the real permission table. */
export const atLeast = (role: Role, min: Role) => rank[role] >= rank[min];
