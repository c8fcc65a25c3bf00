import { z } from 'zod';
import {
  BACKUP_FOLDER_MAX,
  backupSettingsSchema,
  type BackupEntry,
  type BackupOverview,
  type BackupSettings,
  type ExportOutcome,
  type PickAnswer,
  type RestoreOutcome,
  type RestorePreview,
} from '../../domain/backups';
import { hasControlCharacters } from '../../domain/text';
import { updateSchema } from '../../domain/partial-update';
import { endpoint, noInput } from '../endpoint';

const filePath = z
  .string()
  .trim()
  .min(1, 'Choose a backup file')
  .max(BACKUP_FOLDER_MAX, `The path must be at most ${BACKUP_FOLDER_MAX} characters`)
  .refine((s) => !hasControlCharacters(s), 'The path contains control characters');
/** The passphrase that wraps an exported backup's key (scrypt, docs/backups.md). */
const newPassphrase = z.string().min(10, 'The passphrase must be at least 10 characters').max(500);
const givenPassphrase = z.string().min(1, 'Enter the passphrase the backup was exported with').max(500).optional();

/**
 * Backups and restore, for administrators (docs/backups.md). `backups.pickFolder` and
 * `backups.pickBackup` pass the backend's session and role check like every call, then the Electron
 * shell answers them with a native dialog (backupsShellAnswered); without a shell (the e2e bridge)
 * the backend's own answer, `noDialog`, tells the screen to take a typed path instead.
 */
export const backupsContract = {
  'backups.overview': endpoint(noInput).returns<BackupOverview>(),
  'backups.updateSettings': endpoint(updateSchema(backupSettingsSchema).strict()).returns<BackupSettings>(),
  /** Takes a backup now and answers when it is written and verified (or failed: the entry says why). */
  'backups.backUpNow': endpoint(noInput).returns<BackupEntry>(),
  /** A copy of a listed backup with its key wrapped by a passphrase, for another machine or off-site. */
  'backups.export': endpoint(z.object({ path: filePath, toFolder: filePath, passphrase: newPassphrase })).returns<ExportOutcome>(),
  /** Reads a backup's manifest (and unwraps an export's key) to say what a restore will do; changes nothing. */
  'backups.inspect': endpoint(z.object({ path: filePath, passphrase: givenPassphrase })).returns<RestorePreview>(),
  /**
   * Verifies the backup fully, then replaces the store with it (the current one kept aside): calls in
   * flight finish first, new ones are refused with STORE_RESTORING, and every session ends.
   */
  'backups.restore': endpoint(z.object({ path: filePath, passphrase: givenPassphrase })).returns<RestoreOutcome>(),
  'backups.pickFolder': endpoint(noInput).returns<PickAnswer>(),
  'backups.pickBackup': endpoint(noInput).returns<PickAnswer>(),
};

/** Endpoints the Electron shell answers itself (a native dialog) once the backend has let the call through (src-main/ipc/shell-answered.ts). */
export const backupsShellAnswered = ['backups.pickFolder', 'backups.pickBackup'] as const;
export type BackupsShellAnswered = (typeof backupsShellAnswered)[number];
export const isBackupsShellAnswered = (channel: string): channel is BackupsShellAnswered => (backupsShellAnswered as readonly string[]).includes(channel);
