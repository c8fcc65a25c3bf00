/**
 * The print, save and email runs going on, so documents.cancel can stop one between two documents.
 * A run belongs to the session (window) that started it: another session naming the same id cancels
 * nothing.
 */
import { DomainError } from '../backend/errors';

export interface RunHandle {
  isCancelled(): boolean;
  /** Forgets the run; cancelling it afterwards answers false. */
  end(): void;
}

export class RunRegistry {
  private readonly runs = new Map<string, { cancelled: boolean }>();

  private static key(session: string, run: string) {
    return `${session}\u0000${run}`;
  }

  /** Starts a run; a run without an id cannot be cancelled. */
  begin(session: string, run: string | undefined): RunHandle {
    if (run === undefined) return { isCancelled: () => false, end: () => undefined };
    const key = RunRegistry.key(session, run);
    if (this.runs.has(key)) throw new DomainError('CONFLICT', `A run named ${run} is already going on in this window.`);
    const state = { cancelled: false };
    this.runs.set(key, state);
    return {
      isCancelled: () => state.cancelled,
      end: () => {
        if (this.runs.get(key) === state) this.runs.delete(key);
      },
    };
  }

  /** True when this session had the run going and it is now asked to stop. */
  cancel(session: string, run: string): boolean {
    const state = this.runs.get(RunRegistry.key(session, run));
    if (!state) return false;
    state.cancelled = true;
    return true;
  }

  /** A closed window's runs stop at their next document. */
  endSession(session: string): void {
    const prefix = `${session}\u0000`;
    for (const [key, state] of this.runs) if (key.startsWith(prefix)) state.cancelled = true;
  }

  get size(): number {
    return this.runs.size;
  }
}
