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
import { batchHtml } from '../backend/services/documents/batch';
import { jobPages, mergePdfs, pdfPageCount, splitPdf } from './batch-pdf';
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

/** A job renders in about this many steps (progress, cancel); small jobs therefore document by document. */
const RENDER_STEPS = 20;
/** At most this many documents on one page at once: one Chromium page holds them all (20 keeps a 1,000-invoice job under 1 GB with Chromium, docs/bench.md). */
const MAX_CHUNK = 20;

/** How many documents render together: one by one up to RENDER_STEPS documents, then in ~RENDER_STEPS chunks. */
export const chunkSize = (total: number) => Math.min(MAX_CHUNK, Math.max(1, Math.ceil(total / RENDER_STEPS)));

/** A document's sheets: each `<section class="sheet">` is exactly one page (fixed size, overflow hidden). */
export const sheetCount = (body: string) => body.match(/<section class="sheet[\s"]/g)?.length ?? 0;

const fileTitle = (doc: BuiltDocument) => doc.fileName.replace(/\.pdf$/i, '');

function renderFailed(docs: readonly BuiltDocument[], err: unknown): DomainError {
  if (err instanceof DomainError) return err;
  const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
  const names = docs.length === 1 ? docs[0]?.fileName : `${docs[0]?.fileName} to ${docs.at(-1)?.fileName}`;
  return new DomainError('RENDER_FAILED', `${names} could not be made into a PDF: ${reason}`, { fileNames: docs.map((d) => d.fileName) });
}

/**
 * One step of the run: a single document from its own page, or several on one batch page (their
 * sheets in order) rendered at once, ~10x faster than one by one, and cut back into each document's
 * PDF by its sheet count. When the pages do not add up (a sheet that spilled), those documents are
 * rendered one by one instead.
 */
interface RenderedChunk {
  /** Each document's own PDF. */
  pdfs: Uint8Array[];
  /** The chunk's documents as one PDF, as rendered (null when they were rendered one by one). */
  whole: Uint8Array | null;
}

async function renderChunk(job: PreparedJob, docs: readonly BuiltDocument[], deps: DeliverDeps): Promise<RenderedChunk> {
  const alone = async (doc: BuiltDocument) => {
    try {
      return await deps.renderer.render(doc.html, job.paper);
    } catch (err) {
      throw renderFailed([doc], err);
    }
  };
  const [only] = docs;
  if (docs.length === 1 && only) {
    const pdf = await alone(only);
    return { pdfs: [pdf], whole: pdf };
  }
  const counts = docs.map((d) => sheetCount(d.body));
  if (counts.every((n) => n > 0)) {
    const html = batchHtml(
      job.style,
      docs.map((d) => d.body),
      counts,
      false,
      job.paper,
    );
    let pdf: Uint8Array;
    try {
      pdf = await deps.renderer.render(html, job.paper);
    } catch (err) {
      throw renderFailed(docs, err);
    }
    try {
      return { pdfs: await splitPdf(pdf, counts, docs.map(fileTitle)), whole: pdf };
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
    }
  }
  const out: Uint8Array[] = [];
  for (const doc of docs) {
    if (deps.isCancelled?.()) throw cancelled();
    out.push(await alone(doc));
  }
  return { pdfs: out, whole: null };
}

/**
 * Renders every document, in order, in chunks (chunkSize), keeping `renderer.parallel` chunks in
 * flight; the run's cancel flag is read before each chunk starts.
 */
async function renderAll(job: PreparedJob, deps: DeliverDeps, run: string | undefined): Promise<{ pdfs: Uint8Array[]; wholes: (Uint8Array | null)[] }> {
  const total = job.documents.length;
  const size = chunkSize(total);
  const chunks: BuiltDocument[][] = [];
  for (let i = 0; i < total; i += size) chunks.push(job.documents.slice(i, i + size));
  const inFlight = Math.max(1, Math.floor(deps.renderer.parallel ?? 1));
  const progress = (done: number, label?: string | null) => {
    if (run !== undefined) deps.progress?.({ task: RENDER_TASK, run, done, total, ...(label ? { label } : {}) });
  };
  const started: Promise<RenderedChunk>[] = [];
  const pdfs: Uint8Array[] = [];
  const wholes: (Uint8Array | null)[] = [];
  progress(0);
  for (const [i, chunk] of chunks.entries()) {
    while (started.length < Math.min(chunks.length, i + inFlight)) {
      if (deps.isCancelled?.()) throw cancelled();
      const rendering = renderChunk(job, chunks[started.length] as BuiltDocument[], deps);
      rendering.catch(() => undefined); // awaited below in order; a failure after an earlier one stays handled
      started.push(rendering);
    }
    const rendered = await (started[i] as Promise<RenderedChunk>);
    pdfs.push(...rendered.pdfs);
    wholes.push(rendered.whole);
    const last = chunk.at(-1);
    progress(pdfs.length, last ? (last.number ?? last.fileName) : null);
  }
  if (deps.isCancelled?.()) throw cancelled();
  return { pdfs, wholes };
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
  const { pdfs, wholes } = await renderAll(job, deps, request.run);
  // One at a time: a thousand PDFs parsed at once would all be in memory together.
  const pageCounts: number[] = [];
  for (const pdf of pdfs) pageCounts.push(await pdfPageCount(pdf));
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
    // The chunks as rendered, when every one was: tens of files to merge instead of one per document
    // (less memory, and a smaller file: a chunk's documents share their fonts).
    const parts = wholes.every((w): w is Uint8Array => w !== null) ? wholes : pdfs;
    const file = pdfs.length === 1 && only ? only : (await mergePdfs(parts, { duplex: false, title: saveName(job.documents) })).bytes;
    const saved = await deps.saver.save(saveName(job.documents), file);
    if (!saved) return nothingLeft(job, true);
    return complete(saved.destination, jobPages(pageCounts, false));
  }

  // email: the backend sends each PDF to its account's address when it completes the job.
  return complete('', jobPages(pageCounts, false));
}
