/**
 * A report as a plain function of the store's file, its key and the query, built over a read-only
 * connection of its own (docs/reports.md, Long reports). In the app it runs in a thread of its own
 * (thread.ts), so the backend's one connection answers postings and searches meanwhile; the CLI and
 * tests may run it inline (runner.ts).
 */
import Sqlite from 'better-sqlite3-multiple-ciphers';
import type { ErrorCode } from '@shared/ipc/result';
import type { ServiceContext } from '../../context';
import { storeKysely } from '../../db/dialect';
import { StoreError } from '../../db/errors';
import { applyKey, asStoreError } from '../../db/open';
import { DomainError } from '../../errors';
import { createAgingService } from '../aging';
import { createSettingsService } from '../settings';
import { createReportBuilders, type ReportKind, type ReportProgress, type ReportQueries } from './builders';
import { createPeriodFiguresService } from './period-figures';

export interface ReportJob<K extends ReportKind = ReportKind> {
  kind: K;
  storePath: string;
  key: Uint8Array;
  /** Who made it, as the About sheet and the properties name them. */
  creator: string;
  query: ReportQueries[K];
  /** The caller's clock when the report was asked for (ISO instant): "today" and "Made at". */
  now: string;
}

/** A report's answer in a form that crosses a thread: the bytes, or an expected failure as a code and words. */
export type ReportAnswer = { ok: true; fileName: string; bytes: Uint8Array } | { ok: false; code: ErrorCode; message: string };

/**
 * Opens the store read-only, takes one snapshot (a read transaction: the summary and the detail see the
 * same postings, whatever is posted meanwhile), builds the workbook and closes the connection.
 */
export async function runReportJob(job: ReportJob, progress: ReportProgress = () => undefined): Promise<ReportAnswer> {
  let sqlite: Sqlite.Database | null = null;
  try {
    sqlite = new Sqlite(job.storePath, { readonly: true, fileMustExist: true, timeout: 5000 });
    applyKey(sqlite, Buffer.from(job.key));
    sqlite.exec('BEGIN');
    sqlite.prepare('SELECT count(*) FROM migration').get(); // the first read fixes the snapshot
    progress('Opening the store', 0, 1);
    const db = storeKysely(sqlite);
    const ctx: ServiceContext = {
      store: { path: job.storePath, sqlite, db, anchor: null, hasChecksums: true, close: async () => undefined },
      db,
      clock: { now: () => new Date(job.now) },
      // Nothing is written here, so there is no change to announce.
      emit: () => undefined,
    };
    const settings = createSettingsService(ctx);
    const builders = createReportBuilders(ctx, { aging: createAgingService(ctx), settings, periodFigures: createPeriodFiguresService(ctx) });
    const build = builders[job.kind] as (
      creator: string,
      query: ReportQueries[ReportKind],
      progress: ReportProgress,
    ) => ReturnType<(typeof builders)[ReportKind]>;
    const { fileName, bytes } = await build(job.creator, job.query, progress);
    return { ok: true, fileName, bytes };
  } catch (err) {
    if (err instanceof DomainError || err instanceof StoreError) return { ok: false, code: err.code, message: err.message };
    const storeErr = asStoreError(err, job.storePath, 'open');
    if (storeErr) return { ok: false, code: storeErr.code, message: storeErr.message };
    return { ok: false, code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) };
  } finally {
    if (sqlite?.open) {
      if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
      sqlite.close();
    }
  }
}
