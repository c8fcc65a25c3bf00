import type { PaperSize } from '@shared/domain/documents';
import { wrapPage } from './page';

/** A sheet with nothing on it: the back of a document's last page when printing on both sides. */
const BLANK_SHEET = '<section class="sheet blank"></section>';

/**
 * One page of many documents, to print as ONE job: each document's sheets in order (every sheet is
 * a page, so each document starts on a new one). Duplex: a document with an odd number of pages is
 * followed by a blank sheet, so the next starts on a front side and the job has an even page count.
 * `pageCounts` are the documents' rendered page counts, in the same order as `bodies`.
 */
export function batchHtml(style: string, bodies: string[], pageCounts: number[], duplex: boolean, paper: PaperSize): string {
  if (bodies.length !== pageCounts.length) throw new RangeError(`batchHtml: ${bodies.length} documents but ${pageCounts.length} page counts`);
  const parts = bodies.map((body, i) => {
    const pages = pageCounts[i]!;
    if (!Number.isInteger(pages) || pages < 1) throw new RangeError(`batchHtml: document ${i + 1} has ${pages} pages`);
    return duplex && pages % 2 === 1 ? body + BLANK_SHEET : body;
  });
  return wrapPage(style, parts.join('\n'), `${bodies.length} documents (${paper})`);
}
