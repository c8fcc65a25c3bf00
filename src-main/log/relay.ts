/**
 * Lines from worker threads to main, the log file's one writer. A named BroadcastChannel reaches every
 * thread of the process, so the backend worker (and any later worker) logs without a message type in
 * its own protocol. Entries are made safe where they are written; main checks their shape again and
 * redacts their text again before writing, so a line that skipped the logger cannot carry free text.
 * Both ends are unref'd: logging never keeps a thread alive.
 */
import { BroadcastChannel } from 'node:worker_threads';
import { redactFrame, redactText, type RedactOptions } from './redact';
import { safeFields, type LogEntry, type LoggedError } from './logger';

export const LOG_CHANNEL = 'ledgerdesk.log';

/** In a worker: a sink that posts each entry to main. */
export function relaySink(): (entry: LogEntry) => void {
  const channel = new BroadcastChannel(LOG_CHANNEL);
  channel.unref();
  return (entry) => channel.postMessage(entry);
}

const levels = new Set(['info', 'warn', 'error']);
const sources = new Set(['main', 'backend']);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** An entry as it arrived from another thread, rebuilt from its known parts only; null if it is not one. */
export function checkRelayed(data: unknown, options: RedactOptions = {}): LogEntry | null {
  if (!isRecord(data) || !levels.has(String(data.level)) || !sources.has(String(data.source))) return null;
  if (typeof data.time !== 'string' || typeof data.event !== 'string' || !/^[a-z][a-zA-Z.]{0,100}$/.test(data.event)) return null;
  const { fields, dropped } = safeFields(data.fields);
  const e = isRecord(data.error) ? data.error : null;
  const error: LoggedError | undefined = e
    ? {
        name: /^[A-Z][A-Za-z]{0,40}$/.test(String(e.name)) ? String(e.name) : 'Error',
        ...(typeof e.code === 'string' && /^[A-Z][A-Z0-9_]{1,60}$/.test(e.code) ? { code: e.code } : {}),
        message: redactText(str(e.message), options),
        ...(Array.isArray(e.stack) ? { stack: e.stack.slice(0, 15).map((f) => redactFrame(str(f), options)) } : {}),
      }
    : undefined;
  const before = typeof data.dropped === 'number' ? data.dropped : 0;
  return {
    time: /^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(data.time) ? data.time : new Date().toISOString(),
    level: data.level as LogEntry['level'],
    source: data.source as LogEntry['source'],
    event: data.event,
    message: redactText(str(data.message), options, 200),
    ...(fields ? { fields } : {}),
    ...(before + dropped > 0 ? { dropped: before + dropped } : {}),
    ...(error ? { error } : {}),
  };
}

/** In main: writes every entry the workers post. Returns a function that stops listening. */
export function receiveRelayed(write: (entry: LogEntry) => void, options: RedactOptions = {}): () => void {
  const channel = new BroadcastChannel(LOG_CHANNEL);
  channel.unref();
  channel.onmessage = (message) => {
    const entry = checkRelayed(isRecord(message) ? message.data : undefined, options);
    if (entry) write(entry);
  };
  return () => channel.close();
}
