import type { backupsContract } from '@shared/ipc/contract/backups';
import type { HandlerSlice } from './types';

export const backupsHandlers: HandlerSlice<keyof typeof backupsContract> = {
  'backups.overview': (_input, { services }) => services.backup.overview(),
  'backups.updateSettings': (input, { services, actor }) => services.backup.updateSettings(actor, input),
  'backups.backUpNow': (_input, { services, actor }) => services.backup.backUp('manual', actor),
  'backups.export': (input, { services, actor }) => services.backup.exportBackup(actor, input),
  'backups.inspect': (input, { services }) => services.backup.inspect(input),
  // Verified and staged here; the backend's host swaps it in once calls have drained (host.ts).
  'backups.restore': (input, { services, actor }) => services.backup.stageRestore(actor, input),
  // The Electron shell answers these with a native dialog once this check let the call through;
  // where there is no shell (the e2e bridge) the screen takes a typed path instead.
  'backups.pickFolder': () => ({ kind: 'noDialog' }),
  'backups.pickBackup': () => ({ kind: 'noDialog' }),
};
