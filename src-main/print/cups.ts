/**
 * Printing a PDF through CUPS (`lp`) on Linux and macOS, and where a print job goes. The decisions are
 * pure functions over lp's and lpstat's text (run with LC_ALL=C so the text is CUPS's English); a small
 * runner calls the two programs with execFile (no shell: a title or queue name is one argument).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DuplexMode, PaperSize, PrintChoice, PrinterInfo } from '@shared/domain/documents';
import { DomainError } from '../backend/errors';
import { mergePdfs } from './batch-pdf';
import type { Printer } from './deliver';

// ---- Where a job goes ----

export type PrintRoute =
  /** lp of the merged PDF to the named CUPS queue. */
  | { kind: 'cups'; queue: string }
  /** Electron's webContents.print of the batch page: silently to `printer`, or through the OS dialog when null. */
  | { kind: 'electron'; printer: string | null };

/**
 * Linux and macOS print a named printer through CUPS, which prints the very PDF that is archived;
 * Windows has no CUPS, and the OS dialog (no printer chosen) is Electron's on every system.
 */
export function printRoute(platform: NodeJS.Platform, choice: Pick<PrintChoice, 'printer'>): PrintRoute {
  if (choice.printer !== null && (platform === 'linux' || platform === 'darwin')) return { kind: 'cups', queue: choice.printer };
  return { kind: 'electron', printer: choice.printer };
}

// ---- lp ----

export const cupsSides: Record<DuplexMode, string> = {
  simplex: 'one-sided',
  longEdge: 'two-sided-long-edge',
  shortEdge: 'two-sided-short-edge',
};

export interface LpJob {
  queue: string;
  copies: number;
  paper: PaperSize;
  duplex: DuplexMode;
  /** The job's name in the queue (and cups-pdf's file name). */
  title: string;
  file: string;
}

/** lp's arguments for one job: the queue, copies, media and sides always explicit; `--` before the file. */
export function lpArgs(job: LpJob): string[] {
  if (!job.queue || job.queue.startsWith('-')) throw new DomainError('PRINTER_NOT_FOUND', `"${job.queue}" is not a printer name.`);
  if (!Number.isInteger(job.copies) || job.copies < 1) throw new RangeError(`Copies must be a whole number of 1 or more; it is ${job.copies}.`);
  return ['-d', job.queue, '-n', String(job.copies), '-o', `media=${job.paper}`, '-o', `sides=${cupsSides[job.duplex]}`, '-t', job.title, '--', job.file];
}

/** The job id from lp's answer, "request id is Q-12 (1 file(s))"; null when lp said something else. */
export function parseLpRequestId(stdout: string): string | null {
  return /request id is (\S+) \(/.exec(stdout)?.[1] ?? null;
}

const firstLine = (text: string) =>
  text
    .trim()
    .split('\n')[0]
    ?.replace(/^lp(stat)?:\s*/, '') ?? '';

/** lp's refusal as our error: an unknown queue, a queue not accepting jobs, or anything else with lp's words. */
export function lpFailure(queue: string, stderr: string): DomainError {
  const said = firstLine(stderr);
  if (/does not exist|unknown destination|invalid destination/i.test(stderr))
    return new DomainError('PRINTER_NOT_FOUND', `The printer "${queue}" does not exist on this computer.`, { queue });
  if (/not accepting jobs|not accepting requests/i.test(stderr))
    return new DomainError('PRINTER_STOPPED', `The printer "${queue}" is not accepting jobs.`, { queue, reason: said });
  return new DomainError('PRINT_REFUSED', `The print system refused the job for "${queue}": ${said || 'no reason given'}`, { queue, reason: said });
}

// ---- lpstat ----

export interface QueueState {
  name: string;
  description: string;
  status: PrinterInfo['status'];
  /** Why it is stopped, when CUPS says. */
  reason: string | null;
}

/**
 * `lpstat -l -p`: one block per queue, "printer NAME is idle.  enabled since …" / "printer NAME now
 * printing NAME-3.  enabled since …" / "printer NAME disabled since … -", then tab-indented lines (the
 * reason a stopped queue gives, "Description: …").
 */
export function parseLpstatPrinters(stdout: string): QueueState[] {
  const queues: QueueState[] = [];
  let current: QueueState | null = null;
  for (const line of stdout.split('\n')) {
    const head = /^printer (\S+) (.*)$/.exec(line);
    if (head) {
      const [, name = '', rest = ''] = head;
      const status: PrinterInfo['status'] = /^disabled/.test(rest)
        ? 'stopped'
        : /^is idle/.test(rest)
          ? 'idle'
          : /^now printing/.test(rest)
            ? 'printing'
            : 'unknown';
      current = { name, description: name, status, reason: null };
      queues.push(current);
      continue;
    }
    if (!current || !line.startsWith('\t')) continue;
    const text = line.trim();
    const description = /^Description: ?(.*)$/.exec(text);
    if (description) {
      if (description[1]) current.description = description[1];
    } else if (current.status === 'stopped' && current.reason === null && !/^[A-Z][\w ]*:/.test(text) && text !== 'reason unknown') {
      current.reason = text; // the first indented line of a disabled queue is its reason
    }
  }
  return queues;
}

/** `lpstat -a`: "NAME accepting requests since …" or "NAME not accepting requests since … -". */
export function parseLpstatAccepting(stdout: string): Map<string, boolean> {
  const accepting = new Map<string, boolean>();
  for (const line of stdout.split('\n')) {
    const m = /^(\S+) (not )?accepting requests/.exec(line);
    if (m?.[1]) accepting.set(m[1], !m[2]);
  }
  return accepting;
}

/** `lpstat -d`: "system default destination: NAME" or "no system default destination". */
export function parseLpstatDefault(stdout: string): string | null {
  return /system default destination: (\S+)/.exec(stdout)?.[1] ?? null;
}

/** The printers a user may choose: a queue not accepting jobs counts as stopped. */
export function printersFromLpstat(printers: string, accepting: string, defaults: string): PrinterInfo[] {
  const accepts = parseLpstatAccepting(accepting);
  const defaultName = parseLpstatDefault(defaults);
  return parseLpstatPrinters(printers).map((q) => ({
    name: q.name,
    displayName: q.description,
    isDefault: q.name === defaultName,
    status: accepts.get(q.name) === false ? 'stopped' : q.status,
  }));
}

/** Why a job cannot go to `queue` now, before lp is run: lp queues a job on a disabled printer without a word. */
export function queueProblem(queue: string, printers: readonly QueueState[], accepting: ReadonlyMap<string, boolean>): DomainError | null {
  const state = printers.find((q) => q.name === queue);
  if (!state) return new DomainError('PRINTER_NOT_FOUND', `The printer "${queue}" does not exist on this computer.`, { queue });
  if (state.status === 'stopped')
    return new DomainError('PRINTER_STOPPED', `The printer "${queue}" is stopped${state.reason ? `: ${state.reason}` : '.'}`, { queue, reason: state.reason });
  if (accepting.get(queue) === false) return new DomainError('PRINTER_STOPPED', `The printer "${queue}" is not accepting jobs.`, { queue });
  return null;
}

// ---- Running lp and lpstat ----

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}
export type RunCommand = (command: string, args: string[]) => Promise<Ran>;

/** Runs a CUPS program in the C locale (its messages parsed above are English), at most 60 s. */
export const runCupsCommand: RunCommand = (command, args) =>
  new Promise((resolve) => {
    execFile(command, args, { env: { ...process.env, LC_ALL: 'C', LANG: 'C' }, timeout: 60_000, encoding: 'utf8' }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, stdout, stderr: stderr || (err && code === -1 ? err.message : '') });
    });
  });

const unreachable = (ran: Ran) => /connect|server|scheduler|bad file descriptor/i.test(ran.stderr) && !/invalid destination|no destinations/i.test(ran.stderr);

export class CupsClient {
  constructor(private readonly run: RunCommand = runCupsCommand) {}

  private async lpstat(args: string[]): Promise<Ran> {
    const ran = await this.run('lpstat', args);
    if (ran.code !== 0 && unreachable(ran))
      throw new DomainError('PRINTER_NOT_FOUND', `The print system (CUPS) could not be reached: ${firstLine(ran.stderr)}`);
    return ran;
  }

  /** Every queue CUPS knows, with its state; none when no printer was ever added. */
  async printers(): Promise<PrinterInfo[]> {
    const [printers, accepting, defaults] = await Promise.all([this.lpstat(['-l', '-p']), this.lpstat(['-a']), this.lpstat(['-d'])]);
    return printersFromLpstat(printers.stdout, accepting.stdout, defaults.stdout);
  }

  /** Refuses a queue that does not exist or is stopped; otherwise lp's job id. */
  async print(pdf: Uint8Array, job: Omit<LpJob, 'file'>): Promise<{ jobId: string }> {
    const [printers, accepting] = await Promise.all([this.lpstat(['-l', '-p', job.queue]), this.lpstat(['-a', job.queue])]);
    const problem = queueProblem(job.queue, parseLpstatPrinters(printers.stdout), parseLpstatAccepting(accepting.stdout));
    if (problem) throw problem;
    // lp sends the file's bytes to cupsd before it returns, so the temporary file can go at once.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerdesk-print-'));
    const file = path.join(dir, 'job.pdf');
    try {
      fs.writeFileSync(file, pdf, { mode: 0o600 });
      const ran = await this.run('lp', lpArgs({ ...job, file }));
      if (ran.code !== 0) throw lpFailure(job.queue, ran.stderr);
      const jobId = parseLpRequestId(ran.stdout);
      if (!jobId)
        throw new DomainError('PRINT_REFUSED', `The print system gave no job id for "${job.queue}": ${firstLine(ran.stdout || ran.stderr)}`, {
          queue: job.queue,
        });
      return { jobId };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
}

/** The Printer of a CUPS route: the job's PDFs merged (padded when duplex) and sent as one lp job. */
export function cupsPrinter(client: CupsClient = new CupsClient()): Printer {
  return {
    async print({ job, choice, pdfs, title }) {
      const queue = choice.printer;
      if (queue === null) throw new Error("CUPS prints to a named printer; the OS dialog is Electron's.");
      const merged = await mergePdfs(pdfs, { duplex: choice.duplex !== 'simplex', title });
      const { jobId } = await client.print(merged.bytes, { queue, copies: choice.copies, paper: job.paper, duplex: choice.duplex, title });
      return { destination: queue, jobId };
    },
  };
}
