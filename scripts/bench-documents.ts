/**
 * The documents part of `npm run bench` (docs/bench.md): 1,000 posted invoices of the bench store
 * saved as ONE PDF through the shipped path: documents.savePdf through dispatch (session, role, the
 * backend builds every page) -> deliverJob (Chromium via Playwright in place of Electron's hidden
 * window, the same HTML) -> the merged PDF written -> documents.complete archives each document. Time
 * and the peak memory of this process and its Chromium processes together (PSS, sampled every 100 ms
 * from /proc). Then a second run cancelled a tenth of the way through: nothing of it may be archived.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { DeliveryOutcome, OutputRef, PreparedJob } from '@shared/domain/documents';
import type { Backend } from '../src-main/backend';
import { ChromiumPdfRenderer } from '../src-main/print/chromium-pdf-renderer';
import { deliverJob } from '../src-main/print/deliver';

/**
 * Memory of a process and all its descendants, in bytes: the sum of each one's PSS (its private pages
 * plus its share of pages shared with others, from /proc/<pid>/smaps_rollup), so Chromium's processes,
 * which share most of their libraries, are not counted several times as a sum of RSS would (Linux
 * only; 0 elsewhere).
 */
export function treeMemory(rootPid: number): number {
  if (process.platform !== 'linux') return 0;
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  let total = 0;
  const stack = [rootPid];
  while (stack.length) {
    const pid = stack.pop()!;
    try {
      const pss = /^Pss:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
      total += Number(pss?.[1] ?? 0) * 1024;
    } catch {
      // ended, or not ours to read
    }
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

export interface DocumentsBench {
  documents: number;
  seconds: number;
  pdfBytes: number;
  pdfPages: number;
  /** This process and its Chromium processes together, sampled every 100 ms during the batch. */
  peakMB: number;
  /** This process alone (RSS), to tell its share from Chromium's. */
  peakProcessRssMB: number;
  /** Before the batch: this process with the store open, then with Chromium started. */
  memoryBeforeMB: { process: number; withChromium: number };
  archived: number;
  cancelled: { renderedBeforeCancel: number; archivedAfter: number; answer: string };
}

export async function benchDocuments(b: Backend, log: (m: string) => void, count = 1000): Promise<DocumentsBench> {
  const session = 'bench-documents';
  const signIn = await b.dispatch(session, 'auth.signIn', { username: 'admin', password: 'riverside-admin' });
  if (!signIn.ok) throw new Error(`bench: sign in as the demo admin failed: ${signIn.error.message}`);
  // Invoices of accounts whose address can be mailed (the demo's accounts all have one).
  const ids = (
    b.ctx.store.sqlite.prepare("SELECT id FROM document WHERE kind = 'invoice' AND status = 'posted' ORDER BY id DESC LIMIT ?").all(count) as { id: number }[]
  ).map((r) => r.id);
  const refs: OutputRef[] = ids.map((documentId) => ({ kind: 'invoice', documentId }));
  const archivedCount = () => (b.ctx.store.sqlite.prepare('SELECT count(*) AS n FROM archived_document').get() as { n: number }).n;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerdesk-bench-docs-'));
  // One page at a time, as the app's hidden Electron window renders (electron-pdf-renderer.ts).
  const renderer = new ChromiumPdfRenderer(undefined, 1);

  async function run(name: string, isCancelled: () => boolean, onRendered: (done: number) => void): Promise<{ outcome: DeliveryOutcome; file: string }> {
    const prepared = await b.dispatch(session, 'documents.savePdf', { documents: refs, run: `bench-${name}` });
    if (!prepared.ok) throw new Error(`bench: savePdf refused: ${prepared.error.message}`);
    const job = prepared.value as PreparedJob;
    if (job.problems.length) log(`documents: ${job.problems.length} of ${refs.length} cannot be mailed (${job.problems[0]?.code})`);
    const file = path.join(dir, `${name}.pdf`);
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
        async complete(input) {
          const r = await b.dispatch(session, 'documents.complete', input);
          if (!r.ok) throw new Error(`bench: complete refused: ${r.error.message}`);
          return r.value as DeliveryOutcome;
        },
        progress: (e) => onRendered(e.done),
        isCancelled,
      },
      { run: `bench-${name}` },
    );
    return { outcome, file };
  }

  const baseline = treeMemory(process.pid);
  try {
    await renderer.render('<!doctype html><p>warm-up</p>', 'Letter'); // Chromium's start is not the batch's
    const withChromium = treeMemory(process.pid);
    let peak = 0;
    let peakProcess = 0;
    const sampler = setInterval(() => {
      peak = Math.max(peak, treeMemory(process.pid));
      peakProcess = Math.max(peakProcess, process.memoryUsage.rss());
    }, 100);
    log(`documents: ${refs.length} invoices to one PDF`);
    const before = archivedCount();
    const t = performance.now();
    const full = await run(
      'batch',
      () => false,
      (done) => {
        if (done > 0 && done % 100 === 0) log(`documents: ${done} rendered`);
      },
    );
    const seconds = (performance.now() - t) / 1000;
    clearInterval(sampler);
    peak = Math.max(peak, treeMemory(process.pid));
    const info = execFileSync('pdfinfo', [full.file], { encoding: 'utf8' });
    const pdfPages = Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0);
    const archived = archivedCount() - before;

    // Cancelled a tenth of the way: the answer is CANCELLED and the archive does not change.
    log('documents: a run cancelled part way');
    const beforeCancel = archivedCount();
    let rendered = 0;
    let answer = 'completed';
    try {
      await run(
        'cancelled',
        () => rendered >= Math.ceil(refs.length / 10),
        (done) => {
          rendered = done;
        },
      );
    } catch (err) {
      answer = err instanceof Error && 'code' in err ? String((err as { code: unknown }).code) : String(err);
    }
    return {
      documents: refs.length,
      seconds: Math.round(seconds * 10) / 10,
      pdfBytes: fs.statSync(full.file).size,
      pdfPages,
      peakMB: Math.round(peak / 1e6),
      peakProcessRssMB: Math.round(peakProcess / 1e6),
      memoryBeforeMB: { process: Math.round(baseline / 1e6), withChromium: Math.round(withChromium / 1e6) },
      archived,
      cancelled: { renderedBeforeCancel: rendered, archivedAfter: archivedCount() - beforeCancel, answer },
    };
  } finally {
    await renderer.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
