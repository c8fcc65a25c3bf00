/**
 * What the shell does with a job the backend prepared (docs/documents.md): render every document to a
 * PDF, deliver them on the job's channel, then hand the PDFs to the backend (`documents.complete`),
 * which emails (email channel) and archives them. Main (Electron) and the e2e bridge both run this,
 * with their own renderer, printer and save dialog; nothing here imports Electron.
 *
 * Nothing is completed (so nothing archived) unless it left: a cancelled run, a cancelled save dialog
 * or a refused print job stops before `complete`.
 */
import type { BuiltDocument, DeliveryOutcome, PreparedJob, PrintChoice } from '@shared/domain/documents';
import type { EventMap } from '@shared/ipc/events';
import { DomainError } from '../backend/errors';
import { jobPages, mergePdfs, pdfPageCount } from './batch-pdf';
import type { PdfRenderer } from './pdf-renderer';

/** A job's documents ready to print: the same order in `documents`, `pdfs` and `pageCounts`. */
export interface PrintBatch {
  job: PreparedJob;
  choice: PrintChoice;
  pdfs: Uint8Array[];
  pageCounts: number[];
  /** The job's name in the print queue. */
  title: string;
}

/** Prints one batch as ONE job (CUPS lp of the merged PDF, or Electron's print of the batch page). */
export interface Printer {
  /**
   * Answers where it went (the printer's name; '' when the user chose in the system print dialog) and
   * the print system's job id when it gives one; null when the user cancelled the print dialog. A
   * refusal throws its DomainError.
   */
  print(batch: PrintBatch): Promise<{ destination: string; jobId?: string } | null>;
}

/** Writes a PDF where the user chooses (the save dialog); null when the user cancelled. */
export interface Saver {
  save(suggestedName: string, pdf: Uint8Array): Promise<{ destination: string } | null>;
}

export interface CompleteInput {
  jobId: string;
  pdfs: string[];
  destination: string;
  pages: number;
}

export interface DeliverDeps {
  renderer: PdfRenderer;
  /** Needed for the print channel. */
  printer?: Printer;
  /** Needed for the pdf channel. */
  saver?: Saver;
  /** The backend's `documents.complete`, called with the asking session. */
  complete(input: CompleteInput): Promise<DeliveryOutcome>;
  /** Progress to the asking window (only when the caller named its run). */
  progress?(event: EventMap['progress']): void;
  /** Asked between two documents (documents.cancel). */
  isCancelled?(): boolean;
}

export interface DeliverRequest {
  /** The caller's run id, carried by the progress events. */
  run?: string;
  /** The print channel's printer, paper, copies and duplex. */
  choice?: PrintChoice;
}

export const RENDER_TASK = 'documents.render';

const cancelled = () => new DomainError('CANCELLED', 'The run was cancelled: nothing was delivered or archived.');

/** A print queue's name for the job: the document, or how many. */
export function jobTitle(documents: readonly BuiltDocument[]): string {
  const [only] = documents;
  if (documents.length === 1 && only) return `Ledgerdesk - ${only.fileName.replace(/\.pdf$/i, '')}`;
  return `Ledgerdesk - ${documents.length} documents`;
}

/** The name the save dialog suggests: the document's own, or one for the merged file of several. */
export function saveName(documents: readonly BuiltDocument[]): string {
  const [only] = documents;
  if (documents.length === 1 && only) return only.fileName;
  return `Ledgerdesk documents (${documents.length}).pdf`;
}

const toBase64 = (pdf: Uint8Array) => Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('base64');

/**
 * Renders each document, in order, keeping `renderer.parallel` of them in flight; the run's cancel flag
 * is read before each document starts, so a cancelled run stops within a document or two.
 */
async function renderAll(job: PreparedJob, deps: DeliverDeps, run: string | undefined): Promise<Uint8Array[]> {
  const total = job.documents.length;
  const inFlight = Math.max(1, Math.floor(deps.renderer.parallel ?? 1));
  const progress = (done: number, label?: string) => {
    if (run !== undefined) deps.progress?.({ task: RENDER_TASK, run, done, total, ...(label ? { label } : {}) });
  };
  const renderOne = async (doc: BuiltDocument) => {
    try {
      return await deps.renderer.render(doc.html, job.paper);
    } catch (err) {
      if (err instanceof DomainError) throw err;
      const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
      throw new DomainError('RENDER_FAILED', `${doc.fileName} could not be made into a PDF: ${reason}`, { fileName: doc.fileName });
    }
  };
  const started: Promise<Uint8Array>[] = [];
  const pdfs: Uint8Array[] = [];
  progress(0);
  for (const [i, doc] of job.documents.entries()) {
    while (started.length < Math.min(total, i + inFlight)) {
      if (deps.isCancelled?.()) throw cancelled();
      const next = job.documents[started.length] as BuiltDocument;
      const rendering = renderOne(next);
      rendering.catch(() => undefined); // awaited below in order; a failure after an earlier one stays handled
      started.push(rendering);
    }
    pdfs.push(await (started[i] as Promise<Uint8Array>));
    progress(pdfs.length, doc.number ?? doc.fileName);
  }
  if (deps.isCancelled?.()) throw cancelled();
  return pdfs;
}

/** Nothing left: every document was listed as a problem, or the user cancelled the save dialog. */
const nothingLeft = (job: PreparedJob, cancelled: boolean): DeliveryOutcome => ({
  channel: job.channel,
  delivered: 0,
  pages: 0,
  destination: null,
  cancelled,
  problems: job.problems,
  archivedIds: [],
});

/** Renders, delivers and completes one prepared job; answers the backend's DeliveryOutcome. */
export async function deliverJob(job: PreparedJob, deps: DeliverDeps, request: DeliverRequest = {}): Promise<DeliveryOutcome> {
  // The backend keeps no job of which no document can go: there is nothing to complete.
  if (job.documents.length === 0) return nothingLeft(job, false);
  const pdfs = await renderAll(job, deps, request.run);
  const pageCounts = await Promise.all(pdfs.map(pdfPageCount));
  const complete = (destination: string, pages: number) => deps.complete({ jobId: job.jobId, pdfs: pdfs.map(toBase64), destination, pages });

  if (job.channel === 'print') {
    const { printer } = deps;
    const { choice } = request;
    if (!printer || !choice) throw new Error('A print job needs a printer and the print choice.');
    const printed = await printer.print({ job, choice, pdfs, pageCounts, title: jobTitle(job.documents) });
    if (!printed) return nothingLeft(job, true);
    return complete(printed.destination, jobPages(pageCounts, choice.duplex !== 'simplex'));
  }

  if (job.channel === 'pdf') {
    if (!deps.saver) throw new Error('Saving a PDF needs a save dialog.');
    const [only] = pdfs;
    const file = pdfs.length === 1 && only ? only : (await mergePdfs(pdfs, { duplex: false, title: saveName(job.documents) })).bytes;
    const saved = await deps.saver.save(saveName(job.documents), file);
    if (!saved) return nothingLeft(job, true);
    return complete(saved.destination, jobPages(pageCounts, false));
  }

  // email: the backend sends each PDF to its account's address when it completes the job.
  return complete('', jobPages(pageCounts, false));
}
