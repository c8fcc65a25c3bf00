/**
 * Backups and restore (docs/backups.md): the settings, taking a backup (by hand, on schedule, from the
 * CLI), the list, export with a passphrase, and restore's checks and staging. The swap itself needs
 * the store closed, so the backend's host does it once calls have drained (../../host.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import {
  backupSettingsSchema,
  defaultBackupSettings,
  type BackupEntry,
  type BackupOverview,
  type BackupSettings,
  type BackupTrigger,
  type ExportOutcome,
  type RestoreOutcome,
  type RestorePreview,
} from '@shared/domain/backups';
import { systemActor, type Actor, type ServiceContext } from '../../context';
import { DomainError, invalid } from '../../errors';
import { appendAudit } from '../audit';
import { companyTimeZone, mergeSettings, readSetting, writeSetting } from '../settings';
import { removeQuietly } from './files';
import { folderPathProblem, folderProblem } from './folder';
import { readJournal, recordAttempt, type Attempt } from './journal';
import { backupBaseName, backupsIn, keyIdOf, manifestFileOf, DATA_EXT } from './layout';
import { asidePathFor, stagedPathFor } from './restore';
import { inlineRunner, type JobRunner } from './runner';
import { backupDue, nextBackupAt, retention } from './schedule';

export interface BackupDeps {
  key: Buffer;
  /** The suggested folder while none is chosen (the app's data folder's Backups). */
  defaultFolder: string;
  /** Where the long jobs run: a thread of their own in the app, inline in the CLI. */
  runner?: JobRunner;
}

/** A verified copy waiting beside the store for the host to swap it in. */
export interface StagedRestore {
  stagedPath: string;
  outcome: RestoreOutcome;
  actor: Actor;
}

const SETTING = 'backups';
const STALE_PARTIAL_MS = 24 * 3600_000;

/** Each field read on its own: one value this version refuses reads as its default (as company settings do). */
function readSettings(raw: Partial<Record<keyof BackupSettings, unknown>> | null): BackupSettings {
  const out = { ...defaultBackupSettings };
  for (const k of Object.keys(defaultBackupSettings) as (keyof BackupSettings)[]) {
    const r = backupSettingsSchema.shape[k].safeParse(raw?.[k]);
    if (r.success && raw && k in raw) (out as Record<string, unknown>)[k] = r.data;
  }
  return out;
}

export function createBackupService(ctx: ServiceContext, deps: BackupDeps) {
  const storePath = ctx.store.path;
  const runner = deps.runner ?? inlineRunner;
  const keyId = keyIdOf(deps.key);
  /** What is running now (one backup, export or restore at a time). */
  let busy: { what: 'backup' | 'export' | 'restore'; startedAt: string; trigger: BackupTrigger } | null = null;
  let staged: StagedRestore | null = null;

  const folderOf = (s: BackupSettings) => s.folder ?? deps.defaultFolder;
  const claim = (what: 'backup' | 'export' | 'restore', trigger: BackupTrigger = 'manual') => {
    if (busy) throw new DomainError('BACKUP_RUNNING', `A ${busy.what} started at ${busy.startedAt} is still running. Wait for it to finish, then try again.`);
    busy = { what, startedAt: ctx.clock.now().toISOString(), trigger };
  };
  const progress = (task: string) => (label: string, done: number, total: number) => ctx.emit('progress', { task, done, total, label });

  async function audit(actor: Actor, action: 'backup.create' | 'backup.export' | 'backup.restore', entityId: string, after: unknown) {
    await ctx.db.transaction().execute((trx) => appendAudit(trx, ctx.clock, actor, { action, entity: 'backup', entityId, after }));
  }

  function entryOf(a: Attempt): BackupEntry {
    const file = a.fileName ? path.join(a.folder, a.fileName) : null;
    const present = file !== null && fs.existsSync(file) && fs.existsSync(path.join(a.folder, manifestFileOf(a.fileName!.slice(0, -DATA_EXT.length))));
    return { ...a, path: file, present };
  }

  /** Deletes this store's backups that retention no longer keeps, and temporary copies a crash left behind. */
  async function prune(folder: string, s: BackupSettings, timeZone: string): Promise<void> {
    const ours = await backupsIn(folder, keyId);
    const { remove } = retention(
      ours.map((b) => ({ name: b.dataPath, createdAt: new Date(b.manifest.createdAt) })),
      s.keepDaily,
      s.keepMonthly,
      timeZone,
    );
    for (const dataPath of remove) {
      const b = ours.find((x) => x.dataPath === dataPath)!;
      removeQuietly(b.manifestPath, b.dataPath); // the manifest first: a data file alone never looks complete
    }
    const now = Date.now();
    for (const name of await fs.promises.readdir(folder)) {
      if (!/^ledgerdesk-.*\.partial-/.test(name)) continue;
      const file = path.join(folder, name);
      if (now - (await fs.promises.stat(file)).mtimeMs > STALE_PARTIAL_MS) removeQuietly(file);
    }
  }

  /**
   * For the schedule: the newest success and failure in the history beside the store (every backup of
   * this store path is recorded there, the CLI's too); `found` adds backups found in the folder.
   */
  function lastTimes(found: string[] = []): { lastSuccessAt: Date | null; lastFailureAt: Date | null } {
    const attempts = readJournal(storePath);
    const ok = [...attempts.filter((a) => a.result === 'ok').map((a) => a.startedAt), ...found].sort().at(-1);
    const failed = attempts.find((a) => a.result === 'failed');
    return { lastSuccessAt: ok ? new Date(ok) : null, lastFailureAt: failed ? new Date(failed.startedAt) : null };
  }

  const service = {
    keyId,

    async settings(): Promise<BackupSettings> {
      return readSettings(await readSetting(ctx.db, SETTING));
    },

    async updateSettings(actor: Actor, patch: Partial<BackupSettings>): Promise<BackupSettings> {
      if (typeof patch.folder === 'string') {
        const problem = folderPathProblem(patch.folder, path);
        if (problem) throw invalid(`folder: ${problem}`, [{ path: 'folder', message: problem }]);
      }
      const next = await ctx.db.transaction().execute(async (trx) => {
        const before = readSettings(await readSetting(trx, SETTING));
        const after = mergeSettings(backupSettingsSchema, before, patch);
        await writeSetting(trx, SETTING, after);
        await appendAudit(trx, ctx.clock, actor, { action: 'settings.update', entity: 'setting', entityId: SETTING, before, after });
        return after;
      });
      ctx.emit('data.changed', { domains: ['backups'] });
      return next;
    },

    async overview(): Promise<BackupOverview> {
      const settings = await this.settings();
      const folder = folderOf(settings);
      const timeZone = await companyTimeZone(ctx.db);
      const attempts = readJournal(storePath);
      const entries = attempts.map(entryOf);
      const listed = new Set(entries.filter((e) => e.path).map((e) => e.path));
      const found = await backupsIn(folder, keyId);
      for (const b of found) {
        if (listed.has(b.dataPath)) continue;
        const m = b.manifest;
        entries.push({
          id: `file:${m.file}`,
          startedAt: m.createdAt,
          finishedAt: null,
          trigger: m.trigger === 'export' ? null : m.trigger,
          result: 'ok',
          folder,
          fileName: m.file,
          path: b.dataPath,
          sizeBytes: m.sizeBytes,
          durationMs: null,
          findings: m.findings,
          error: null,
          present: true,
        });
      }
      entries.sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0));
      // The suggested folder is made at the first backup; a chosen one must be there (a share that is not connected).
      const problem = folder === deps.defaultFolder && !fs.existsSync(folder) ? null : await folderProblem(folder);
      const times = lastTimes(found.map((b) => b.manifest.createdAt));
      const next = nextBackupAt({ settings, timeZone, now: ctx.clock.now(), ...times });
      return {
        settings,
        folder,
        defaultFolder: deps.defaultFolder,
        folderProblem: problem,
        running: busy?.what === 'backup' ? { startedAt: busy.startedAt, trigger: busy.trigger } : null,
        lastSuccess: entries.find((e) => e.result === 'ok') ?? null,
        nextDueAt: next ? next.toISOString() : null,
        timeZone,
        entries: entries.slice(0, 200),
      };
    },

    /**
     * Takes a backup and records the attempt; a failure is recorded (the list shows why) and thrown with
     * its code. After a success, retention deletes this store's backups it no longer keeps.
     */
    async backUp(trigger: BackupTrigger, actor: Actor, to: { folder?: string; passphrase?: string } = {}): Promise<BackupEntry> {
      claim('backup', trigger);
      const started = ctx.clock.now();
      const attempt: Attempt = {
        id: randomUUID(),
        startedAt: started.toISOString(),
        finishedAt: null,
        trigger,
        result: 'failed',
        folder: '',
        fileName: null,
        sizeBytes: null,
        durationMs: null,
        findings: [],
        error: null,
      };
      try {
        const settings = await this.settings();
        const folder = to.folder ?? folderOf(settings);
        attempt.folder = folder;
        const timeZone = await companyTimeZone(ctx.db);
        if (folder === deps.defaultFolder) fs.mkdirSync(folder, { recursive: true });
        ctx.emit('data.changed', { domains: ['backups'] });
        const t0 = performance.now();
        const answer = await runner(
          {
            kind: 'backup',
            storePath,
            key: new Uint8Array(deps.key),
            folder,
            baseName: backupBaseName(started, timeZone),
            createdAt: started.toISOString(),
            trigger,
            passphrase: to.passphrase,
          },
          progress('backup'),
        );
        attempt.durationMs = Math.round(performance.now() - t0);
        attempt.finishedAt = ctx.clock.now().toISOString();
        if (!answer.ok) {
          attempt.error = { code: answer.code, message: answer.message };
          throw new DomainError(answer.code, answer.message);
        }
        Object.assign(attempt, { result: 'ok', fileName: answer.value.fileName, sizeBytes: answer.value.sizeBytes, findings: answer.value.findings });
        recordAttempt(storePath, attempt);
        try {
          if (folder === folderOf(settings)) await prune(folder, settings, timeZone); // retention keeps the office's folder only
        } catch {
          // Retention runs again after the next backup; this one is written and verified.
        }
        await audit(actor, 'backup.create', answer.value.fileName, {
          trigger,
          folder,
          sizeBytes: answer.value.sizeBytes,
          findings: answer.value.findings.length,
        });
        return entryOf(attempt);
      } catch (err) {
        if (!attempt.error) {
          attempt.error =
            err instanceof DomainError
              ? { code: err.code, message: err.message }
              : { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) };
          attempt.finishedAt ??= ctx.clock.now().toISOString();
        }
        if (attempt.result === 'failed') recordAttempt(storePath, attempt);
        throw err;
      } finally {
        busy = null;
        ctx.emit('data.changed', { domains: ['backups'] });
      }
    },

    /** The scheduler's tick: takes the day's backup when it is due. A failure is in the list; it is retried an hour later. */
    async runIfDue(): Promise<BackupEntry | null> {
      if (busy || staged || !(await readSetting(ctx.db, 'company'))) return null;
      const settings = await this.settings();
      const due = backupDue({ settings, timeZone: await companyTimeZone(ctx.db), now: ctx.clock.now(), ...lastTimes() });
      if (!due) return null;
      try {
        return await this.backUp('schedule', systemActor);
      } catch {
        return null;
      }
    },

    async exportBackup(actor: Actor, input: { path: string; toFolder: string; passphrase: string }): Promise<ExportOutcome> {
      const problem = folderPathProblem(input.toFolder, path);
      if (problem) throw invalid(`toFolder: ${problem}`, [{ path: 'toFolder', message: problem }]);
      claim('export');
      try {
        const answer = await runner(
          { kind: 'export', key: new Uint8Array(deps.key), backupPath: input.path, toFolder: input.toFolder, passphrase: input.passphrase },
          progress('backup.export'),
        );
        if (!answer.ok) throw new DomainError(answer.code, answer.message);
        await audit(actor, 'backup.export', path.basename(answer.value.path), { from: path.basename(input.path), toFolder: input.toFolder });
        return answer.value;
      } finally {
        busy = null;
      }
    },

    /** What restoring this backup will do; checks the manifest, the key or passphrase and the seal, changes nothing. */
    async inspect(input: { path: string; passphrase?: string }): Promise<RestorePreview> {
      const answer = await runner({ kind: 'inspect', key: new Uint8Array(deps.key), backupPath: input.path, passphrase: input.passphrase });
      if (!answer.ok) throw new DomainError(answer.code, answer.message);
      const { backupPath, ...facts } = answer.value;
      return { path: backupPath, ...facts, storePath, keptAsidePath: asidePathFor(storePath, ctx.clock.now(), await companyTimeZone(ctx.db)) };
    },

    /**
     * Verifies the backup fully into a copy beside the store, touching nothing of the store. The host
     * then swaps it in (takeStaged); without a host (a plain backend) the copy is discarded at close.
     */
    async stageRestore(actor: Actor, input: { path: string; passphrase?: string }): Promise<RestoreOutcome> {
      claim('restore');
      try {
        const stagedPath = stagedPathFor(storePath);
        const answer = await runner(
          { kind: 'stage', key: new Uint8Array(deps.key), backupPath: input.path, passphrase: input.passphrase, stagedPath },
          progress('backup.restore'),
        );
        if (!answer.ok) throw new DomainError(answer.code, answer.message);
        const v = answer.value;
        const now = ctx.clock.now();
        const outcome: RestoreOutcome = {
          path: v.backupPath,
          createdAt: v.createdAt,
          appVersion: v.appVersion,
          sizeBytes: v.sizeBytes,
          exported: v.exported,
          storePath,
          keptAsidePath: asidePathFor(storePath, now, await companyTimeZone(ctx.db)),
          auditRecords: v.auditRecords,
          restoredAt: now.toISOString(),
        };
        staged = { stagedPath: v.stagedPath, outcome, actor };
        return outcome;
      } catch (err) {
        busy = null;
        throw err;
      }
    },

    /** The staged restore, handed to the host once (it swaps it in, or discards it). */
    takeStaged(): StagedRestore | null {
      const s = staged;
      staged = null;
      busy = null;
      return s;
    },

    /** Records the restore in the restored store's audit log (called by the host after reopening). */
    async recordRestore(actor: Actor, outcome: RestoreOutcome): Promise<void> {
      await audit({ userId: null, username: actor.username }, 'backup.restore', path.basename(outcome.path), {
        createdAt: outcome.createdAt,
        keptAsidePath: outcome.keptAsidePath,
        exported: outcome.exported,
      });
    },

    /** At close: a staged copy no host took is removed. */
    discardStaged(): void {
      const s = this.takeStaged();
      if (s) removeQuietly(s.stagedPath, `${s.stagedPath}.anchor.json`);
    },
  };
  return service;
}
export type BackupService = ReturnType<typeof createBackupService>;
export { backupsIn, readBackupFiles } from './layout';
