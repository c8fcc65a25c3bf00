/**
 * The letter run of `npm run bench` (docs/bench.md): 1,000 letters of the bench store, the accounts
 * the stages queued for one template (or, when no template has that many, the past-due accounts a
 * supervisor's ad-hoc selection finds for the final demand), recorded as a run (letters.startRun),
 * then saved as ONE PDF through the shipped path: documents.savePdf through dispatch (every letter
 * merged and built, the compliance check and the run's ALREADY_SENT check) -> deliverJob (Playwright's
 * Chromium one page at a time, as the app's hidden window) -> the file written -> documents.complete
 * archiving and recording each letter and closing its stage task. Time and peak memory of this process
 * and its Chromium processes together (PSS, sampled every 100 ms).
 *
 * Alone: `tsx --tsconfig tsconfig.node.json scripts/bench-letters.ts [--letters N]` on a scratch copy
 * of bench-data/medium.ldk (built by `npm run bench` first).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { DeliveryOutcome, PreparedJob } from '@shared/domain/documents';
import type { LetterCandidate, LetterRunPlan } from '@shared/domain/letter-runs';
import { createBackend, type Backend } from '../src-main/backend';
import { businessToday } from '../src-main/backend/services/ledger/posting';
import { ChromiumPdfRenderer } from '../src-main/print/chromium-pdf-renderer';
import { deliverJob } from '../src-main/print/deliver';
import { treeMemory } from './bench-documents';

export interface LetterRunBench {
  letters: number;
  template: string;
  /** Where the accounts came from: the stages' queue, or an ad-hoc selection. */
  source: 'queue' | 'select';
  /** letters.queue (or letters.select) over the whole store. */
  listMs: number;
  /** letters.startRun: the run recorded, the presort order and the exceptions. */
  startRunMs: number;
  /** From documents.savePdf to every letter recorded: building, rendering, merging, archiving. */
  seconds: number;
  /** Of which documents.savePdf: merging and building every letter's page. */
  prepareSeconds: number;
  pdfBytes: number;
  pdfPages: number;
  peakMB: number;
  peakProcessRssMB: number;
  recorded: number;
  tasksClosed: number;
  exceptions: number;
}

function must<T>(r: { ok: true; value: unknown } | { ok: false; error: { message: string } }, what: string): T {
  if (!r.ok) throw new Error(`bench: ${what} refused: ${r.error.message}`);
  return r.value as T;
}

export async function benchLetterRun(b: Backend, log: (m: string) => void, count = 1000): Promise<LetterRunBench> {
  const session = 'bench-letters';
  must(await b.dispatch(session, 'auth.signIn', { username: 'admin', password: 'riverside-admin' }), 'sign in as the demo admin');
  // Letters sign off with the office's phone: the generated company has none, so it gets one, as an office would first.
  const settings = must<{ letterhead: { phone: string } }>(await b.dispatch(session, 'documents.getSettings', undefined), 'documents.getSettings');
  if (!settings.letterhead.phone) must(await b.dispatch(session, 'documents.updateSettings', { letterhead: { phone: '(312) 555-0100' } }), 'letterhead phone');
  const tq = performance.now();
  const queue = must<LetterCandidate[]>(await b.dispatch(session, 'letters.queue', {}), 'letters.queue');
  let listMs = performance.now() - tq;
  const byTemplate = new Map<number, LetterCandidate[]>();
  for (const q of queue) if (q.exception === null && q.templateId) byTemplate.set(q.templateId, [...(byTemplate.get(q.templateId) ?? []), q]);
  let chosen = [...byTemplate.values()].sort((x, y) => y.length - x.length)[0] ?? [];
  let source: 'queue' | 'select' = 'queue';
  if (chosen.length < count) {
    const templates = must<{ id: number; key: string }[]>(await b.dispatch(session, 'letters.templates.list', undefined), 'templates');
    const final = templates.find((t) => t.key === 'final-demand');
    if (!final) throw new Error('bench: the final-demand template is missing');
    const ts = performance.now();
    const found = must<LetterCandidate[]>(await b.dispatch(session, 'letters.select', { templateId: final.id }), 'letters.select');
    listMs = performance.now() - ts;
    chosen = found.filter((c) => c.exception === null);
    source = 'select';
  }
  chosen = chosen.slice(0, count);
  if (chosen.length < count) log(`letters: only ${chosen.length} accounts can get a letter`);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerdesk-bench-letters-'));
  const file = path.join(dir, 'letters.pdf');
  const renderer = new ChromiumPdfRenderer(undefined, 1);
  try {
    await renderer.render('<!doctype html><p>warm-up</p>', 'Letter');
    let peak = 0;
    let peakProcess = 0;
    const sampler = setInterval(() => {
      peak = Math.max(peak, treeMemory(process.pid));
      peakProcess = Math.max(peakProcess, process.memoryUsage.rss());
    }, 100);
    const t0 = performance.now();
    const plan = must<LetterRunPlan>(
      await b.dispatch(session, 'letters.startRun', {
        templateId: chosen[0]!.templateId,
        channel: 'pdf',
        filters: { source },
        accounts: chosen.map((c) => ({ accountId: c.accountId, taskId: c.taskId })),
      }),
      'letters.startRun',
    );
    const startRunMs = performance.now() - t0;
    log(`letters: run ${plan.runId} of ${plan.paper.length} "${plan.templateName}" letters (${plan.exceptions.length} exceptions) to one PDF`);
    const t1 = performance.now();
    const job = must<PreparedJob>(await b.dispatch(session, 'documents.savePdf', { documents: plan.paper, run: 'bench-letters' }), 'documents.savePdf');
    const prepareSeconds = (performance.now() - t1) / 1000;
    if (job.problems.length) log(`letters: ${job.problems.length} left out when built (${job.problems[0]?.code} ${job.problems[0]?.missing.join(', ')})`);
    const outcome = await deliverJob(
      job,
      {
        renderer,
        saver: {
          async save(_name, pdf) {
            fs.writeFileSync(file, pdf);
            return { destination: file };
          },
        },
        complete: async (input) => must<DeliveryOutcome>(await b.dispatch(session, 'documents.complete', input), 'documents.complete'),
        progress: (e) => {
          if (e.done > 0 && e.done % 200 === 0) log(`letters: ${e.done} rendered`);
        },
      },
      { run: 'bench-letters' },
    );
    const seconds = (performance.now() - t1) / 1000;
    clearInterval(sampler);
    peak = Math.max(peak, treeMemory(process.pid));
    const pdfPages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1] ?? 0);
    const sqlite = b.ctx.store.sqlite;
    const recorded = (sqlite.prepare('SELECT count(*) AS n FROM letter WHERE run_id = ?').get(plan.runId) as { n: number }).n;
    const tasksClosed = (
      sqlite
        .prepare("SELECT count(*) AS n FROM letter l JOIN collection_task t ON t.id = l.task_id WHERE l.run_id = ? AND t.status = 'done'")
        .get(plan.runId) as {
        n: number;
      }
    ).n;
    if (outcome.delivered !== recorded) throw new Error(`bench: ${outcome.delivered} letters delivered but ${recorded} recorded`);
    return {
      letters: outcome.delivered,
      template: plan.templateName,
      source,
      listMs: Math.round(listMs),
      startRunMs: Math.round(startRunMs),
      seconds: Math.round(seconds * 10) / 10,
      prepareSeconds: Math.round(prepareSeconds * 10) / 10,
      pdfBytes: fs.statSync(file).size,
      pdfPages,
      peakMB: Math.round(peak / 1e6),
      peakProcessRssMB: Math.round(peakProcess / 1e6),
      recorded,
      tasksClosed,
      exceptions: plan.exceptions.length + job.problems.length,
    };
  } finally {
    await renderer.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Alone, on a scratch copy of the medium bench store: the stages evaluated as of today, then the run. */
async function main() {
  const i = process.argv.indexOf('--letters');
  const count = i > 0 ? Number(process.argv[i + 1]) : 1000;
  const dir = path.resolve(__dirname, '..', 'bench-data');
  const store = path.join(dir, 'medium.ldk');
  if (!fs.existsSync(store)) throw new Error(`bench: ${store} is missing; run npm run bench first`);
  const work = path.join(dir, 'medium.letters.ldk');
  for (const f of [work, `${work}-wal`, `${work}-shm`]) fs.rmSync(f, { force: true });
  fs.copyFileSync(store, work);
  const key = Buffer.from(fs.readFileSync(path.join(dir, 'medium.key'), 'utf8').trim(), 'hex');
  const b = createBackend({ storePath: work, key, log: () => undefined });
  const log = (m: string) => process.stderr.write(`[bench] ${m}\n`);
  try {
    const today = await businessToday(b.ctx.db, b.ctx.clock);
    await b.services.stages.evaluate({ userId: null, username: 'bench' }, today);
    const r = await benchLetterRun(b, log, count);
    const out = {
      machine: { loadAverage: os.loadavg().map((x) => Math.round(x * 10) / 10), cpus: os.cpus().length, node: process.version },
      letterRunToOnePdf: r,
      budgets: {
        letterRun1000Seconds: { value: r.seconds, budget: 60, ok: r.seconds <= 60 },
        letterRun1000PeakMB: { value: r.peakMB, budget: 1000, ok: r.peakMB <= 1000 },
      },
    };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } finally {
    await b.close();
    for (const f of [work, `${work}-wal`, `${work}-shm`]) fs.rmSync(f, { force: true });
  }
}

if (require.main === module) void main();
