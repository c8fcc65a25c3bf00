// Reads one import file with readSheet, alone in this process, and prints one JSON line: what happened
// and the process's peak memory. Tests run it under a small heap (--max-old-space-size) to prove that a
// file past a limit is refused while it is read, not after it was built in memory.
//   node --import tsx test/support/read-sheet-child.ts FILE [READER_MODULE]
// READER_MODULE (default: the project's reader) lets scripts/import-memory.ts measure an older reader.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

type Reader = { readSheet(fileName: string, bytes: Buffer): Promise<{ rows: unknown[]; problems?: unknown[] }> };

/**
 * The peak resident memory of this process. Linux's getrusage maxRSS keeps the high-water mark of the
 * process image before exec (the forking parent's), so read this image's own VmHWM where there is one.
 */
function peakRssMb(): number {
  const hwm = fs.existsSync('/proc/self/status') ? /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1] : undefined;
  return Math.round(Number(hwm ?? process.resourceUsage().maxRSS) / 1024);
}

async function main() {
  const [file, readerPath = path.join(__dirname, '../../src-main/backend/services/imports/read.ts')] = process.argv.slice(2);
  if (!file) throw new Error('usage: read-sheet-child.ts FILE [READER_MODULE]');
  const { readSheet } = (await import(pathToFileURL(path.resolve(readerPath)).href)) as Reader;
  try {
    const sheet = await readSheet(path.basename(file), fs.readFileSync(file));
    console.log(JSON.stringify({ outcome: 'read', rows: sheet.rows.length, problems: sheet.problems ?? [], peakRssMb: peakRssMb() }));
  } catch (err) {
    const e = err as { name?: string; code?: string; message?: string };
    console.log(JSON.stringify({ outcome: e.name === 'DomainError' ? 'refused' : 'error', code: e.code, message: e.message, peakRssMb: peakRssMb() }));
  }
}

void main();
