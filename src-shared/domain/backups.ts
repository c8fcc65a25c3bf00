import { z } from 'zod';
import type { ErrorCode } from '../ipc/result';
import { hasControlCharacters } from './text';

/**
 * Backups (docs/backups.md): where they go, when they run, how many are kept. Kept in the store's
 * settings (changes are audited); `folder: null` is the suggested folder beside the store's data.
 */
export const BACKUP_FOLDER_MAX = 1000;

export const backupSettingsSchema = z.object({
  /** The folder backups are written to (a network share, usually); null: the suggested folder on this computer. */
  folder: z
    .string()
    .trim()
    .min(1, 'Choose a backup folder')
    .max(BACKUP_FOLDER_MAX, `The folder path must be at most ${BACKUP_FOLDER_MAX} characters`)
    .refine((s) => !hasControlCharacters(s), 'The folder path contains control characters')
    .nullable(),
  /** Automatic daily backups. */
  scheduleEnabled: z.boolean(),
  /** The office's time of day for the daily backup, 24-hour "HH:MM" in the company's time zone. */
  timeOfDay: z
    .string()
    .max(5)
    .regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'Time of day must be HH:MM (24-hour), e.g. 19:00'),
  /** The newest backup of each of the last N days that have one. */
  keepDaily: z.number().int().min(1, 'Keep at least 1 daily backup').max(366, 'Keep at most 366 daily backups'),
  /** The newest backup of each of the last M months that have one (0: none beyond the daily ones). */
  keepMonthly: z.number().int().min(0, 'Monthly backups cannot be negative').max(120, 'Keep at most 120 monthly backups'),
});
export type BackupSettings = z.infer<typeof backupSettingsSchema>;

export const defaultBackupSettings: BackupSettings = { folder: null, scheduleEnabled: true, timeOfDay: '19:00', keepDaily: 14, keepMonthly: 12 };

/** What started a backup. */
export type BackupTrigger = 'schedule' | 'manual' | 'cli';

/** One line of the backups list: an attempt (done or failed), or a backup found in the folder. */
export interface BackupEntry {
  /** The attempt's id, or `file:<name>` for a backup found in the folder that this store's history does not list. */
  id: string;
  startedAt: string;
  finishedAt: string | null;
  trigger: BackupTrigger | null;
  result: 'ok' | 'failed';
  folder: string;
  /** The backup file's name (`ledgerdesk-YYYYMMDD-HHMMSS.ldkbak`); null for a failure that wrote none. */
  fileName: string | null;
  /** Its full path, for restore and export. */
  path: string | null;
  sizeBytes: number | null;
  durationMs: number | null;
  /** Checks that found problems in the store itself when the copy was verified (the copy is kept; run verify). */
  findings: string[];
  error: { code: ErrorCode; message: string } | null;
  /** The file and its manifest are still in the folder (retention deletes old ones). */
  present: boolean;
}

export interface BackupOverview {
  settings: BackupSettings;
  /** The folder in use: the chosen one, or the suggested one. */
  folder: string;
  defaultFolder: string;
  /** Whether the folder can be written now (a share that is not connected cannot). */
  folderProblem: { code: ErrorCode; message: string } | null;
  /** A backup being taken now. */
  running: { startedAt: string; trigger: BackupTrigger } | null;
  lastSuccess: BackupEntry | null;
  /** When the schedule will next take a backup; null when it is off. */
  nextDueAt: string | null;
  /** The company's time zone, which the time of day is in. */
  timeZone: string;
  entries: BackupEntry[];
}

/** What restoring a backup will do, shown before the administrator confirms. */
export interface RestorePreview {
  path: string;
  createdAt: string;
  appVersion: string;
  sizeBytes: number;
  /** Exported with a passphrase (the key travels in the manifest, wrapped). */
  exported: boolean;
  storePath: string;
  /** Where the current store will be kept (renamed), with its anchor and key files. */
  keptAsidePath: string;
  auditRecords: number;
}

export interface RestoreOutcome extends RestorePreview {
  restoredAt: string;
}

export interface ExportOutcome {
  path: string;
  manifestPath: string;
  sizeBytes: number;
}

/** A native dialog's answer; `noDialog` where the app has none (the e2e bridge): type the path instead. */
export type PickAnswer = { kind: 'picked'; path: string } | { kind: 'cancelled' } | { kind: 'noDialog' };
