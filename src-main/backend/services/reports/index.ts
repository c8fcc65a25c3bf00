import { REPORT_TASK } from '@shared/domain/report-workbooks';
import type { ServiceContext } from '../../context';
import { DomainError } from '../../errors';
import type { AgingService } from '../aging';
import type { SettingsService } from '../settings';
import { createReportBuilders, type BuiltReport, type ReportKind, type ReportQueries } from './builders';
import type { PeriodFiguresService } from './period-figures';
import { inlineReportRunner, type ReportRunner } from './runner';
import { ReportRuns } from './runs';

export type { BuiltReport, ReportKind, ReportQueries } from './builders';

export interface ReportsDeps {
  aging: AgingService;
  settings: SettingsService;
  periodFigures: PeriodFiguresService;
  /** The store key, for the report's own read-only connection. */
  key: Buffer;
  /** Where a report run is built: a thread of its own in the app (default: inline). */
  runner?: ReportRunner;
}

/**
 * Supervisor workbooks (docs/reports.md). The builders (aging, billingPack, ...) work over the backend's
 * connection, for the CLI; the reports.* endpoints go through `build`, a run over a read-only connection
 * of its own (jobs.ts), in a thread of its own in the app, that reports progress and can be cancelled.
 */
export function createReportsService(ctx: ServiceContext, deps: ReportsDeps) {
  const runs = new ReportRuns();
  const runner = deps.runner ?? inlineReportRunner;
  return {
    ...createReportBuilders(ctx, deps),

    /**
     * A report run for a session: `progress` events (task 'report') carry its id; reports.cancel or the
     * session ending stops it and it answers CANCELLED, leaving nothing behind (the bytes were only in
     * memory, the connection was read-only).
     */
    async build<K extends ReportKind>(session: string, run: string | undefined, kind: K, creator: string, query: ReportQueries[K]): Promise<BuiltReport> {
      const handle = runs.begin(session, run);
      try {
        const answer = await runner(
          { kind, storePath: ctx.store.path, key: deps.key, creator, query, now: ctx.clock.now().toISOString() },
          (label, done, total) => ctx.emit('progress', { task: REPORT_TASK, run, done, total, label }),
          handle.signal,
        );
        if (!answer.ok) throw new DomainError(answer.code, answer.message);
        return { fileName: answer.fileName, bytes: Buffer.from(answer.bytes.buffer, answer.bytes.byteOffset, answer.bytes.byteLength) };
      } finally {
        handle.end();
      }
    },

    /** reports.cancel: true if this session's run was going and is now stopped. */
    cancel: (session: string, run: string): boolean => runs.cancel(session, run),

    /** The session ended (signed out, its window closed): its runs stop. */
    endSession: (session: string): void => runs.endSession(session),
  };
}
export type ReportsService = ReturnType<typeof createReportsService>;
