/**
 * `npx tsx scripts/import-memory.ts [--reader PATH] [--heap MB]`
 *
 * Peak memory of reading two hostile workbooks made here at run time (never committed): a million-row
 * payments workbook, and a 200 KB workbook whose one shared string is 200 MB. Each is read alone in a child
 * process (test/support/read-sheet-child.ts) with the import reader, the project's or the one at --reader
 * (e.g. an older read.ts checked out elsewhere, to measure before a change); --heap caps the child's heap.
 * Prints JSON: per file, its size, what happened, the seconds taken and the peak RSS. docs/import.md
 * ("Limits") keeps the figures.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { longStringWorkbook, paymentsWorkbook, writeFile } from '../test/support/xlsx-files';

const { values } = parseArgs({ options: { reader: { type: 'string' }, heap: { type: 'string' } } });
const child = path.join(__dirname, '../test/support/read-sheet-child.ts');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerdesk-import-memory-'));
try {
  const files = {
    'million-rows.xlsx': paymentsWorkbook(1_000_000),
    'one-200MB-string.xlsx': longStringWorkbook(200 * 2 ** 20),
  };
  const results = Object.entries(files).map(([name, bytes]) => {
    const file = writeFile(path.join(dir, name), bytes);
    const args = [...(values.heap ? [`--max-old-space-size=${values.heap}`] : []), '--import', 'tsx', child, file, ...(values.reader ? [values.reader] : [])];
    const started = performance.now();
    let outcome: unknown;
    try {
      const out = execFileSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
      outcome = JSON.parse(out.trim().split('\n').at(-1)!);
    } catch (err) {
      outcome = { outcome: 'crashed', signal: (err as { signal?: string }).signal };
    }
    return { file: name, megabytes: +(bytes.length / 2 ** 20).toFixed(1), seconds: +((performance.now() - started) / 1000).toFixed(1), ...(outcome as object) };
  });
  process.stdout.write(
    `${JSON.stringify({ reader: values.reader ?? 'src-main/backend/services/imports/read.ts', heapMb: values.heap ?? null, results }, null, 2)}\n`,
  );
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
