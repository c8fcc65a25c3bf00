/**
 * The backend as the app runs it (in its worker thread, and in the e2e bridge): one open store, the
 * calls in flight counted, the backup schedule and the daily collections evaluation ticking, and a
 * restore swapped in between calls.
 *
 * A restore (`backups.restore`) is verified and staged by its handler while everyone keeps working.
 * Then the host refuses new calls (STORE_RESTORING), waits for the calls in flight to finish, closes
 * the store, swaps the staged copy in (the current store kept aside), opens it again, records the
 * restore in its audit log, and announces `sessions.ended`: the new backend has no sessions, so every
 * window signs in again. Plain Node, no Electron.
 */
import { fail, ok, type Result } from '@shared/ipc/result';
import { createBackend, type Backend, type BackendOptions } from '.';
import { StoreError } from './db/errors';
import { asStoreError } from './db/open';
import { removeQuietly } from './services/backup/files';
import { putBack, swapInRestored } from './services/backup/restore';

export interface HostOptions extends BackendOptions {
  /** How often the backup schedule and the daily evaluation are checked (ms); 0 or absent: never, and no evaluation on opening (tests, the e2e bridge). */
  scheduleEveryMs?: number;
}

export class BackendHost {
  private backend: Backend;
  private inFlight = 0;
  private idleWaiters: (() => void)[] = [];
  private restoring = false;
  private closing = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: HostOptions) {
    this.backend = createBackend(options);
    this.startSchedule();
  }

  /** The backend open now (a restore replaces it). */
  get current(): Backend {
    return this.backend;
  }

  get callsInFlight(): number {
    return this.inFlight;
  }

  async dispatch(sessionId: string, channel: string, input: unknown): Promise<Result<unknown>> {
    if (this.closing) return fail('INTERNAL', 'Ledgerdesk is closing the store, so this was not done.');
    if (this.restoring)
      return fail(
        'STORE_RESTORING',
        'The store is being restored from a backup, so this was not done. Everyone is signed out when it finishes; then sign in again.',
      );
    this.inFlight++;
    let answer: Result<unknown>;
    try {
      answer = await this.backend.dispatch(sessionId, channel, input);
    } finally {
      this.inFlight--;
      if (this.inFlight === 0) for (const wake of this.idleWaiters.splice(0)) wake();
    }
    if (channel === 'backups.restore' && answer.ok) return this.swapStaged();
    return answer;
  }

  endSession(sessionId: string): void {
    this.backend.services.auth.sessions.delete(sessionId);
    this.backend.services.reports.endSession(sessionId);
  }

  /** Resolves once no call is in flight. */
  drained(): Promise<void> {
    return this.inFlight === 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Lets the calls in flight finish, then closes the store. */
  async close(): Promise<void> {
    this.stopSchedule();
    this.closing = true; // refuse new calls, let those in flight finish
    await this.drained();
    await this.backend.close();
  }

  /**
   * The store just opened: the day's collections evaluation if this business day has none yet (docs/
   * clerks-day.md). Resolves when it is done; the app does not wait for it (the calls queue behind it).
   */
  opened: Promise<void> = Promise.resolve();

  /** One check of the schedules (the backup, the daily evaluation); the timer calls it, tests call it after moving the clock. */
  async tick(): Promise<void> {
    if (this.restoring || this.closing) return;
    const { backup, dailyEvaluation } = this.backend.services;
    await backup.runIfDue().catch((err) => this.options.log?.('backup.scheduleFailed', 'the scheduled backup check failed', err));
    await this.counted(() => dailyEvaluation.runIfDue('schedule'), 'evaluation.scheduleFailed', 'the scheduled collections evaluation failed');
  }

  /** Work of the host's own, counted as a call in flight so that closing or a restore waits for it. */
  private async counted(work: () => Promise<unknown>, event: string, message: string): Promise<void> {
    if (this.restoring || this.closing) return;
    this.inFlight++;
    try {
      await work();
    } catch (err) {
      this.options.log?.(event, message, err);
    } finally {
      this.inFlight--;
      if (this.inFlight === 0) for (const wake of this.idleWaiters.splice(0)) wake();
    }
  }

  private startSchedule(): void {
    const every = this.options.scheduleEveryMs ?? 0;
    if (every <= 0) return;
    const services = this.backend.services;
    this.opened = this.counted(() => services.dailyEvaluation.runIfDue('open'), 'evaluation.openFailed', 'the collections evaluation on opening failed');
    this.timer = setInterval(() => void this.tick(), every);
    this.timer.unref();
  }

  private stopSchedule(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async swapStaged(): Promise<Result<unknown>> {
    const staged = this.backend.services.backup.takeStaged();
    if (!staged) return fail('INTERNAL', 'The restore was verified but not staged; nothing was changed.');
    this.restoring = true;
    this.stopSchedule();
    const storePath = this.backend.ctx.store.path;
    try {
      await this.drained();
      await this.backend.close();
      try {
        swapInRestored(storePath, staged.stagedPath, staged.outcome.keptAsidePath);
      } catch (err) {
        removeQuietly(staged.stagedPath, `${staged.stagedPath}.anchor.json`);
        this.backend = createBackend(this.options);
        const known = err instanceof StoreError ? err : asStoreError(err, storePath);
        return fail(
          known?.code ?? 'INTERNAL',
          known?.message ?? `The store could not be replaced (${err instanceof Error ? err.message : String(err)}); nothing was changed.`,
        );
      }
      try {
        this.backend = createBackend(this.options);
      } catch (err) {
        // Verified, yet it does not open here: put the store that was kept aside back.
        putBack(storePath, staged.outcome.keptAsidePath);
        this.backend = createBackend(this.options);
        return fail(
          'BACKUP_DAMAGED',
          `The restored store did not open (${err instanceof Error ? err.message : String(err)}), so the store as it was has been put back. Nothing was changed.`,
        );
      }
      await this.backend.services.backup.recordRestore(staged.actor, staged.outcome);
      this.backend.ctx.emit('sessions.ended', { reason: 'restored' });
      return ok(staged.outcome);
    } finally {
      this.restoring = false;
      this.startSchedule();
    }
  }
}
