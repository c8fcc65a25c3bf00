/**
 * The real CUPS queue the print tests use (scripts/cups-pdf-queue.sh sets it up; CI runs it): its
 * name, the folder cups-pdf writes each job's PDF to, waiting for a job's PDF, and reading a PDF back
 * with poppler's pdfinfo. Shared by the Vitest print tests and the e2e specs.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const cupsQueue = process.env.LEDGERDESK_CUPS_QUEUE ?? 'ledgerdesk-pdf';
/** A second queue that accepts jobs but is disabled (stopped). */
export const cupsStoppedQueue = `${cupsQueue}-stopped`;
export const cupsOut = process.env.LEDGERDESK_CUPS_OUT ?? '/var/spool/cups-pdf/ledgerdesk';

/** A clear failure when the queue is missing: how to make it. */
export function requireCupsQueue(): void {
  let listed = '';
  try {
    listed = execFileSync('lpstat', ['-p', `${cupsQueue},${cupsStoppedQueue}`], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
  } catch (err) {
    listed = err instanceof Error ? err.message : String(err);
  }
  if (!listed.includes(`printer ${cupsQueue} `) || !listed.includes(`printer ${cupsStoppedQueue} `))
    throw new Error(`The CUPS queues ${cupsQueue} and ${cupsStoppedQueue} are not set up; run: sudo scripts/cups-pdf-queue.sh (lpstat said: ${listed.trim()})`);
}

/** The PDF cups-pdf writes for a job ("<title>-job_<n>.pdf", Label 2), once it is complete and readable. */
export async function waitForCupsPdf(jobId: string, timeoutMs = 30_000): Promise<string> {
  const n = /-(\d+)$/.exec(jobId)?.[1];
  if (!n) throw new Error(`"${jobId}" is not a CUPS job id`);
  const suffix = `-job_${n}.pdf`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const name = fs.existsSync(cupsOut) ? fs.readdirSync(cupsOut).find((f) => f.endsWith(suffix)) : undefined;
    // cups-pdf writes the file, then the job completes: the job leaving the queue means the file is whole.
    if (name && !jobPending(jobId)) return path.join(cupsOut, name);
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`No PDF for job ${jobId} in ${cupsOut} after ${timeoutMs} ms`);
}

function jobPending(jobId: string): boolean {
  try {
    return execFileSync('lpstat', ['-o'], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } })
      .split('\n')
      .some((l) => l.startsWith(`${jobId} `));
  } catch {
    return false;
  }
}

/** poppler's pdfinfo: pages and the first page's size in points. */
export function pdfInfo(file: string): { pages: number; width: number; height: number } {
  const out = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(out)?.[1]);
  const size = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(out);
  return { pages, width: Number(size?.[1]), height: Number(size?.[2]) };
}
