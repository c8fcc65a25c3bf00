/**
 * A backup's files and manifest (docs/backups.md):
 *   ledgerdesk-YYYYMMDD-HHMMSS.ldkbak          the store copy (VACUUM INTO: encrypted with the store key)
 *   ledgerdesk-YYYYMMDD-HHMMSS.manifest.json   what it is, its sha256, the signed audit anchor, and
 *                                              for an export the key wrapped by a passphrase
 * The manifest is written last: a backup is complete only when its manifest is there. Both files are
 * first written under temporary names and renamed once verified, so a failure never leaves a file
 * that looks complete.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { passphraseWrapSchema } from '../../../keystore/key-file';
import { migrations as knownMigrations } from '../../db/migrations';
import { DomainError } from '../../errors';
import { wallTime } from '../compliance/zoned';

/**
 * This version of Ledgerdesk, from the package.json above this file: the repository's when run from
 * source, the one inside app.asar when packaged (the one Electron's app.getVersion() reads).
 */
function readAppVersion(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'ledgerdesk' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // not here: look one folder up
    }
    if (path.dirname(dir) === dir) return 'unknown';
  }
}
export const APP_VERSION = readAppVersion();
export const FORMAT = 'ledgerdesk-backup';
export const FORMAT_VERSION = 1;
export const DATA_EXT = '.ldkbak';
export const MANIFEST_EXT = '.manifest.json';
const NAME = /^ledgerdesk-\d{8}-\d{6}(-\d+)?(-export)?$/;

/** `ledgerdesk-20260129-190000`: the office's wall-clock time, so the folder reads as the office thinks of it. */
export function backupBaseName(at: Date, timeZone: string): string {
  const w = wallTime(at, timeZone);
  const s = w.seconds % 60;
  return `ledgerdesk-${w.date.replaceAll('-', '')}-${w.hhmm.replace(':', '')}${String(s).padStart(2, '0')}`;
}

export const isBackupBaseName = (base: string) => NAME.test(base);
export const dataFileOf = (base: string) => `${base}${DATA_EXT}`;
export const manifestFileOf = (base: string) => `${base}${MANIFEST_EXT}`;

/** A base name not yet taken in the folder (two backups in one second, or a clock set back). */
export function freeBaseName(folder: string, base: string): string {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : base.replace(/(-export)?$/, `-${n}$1`);
    if (!fs.existsSync(path.join(folder, dataFileOf(candidate))) && !fs.existsSync(path.join(folder, manifestFileOf(candidate)))) return candidate;
  }
}

/** Which key made a backup, without revealing it: restoring with another key is told apart up front. */
export function keyIdOf(key: Buffer): string {
  return Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'ledgerdesk backup key id v1', 8)).toString('hex');
}

const sealKey = (key: Buffer) => Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'ledgerdesk backup manifest v1', 32));

const migrationRow = z.object({ id: z.number().int(), name: z.string().max(200), checksum: z.string().max(64).nullable() });
export type MigrationRow = z.infer<typeof migrationRow>;

const manifestSchema = z
  .object({
    format: z.literal(FORMAT),
    formatVersion: z.literal(FORMAT_VERSION),
    appVersion: z.string().max(40),
    createdAt: z.iso.datetime(),
    trigger: z.enum(['schedule', 'manual', 'cli', 'export']),
    /** The data file's name, beside the manifest (a plain name: never a path). */
    file: z
      .string()
      .regex(/^[^\\/:]+$/)
      .max(200),
    sizeBytes: z.number().int().nonnegative(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    cipher: z.literal('sqlcipher-4'),
    keyId: z.string().regex(/^[0-9a-f]{16}$/),
    migrations: z.array(migrationRow),
    /** The end of the audit chain in the copy, signed with the store key (db/anchor.ts). */
    auditAnchor: z.record(z.string(), z.unknown()),
    /** Checks that found problems in the store itself when the copy was verified (the copy is faithful). */
    findings: z.array(z.string().max(2000)),
    /** Exports only: the store key wrapped by the administrator's passphrase (scrypt, AES-256-GCM). */
    key: passphraseWrapSchema.optional(),
    mac: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();
export type Manifest = z.infer<typeof manifestSchema>;
export type UnsealedManifest = Omit<Manifest, 'mac'>;

const macOf = (m: UnsealedManifest, key: Buffer) => createHmac('sha256', sealKey(key)).update(JSON.stringify(m)).digest('hex');

/** The manifest signed with a key derived from the store key: only a holder of the key can write one. */
export function sealManifest(m: UnsealedManifest, key: Buffer): Manifest {
  return { ...m, mac: macOf(m, key) };
}

export function sealHolds(m: Manifest, key: Buffer): boolean {
  const { mac, ...rest } = m;
  return timingSafeEqual(Buffer.from(macOf(rest, key), 'hex'), Buffer.from(mac, 'hex'));
}

export const backupError = (code: ConstructorParameters<typeof DomainError>[0], message: string) => new DomainError(code, message);

/** Migrations in the backup this version does not know: it was made by a newer Ledgerdesk. */
export function unknownMigrations(rows: readonly MigrationRow[]): MigrationRow[] {
  const known = new Set(knownMigrations.map((m) => m.id));
  return rows.filter((r) => !known.has(r.id));
}

/** Reads and checks a manifest's shape (not its seal, which needs the key): NOT_A_BACKUP, NEWER_VERSION or DAMAGED. */
export function parseManifest(text: string, where: string): Manifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw backupError('BACKUP_DAMAGED', `The backup manifest ${where} is not valid JSON: it was damaged or cut short. Use another backup.`);
  }
  const r = raw as { format?: unknown; formatVersion?: unknown; appVersion?: unknown } | null;
  if (!r || typeof r !== 'object' || r.format !== FORMAT) throw backupError('BACKUP_NOT_A_BACKUP', `${where} is not a Ledgerdesk backup manifest.`);
  if (typeof r.formatVersion === 'number' && r.formatVersion > FORMAT_VERSION) {
    throw backupError(
      'BACKUP_NEWER_VERSION',
      `This backup was made by a newer version of Ledgerdesk (${String(r.appVersion ?? 'unknown')}, backup format ${r.formatVersion}); this is version ${APP_VERSION}. Update Ledgerdesk, then restore it.`,
    );
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw backupError(
      'BACKUP_DAMAGED',
      `The backup manifest ${where} is damaged (${issue?.path.join('.') || 'its shape'}: ${issue?.message ?? 'invalid'}). Use another backup.`,
    );
  }
  const newer = unknownMigrations(parsed.data.migrations);
  if (newer.length > 0) {
    throw backupError(
      'BACKUP_NEWER_VERSION',
      `This backup was made by a newer version of Ledgerdesk (${parsed.data.appVersion}): its store has migration ${newer.map((m) => `${m.id} (${m.name})`).join(', ')}, which version ${APP_VERSION} does not know. Update Ledgerdesk, then restore it.`,
    );
  }
  return parsed.data;
}

const exists = (file: string) =>
  fs.promises.access(file).then(
    () => true,
    () => false,
  );

export interface BackupFiles {
  dataPath: string;
  manifestPath: string;
  manifest: Manifest;
}

/** The backup a picked file belongs to: the .ldkbak or its manifest, either may be picked. Asynchronous (a share may be slow). */
export async function readBackupFiles(picked: string): Promise<BackupFiles> {
  const full = path.resolve(picked);
  const dir = path.dirname(full);
  const name = path.basename(full);
  let manifestPath: string;
  if (name.endsWith(MANIFEST_EXT)) manifestPath = full;
  else if (name.endsWith(DATA_EXT)) manifestPath = path.join(dir, manifestFileOf(name.slice(0, -DATA_EXT.length)));
  else throw backupError('BACKUP_NOT_A_BACKUP', `${full} is not a Ledgerdesk backup: choose a ${DATA_EXT} file (or its ${MANIFEST_EXT}).`);
  let text: string;
  try {
    text = await fs.promises.readFile(manifestPath, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && name.endsWith(DATA_EXT) && (await exists(full))) {
      throw backupError(
        'BACKUP_NOT_A_BACKUP',
        `${full} has no manifest beside it (${path.basename(manifestPath)}), so it is not a complete backup (a copy that stopped before it was verified, or the manifest was not copied with it).`,
      );
    }
    if (code === 'ENOENT') throw new DomainError('NOT_FOUND', `There is no backup at ${full}.`);
    throw backupError('BACKUP_FOLDER_UNAVAILABLE', `The backup ${full} cannot be read (${code ?? 'error'}): check that its folder is reachable and readable.`);
  }
  const manifest = parseManifest(text, manifestPath);
  const dataPath = path.join(dir, manifest.file);
  if (!(await exists(dataPath))) throw backupError('BACKUP_DAMAGED', `The backup file ${dataPath} named by its manifest is missing. Use another backup.`);
  return { dataPath, manifestPath, manifest };
}

/**
 * Every complete backup in a folder made with this key, exports aside (another store's backups in a
 * shared folder, and copies carrying a wrapped key, are not the schedule's to list or delete).
 */
export async function backupsIn(folder: string, keyId: string): Promise<BackupFiles[]> {
  let names: string[];
  try {
    names = await fs.promises.readdir(folder);
  } catch {
    return [];
  }
  const found: BackupFiles[] = [];
  for (const name of names) {
    if (!name.endsWith(MANIFEST_EXT) || !isBackupBaseName(name.slice(0, -MANIFEST_EXT.length))) continue;
    try {
      const files = await readBackupFiles(path.join(folder, name));
      if (files.manifest.keyId === keyId && files.manifest.trigger !== 'export' && !files.manifest.key) found.push(files);
    } catch {
      // A damaged or foreign manifest is not ours to list or delete.
    }
  }
  return found.sort((a, b) => (a.manifest.createdAt < b.manifest.createdAt ? 1 : -1));
}
