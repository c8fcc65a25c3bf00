/**
 * The log file: `<dir>/ledgerdesk.log`, rotated by size. When a line would take the file past `maxBytes`
 * it becomes `ledgerdesk.1.log` (the older ones move up one, the oldest beyond `keep` files is deleted).
 * Only main writes it (one writer, so rotation never races); the worker's lines reach it through
 * ./relay.ts. Writes are synchronous: lines are few (lifecycle and failures) and must be on disk
 * before a crash. A write that fails (disk full, folder gone) is dropped, never thrown.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { LogEntry } from './logger';

export const LOG_FILE_NAME = 'ledgerdesk.log';

export interface LogFileOptions {
  dir: string;
  /** Default 5 MB. */
  maxBytes?: number;
  /** Files kept, the current one included. Default 5. */
  keep?: number;
}

export interface LogFile {
  dir: string;
  path: string;
  write(entry: LogEntry): void;
}

/** `ledgerdesk.log`, then `ledgerdesk.1.log` (newest rotated) … `ledgerdesk.<keep-1>.log` (oldest). */
export const rotatedName = (n: number) => (n === 0 ? LOG_FILE_NAME : LOG_FILE_NAME.replace(/\.log$/, `.${n}.log`));

export function openLogFile({ dir, maxBytes = 5 * 1024 * 1024, keep = 5 }: LogFileOptions): LogFile {
  const file = path.join(dir, LOG_FILE_NAME);
  let size: number | null = null;

  const currentSize = () => {
    try {
      return fs.statSync(file).size;
    } catch {
      return 0;
    }
  };

  const rotate = () => {
    fs.rmSync(path.join(dir, rotatedName(keep - 1)), { force: true });
    for (let n = keep - 2; n >= 0; n--) {
      const from = path.join(dir, rotatedName(n));
      if (fs.existsSync(from)) fs.renameSync(from, path.join(dir, rotatedName(n + 1)));
    }
  };

  return {
    dir,
    path: file,
    write(entry) {
      const line = `${JSON.stringify(entry)}\n`;
      const bytes = Buffer.byteLength(line);
      try {
        fs.mkdirSync(dir, { recursive: true });
        size ??= currentSize();
        if (size > 0 && size + bytes > maxBytes) {
          if (keep > 1) rotate();
          else fs.rmSync(file, { force: true });
          size = 0;
        }
        fs.appendFileSync(file, line, { mode: 0o600 });
        size += bytes;
      } catch {
        size = null; // measure again next time: the folder may be back
      }
    },
  };
}
