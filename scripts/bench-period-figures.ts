/**
 * Times `reports.periodFigures` for 18 months ending with the current month on a scratch copy of a bench
 * store (`npm run bench` builds it), and checks each month-end's receivables against the aging summary.
 *   tsx --tsconfig tsconfig.node.json scripts/bench-period-figures.ts [--size medium|large]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addDays, addMonths, startOfMonth } from '../src-shared/dates';
import { createBackend } from '../src-main/backend';
import { businessToday } from '../src-main/backend/services/ledger/posting';

async function main() {
  const i = process.argv.indexOf('--size');
  const size = i > 0 ? process.argv[i + 1]! : 'medium';
  const dir = path.resolve(__dirname, '..', 'bench-data');
  const store = path.join(dir, `${size}.ldk`);
  if (!fs.existsSync(store)) throw new Error(`bench: ${store} is missing; run npm run bench -- --size ${size} first`);
  const work = path.join(os.tmpdir(), `${size}.period-figures.ldk`);
  for (const f of [work, `${work}-wal`, `${work}-shm`]) fs.rmSync(f, { force: true });
  fs.copyFileSync(store, work);
  const key = Buffer.from(fs.readFileSync(path.join(dir, `${size}.key`), 'utf8').trim(), 'hex');
  const b = createBackend({ storePath: work, key, log: () => undefined });
  try {
    const today = await businessToday(b.ctx.db, b.ctx.clock);
    const to = addDays(addMonths(startOfMonth(today), 1), -1);
    const from = addMonths(startOfMonth(today), -17);
    const runs: number[] = [];
    let months = 0;
    let last = await b.services.periodFigures.figures({ from, to, period: 'month' });
    for (let r = 0; r < 3; r++) {
      const t0 = performance.now();
      last = await b.services.periodFigures.figures({ from, to, period: 'month' });
      runs.push(Math.round(performance.now() - t0));
      months = last.rows.length;
    }
    const t1 = performance.now();
    const quarterStart = addMonths(startOfMonth(today), -((Number(today.slice(5, 7)) - 1) % 3));
    const quarters = await b.services.periodFigures.figures({
      from: addMonths(quarterStart, -15),
      to: addDays(addMonths(quarterStart, 3), -1),
      period: 'quarter',
    });
    const quarterMs = Math.round(performance.now() - t1);
    // Every month-end's ending receivables against the aging summary as of that date.
    let mismatches = 0;
    for (const row of last.rows) {
      const aging = await b.services.aging.summary({ asOf: row.to, limit: 1 });
      if (aging.totals.totalCents !== row.endingCents) mismatches++;
    }
    const out = {
      machine: { loadAverage: os.loadavg().map((x) => Math.round(x * 10) / 10), cpus: os.cpus().length },
      size,
      from,
      to,
      months,
      monthSeriesMs: runs,
      quarters: quarters.rows.length,
      quarterSeriesMs: quarterMs,
      endingMismatchesWithAgingSummary: mismatches,
      lastMonth: last.rows.at(-1),
    };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } finally {
    await b.close();
    for (const f of [work, `${work}-wal`, `${work}-shm`]) fs.rmSync(f, { force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
