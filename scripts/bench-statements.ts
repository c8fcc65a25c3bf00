/**
 * The statement run of `npm run bench` (docs/bench.md): 1,000 accounts of the bench store chosen by
 * statements.select as of today (balance at least 0.01, mailable), the run saved, then its statements
 * saved as ONE PDF through the shipped path (documents.savePdf through dispatch -> deliverJob with
 * Playwright's Chromium one page at a time -> the file written -> documents.complete archiving each).
 * Time and peak memory of this process and its Chromium processes (PSS, sampled every 100 ms).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { DeliveryOutcome, PreparedJob } from '@shared/domain/documents';
import type { StatementRun, StatementSelection } from '@shared/domain/statements';
import type { Backend } from '../src-main/backend';
import { businessToday } from '../src-main/backend/services/ledger/posting';
import { ChromiumPdfRenderer } from '../src-main/print/chromium-pdf-renderer';
import { deliverJob } from '../src-main/print/deliver';
import { treeMemory } from './bench-documents';

export interface StatementRunBench {
  statements: number;
  /** statements.select over every account as of today (the screen's "Find accounts"). */
  selectMs: number;
  candidates: number;
  /** From documents.savePdf to the archive written: building, rendering, merging, archiving. */
  seconds: number;
  /** Of which documents.savePdf: building every statement's page (its facts from the services). */
  prepareSeconds: number;
  pdfBytes: number;
  pdfPages: number;
  peakMB: number;
  peakProcessRssMB: number;
  archived: number;
}

export async function benchStatementRun(b: Backend, log: (m: string) => void, count = 1000): Promise<StatementRunBench> {
  const session = 'bench-statements';
  const signIn = await b.dispatch(session, 'auth.signIn', { username: 'admin', password: 'riverside-admin' });
  if (!signIn.ok) throw new Error(`bench: sign in as the demo admin failed: ${signIn.error.message}`);
  const asOf = await businessToday(b.ctx.db, b.ctx.clock);
  const t0 = performance.now();
  const selected = await b.dispatch(session, 'statements.select', { asOf, type: 'open_item', filters: { minBalanceCents: 1 } });
  const selectMs = performance.now() - t0;
  if (!selected.ok) throw new Error(`bench: statements.select refused: ${selected.error.message}`);
  const sel = selected.value as StatementSelection;
  const accountIds = sel.accounts
    .filter((c) => c.mailProblem === null)
    .slice(0, count)
    .map((c) => c.accountId);
  const saved = await b.dispatch(session, 'statements.saveRun', { asOf, type: 'open_item', filters: { minBalanceCents: 1 }, accountIds, channel: 'pdf' });
  if (!saved.ok) throw new Error(`bench: statements.saveRun refused: ${saved.error.message}`);
  const run = saved.value as StatementRun;
  const archivedCount = () => (b.ctx.store.sqlite.prepare('SELECT count(*) AS n FROM archived_document').get() as { n: number }).n;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerdesk-bench-statements-'));
  const file = path.join(dir, 'statements.pdf');
  const renderer = new ChromiumPdfRenderer(undefined, 1);
  try {
    await renderer.render('<!doctype html><p>warm-up</p>', 'Letter'); // Chromium's start is not the run's
    let peak = 0;
    let peakProcess = 0;
    const sampler = setInterval(() => {
      peak = Math.max(peak, treeMemory(process.pid));
      peakProcess = Math.max(peakProcess, process.memoryUsage.rss());
    }, 100);
    log(`statements: ${run.statements.length} statements as of ${asOf} to one PDF`);
    const before = archivedCount();
    const t = performance.now();
    const prepared = await b.dispatch(session, 'documents.savePdf', { documents: run.statements, run: 'bench-statements' });
    if (!prepared.ok) throw new Error(`bench: savePdf refused: ${prepared.error.message}`);
    const prepareSeconds = (performance.now() - t) / 1000;
    const job = prepared.value as PreparedJob;
    if (job.problems.length) log(`statements: ${job.problems.length} left out (${job.problems[0]?.code})`);
    await deliverJob(
      job,
      {
        renderer,
        saver: {
          async save(_name, pdf) {
            fs.writeFileSync(file, pdf);
            return { destination: file };
          },
        },
        async complete(input) {
          const r = await b.dispatch(session, 'documents.complete', input);
          if (!r.ok) throw new Error(`bench: complete refused: ${r.error.message}`);
          return r.value as DeliveryOutcome;
        },
        progress: (e) => {
          if (e.done > 0 && e.done % 200 === 0) log(`statements: ${e.done} rendered`);
        },
        isCancelled: () => false,
      },
      { run: 'bench-statements' },
    );
    const seconds = (performance.now() - t) / 1000;
    clearInterval(sampler);
    peak = Math.max(peak, treeMemory(process.pid));
    const pdfPages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1] ?? 0);
    return {
      statements: run.statements.length,
      selectMs: Math.round(selectMs),
      candidates: sel.accounts.length,
      seconds: Math.round(seconds * 10) / 10,
      prepareSeconds: Math.round(prepareSeconds * 10) / 10,
      pdfBytes: fs.statSync(file).size,
      pdfPages,
      peakMB: Math.round(peak / 1e6),
      peakProcessRssMB: Math.round(peakProcess / 1e6),
      archived: archivedCount() - before,
    };
  } finally {
    await renderer.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
