import type { Clock } from '../../src-main/backend/context';

/** A clock the test moves by hand. */
export function fixedClock(start: string): Clock & { set(iso: string): void; advance(ms: number): void } {
  let t = new Date(start).getTime();
  return { now: () => new Date(t), set: (iso) => (t = new Date(iso).getTime()), advance: (ms) => (t += ms) };
}

/**
 * A clock that starts at `start` and then moves with real time: a browser test sets the page's clock to
 * the same instant, so time-dependent rules (calling hours, 7 in 7) answer the same whenever it runs.
 */
export function movingClock(start: string): Clock {
  const offset = new Date(start).getTime() - Date.now();
  return { now: () => new Date(Date.now() + offset) };
}
