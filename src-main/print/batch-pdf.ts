/**
 * The PDFs of a job's documents as one file: one print job (lp takes one file) or one saved PDF of
 * several documents. Each document starts on a new sheet: when printing on both sides, a document with
 * an odd page count is followed by a blank page of its last page's size, so the next one never starts
 * on the back of the previous one's last page.
 */
import { PDFDocument } from 'pdf-lib';

/** The number of pages of one PDF; a file that is not a PDF is refused by pdf-lib with its reason. */
export async function pdfPageCount(pdf: Uint8Array): Promise<number> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  return doc.getPageCount();
}

/** Blank pages that follow each document when printing on both sides: one after every odd page count. */
export function duplexPadding(pageCounts: readonly number[], duplex: boolean): number[] {
  return pageCounts.map((n) => (duplex && n % 2 === 1 ? 1 : 0));
}

/** Pages the job sends to the printer: every document's pages plus the blank ones duplex adds. */
export function jobPages(pageCounts: readonly number[], duplex: boolean): number {
  const padding = duplexPadding(pageCounts, duplex);
  return pageCounts.reduce((sum, n, i) => sum + n + (padding[i] ?? 0), 0);
}

export interface MergedPdf {
  bytes: Uint8Array;
  /** Pages of the merged file, padding included. */
  pages: number;
  /** Each document's own page count, in order. */
  pageCounts: number[];
}

/** Merges the documents' PDFs in order into one; `duplex` pads each odd-paged document with a blank page. */
export async function mergePdfs(pdfs: readonly Uint8Array[], options: { duplex: boolean; title?: string }): Promise<MergedPdf> {
  if (pdfs.length === 0) throw new RangeError('There is no PDF to merge.');
  const merged = await PDFDocument.create({ updateMetadata: false });
  if (options.title) merged.setTitle(options.title);
  merged.setProducer('Ledgerdesk');
  const pageCounts: number[] = [];
  for (const bytes of pdfs) {
    const source = await PDFDocument.load(bytes, { updateMetadata: false });
    const pages = await merged.copyPages(source, source.getPageIndices());
    for (const page of pages) merged.addPage(page);
    pageCounts.push(pages.length);
    const last = pages.at(-1);
    if (options.duplex && pages.length % 2 === 1 && last) merged.addPage([last.getWidth(), last.getHeight()]);
  }
  const bytes = await merged.save();
  return { bytes, pages: merged.getPageCount(), pageCounts };
}

/**
 * Splits one PDF into consecutive documents of `pageCounts` pages each (a batch rendered at once, cut
 * back into each document's own PDF). The counts must add up to the PDF's pages: anything else is refused.
 */
export async function splitPdf(pdf: Uint8Array, pageCounts: readonly number[], titles: readonly string[] = []): Promise<Uint8Array[]> {
  const source = await PDFDocument.load(pdf, { updateMetadata: false });
  const total = pageCounts.reduce((sum, n) => sum + n, 0);
  if (pageCounts.some((n) => !Number.isInteger(n) || n < 1) || total !== source.getPageCount())
    throw new RangeError(`The PDF has ${source.getPageCount()} pages; the documents' counts add up to ${total}.`);
  const out: Uint8Array[] = [];
  let first = 0;
  for (const [i, n] of pageCounts.entries()) {
    const doc = await PDFDocument.create({ updateMetadata: false });
    const title = titles[i];
    if (title) doc.setTitle(title);
    doc.setProducer('Ledgerdesk');
    const pages = await doc.copyPages(
      source,
      Array.from({ length: n }, (_, k) => first + k),
    );
    for (const page of pages) doc.addPage(page);
    out.push(await doc.save());
    first += n;
  }
  return out;
}
