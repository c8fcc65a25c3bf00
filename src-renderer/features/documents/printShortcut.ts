import { useEffect, useRef } from 'react';

/**
 * Ctrl+P (Cmd+P on macOS) prints the document on screen. Screens register a handler while they show
 * a document; the newest wins (a receipt opened over the ledger drawer prints the receipt), and only
 * then is the browser's own print suppressed.
 */
const handlers: { current: () => void }[] = [];
const isMac = () => /Mac|iPhone|iPad/.test(navigator.platform);

function onKeyDown(e: KeyboardEvent) {
  const mod = isMac() ? e.metaKey && !e.ctrlKey : e.ctrlKey && !e.metaKey;
  if (!mod || e.altKey || e.shiftKey || e.key.toLowerCase() !== 'p') return;
  const top = handlers[handlers.length - 1];
  if (!top) return;
  e.preventDefault();
  e.stopPropagation();
  top.current();
}

export function usePrintShortcut(handler: () => void, enabled = true) {
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    if (!enabled) return;
    const entry = { current: () => ref.current() };
    handlers.push(entry);
    if (handlers.length === 1) window.addEventListener('keydown', onKeyDown, true);
    return () => {
      handlers.splice(handlers.indexOf(entry), 1);
      if (handlers.length === 0) window.removeEventListener('keydown', onKeyDown, true);
    };
  }, [enabled]);
}

/** "Ctrl+P" or "⌘P", for tooltips. */
export const printShortcutLabel = () => (isMac() ? '⌘P' : 'Ctrl+P');
