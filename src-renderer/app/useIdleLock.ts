import { useEffect } from 'react';

/** Locks the session after `minutes` without keyboard or mouse input (main enforces it too). */
export function useIdleLock(minutes: number | null, lock: () => Promise<void>): void {
  useEffect(() => {
    if (!minutes) return;
    let timer = window.setTimeout(() => void lock(), minutes * 60_000);
    const reset = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void lock(), minutes * 60_000);
    };
    const events = ['mousedown', 'keydown', 'wheel', 'touchstart'] as const;
    for (const e of events) window.addEventListener(e, reset, { passive: true });
    return () => {
      window.clearTimeout(timer);
      for (const e of events) window.removeEventListener(e, reset);
    };
  }, [minutes, lock]);
}
