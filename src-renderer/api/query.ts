import { QueryClient } from '@tanstack/react-query';
import { CallError } from './client';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // Permission and validation failures will not fix themselves on retry.
      retry: (count, err) => !(err instanceof CallError) && count < 2,
    },
  },
});

/** Main tells us which domains changed; every query keyed under a domain refetches. */
export function listenForDataChanges(): () => void {
  return window.api.on('data.changed', ({ domains }) => {
    for (const d of domains) void queryClient.invalidateQueries({ queryKey: [d] });
  });
}
