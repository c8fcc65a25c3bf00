/**
 * `npx tsx --tsconfig tsconfig.node.json scripts/bench-import.ts [--customers 1000] [--seed 14]` (also run by
 * `npm run bench` as `importBook`): an old system's book (test/kit/old-book.ts: 1,000 customers, 10,000
 * invoices, 10,000 payments, 1,000 standalone credit notes by default) imported into a new store, each file
 * through `services.imports.post` (payments as in the file), as the Import screen and the CLI do. Prints each
 * phase's wall and CPU seconds and rows per second, the total, and whether the store verifies afterwards
 * (ledger, allocations, the audit chain). docs/bench.md and docs/moving-in.md ("Import speed") explain it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createBackend } from '../src-main/backend';
import { businessToday } from '../src-main/backend/services/ledger/posting';
import { verifyStore } from '../src-main/backend/verify';
import { createCompany } from '../test/kit';
import { generateOldBook } from '../test/kit/old-book';

const kinds = ['accounts', 'invoices', 'payments', 'credit_notes'] as const;
const admin = { userId: 1, username: 'admin' };

export interface ImportBookResult {
  customers: number;
  rows: Record<(typeof kinds)[number], number>;
  phases: Record<(typeof kinds)[number], { seconds: number; cpuSeconds: number; rowsPerSecond: number }>;
  totalSeconds: number;
  totalCpuSeconds: number;
  verified: boolean;
  auditRecords: number;
  loadAverage: number[];
}

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

export async function benchImportBook(customers = 1000, seed = 14, log: (msg: string) => void = () => undefined): Promise<ImportBookResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerdesk-import-bench-'));
  const b = createBackend({ storePath: path.join(dir, 'book.ldk'), key: randomBytes(32), log: () => undefined });
  try {
    await createCompany(b);
    const asOf = await businessToday(b.ctx.db, b.ctx.clock);
    const book = generateOldBook({ seed, customers, invoices: customers * 10, payments: customers * 10, creditNotes: customers, asOf });
    const rows = { accounts: book.counts.accounts, invoices: book.counts.invoices, payments: book.counts.paymentRows, credit_notes: book.counts.creditNotes };
    const phases = {} as ImportBookResult['phases'];
    let totalSeconds = 0;
    let totalCpuSeconds = 0;
    for (const kind of kinds) {
      log(`importing ${rows[kind]} ${kind} rows`);
      const cpu = process.cpuUsage();
      const t = performance.now();
      await b.services.imports.post(admin, {
        kind,
        fileName: `${kind}.csv`,
        contentBase64: Buffer.from(book.files[kind]).toString('base64'),
        ...(kind === 'payments' ? { allocationMode: 'as_in_file' as const } : {}),
      });
      const seconds = (performance.now() - t) / 1000;
      const used = process.cpuUsage(cpu);
      const cpuSeconds = (used.user + used.system) / 1e6;
      phases[kind] = { seconds: round(seconds), cpuSeconds: round(cpuSeconds), rowsPerSecond: Math.round(rows[kind] / seconds) };
      totalSeconds += seconds;
      totalCpuSeconds += cpuSeconds;
    }
    const report = await verifyStore(b);
    const auditRecords = (b.ctx.store.sqlite.prepare('SELECT count(*) AS n FROM audit').get() as { n: number }).n;
    return {
      customers,
      rows,
      phases,
      totalSeconds: round(totalSeconds),
      totalCpuSeconds: round(totalCpuSeconds),
      verified: report.ok,
      auditRecords,
      loadAverage: os.loadavg().map((x) => round(x, 1)),
    };
  } finally {
    await b.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
}

if (require.main === module) {
  benchImportBook(Number(arg('customers') ?? 1000), Number(arg('seed') ?? 14), (m) => process.stderr.write(`[bench-import] ${m}\n`))
    .then((r) => process.stdout.write(`${JSON.stringify(r, null, 2)}\n`))
    .catch((err: unknown) => {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    });
}
