import { useCallback, useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { unwrap } from '../../api/client';
import { automaticActorName, automaticUsername } from '@shared/domain/users';

/**
 * People by name on every screen: records keep the sign-in name of who did something, the screens
 * show their display name ("Casey Morgan", not "casey"). Null (done by the system) stays null.
 */
export function usePersonName(): (username: string | null | undefined) => string | null {
  const names = useQuery({ queryKey: ['users', 'names'], queryFn: () => unwrap(window.api.users.names()), staleTime: 5 * 60_000 });
  const byUsername = useMemo(() => new Map((names.data ?? []).map((n) => [n.username, n.displayName])), [names.data]);
  return useCallback(
    // Until the names load (or for a user name no longer on file) the record's own name is all there is.
    // What Ledgerdesk did by itself is recorded as the automatic actor's name, never shown as such.
    (username: string | null | undefined) => (username ? (byUsername.get(username) ?? (username === automaticUsername ? automaticActorName : username)) : null),
    [byUsername],
  );
}
