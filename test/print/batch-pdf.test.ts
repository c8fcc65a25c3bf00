/**
 * One print job from many documents: pages counted, PDFs merged in order, and with duplex each
 * odd-paged document followed by a blank page of its size so the next starts on a new sheet.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { duplexPadding, jobPages, mergePdfs, pdfPageCount, splitPdf } from '../../src-main/print/batch-pdf';

const LETTER: [number, number] = [612, 792];
const A4: [number, number] = [595.28, 841.89];

/** A real PDF of `pages` pages of `size`, each page titled so the order can be read back. */
async function pdfOf(name: string, pages: number, size: [number, number] = LETTER): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (let i = 1; i <= pages; i++) doc.addPage(size).drawText(`${name} page ${i}`, { x: 50, y: 700 });
  return doc.save();
}

/** Each page's text, read back with pdftotext as a person's viewer would show it. */
function pageTexts(pdf: Uint8Array): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerdesk-merge-'));
  try {
    fs.writeFileSync(path.join(dir, 'merged.pdf'), pdf);
    return execFileSync('pdftotext', ['-layout', path.join(dir, 'merged.pdf'), '-'], { encoding: 'utf8' })
      .split('\f')
      .slice(0, -1)
      .map((t) => t.trim());
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const sizes = async (pdf: Uint8Array) => (await PDFDocument.load(pdf)).getPages().map((p) => [p.getWidth(), p.getHeight()]);

describe('page counts and padding', () => {
  it('counts the pages of a PDF and refuses what is not one', async () => {
    expect(await pdfPageCount(await pdfOf('a', 3))).toBe(3);
    await expect(pdfPageCount(new TextEncoder().encode('not a pdf'))).rejects.toThrow();
  });

  it('pads only odd documents, only when duplex', () => {
    expect(duplexPadding([1, 2, 3], true)).toEqual([1, 0, 1]);
    expect(duplexPadding([1, 2, 3], false)).toEqual([0, 0, 0]);
    expect(jobPages([1, 2, 3], true)).toBe(8);
    expect(jobPages([1, 2, 3], false)).toBe(6);
  });
});

describe('merging', () => {
  it('keeps the documents in order, one after another, one-sided', async () => {
    const merged = await mergePdfs([await pdfOf('a', 1), await pdfOf('b', 2), await pdfOf('c', 3)], { duplex: false, title: 'Three' });
    expect(merged.pages).toBe(6);
    expect(merged.pageCounts).toEqual([1, 2, 3]);
    const doc = await PDFDocument.load(merged.bytes);
    expect(doc.getPageCount()).toBe(6);
    expect(doc.getTitle()).toBe('Three');
    expect(pageTexts(merged.bytes)).toEqual(['a page 1', 'b page 1', 'b page 2', 'c page 1', 'c page 2', 'c page 3']);
  });

  it('duplex: a blank page of the same size after each odd-paged document', async () => {
    const merged = await mergePdfs([await pdfOf('a', 1, A4), await pdfOf('b', 2), await pdfOf('c', 3)], { duplex: true });
    expect(merged.pages).toBe(8);
    expect(merged.pageCounts).toEqual([1, 2, 3]);
    const got = await sizes(merged.bytes);
    expect(got).toHaveLength(8);
    // a (A4) + blank A4, b (2 Letter), c (3 Letter) + blank Letter: every document starts on an odd page.
    expect(got[1]?.[0]).toBeCloseTo(A4[0], 1);
    expect(got[1]?.[1]).toBeCloseTo(A4[1], 1);
    expect(got[7]).toEqual(LETTER);
    const blank = (await PDFDocument.load(merged.bytes)).getPage(1);
    expect(blank.node.Contents()).toBeUndefined(); // nothing drawn on the padding page
    expect(pageTexts(merged.bytes)).toEqual(['a page 1', '', 'b page 1', 'b page 2', 'c page 1', 'c page 2', 'c page 3', '']);
  });

  it('refuses an empty job', async () => {
    await expect(mergePdfs([], { duplex: false })).rejects.toThrow(/no PDF/);
  });
});

describe('splitting', () => {
  it('cuts one PDF back into consecutive documents, each titled', async () => {
    const merged = await mergePdfs([await pdfOf('a', 1), await pdfOf('b', 2), await pdfOf('c', 1)], { duplex: false });
    const parts = await splitPdf(merged.bytes, [1, 2, 1], ['A', 'B', 'C']);
    expect(parts.map((p) => pageTexts(p))).toEqual([['a page 1'], ['b page 1', 'b page 2'], ['c page 1']]);
    expect((await PDFDocument.load(parts[1] as Uint8Array)).getTitle()).toBe('B');
  });

  it('refuses counts that do not add up to the pages', async () => {
    const merged = await mergePdfs([await pdfOf('a', 2)], { duplex: false });
    await expect(splitPdf(merged.bytes, [1])).rejects.toThrow(/2 pages; the documents' counts add up to 1/);
    await expect(splitPdf(merged.bytes, [3, -1])).rejects.toThrow(RangeError);
  });
});
