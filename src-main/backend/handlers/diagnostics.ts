import type { BackupOverview } from '@shared/domain/backups';
import type { diagnosticsContract, LastBackup } from '@shared/ipc/contract/diagnostics';
import { signedIn, type HandlerSlice } from './types';

/** The newest backup attempt from the backups overview (newest first) and, if it failed, when the last one worked. */
export function lastBackupOf(o: Pick<BackupOverview, 'entries' | 'lastSuccess'>): LastBackup | null {
  const newest = o.entries[0];
  if (!newest) return null;
  const ok = newest.result === 'ok';
  return {
    at: newest.finishedAt ?? newest.startedAt,
    ok,
    bytes: newest.sizeBytes,
    lastSuccessAt: ok || !o.lastSuccess ? null : (o.lastSuccess.finishedAt ?? o.lastSuccess.startedAt),
  };
}

export const diagnosticsHandlers: HandlerSlice<keyof typeof diagnosticsContract> = {
  'diagnostics.store': async (_input, call) => {
    const facts = await call.services.diagnostics.store(lastBackupOf(await call.services.backup.overview()));
    return { ...facts, storePath: signedIn(call).role === 'administrator' ? facts.storePath : null };
  },
  // The backend has no shell: these answers stand where none exists; the shell answers in their place.
  'diagnostics.shell': () => null,
  'diagnostics.openLogFolder': () => false,
};
