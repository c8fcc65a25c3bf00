import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { batchHtml } from '../../src-main/backend/services/documents/batch';
import { buildDocument, documentStyle, type BuildOptions } from '../../src-main/backend/services/documents/build';
import { toPoints, zonesFor, type Box } from '../../src-main/backend/services/documents/envelope';
import { ChromiumPdfRenderer } from '../../src-main/print/chromium-pdf-renderer';
import type { OutputRef, PaperSize } from '../../src-shared/domain/documents';
import { documentSettings, documentsOffice, postCard } from '../support/document-builds';
import { must } from '../support/receivables';
import { tempDir } from '../support/store';

/**
 * The built HTML rendered to PDF by Chromium (the renderer tests and the bridge use), read back as a
 * person's tools read it: where every word of the recipient block landed (pdftotext -bbox), and the
 * page size and count (pdfinfo).
 */

const renderer = new ChromiumPdfRenderer();
afterAll(() => renderer.close());

interface Word {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

async function pdfOf(html: string, paper: PaperSize): Promise<string> {
  const file = path.join(tempDir(), 'doc.pdf');
  fs.writeFileSync(file, await renderer.render(html, paper));
  return file;
}

function wordsOf(pdf: string, page = 1): Word[] {
  const out = execFileSync('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), pdf, '-'], { encoding: 'utf8' });
  const decode = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');
  return [...out.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
    x0: Number(m[1]),
    y0: Number(m[2]),
    x1: Number(m[3]),
    y1: Number(m[4]),
    text: decode(m[5]!),
  }));
}

function pdfInfo(pdf: string): { pages: number; size: string } {
  const out = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  return { pages: Number(/^Pages:\s+(\d+)/m.exec(out)![1]), size: /^Page size:\s+([\d.]+ x [\d.]+) pts/m.exec(out)![1]! };
}

const intersects = (w: Word, b: Box) => w.x1 > b.x && w.x0 < b.x + b.w && w.y1 > b.y && w.y0 < b.y + b.h;
/** Inside, allowing the 0.5 pt pdftotext rounds glyph boxes by. */
const inside = (w: Word, b: Box) => w.x0 >= b.x - 0.5 && w.x1 <= b.x + b.w + 0.5 && w.y0 >= b.y - 0.5 && w.y1 <= b.y + b.h + 0.5;

/** Words grouped into lines by their top, top to bottom, each line's words left to right. */
function lines(words: Word[]): { text: string; top: number }[] {
  const rows = new Map<number, Word[]>();
  for (const w of words) {
    const key = [...rows.keys()].find((k) => Math.abs(k - w.y0) < 2) ?? w.y0;
    rows.set(key, [...(rows.get(key) ?? []), w]);
  }
  return [...rows.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([top, ws]) => ({
      top,
      text: ws
        .sort((a, b) => a.x0 - b.x0)
        .map((w) => w.text)
        .join(' '),
    }));
}

const opts = (paper: PaperSize, nudge: { x: number; y: number } = { x: 0, y: 0 }): BuildOptions => ({
  channel: 'print',
  copy: false,
  settings: documentSettings({ paper, nudgeXmm: nudge.x, nudgeYmm: nudge.y }),
  logo: null,
  companyName: 'Riverside',
});

async function build(o: Awaited<ReturnType<typeof documentsOffice>>, ref: OutputRef, options: BuildOptions) {
  const r = await buildDocument(o.b.services, ref, options);
  if (!r.ok) throw new Error(JSON.stringify(r.problem));
  return r.document;
}

const expectedRecipient = ['Northwind Family Practice', 'Attn: Dana Ortiz', '1200 Lakeview Drive', 'Suite 300', 'Chicago, IL 60601'];

describe('the address in the envelope window, read back from the PDF', () => {
  it('the zones are the numbers the issue and DIN 5008 give', () => {
    const letter = zonesFor('Letter', { xMm: 0, yMm: 0 });
    // #10 window: 1.0 in from the left, first line 2.1 in from the top, 3.25 in wide, 5 lines of 12 pt; 1/8 in clear of the window.
    expect(letter.recipient.text).toEqual({ x: 1, y: 2.1, w: 3.25, h: 0.875 });
    expect(letter.recipient.window).toEqual({ x: 0.875, y: 1.975, w: 3.5, h: 1.125 });
    expect(letter.foldMarks).toEqual([3.667, 7.333]);
    const a4 = zonesFor('A4', { xMm: 0, yMm: 0 });
    expect(a4.recipient.window).toEqual({ x: 20, y: 45, w: 85, h: 45 });
    expect([a4.foldMarks, a4.holeMark]).toEqual([[105, 210], 148.5]);
    // The nudge moves the address blocks, in mm on either paper.
    expect(zonesFor('Letter', { xMm: 25.4, yMm: -12.7 }).recipient.text).toMatchObject({ x: 2, y: 1.6 });
    expect(zonesFor('A4', { xMm: 2, yMm: -1 }).returnAddress.text).toMatchObject({ x: 27, y: 44.8 });
  });

  for (const [paper, size, nudge] of [
    ['Letter', { w: 612, h: 792 }, { x: 0, y: 0 }],
    ['A4', { w: 595.276, h: 841.89 }, { x: 0, y: 0 }],
    ['Letter', { w: 612, h: 792 }, { x: 4, y: -3.5 }],
    ['A4', { w: 595.276, h: 841.89 }, { x: -6, y: 5 }],
  ] as const) {
    it(`${paper}, nudge ${nudge.x}/${nudge.y} mm: every recipient line inside the window zone, nothing else in the window`, async () => {
      const o = await documentsOffice();
      const doc = await build(o, { kind: 'invoice', documentId: o.invoice.id }, opts(paper, nudge));
      const pdf = await pdfOf(doc.html, paper);
      const info = pdfInfo(pdf);
      expect(info.pages).toBe(1);
      // Chromium writes A4 as 595.92 x 841.92 pt (its own rounding of 210 x 297 mm): within a point of the paper.
      const [w, h] = info.size.split(' x ').map(Number);
      expect(Math.abs(w! - size.w)).toBeLessThan(1);
      expect(Math.abs(h! - size.h)).toBeLessThan(1);
      const z = zonesFor(paper, { xMm: nudge.x, yMm: nudge.y });
      const text = toPoints(z.recipient.text, z.unit);
      const window = toPoints(z.recipient.window, z.unit);
      const words = wordsOf(pdf);
      const seen = words.filter((w) => intersects(w, window));
      const returnText = toPoints(z.returnAddress.text, z.unit);
      const [recipientWords, returnWords] = [seen.filter((w) => !inside(w, returnText)), seen.filter((w) => inside(w, returnText))];
      // In the recipient window: the five recipient lines, each word inside the text zone, and (A4) the sender's line.
      for (const w of recipientWords) expect(inside(w, text), `${w.text} at ${w.x0},${w.y0}-${w.x1},${w.y1} outside ${JSON.stringify(text)}`).toBe(true);
      const got = lines(recipientWords);
      expect(got.map((l) => l.text)).toEqual(expectedRecipient);
      // The first line starts at the zone's top: 2.1 in on Letter, 62.7 mm on A4 (plus the nudge), within a point or two of leading.
      expect(got[0]!.top - text.y).toBeGreaterThanOrEqual(-0.5);
      expect(got[0]!.top - text.y).toBeLessThan(3);
      expect(Math.min(...recipientWords.map((w) => w.x0)) - text.x).toBeLessThan(1);
      if (paper === 'A4')
        expect(lines(returnWords).map((l) => l.text)).toEqual(['Riverside Medical Billing LLC · 400 River Road, Suite 12 · Springfield, IL 62701']);
      else expect(returnWords).toEqual([]);
      // Letter's return window (double-window stock): the letterhead, wholly inside it.
      if (z.returnAddress.window) {
        const rw = toPoints(z.returnAddress.window, z.unit);
        const inReturn = words.filter((w) => intersects(w, rw));
        for (const w of inReturn) expect(inside(w, returnText), w.text).toBe(true);
        expect(lines(inReturn).map((l) => l.text)).toEqual(['Riverside Medical Billing LLC', '400 River Road, Suite 12', 'Springfield, IL 62701']);
      }
    });
  }

  it('a name too wide for the window is cut, never printed outside it; hostile text prints as text', async () => {
    const o = await documentsOffice({
      name: 'WWW <SCRIPT>ALERT("MAMMOTH")</SCRIPT> WORLDWIDE MEDICAL WAREHOUSE MANAGEMENT ASSOCIATES',
    });
    const doc = await build(o, { kind: 'invoice', documentId: o.invoice.id }, opts('Letter'));
    const pdf = await pdfOf(doc.html, 'Letter');
    const z = zonesFor('Letter', { xMm: 0, yMm: 0 });
    const text = toPoints(z.recipient.text, z.unit);
    const seen = wordsOf(pdf).filter((w) => intersects(w, toPoints(z.recipient.window, z.unit)));
    for (const w of seen) expect(inside(w, text), w.text).toBe(true);
    const got = lines(seen).map((l) => l.text);
    expect(got).toHaveLength(5);
    expect(got[0]).toMatch(/^WWW <SCRIPT>ALERT\("MAMMOTH"\)/);
    expect(got.slice(1)).toEqual(expectedRecipient.slice(1));
    // Bill to prints the whole name, as text (it may wrap there).
    const all = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(all).toContain('WWW <SCRIPT>ALERT("MAMMOTH")</SCRIPT> WORLDWIDE MEDICAL WAREHOUSE MANAGEMENT ASSOCIATES');
  });

  it('the calibration page: one page, the sample address in the zone, the nudge printed', async () => {
    const o = await documentsOffice();
    for (const paper of ['Letter', 'A4'] as const) {
      const doc = await build(o, { kind: 'calibration' }, opts(paper, { x: 1.5, y: -2 }));
      const pdf = await pdfOf(doc.html, paper);
      expect(pdfInfo(pdf).pages).toBe(1);
      const z = zonesFor(paper, { xMm: 1.5, yMm: -2 });
      const text = toPoints(z.recipient.text, z.unit);
      const inZone = wordsOf(pdf).filter((w) => inside(w, text));
      expect(lines(inZone)[0]!.text).toBe('Sample Recipient Company');
      expect(lines(inZone)).toHaveLength(5);
      const all = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
      expect(all).toContain('Nudge now: X +1.5 mm · Y −2.0 mm');
      expect(all).toContain(paper === 'Letter' ? '#10 window envelope' : 'DIN 5008 form B');
    }
  });
});

describe('pages', () => {
  it('a long invoice flows onto following sheets: every line printed, headers repeated, Page n of m; a duplex batch pads odd documents', async () => {
    const o = await documentsOffice();
    const { b, s, account } = o;
    const draft = await must(b, s.clerk, 'invoices.createDraft', {
      accountId: account.id,
      lines: Array.from({ length: 45 }, (_, i) => ({
        itemCode: `SVC-${i + 1}`,
        // Long lines, and capitals (the widest text) at the 500-character limit: nothing may be lost off a sheet.
        description:
          i % 7 === 0
            ? `${'MAMMOGRAPHY WORKUP '.repeat(30).slice(0, 490)} END-${i + 1}`
            : i % 3 === 0
              ? `Therapy session ${i + 1}, 45 minutes, with notes on the treatment plan and the follow-up visit scheduled next month`
              : `Lab panel ${i + 1}`,
        quantityMilli: 1000,
        unitPriceCents: 4500 + i,
        icd10Codes: i % 4 === 0 ? ['F41.1', 'Z13.31'] : [],
      })),
    });
    const long = await must(b, s.clerk, 'invoices.post', { invoiceId: draft.id });
    const pay = await postCard(b, s.clerk, account.id, 1000);
    for (const paper of ['Letter', 'A4'] as const) {
      const doc = await build(o, { kind: 'invoice', documentId: long.id }, opts(paper));
      const sheets = doc.body.match(/<section class="sheet">/g)!.length;
      expect(sheets).toBeGreaterThan(1);
      const pdf = await pdfOf(doc.html, paper);
      expect(pdfInfo(pdf).pages).toBe(sheets);
      const all = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
      for (let i = 1; i <= 45; i++) expect(all).toMatch(new RegExp(`SVC-${i}\\b`));
      // The last word of each longest description is on a page, not cut off at a sheet's foot.
      for (let i = 1; i <= 45; i += 7) expect(all).toMatch(new RegExp(`END-${i}\\b`));
      expect(all.match(/CODE\s+DESCRIPTION\s+QTY\s+UNIT PRICE/g)).toHaveLength(sheets);
      expect(all).toContain(`Page ${sheets} of ${sheets}`);
      expect(all).toContain('Continued on the next page');
      // The totals close the last sheet.
      const last = execFileSync('pdftotext', ['-layout', '-f', String(sheets), '-l', String(sheets), pdf, '-'], { encoding: 'utf8' });
      expect(last).toMatch(/Amount due\s+\$[\d,]+\.\d\d/);
      expect(last).toContain('SVC-45');
    }
    // One print job: invoice (1 page), the long one (n pages), a receipt (1): duplex pads the odd ones.
    const docs = [
      await build(o, { kind: 'invoice', documentId: o.invoice.id }, opts('Letter')),
      await build(o, { kind: 'invoice', documentId: long.id }, opts('Letter')),
      await build(o, { kind: 'receipt', documentId: pay.documentId }, opts('Letter')),
    ];
    const counts = docs.map((d) => d.body.match(/<section class="sheet">/g)!.length);
    const pdf = await pdfOf(
      batchHtml(
        documentStyle('Letter'),
        docs.map((d) => d.body),
        counts,
        true,
        'Letter',
      ),
      'Letter',
    );
    const padded = counts.reduce((t, n) => t + n + (n % 2), 0);
    expect(pdfInfo(pdf)).toEqual({ pages: padded, size: '612 x 792' });
    expect(padded % 2).toBe(0);
    // The receipt starts on a front side: its first page follows the long invoice's padded end.
    expect(execFileSync('pdftotext', ['-f', String(padded - 1), '-l', String(padded - 1), pdf, '-'], { encoding: 'utf8' })).toContain('RECEIPT');
  });
});
