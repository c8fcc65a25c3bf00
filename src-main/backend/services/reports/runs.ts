/**
 * The report runs going on, by session and run id, so reports.cancel can stop one. A run belongs to
 * the session (window) that started it: another session naming the same id cancels nothing.
 */
import { DomainError } from '../../errors';

export interface ReportRun {
  /** Aborted when the run is cancelled (reports.cancel, or its window closed). */
  readonly signal: AbortSignal;
  /** Forgets the run; cancelling it afterwards answers false. */
  end(): void;
}

export class ReportRuns {
  private readonly runs = new Map<string, AbortController>();
  private unnamed = 0;

  private static key(session: string, run: string) {
    return `${session}\u0000${run}`;
  }

  /** Starts a run; a run without an id cannot be cancelled (but still stops with its session). */
  begin(session: string, run: string | undefined): ReportRun {
    const controller = new AbortController();
    const key = ReportRuns.key(session, run ?? `\u0000${this.unnamed++}`);
    if (this.runs.has(key)) throw new DomainError('CONFLICT', `A report run named ${run} is already going on in this window.`);
    this.runs.set(key, controller);
    return {
      signal: controller.signal,
      end: () => {
        if (this.runs.get(key) === controller) this.runs.delete(key);
      },
    };
  }

  /** True when this session had the run going and it is now stopped. */
  cancel(session: string, run: string): boolean {
    const key = ReportRuns.key(session, run);
    const controller = this.runs.get(key);
    if (!controller) return false;
    this.runs.delete(key);
    controller.abort();
    return true;
  }

  /** A closed window's (or ended session's) runs stop. */
  endSession(session: string): void {
    const prefix = `${session}\u0000`;
    for (const [key, controller] of this.runs)
      if (key.startsWith(prefix)) {
        this.runs.delete(key);
        controller.abort();
      }
  }
}

export const reportCancelled = () => new DomainError('CANCELLED', 'The report was cancelled; no file was made.');
