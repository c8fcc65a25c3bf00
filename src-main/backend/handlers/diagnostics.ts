import type { diagnosticsContract } from '@shared/ipc/contract/diagnostics';
import { signedIn, type HandlerSlice } from './types';

export const diagnosticsHandlers: HandlerSlice<keyof typeof diagnosticsContract> = {
  'diagnostics.store': async (_input, call) => {
    // Last backup: null until the backups service records one.
    const facts = await call.services.diagnostics.store(null);
    return { ...facts, storePath: signedIn(call).role === 'administrator' ? facts.storePath : null };
  },
  // The backend has no shell: these answers stand where none exists; the shell answers in their place.
  'diagnostics.shell': () => null,
  'diagnostics.openLogFolder': () => false,
};
