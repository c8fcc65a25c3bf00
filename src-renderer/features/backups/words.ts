import type { BackupEntry, BackupTrigger } from '@shared/domain/backups';

/** The words of the Backups page, once. */
export const triggerLabels: Record<BackupTrigger, string> = { schedule: 'Schedule', manual: 'Back up now', cli: 'Command line' };

export const triggerLabel = (e: BackupEntry) => (e.trigger ? triggerLabels[e.trigger] : 'Found in the folder');

/** The stages a backup or restore reports through `progress` events. */
export const stageLabels: Record<string, string> = {
  copying: 'Copying the store…',
  verifying: 'Checking the copy: every page, the migrations, the audit log and the ledger…',
  checking: 'Checking the backup’s key and audit anchor…',
  sealing: 'Writing the manifest…',
  done: 'Done',
};
