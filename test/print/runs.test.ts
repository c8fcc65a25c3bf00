/** The run registry behind documents.cancel: runs belong to their session, and end. */
import { describe, expect, it } from 'vitest';
import { RunRegistry } from '../../src-main/print/runs';

describe('runs', () => {
  it('only the session that started a run cancels it', () => {
    const runs = new RunRegistry();
    const run = runs.begin('window-1', 'run-0001');
    expect(runs.cancel('window-2', 'run-0001')).toBe(false);
    expect(run.isCancelled()).toBe(false);
    expect(runs.cancel('window-1', 'run-0001')).toBe(true);
    expect(run.isCancelled()).toBe(true);
    run.end();
    expect(runs.cancel('window-1', 'run-0001')).toBe(false);
    expect(runs.size).toBe(0);
  });

  it('the same id twice in one window is refused; in two windows they are two runs', () => {
    const runs = new RunRegistry();
    runs.begin('window-1', 'run-0001');
    expect(() => runs.begin('window-1', 'run-0001')).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    const other = runs.begin('window-2', 'run-0001');
    expect(other.isCancelled()).toBe(false);
    expect(runs.size).toBe(2);
  });

  it('a run without an id cannot be cancelled and leaves nothing behind', () => {
    const runs = new RunRegistry();
    const run = runs.begin('window-1', undefined);
    expect(runs.size).toBe(0);
    expect(run.isCancelled()).toBe(false);
  });

  it('a closed window stops its runs, not the others', () => {
    const runs = new RunRegistry();
    const mine = runs.begin('window-1', 'run-a-0001');
    const theirs = runs.begin('window-10', 'run-a-0001');
    runs.endSession('window-1');
    expect(mine.isCancelled()).toBe(true);
    expect(theirs.isCancelled()).toBe(false);
  });
});
