/**
 * Printing for real through CUPS: three posted invoices, built by the backend, rendered by Chromium
 * (the same HTML as the app's), merged into ONE job and printed with lp to the cups-pdf queue that
 * scripts/cups-pdf-queue.sh sets up (CI runs it). The PDF that comes out of the queue is read back with
 * pdfinfo; the backend archives only what was printed. An unknown or stopped queue says so, and
 * nothing is completed or archived.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrintChoice } from '../../src-shared/domain/documents';
import { ChromiumPdfRenderer } from '../../src-main/print/chromium-pdf-renderer';
import { CupsClient, cupsPrinter } from '../../src-main/print/cups';
import { deliverJob, type Printer } from '../../src-main/print/deliver';
import type { Backend } from '../../src-main/backend';
import { cupsOut, cupsQueue, cupsStoppedQueue, pdfInfo, requireCupsQueue, waitForCupsPdf } from '../kit/cups';
import { documentsBackend, must, mustPrepare, postedInvoice } from '../support/document-delivery';

const renderer = new ChromiumPdfRenderer();
beforeAll(() => requireCupsQueue());
afterAll(() => renderer.close());

/** The real CUPS printer, with the job ids it got from lp kept to find the output. */
function watchedCups(jobs: string[]): Printer {
  const cups = cupsPrinter(new CupsClient());
  return {
    async print(batch) {
      const printed = await cups.print(batch);
      if (printed?.jobId) jobs.push(printed.jobId);
      return printed;
    },
  };
}

async function threeInvoices() {
  const { b, s } = await documentsBackend();
  const refs = [];
  for (const cents of [12_500, 30_000, 4_999]) refs.push((await postedInvoice(b, s.clerk, cents)).ref);
  return { b, session: s.clerk, refs };
}

/** Prepares the job in the backend, then the shell's deliverJob; `seen` counts documents.complete calls and lp job ids. */
async function print(b: Backend, session: string, refs: object[], choice: PrintChoice, seen = { completed: 0, jobs: [] as string[] }) {
  const job = await mustPrepare(b, session, 'documents.print', { documents: refs, choice });
  const outcome = await deliverJob(
    job,
    {
      renderer,
      printer: watchedCups(seen.jobs),
      complete: async (input) => {
        seen.completed++;
        return must(b, session, 'documents.complete', input);
      },
    },
    { choice },
  );
  return { job, outcome, jobs: seen.jobs };
}

const queuedJobs = (queue: string) =>
  execFileSync('lpstat', ['-o', queue], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } })
    .split('\n')
    .filter(Boolean);

describe('printing through CUPS (cups-pdf queue)', () => {
  it(`prints three invoices as one job on ${cupsQueue}: one PDF out of the queue, every page Letter`, async () => {
    const { b, session, refs } = await threeInvoices();
    const { job, outcome, jobs } = await print(b, session, refs, { printer: cupsQueue, paper: 'Letter', copies: 1, duplex: 'simplex' });
    expect(job.documents).toHaveLength(3);
    expect(jobs).toHaveLength(1); // ONE print job for the batch
    const file = await waitForCupsPdf(jobs[0] as string);
    expect(file.startsWith(cupsOut)).toBe(true);
    const info = pdfInfo(file);
    expect(info.pages).toBe(outcome.pages);
    expect(info.pages).toBeGreaterThanOrEqual(3);
    expect([info.width, info.height]).toEqual([612, 792]);
    expect(outcome).toMatchObject({ channel: 'print', delivered: 3, destination: cupsQueue, cancelled: false, problems: [] });
    const archived = await must(b, session, 'documents.archiveList', {});
    expect(archived).toHaveLength(3);
    expect(archived.every((a) => a.channel === 'print' && a.destination === cupsQueue)).toBe(true);
    // The archive holds each document's own pages: together, the pages printed.
    expect(archived.reduce((sum, a) => sum + a.pages, 0)).toBe(info.pages);
  });

  it('duplex: each odd-paged invoice is followed by a blank page, so the job has an even page count', async () => {
    const { b, session, refs } = await threeInvoices();
    const { outcome, jobs } = await print(b, session, refs, { printer: cupsQueue, paper: 'Letter', copies: 1, duplex: 'longEdge' });
    const archived = await must(b, session, 'documents.archiveList', {});
    const own = archived.map((a) => a.pages);
    const padded = own.reduce((sum, n) => sum + n + (n % 2), 0);
    const info = pdfInfo(await waitForCupsPdf(jobs[0] as string));
    expect(info.pages).toBe(padded);
    expect(info.pages % 2).toBe(0);
    expect(info.pages).toBeGreaterThan(own.reduce((sum, n) => sum + n, 0)); // invoices of one page each get a blank back
    expect(outcome.pages).toBe(padded);
    expect([info.width, info.height]).toEqual([612, 792]);
  });

  it('an unknown queue: PRINTER_NOT_FOUND, nothing completed, nothing archived', async () => {
    const { b, session, refs } = await threeInvoices();
    const seen = { completed: 0, jobs: [] as string[] };
    const attempt = print(b, session, refs, { printer: 'ledgerdesk-no-such-queue', paper: 'Letter', copies: 1, duplex: 'simplex' }, seen);
    await expect(attempt).rejects.toMatchObject({ code: 'PRINTER_NOT_FOUND' });
    expect(seen).toEqual({ completed: 0, jobs: [] });
    expect(await must(b, session, 'documents.archiveList', {})).toEqual([]);
  });

  it(`a stopped queue (${cupsStoppedQueue}): PRINTER_STOPPED, no job left in it, nothing archived`, async () => {
    const { b, session, refs } = await threeInvoices();
    const before = queuedJobs(cupsStoppedQueue).length;
    const seen = { completed: 0, jobs: [] as string[] };
    const attempt = print(b, session, refs, { printer: cupsStoppedQueue, paper: 'Letter', copies: 1, duplex: 'simplex' }, seen);
    await expect(attempt).rejects.toMatchObject({ code: 'PRINTER_STOPPED' });
    expect(seen).toEqual({ completed: 0, jobs: [] });
    expect(queuedJobs(cupsStoppedQueue)).toHaveLength(before);
    expect(await must(b, session, 'documents.archiveList', {})).toEqual([]);
  });

  it('lists the queues from lpstat with their state', async () => {
    const printers = await new CupsClient().printers();
    expect(printers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: cupsQueue, status: 'idle' }),
        expect.objectContaining({ name: cupsStoppedQueue, status: 'stopped' }),
      ]),
    );
  });
});
