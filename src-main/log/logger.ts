/**
 * The log: one JSON line per event (time, level, source, event code, message, fields, error), written
 * by main to `<userData>/logs/ledgerdesk.log` (./log-file.ts). It never contains customer data: callers
 * give an event code, a short message of their own and whitelisted fields (counts, durations, codes,
 * channel names); anything else is dropped, and every piece of free text passes through ./redact.ts.
 * No Electron here: main, the backend worker and tests use it alike.
 */
import { redactStack, redactText, type RedactOptions } from './redact';

export type LogLevel = 'info' | 'warn' | 'error';
/** Which part of the app wrote the line. */
export type LogSource = 'main' | 'backend';

/** The only fields a line may carry, each with the shape it must have. */
export interface SafeFields {
  /** An endpoint, `domain.verb`. */
  channel?: string;
  /** An error code: ours (src-shared/ipc/result.ts), Node's (ENOSPC) or SQLite's (SQLITE_BUSY). */
  code?: string;
  count?: number;
  durationMs?: number;
  bytes?: number;
  /** Migrations applied (the schema version). */
  schemaVersion?: number;
  /** A state name such as the store's (`needsPassphrase`). */
  state?: string;
  version?: string;
  platform?: string;
  arch?: string;
  exitCode?: number;
  ok?: boolean;
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const matches =
  (re: RegExp) =>
  (v: unknown): v is string =>
    typeof v === 'string' && re.test(v);
const fieldRules: { [K in keyof Required<SafeFields>]: (v: unknown) => boolean } = {
  channel: matches(/^[a-z][a-zA-Z]{0,30}\.[a-zA-Z]{1,40}$/),
  code: matches(/^[A-Z][A-Z0-9_]{1,60}$/),
  count: isNumber,
  durationMs: isNumber,
  bytes: isNumber,
  schemaVersion: isNumber,
  state: matches(/^[a-zA-Z]{1,30}$/),
  version: matches(/^[0-9]{1,4}(\.[0-9]{1,6}){0,3}([-+][0-9A-Za-z.-]{1,30})?$/),
  platform: matches(/^[a-z0-9]{1,20}$/),
  arch: matches(/^[a-z0-9_]{1,20}$/),
  exitCode: isNumber,
  ok: (v) => typeof v === 'boolean',
};

/** What survives of an error: its class and code, the redacted message, the frames. */
export interface LoggedError {
  name: string;
  code?: string;
  message: string;
  stack?: string[];
}

export interface LogEntry {
  time: string;
  level: LogLevel;
  source: LogSource;
  event: string;
  message: string;
  fields?: SafeFields;
  /** How many fields were left out because they are not on the whitelist or had the wrong shape. */
  dropped?: number;
  error?: LoggedError;
}

/** Event codes are ours, dotted and lower camel case: `store.opened`, `dispatch.internal`. */
const EVENT = /^[a-z][a-zA-Z]{0,30}(\.[a-z][a-zA-Z]{0,30}){1,3}$/;

export function safeFields(raw: unknown): { fields?: SafeFields; dropped: number } {
  if (raw === undefined || raw === null || typeof raw !== 'object') return { dropped: 0 };
  const fields: Record<string, unknown> = {};
  let dropped = 0;
  for (const [k, v] of Object.entries(raw)) {
    if (Object.hasOwn(fieldRules, k) && fieldRules[k as keyof SafeFields](v)) fields[k] = v;
    else dropped++;
  }
  return { fields: Object.keys(fields).length > 0 ? (fields as SafeFields) : undefined, dropped };
}

export function describeError(err: unknown, options: RedactOptions = {}): LoggedError {
  if (!(err instanceof Error)) {
    return { name: 'NonError', message: typeof err === 'string' ? redactText(err, options) : `a thrown ${err === null ? 'null' : typeof err}` };
  }
  const name = /^[A-Z][A-Za-z]{0,40}$/.test(err.name) ? err.name : 'Error';
  const code = (err as { code?: unknown }).code;
  const stack = typeof err.stack === 'string' ? redactStack(err.stack, options) : [];
  return {
    name,
    ...(fieldRules.code(code) ? { code: code as string } : {}),
    message: redactText(String(err.message), options),
    ...(stack.length > 0 ? { stack } : {}),
  };
}

/** Builds a line from what a caller passed, whatever it passed: the one place entries are made safe. */
export function makeEntry(
  level: LogLevel,
  source: LogSource,
  event: string,
  message: string,
  rawFields: unknown,
  err: unknown,
  options: RedactOptions & { now?: Date } = {},
): LogEntry {
  const { fields, dropped } = safeFields(rawFields);
  return {
    time: (options.now ?? new Date()).toISOString(),
    level,
    source,
    event: EVENT.test(event) ? event : 'log.badEventCode',
    message: redactText(message, options, 200),
    ...(fields ? { fields } : {}),
    ...(dropped > 0 ? { dropped } : {}),
    ...(err === undefined ? {} : { error: describeError(err, options) }),
  };
}

/** Logger['error'] on its own: what the backend's dispatch takes to report an unexpected failure. */
export type ErrorLog = (event: string, message: string, err: unknown, fields?: SafeFields) => void;

export interface Logger {
  info(event: string, message: string, fields?: SafeFields): void;
  warn(event: string, message: string, fields?: SafeFields, err?: unknown): void;
  error(event: string, message: string, err: unknown, fields?: SafeFields): void;
}

/**
 * A logger for one source. `sink` receives finished, safe entries: main's sink appends to the file,
 * the worker's posts to main (./relay.ts). A failing sink never throws into the caller.
 */
export function createLogger(source: LogSource, sink: (entry: LogEntry) => void, options: RedactOptions & { clock?: () => Date } = {}): Logger {
  const write = (level: LogLevel, event: string, message: string, fields: unknown, err: unknown) => {
    try {
      sink(makeEntry(level, source, event, message, fields, err, { home: options.home, now: options.clock?.() }));
    } catch {
      // The log must never be why something fails.
    }
  };
  return {
    info: (event, message, fields) => write('info', event, message, fields, undefined),
    warn: (event, message, fields, err) => write('warn', event, message, fields, err),
    error: (event, message, err, fields) => write('error', event, message, fields, err),
  };
}
