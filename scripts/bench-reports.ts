/**
 * The report budgets (docs/bench.md): the Aging workbook with at least 100,000 detail rows, and the
 * billing pack for the 18 months ending this month, each through the reports service's run (the same
 * job the app's report thread runs: its own read-only connection, the workbook written, the package
 * fixed), timed, with the process's peak memory.
 *
 * Run as a process of its own (bench.ts starts it) so that its peak resident set is the export's and not
 * the earlier measures': `tsx --tsconfig tsconfig.node.json scripts/bench-reports.ts --size medium`. It
 * works on a scratch copy of the bench store; when the store has fewer open items than the rows wanted
 * (medium has about 12,000), the copy gets more: each open invoice copied under a new number (R1-, R2-...
 * before it) as many times as needed. Only the copy changes, and it is deleted afterwards.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { addDays, addMonths, startOfMonth } from '@shared/dates';
import { createBackend } from '../src-main/backend';
import { businessToday } from '../src-main/backend/services/ledger/posting';

export interface ReportsBench {
  /** The Aging workbook as of today: detail rows (open items), seconds, file size. */
  /**
   * peakRssMB: the process's peak resident set (Node, tsx, the open store and the export); baselineRssMB:
   * its resident set just before the export; peakAddedMB: what the export added (the budget's measure).
   */
  agingWorkbook: {
    rows: number;
    padded: boolean;
    seconds: number;
    /** This process's CPU time for the export (user and system, every thread): on a shared machine, what the work itself took. */
    cpuSeconds: number;
    fileMB: number;
    peakRssMB: number;
    baselineRssMB: number;
    peakAddedMB: number;
    /** Seconds from each stage's start (its progress label) to the next's. */
    stages: Record<string, number>;
  };
  billingPack18Months: { from: string; to: string; seconds: number; fileKB: number };
}

const maxRssMB = () => Math.round(process.resourceUsage().maxRSS / 1024);
const rssMB = () => Math.round(process.memoryUsage().rss / 1e6);

export async function benchReportsIn(storePath: string, key: Buffer, rows: number, log: (m: string) => void): Promise<ReportsBench> {
  const copy = storePath.replace(/\.ldk$/, '.reports.ldk');
  const files = [copy, `${copy}-wal`, `${copy}-shm`, `${copy}.anchor.json`];
  for (const f of files) fs.rmSync(f, { force: true });
  fs.copyFileSync(storePath, copy);
  // Each stage's start (the run's progress events), to say where the time goes.
  const marks: { label: string; at: number }[] = [];
  const b = createBackend({
    storePath: copy,
    key,
    log: () => undefined,
    onEvent: (event, payload) => {
      if (event === 'progress' && 'label' in payload && payload.label) marks.push({ label: payload.label, at: performance.now() });
    },
  });
  try {
    const today = await businessToday(b.ctx.db, b.ctx.clock);
    const from = addMonths(startOfMonth(today), -17);
    const to = addDays(addMonths(startOfMonth(today), 1), -1);
    log('reports: billing pack, 18 months');
    let t = performance.now();
    const pack = await b.services.reports.build('bench', undefined, 'billingPack', 'bench', { from, to, period: 'month' });
    const packSeconds = (performance.now() - t) / 1000;

    const sqlite = b.ctx.store.sqlite;
    const open = (sqlite.prepare("SELECT count(*) AS n FROM document WHERE side = 'debit' AND open_cents > 0").get() as { n: number }).n;
    const copies = Math.max(0, Math.ceil(rows / Math.max(open, 1)) - 1);
    if (copies > 0) {
      log(`reports: ${open} open items; copying each ${copies} times for at least ${rows} rows`);
      const cols = (sqlite.prepare("SELECT name FROM pragma_table_info('document') WHERE name <> 'id'").all() as { name: string }[]).map((c) => c.name);
      const picked = cols.map((c) => (c === 'number' ? `'R' || @k || '-' || number` : c === 'number_seq' ? `number_seq + @k * 100000000` : c)).join(', ');
      const insert = sqlite.prepare(
        `INSERT INTO document (${cols.join(', ')}) SELECT ${picked} FROM document WHERE side = 'debit' AND open_cents > 0 AND number NOT LIKE 'R%-%'`,
      );
      sqlite.transaction(() => {
        for (let k = 1; k <= copies; k++) insert.run({ k });
      })();
    }

    log('reports: aging workbook');
    const baseline = rssMB();
    t = performance.now();
    const cpu = process.cpuUsage();
    marks.length = 0;
    const aging = await b.services.reports.build('bench', undefined, 'aging', 'bench', { asOf: today });
    const end = performance.now();
    const used = process.cpuUsage(cpu);
    const agingSeconds = (end - t) / 1000;
    const stages: Record<string, number> = {};
    marks.forEach((m, i) => {
      // A label heard more than once (rows written, every 5,000) adds up.
      const ms = (marks[i + 1]?.at ?? end) - m.at;
      stages[m.label] = Math.round(((stages[m.label] ?? 0) * 1000 + ms) / 10) / 100;
    });
    const peak = maxRssMB();
    const detailRows = (await b.services.aging.detail({ asOf: today, limit: 1 })).rowCount;
    return {
      agingWorkbook: {
        rows: detailRows,
        padded: copies > 0,
        seconds: Math.round(agingSeconds * 100) / 100,
        cpuSeconds: Math.round((used.user + used.system) / 1e4) / 100,
        fileMB: Math.round((aging.bytes.length / 1e6) * 10) / 10,
        peakRssMB: peak,
        baselineRssMB: baseline,
        peakAddedMB: peak - baseline,
        stages,
      },
      billingPack18Months: { from, to, seconds: Math.round(packSeconds * 100) / 100, fileKB: Math.round(pack.bytes.length / 1000) },
    };
  } finally {
    await b.close();
    for (const f of files) fs.rmSync(f, { force: true });
  }
}

/** Runs this file in a process of its own and returns what it printed. */
export function benchReports(size: string, rows: number, log: (m: string) => void): ReportsBench {
  const repo = path.resolve(__dirname, '..');
  const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'bench-reports.ts'), '--size', size, '--rows', String(rows)], {
    cwd: repo,
    env: { ...process.env, TSX_TSCONFIG_PATH: path.join(repo, 'tsconfig.node.json') },
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1e7,
  });
  log('reports: done');
  return JSON.parse(out.toString('utf8')) as ReportsBench;
}

if (require.main === module) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i === -1 ? undefined : process.argv[i + 1];
  };
  const size = arg('size') ?? 'medium';
  const dir = path.resolve(__dirname, '..', 'bench-data');
  const key = Buffer.from(fs.readFileSync(path.join(dir, `${size}.key`), 'utf8').trim(), 'hex');
  benchReportsIn(path.join(dir, `${size}.ldk`), key, Number(arg('rows') ?? 100_000), (m) => process.stderr.write(`[bench] ${m}\n`))
    .then((r) => process.stdout.write(`${JSON.stringify(r)}\n`))
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
