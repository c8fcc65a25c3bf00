/**
 * `npm run bench -- --size medium|large [--runs N] [--samples N] [--rebuild]`
 *
 * Builds (once; reused afterwards) a generated encrypted store under bench-data/ (git-ignored), copies
 * it to a scratch file (the measurements post payments and an import), and prints JSON: medians over
 * repeated runs for the aging summary (as of today and as of 90 days ago), the aging detail and the
 * best hand-written SQL for the summary; p50/p95 for account search, opening an account ledger and
 * posting one payment with allocation; the collections worklist after a stage evaluation; the time to import 10,000 payments from one CSV file;
 * 1,000 invoices rendered to one PDF with their archive, time and peak memory (`--skip-documents` leaves it out; `--documents N` for another count);
 * a statement run of 1,000 accounts to one PDF, likewise (`--skip-statements`, `--statements N`);
 * a letter run of 1,000 letters to one PDF, likewise (`--skip-letters`, `--letters N`);
 * the Aging workbook with at least 100,000 detail rows and the 18-month billing pack, in a process of
 * their own for their peak memory (`--skip-reports`, `--report-rows N`; scripts/bench-reports.ts);
 * an old system's book (1,000 customers, 10,000 invoices, 10,000 payments, 1,000 credit notes) imported into a new store,
 * each phase timed (`--skip-import-book`; scripts/bench-import.ts);
 * with `--screens`, each main screen's time to its data in Chromium (`--screen-runs N`; scripts/bench-screens.ts, the built renderer); and
 * each budget of DESIGN.md with whether it was met. docs/bench.md explains each number.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { addDays, addMonths, startOfMonth } from '@shared/dates';
import { cents } from '@shared/money';
import { createBackend, type Backend } from '../src-main/backend';
import { createDemoCompany, DEMO_SEED, generateDemo, type DemoSize } from '../src-main/backend/demo';
import { Rng } from '../src-main/backend/demo/prng';
import { readAgingSettings } from '../src-main/backend/services/aging';
import { runReferenceAgingSummary } from '../src-main/backend/services/aging/reference-sql';
import { businessToday } from '../src-main/backend/services/ledger/posting';
import { benchDocuments } from './bench-documents';
import { benchStatementRun } from './bench-statements';
import { benchLetterRun } from './bench-letters';
import { benchImportBook } from './bench-import';
import { benchReports } from './bench-reports';
import { benchScreens } from './bench-screens';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i === -1) return undefined;
  const v = process.argv[i + 1];
  return v && !v.startsWith('--') ? v : 'true';
}

const size = (arg('size') ?? 'medium') as DemoSize;
if (!['small', 'medium', 'large'].includes(size)) throw new Error('--size must be small, medium or large');
const RUNS = Number(arg('runs') ?? 7);
const SAMPLES = Number(arg('samples') ?? 300);
const dir = path.resolve(__dirname, '..', 'bench-data');
const storePath = path.join(dir, `${size}.ldk`);
const keyPath = path.join(dir, `${size}.key`);
const workPath = path.join(dir, `${size}.work.ldk`);

const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);
const ms = (x: number) => Math.round(x * 100) / 100;
function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}
const median = (xs: number[]) => quantile(xs, 0.5);
async function time<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}
async function repeat(n: number, fn: () => Promise<unknown> | unknown): Promise<number[]> {
  await fn(); // warm-up: statement preparation, page cache
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await time(fn)).ms);
  return out;
}
const dist = (xs: number[]) => ({ p50Ms: ms(quantile(xs, 0.5)), p95Ms: ms(quantile(xs, 0.95)), maxMs: ms(Math.max(...xs)), n: xs.length });

async function build(): Promise<{ seconds: number; result: unknown }> {
  fs.mkdirSync(dir, { recursive: true });
  for (const f of [storePath, `${storePath}-wal`, `${storePath}-shm`]) fs.rmSync(f, { force: true });
  const key = randomBytes(32);
  fs.writeFileSync(keyPath, `${key.toString('hex')}\n`, { mode: 0o600 });
  const b = createBackend({ storePath, key, log: () => undefined });
  try {
    await createDemoCompany(b.services, 'bench');
    let last = 0;
    const result = await generateDemo(b.ctx, b.services, {
      size,
      seed: DEMO_SEED,
      onProgress: (phase, done, total) => {
        if (Date.now() - last > 10_000) {
          last = Date.now();
          log(`building ${size}: ${phase} ${done}/${total}`);
        }
      },
    });
    return { seconds: result.seconds, result };
  } finally {
    await b.close();
  }
}

async function main() {
  let built: { seconds: number; result: unknown } | null = null;
  if (arg('rebuild') || !fs.existsSync(storePath) || !fs.existsSync(keyPath)) {
    log(`building ${storePath} (once; reused by later runs)`);
    built = await build();
    log(`built in ${built.seconds.toFixed(1)} s`);
  }
  const key = Buffer.from(fs.readFileSync(keyPath, 'utf8').trim(), 'hex');
  for (const f of [workPath, `${workPath}-wal`, `${workPath}-shm`]) fs.rmSync(f, { force: true });
  fs.copyFileSync(storePath, workPath);
  const b: Backend = createBackend({ storePath: workPath, key, log: () => undefined });
  const sqlite = b.ctx.store.sqlite;
  const count = (sql: string) => (sqlite.prepare(sql).get() as { n: number }).n;
  const data = {
    accounts: count('SELECT count(*) AS n FROM account'),
    invoices: count("SELECT count(*) AS n FROM document WHERE kind = 'invoice'"),
    documents: count('SELECT count(*) AS n FROM document'),
    openItems: count("SELECT count(*) AS n FROM document WHERE side = 'debit' AND open_cents > 0"),
    allocations: count('SELECT count(*) AS n FROM allocation'),
    auditRecords: count('SELECT count(*) AS n FROM audit'),
    fileMB: Math.round(fs.statSync(storePath).size / 1e6),
  };
  log(`store: ${JSON.stringify(data)}`);
  const today = await businessToday(b.ctx.db, b.ctx.clock);
  const past = addDays(today, -90);
  const settings = await readAgingSettings(b.ctx.db);

  // ---- aging ----
  log('aging');
  const agingToday = await repeat(RUNS, () => b.services.aging.summary({ asOf: today, offset: 0, sort: 'name' }));
  const agingPast = await repeat(RUNS, () => b.services.aging.summary({ asOf: past, offset: 0, sort: 'name' }));
  const detail = await repeat(RUNS, () => b.services.aging.detail({ asOf: today }));
  const reference = await repeat(RUNS, () => runReferenceAgingSummary(sqlite, today, settings));
  const summaryRows = (await b.services.aging.summary({ asOf: today, offset: 0, sort: 'name' })).rowCount;

  // ---- period figures: the 18 months ending this month (docs/reports.md, Figures and KPIs) ----
  log('period figures');
  const figuresRange = { from: addMonths(startOfMonth(today), -17), to: addDays(addMonths(startOfMonth(today), 1), -1), period: 'month' as const };
  const figuresTimes = await repeat(RUNS, () => b.services.periodFigures.figures(figuresRange));

  // ---- collections: the ladder evaluated as of today (once), then the worklist (docs/collections.md) ----
  log('worklist');
  const stagesRun = await time(() => b.services.stages.evaluate({ userId: null, username: 'bench' }, today));
  const worklistTimes = await repeat(RUNS, () => b.services.worklist.build(today));
  const worklistAccounts = (await b.services.worklist.build(today)).total;

  // ---- search ----
  log('search');
  const rng = new Rng(7);
  const accounts = sqlite
    .prepare('SELECT a.id, a.account_number, a.name, c.phones FROM account a LEFT JOIN account_contact c ON c.account_id = a.id AND c.is_primary = 1')
    .all() as { id: number; account_number: string; name: string; phones: string | null }[];
  const invoiceNumbers = (sqlite.prepare("SELECT number FROM document WHERE kind = 'invoice' ORDER BY random() LIMIT 500").all() as { number: string }[]).map(
    (r) => r.number,
  );
  const queries: { kind: string; q: string }[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const a = rng.pick(accounts);
    switch (i % 5) {
      case 0:
        queries.push({ kind: 'name', q: a.name.split(' ').at(-1)!.slice(0, rng.int(2, 5)) });
        break;
      case 1:
        queries.push({ kind: 'name', q: a.name.slice(0, rng.int(3, 8)) });
        break;
      case 2:
        queries.push({ kind: 'accountNumber', q: a.account_number.slice(0, rng.int(3, 7)) });
        break;
      case 3: {
        const phone = a.phones ? (JSON.parse(a.phones) as { number: string }[])[0]?.number : undefined;
        queries.push({ kind: 'phone', q: phone ? phone.replace(/\D/g, '').slice(0, rng.int(3, 10)) : a.account_number });
        break;
      }
      default: {
        const n = rng.pick(invoiceNumbers);
        queries.push({ kind: 'invoiceNumber', q: rng.chance(0.5) ? n : n.replace(/^INV-0*/, '') });
      }
    }
  }
  await b.services.accounts.search('smi', 20);
  const searchAll: number[] = [];
  const searchByKind: Record<string, number[]> = {};
  let emptyHits = 0;
  for (const { kind, q } of queries) {
    const r = await time(() => b.services.accounts.search(q, 20));
    if (r.value.length === 0) emptyHits++;
    searchAll.push(r.ms);
    const byKind = searchByKind[kind] ?? [];
    byKind.push(r.ms);
    searchByKind[kind] = byKind;
  }

  // ---- ledger ----
  log('ledger');
  const ledgerTimes: number[] = [];
  let entries = 0;
  await b.services.ledger.get(accounts[0]!.id);
  for (let i = 0; i < SAMPLES; i++) {
    const r = await time(() => b.services.ledger.get(rng.pick(accounts).id));
    ledgerTimes.push(r.ms);
    entries += r.value.entries.length;
  }

  // ---- posting one payment ----
  log('payments');
  const clerk = { userId: null, username: 'bench' };
  const withOpen = sqlite
    .prepare("SELECT account_id AS id, sum(open_cents) AS open FROM document WHERE side = 'debit' AND open_cents > 0 GROUP BY account_id")
    .all() as { id: number; open: number }[];
  const payTimes: number[] = [];
  let allocLines = 0;
  for (let i = 0; i < SAMPLES + 1; i++) {
    const a = rng.pick(withOpen);
    const amount = Math.max(100, Math.min(a.open, rng.int(20, 800) * 100));
    const r = await time(() =>
      b.services.payments.post(clerk, {
        accountId: a.id,
        method: 'cash',
        amountCents: cents(amount),
        reference: '',
        checkNumber: '',
        cardLast4: '',
        memo: 'bench',
        allocation: { mode: 'auto' },
        earlyPaymentDiscounts: [],
      }),
    );
    if (i > 0) payTimes.push(r.ms); // the first one warms up
    allocLines += r.value.receipt.allocations.length;
  }

  // ---- the floor under every posting: one durable commit (WAL, synchronous=FULL: an fsync) ----
  const commitTimes: number[] = [];
  const touch = sqlite.prepare("INSERT INTO setting (key, value) VALUES ('bench.commit', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  for (let i = 0; i < 100; i++) {
    const t = performance.now();
    sqlite.transaction(() => touch.run(JSON.stringify(i)))();
    commitTimes.push(performance.now() - t);
  }

  // ---- importing 10,000 payments ----
  log('import');
  const stamp = Date.now().toString(36);
  const rows = ['payment_reference,account_number,payment_date,amount,method,check_number'];
  for (let i = 0; i < 10_000; i++) {
    const a = rng.pick(accounts);
    rows.push(`BENCH-${stamp}-${i},${a.account_number},${today},${rng.int(10, 500)}.${String(rng.int(0, 99)).padStart(2, '0')},check,${rng.int(1000, 9999)}`);
  }
  const csv = Buffer.from(rows.join('\n'));
  const input = { kind: 'payments' as const, fileName: 'bench-payments.csv', contentBase64: csv.toString('base64') };
  const preview = await time(() => b.services.imports.preview(input));
  if (preview.value.errors.length) throw new Error(`bench import file has errors: ${JSON.stringify(preview.value.errors.slice(0, 3))}`);
  const post = await time(() => b.services.imports.post(clerk, input));

  // ---- 1,000 invoices to one PDF, and a run cancelled part way (scripts/bench-documents.ts) ----
  const docs = arg('skip-documents') ? null : await benchDocuments(b, log, Number(arg('documents') ?? 1000));
  // ---- a statement run of 1,000 accounts to one PDF (scripts/bench-statements.ts) ----
  const statements = arg('skip-statements') ? null : await benchStatementRun(b, log, Number(arg('statements') ?? 1000));
  // ---- a letter run of 1,000 letters to one PDF (scripts/bench-letters.ts; the stages were evaluated above) ----
  const letters = arg('skip-letters') ? null : await benchLetterRun(b, log, Number(arg('letters') ?? 1000));

  await b.close();
  for (const f of [workPath, `${workPath}-wal`, `${workPath}-shm`]) fs.rmSync(f, { force: true });
  // ---- the report budgets, in a process of their own (scripts/bench-reports.ts) ----
  // ---- moving in: an old book into a new store of its own (scripts/bench-import.ts) ----
  if (!arg('skip-import-book')) log('import book');
  const importBook = arg('skip-import-book') ? null : await benchImportBook(1000, 14, log);
  const reports = arg('skip-reports') ? null : benchReports(size, Number(arg('report-rows') ?? 100_000), log);
  // ---- the screens in Chromium, on request (scripts/bench-screens.ts: needs out/ from `npx electron-vite build`) ----
  const screens = arg('screens') ? benchScreens(size, Number(arg('screen-runs') ?? 5), log) : null;

  const summaryToday = median(agingToday);
  const ref = median(reference);
  const out = {
    size,
    machine: {
      loadAverage: os.loadavg().map((x) => Math.round(x * 10) / 10),
      cpus: os.cpus().length,
      cpu: os.cpus()[0]?.model ?? '',
      node: process.version,
      platform: `${os.platform()} ${os.arch()}`,
    },
    data,
    build: built ? { seconds: Math.round(built.seconds) } : 'reused',
    asOf: { today, past },
    runs: RUNS,
    agingSummaryToday: { medianMs: ms(summaryToday), rows: summaryRows },
    agingSummaryPast: { medianMs: ms(median(agingPast)), asOf: past },
    agingDetailToday: { medianMs: ms(median(detail)) },
    agingReferenceSql: { medianMs: ms(ref), ratio: Math.round((summaryToday / ref) * 100) / 100 },
    periodFigures18Months: { medianMs: ms(median(figuresTimes)), from: figuresRange.from, to: figuresRange.to },
    worklist: {
      medianMs: ms(median(worklistTimes)),
      accounts: worklistAccounts,
      stagesEvaluate: {
        seconds: Math.round(stagesRun.ms / 100) / 10,
        moved: stagesRun.value.movedUp + stagesRun.value.movedDown + stagesRun.value.cleared,
        tasks: stagesRun.value.tasksCreated,
      },
    },
    search: { ...dist(searchAll), emptyResults: emptyHits, byKind: Object.fromEntries(Object.entries(searchByKind).map(([k, v]) => [k, dist(v)])) },
    ledgerOpen: { ...dist(ledgerTimes), meanEntries: Math.round(entries / ledgerTimes.length) },
    paymentPost: { ...dist(payTimes), meanAllocations: Math.round((allocLines / (SAMPLES + 1)) * 10) / 10 },
    durableCommit: dist(commitTimes),
    import10kPayments: { previewMs: Math.round(preview.ms), postMs: Math.round(post.ms), posted: post.value.posted },
    importBook: importBook ?? 'skipped',
    documentsToOnePdf: docs ?? 'skipped',
    statementRunToOnePdf: statements ?? 'skipped',
    letterRunToOnePdf: letters ?? 'skipped',
    reports: reports ?? 'skipped',
    screens: screens ?? 'skipped (--screens to measure)',
    budgets: {
      agingSummaryMs: { value: ms(summaryToday), budget: 500, ok: summaryToday <= 500 },
      agingVsReference: { value: Math.round((summaryToday / ref) * 100) / 100, budget: 1.5, ok: summaryToday <= 1.5 * ref },
      worklistMs: { value: ms(median(worklistTimes)), budget: 500, ok: median(worklistTimes) <= 500 },
      searchP95Ms: { value: ms(quantile(searchAll, 0.95)), budget: 20, ok: quantile(searchAll, 0.95) <= 20 },
      ledgerOpenP95Ms: { value: ms(quantile(ledgerTimes, 0.95)), budget: 20, ok: quantile(ledgerTimes, 0.95) <= 20 },
      paymentPostP95Ms: { value: ms(quantile(payTimes, 0.95)), budget: 10, ok: quantile(payTimes, 0.95) <= 10 },
      ...(docs && {
        documents1000Seconds: { value: docs.seconds, budget: 60, ok: docs.seconds <= 60 },
        documents1000PeakMB: { value: docs.peakMB, budget: 1000, ok: docs.peakMB <= 1000 },
      }),
      ...(statements && {
        statementRun1000Seconds: { value: statements.seconds, budget: 60, ok: statements.seconds <= 60 },
        statementRun1000PeakMB: { value: statements.peakMB, budget: 1000, ok: statements.peakMB <= 1000 },
      }),
      ...(reports && {
        agingWorkbook100kSeconds: { value: reports.agingWorkbook.seconds, budget: 5, ok: reports.agingWorkbook.seconds <= 5 },
        agingWorkbook100kPeakAddedMB: { value: reports.agingWorkbook.peakAddedMB, budget: 300, ok: reports.agingWorkbook.peakAddedMB <= 300 },
        billingPack18MonthsSeconds: { value: reports.billingPack18Months.seconds, budget: 10, ok: reports.billingPack18Months.seconds <= 10 },
      }),
      ...(letters && {
        letterRun1000Seconds: { value: letters.seconds, budget: 60, ok: letters.seconds <= 60 },
        letterRun1000PeakMB: { value: letters.peakMB, budget: 1000, ok: letters.peakMB <= 1000 },
      }),
    },
  };
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
