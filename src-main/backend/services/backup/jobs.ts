/**
 * The long parts of backup and restore, as plain functions of files and the key: taking a backup
 * (VACUUM INTO, then verify), staging a restore (copy, check, rekey, verify) and exporting. They run
 * in a thread of their own in the app (thread.ts) so that postings go on meanwhile; the CLI and
 * tests may run them inline. Nothing here touches the open store except through its own read-only
 * connection.
 */
import fs from 'node:fs';
import path from 'node:path';
import Sqlite from 'better-sqlite3-multiple-ciphers';
import type { BackupTrigger, ExportOutcome } from '@shared/domain/backups';
import type { ErrorCode } from '@shared/ipc/result';
import { unwrapWithPassphrase, WrongPassphraseError, wrapWithPassphrase } from '../../../keystore/passphrase';
import { anchorMacKey, anchorPathFor, chainEnd, fitAnchor, parseAnchor, signAnchor, writeAnchor, type SignedAnchor } from '../../db/anchor';
import { StoreError } from '../../db/errors';
import { migrations as knownMigrations } from '../../db/migrations';
import { applyKey, openStore } from '../../db/open';
import { DomainError } from '../../errors';
import { verifyStoreFile, type VerifyReport } from '../../verify';
import { copyWithHash, fsyncDir, fsyncFile, hashFile, removeQuietly, writeFileDurably } from './files';
import { folderProblem, writeFailure } from './folder';
import {
  APP_VERSION,
  backupError,
  dataFileOf,
  DATA_EXT,
  FORMAT,
  FORMAT_VERSION,
  freeBaseName,
  keyIdOf,
  manifestFileOf,
  readBackupFiles,
  sealHolds,
  sealManifest,
  type BackupFiles,
  type Manifest,
  type MigrationRow,
} from './layout';

export type Progress = (label: string, done: number, total: number) => void;

export interface BackupJob {
  kind: 'backup';
  storePath: string;
  key: Uint8Array;
  folder: string;
  baseName: string;
  createdAt: string;
  trigger: BackupTrigger;
  /** Wrap the key into the manifest with this passphrase (the CLI's --passphrase-env): restorable anywhere with it. */
  passphrase?: string;
}
export interface BackupDone {
  fileName: string;
  path: string;
  sizeBytes: number;
  findings: string[];
}

export interface StageJob {
  kind: 'stage';
  key: Uint8Array;
  backupPath: string;
  passphrase?: string;
  stagedPath: string;
}
export interface StageDone {
  stagedPath: string;
  /** The backup's data file (the one picked may be its manifest). */
  backupPath: string;
  createdAt: string;
  appVersion: string;
  sizeBytes: number;
  exported: boolean;
  auditRecords: number;
}

export interface ExportJob {
  kind: 'export';
  key: Uint8Array;
  backupPath: string;
  toFolder: string;
  passphrase: string;
}

/** Reads a backup's manifest and checks its key (scrypt for an export: about a second) without reading its pages. */
export interface InspectJob {
  kind: 'inspect';
  key: Uint8Array;
  backupPath: string;
  passphrase?: string;
}
export interface InspectDone {
  backupPath: string;
  createdAt: string;
  appVersion: string;
  sizeBytes: number;
  exported: boolean;
  auditRecords: number;
}

export type Job = BackupJob | StageJob | ExportJob | InspectJob;
export type JobValue<J extends Job> = J extends BackupJob ? BackupDone : J extends StageJob ? StageDone : J extends InspectJob ? InspectDone : ExportOutcome;
export type JobAnswer<T> = { ok: true; value: T } | { ok: false; code: ErrorCode; message: string };

/** Runs a job and answers in a form that crosses a thread: expected failures as a code and words. */
export async function runJob<J extends Job>(job: J, progress: Progress = () => undefined): Promise<JobAnswer<JobValue<J>>> {
  try {
    const value =
      job.kind === 'backup'
        ? takeBackup(job, progress)
        : job.kind === 'stage'
          ? stageRestore(job, progress)
          : job.kind === 'inspect'
            ? inspectBackup(job)
            : exportBackup(job, progress);
    return { ok: true, value: (await value) as JobValue<J> };
  } catch (err) {
    if (err instanceof DomainError || err instanceof StoreError) return { ok: false, code: err.code, message: err.message };
    return { ok: false, code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) };
  }
}

function connect(file: string, key: Buffer, readonly: boolean): Sqlite.Database {
  const db = new Sqlite(file, { readonly, fileMustExist: true, timeout: 5000 });
  applyKey(db, key);
  return db;
}

const migrationRows = (db: Sqlite.Database): MigrationRow[] => {
  const hasChecksum = db.prepare(`SELECT 1 FROM pragma_table_info('migration') WHERE name = 'checksum'`).get() !== undefined;
  return db.prepare(`SELECT id, name, ${hasChecksum ? 'checksum' : 'NULL AS checksum'} AS checksum FROM migration ORDER BY id`).all() as MigrationRow[];
};

/** Checks that say whether the copy itself reads back; the others describe the store it faithfully copied. */
const COPY_CHECKS = new Set(['store file', 'file integrity']);
const failing = (r: VerifyReport) => r.checks.filter((c) => !c.ok).map((c) => `${c.name}: ${c.detail}`);

/**
 * VACUUM INTO a temporary name in the folder (a consistent snapshot, encrypted with the store key: it
 * opens with the key and only with it), verify the copy, seal its manifest, then rename both into
 * place, the manifest last. Any failure deletes what was written.
 */
export async function takeBackup(job: BackupJob, progress: Progress): Promise<BackupDone> {
  const key = Buffer.from(job.key);
  const problem = await folderProblem(job.folder);
  if (problem) throw new DomainError(problem.code, problem.message);
  const base = freeBaseName(job.folder, job.baseName);
  const fileName = dataFileOf(base);
  const finalPath = path.join(job.folder, fileName);
  const tmp = path.join(job.folder, `${fileName}.partial-${process.pid}-${Date.now()}`);
  const tmpAnchor = anchorPathFor(tmp);
  const fail = (err: unknown): never => {
    removeQuietly(tmp, tmpAnchor, `${tmp}-journal`);
    if (err instanceof DomainError || err instanceof StoreError) throw err;
    const known = writeFailure(err, job.folder);
    if (known) throw new DomainError(known.code, known.message);
    throw err;
  };
  try {
    progress('copying', 0, 3);
    const live = connect(job.storePath, key, true);
    let before: SignedAnchor;
    try {
      before = signAnchor(anchorMacKey(key), chainEnd(live));
      live.prepare('VACUUM INTO ?').run(tmp);
    } finally {
      live.close();
    }
    fsyncFile(tmp);

    progress('verifying', 1, 3);
    const copy = connect(tmp, key, true);
    let carried: SignedAnchor;
    let rows: MigrationRow[];
    try {
      const fit = fitAnchor(copy, before);
      if (fit.kind === 'removed' || fit.kind === 'rewritten')
        throw backupError('BACKUP_DAMAGED', 'The copy does not hold the audit log as it was when the backup started; the copy was deleted. Try again.');
      carried = signAnchor(anchorMacKey(key), chainEnd(copy), new Date(job.createdAt));
      rows = migrationRows(copy);
    } finally {
      copy.close();
    }
    writeAnchor(tmpAnchor, carried);
    const report = await verifyStoreFile(tmp, key);
    removeQuietly(tmpAnchor);
    const broken = report.checks.filter((c) => !c.ok && COPY_CHECKS.has(c.name));
    if (broken.length > 0)
      throw backupError(
        'BACKUP_DAMAGED',
        `The copy did not read back whole (${broken.map((c) => c.detail).join('; ')}); it was deleted. Check the backup folder's disk and try again.`,
      );

    progress('sealing', 2, 3);
    const { sizeBytes, sha256 } = hashFile(tmp);
    const manifest = sealManifest(
      {
        format: FORMAT,
        formatVersion: FORMAT_VERSION,
        appVersion: APP_VERSION,
        createdAt: job.createdAt,
        trigger: job.trigger,
        file: fileName,
        sizeBytes,
        sha256,
        cipher: 'sqlcipher-4',
        keyId: keyIdOf(key),
        migrations: rows,
        auditAnchor: { ...carried },
        findings: failing(report),
        ...(job.passphrase ? { key: wrapWithPassphrase(key, job.passphrase) } : {}),
      },
      key,
    );
    fs.renameSync(tmp, finalPath);
    try {
      writeFileDurably(path.join(job.folder, manifestFileOf(base)), `${JSON.stringify(manifest, null, 2)}\n`);
    } catch (err) {
      removeQuietly(finalPath); // without its manifest the copy is not a backup: never leave it looking like one
      throw err;
    }
    fsyncDir(job.folder);
    progress('done', 3, 3);
    return { fileName, path: finalPath, sizeBytes, findings: manifest.findings };
  } catch (err) {
    return fail(err);
  }
}

export interface OpenedBackup {
  files: BackupFiles;
  /** The key the backup's store is encrypted with: this store's, or the one unwrapped from an export. */
  backupKey: Buffer;
  carried: SignedAnchor;
}

/**
 * Everything about a backup that can be checked without reading its pages: the manifest's shape and
 * version, the key (unwrapped with the passphrase for an export), the manifest's seal and the signed
 * anchor it carries.
 */
export async function openBackup(backupPath: string, storeKey: Buffer, passphrase: string | undefined): Promise<OpenedBackup> {
  const files = await readBackupFiles(backupPath);
  const m = files.manifest;
  let backupKey = storeKey;
  if (m.key) {
    if (!passphrase) throw backupError('BACKUP_WRONG_PASSPHRASE', 'This backup was exported with a passphrase: enter it to restore the backup.');
    try {
      backupKey = unwrapWithPassphrase(m.key, passphrase);
    } catch (err) {
      if (err instanceof WrongPassphraseError)
        throw backupError(
          'BACKUP_WRONG_PASSPHRASE',
          'The passphrase does not open this exported backup. Check it (capitals, spaces) and try again; nothing was changed.',
        );
      throw backupError('BACKUP_DAMAGED', `The key in the backup's manifest cannot be read (${err instanceof Error ? err.message : String(err)}).`);
    }
    if (keyIdOf(backupKey) !== m.keyId)
      throw backupError('BACKUP_DAMAGED', "The key in the backup's manifest is not the key the backup was made with: the manifest was damaged.");
  } else if (keyIdOf(storeKey) !== m.keyId) {
    throw backupError(
      'BACKUP_WRONG_KEY',
      "This backup was made with another store key (another office's store, or this store before its key was replaced), and it carries no key of its own. Restore an export of it instead: on the computer that made it, Export the backup with a passphrase.",
    );
  }
  if (!sealHolds(m, backupKey))
    throw backupError(
      'BACKUP_DAMAGED',
      `The backup's manifest (${path.basename(files.manifestPath)}) was changed after it was written: its signature does not match. Use another backup.`,
    );
  const anchor = parseAnchor(JSON.stringify(m.auditAnchor), anchorMacKey(backupKey));
  if (anchor.kind !== 'valid') throw backupError('BACKUP_DAMAGED', "The audit anchor in the backup's manifest does not verify. Use another backup.");
  return { files, backupKey, carried: anchor.anchor };
}

export async function inspectBackup(job: InspectJob): Promise<InspectDone> {
  const { files, carried } = await openBackup(job.backupPath, Buffer.from(job.key), job.passphrase);
  const m = files.manifest;
  return {
    backupPath: files.dataPath,
    createdAt: m.createdAt,
    appVersion: m.appVersion,
    sizeBytes: m.sizeBytes,
    exported: m.key !== undefined,
    auditRecords: carried.count,
  };
}

/**
 * Prepares a restore beside the store, touching nothing of the store: copy the backup (checking its
 * size and sha256), rekey it to this store's key if it came from another, put its anchor beside it,
 * bring an older backup's schema up to date, then verify it as `verify` does. The store is swapped
 * only afterwards (restore.ts), once calls have drained.
 */
export async function stageRestore(job: StageJob, progress: Progress): Promise<StageDone> {
  const storeKey = Buffer.from(job.key);
  const { files, backupKey, carried } = await openBackup(job.backupPath, storeKey, job.passphrase);
  const m = files.manifest;
  const staged = job.stagedPath;
  const cleanUp = () => removeQuietly(staged, anchorPathFor(staged), `${staged}-wal`, `${staged}-shm`, `${staged}-journal`);
  try {
    progress('copying', 0, 3);
    let copied: { sizeBytes: number; sha256: string };
    try {
      copied = copyWithHash(files.dataPath, staged);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOSPC')
        throw new DomainError(
          'STORE_FULL',
          `There is not enough free space beside the store (${path.dirname(staged)}) for the restored copy (${m.sizeBytes} bytes). Free some space; nothing was changed.`,
        );
      throw backupError(
        'BACKUP_FOLDER_UNAVAILABLE',
        `The backup ${files.dataPath} could not be read (${code ?? (err instanceof Error ? err.message : String(err))}). Check that its folder is reachable; nothing was changed.`,
      );
    }
    if (copied.sizeBytes !== m.sizeBytes) {
      throw backupError(
        'BACKUP_DAMAGED',
        `The backup ${path.basename(files.dataPath)} is ${copied.sizeBytes < m.sizeBytes ? 'shorter' : 'longer'} than its manifest says (${copied.sizeBytes} of ${m.sizeBytes} bytes): ${copied.sizeBytes < m.sizeBytes ? 'it was cut short (an interrupted copy)' : 'it was changed'}. Use another backup; nothing was changed.`,
      );
    }
    if (copied.sha256 !== m.sha256)
      throw backupError(
        'BACKUP_DAMAGED',
        `The backup ${path.basename(files.dataPath)} changed after it was written (its sha256 does not match its manifest): it is damaged. Use another backup; nothing was changed.`,
      );

    progress('checking', 1, 3);
    if (!backupKey.equals(storeKey)) {
      const db = connect(staged, backupKey, false);
      try {
        db.prepare('SELECT count(*) FROM sqlite_master').get();
        db.pragma(`rekey="x'${storeKey.toString('hex')}'"`);
      } catch {
        throw backupError('BACKUP_DAMAGED', 'The backup does not open with the key its manifest carries: it is damaged. Use another backup.');
      } finally {
        db.close();
      }
    }
    writeAnchor(anchorPathFor(staged), signAnchor(anchorMacKey(storeKey), carried, new Date(carried.at)));
    if (m.migrations.length < knownMigrations.length) {
      // Made by an older version: bring its schema up to date as opening it would, then verify that.
      await openStore(staged, storeKey).close();
    }

    progress('verifying', 2, 3);
    const report = await verifyStoreFile(staged, storeKey);
    if (!report.ok)
      throw backupError('BACKUP_DAMAGED', `The backup does not pass verify, so it was not restored: ${failing(report).join('; ')}. Nothing was changed.`);
    const auditRecords = (() => {
      const db = connect(staged, storeKey, true);
      try {
        return chainEnd(db).count;
      } finally {
        db.close();
      }
    })();
    removeQuietly(`${staged}-wal`, `${staged}-shm`);
    progress('done', 3, 3);
    return {
      stagedPath: staged,
      backupPath: files.dataPath,
      createdAt: m.createdAt,
      appVersion: m.appVersion,
      sizeBytes: m.sizeBytes,
      exported: m.key !== undefined,
      auditRecords,
    };
  } catch (err) {
    cleanUp();
    throw err instanceof StoreError
      ? backupError(
          err.code === 'STORE_WRONG_KEY' ? 'BACKUP_WRONG_KEY' : 'BACKUP_DAMAGED',
          err.message.replace(/Restore it from a backup\.?/, 'Use another backup.'),
        )
      : err;
  }
}

/** A listed backup copied elsewhere with its key wrapped by a passphrase, restorable without this machine's keychain. */
export async function exportBackup(job: ExportJob, progress: Progress): Promise<ExportOutcome> {
  const key = Buffer.from(job.key);
  const { files } = await openBackup(job.backupPath, key, undefined);
  if (files.manifest.key) throw backupError('BACKUP_NOT_A_BACKUP', 'This is already an exported backup; export the original from the backups list.');
  const problem = await folderProblem(job.toFolder);
  if (problem) throw new DomainError(problem.code, problem.message);
  const base = freeBaseName(job.toFolder, `${path.basename(files.dataPath, DATA_EXT)}-export`);
  const finalPath = path.join(job.toFolder, dataFileOf(base));
  const manifestPath = path.join(job.toFolder, manifestFileOf(base));
  const tmp = `${finalPath}.partial-${process.pid}-${Date.now()}`;
  try {
    progress('copying', 0, 2);
    const copied = copyWithHash(files.dataPath, tmp);
    if (copied.sha256 !== files.manifest.sha256)
      throw backupError(
        'BACKUP_DAMAGED',
        `The backup ${path.basename(files.dataPath)} changed after it was written (its sha256 does not match): it was not exported. Take a new backup and export that.`,
      );
    progress('sealing', 1, 2);
    const { mac: _mac, ...unsealed } = files.manifest;
    const manifest: Manifest = sealManifest({ ...unsealed, trigger: 'export', file: dataFileOf(base), key: wrapWithPassphrase(key, job.passphrase) }, key);
    fs.renameSync(tmp, finalPath);
    try {
      writeFileDurably(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    } catch (err) {
      removeQuietly(finalPath);
      throw err;
    }
    fsyncDir(job.toFolder);
    progress('done', 2, 2);
    return { path: finalPath, manifestPath, sizeBytes: copied.sizeBytes };
  } catch (err) {
    removeQuietly(tmp);
    if (err instanceof DomainError) throw err;
    const known = writeFailure(err, job.toFolder);
    if (known) throw new DomainError(known.code, known.message);
    throw err;
  }
}
