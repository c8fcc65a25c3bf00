import type { PaperSize } from '@shared/domain/documents';
import { boxStyle, envelopeZones, MM_PER_IN, PT_PER_IN, type Box } from './envelope';
import { html, raw, type Html, type HtmlValue } from './html';

/**
 * The page every document is printed on: one `<section class="sheet">` per sheet of paper, exactly the
 * paper's size, everything on it placed in the paper's unit (in or mm) from its top-left corner, so
 * the printed page and the envelope window agree whatever the printer's own margins. No script runs:
 * the CSP allows inline styles and data: images only.
 */

/** Where the parts of a sheet go (paper unit). The envelope zones (envelope.ts) fix the address blocks; this the rest. */
export interface Frame {
  unit: 'in' | 'mm';
  width: number;
  height: number;
  left: number;
  right: number;
  /** The letterhead: logo, name and address (Letter: in the top-left return window). */
  brand: Box;
  /** Phone, email, website, tax id. */
  contact: Box;
  /** The document's title (INVOICE), top right. */
  title: Box;
  /** The document's facts (number, dates…) and the amount box, right of the recipient window. */
  info: Box;
  /** Body top on the first sheet (below the recipient window) and on the following sheets. */
  contentTop: number;
  continuedTop: number;
  contentBottom: number;
  footerTop: number;
}

const frames: Record<PaperSize, Frame> = {
  Letter: {
    unit: 'in',
    width: 8.5,
    height: 11,
    left: 0.75,
    right: 0.75,
    brand: envelopeZones.Letter.returnAddress.text,
    contact: { x: 0.75, y: 1.42, w: 3.0, h: 0.42 },
    title: { x: 4.6, y: 0.5, w: 3.15, h: 0.4 },
    info: { x: 4.6, y: 0.92, w: 3.15, h: 2.3 },
    contentTop: 3.3,
    continuedTop: 1.2,
    contentBottom: 10.25,
    footerTop: 10.45,
  },
  A4: {
    unit: 'mm',
    width: 210,
    height: 297,
    left: 25,
    right: 20,
    brand: { x: 25, y: 12, w: 95, h: 27 },
    title: { x: 125, y: 12, w: 65, h: 10 },
    contact: { x: 125, y: 23, w: 65, h: 17 },
    info: { x: 125, y: 46, w: 65, h: 54 },
    contentTop: 103,
    continuedTop: 30,
    contentBottom: 278,
    footerTop: 283,
  },
};

export const frameOf = (paper: PaperSize): Frame => frames[paper];

/** A length in the frame's unit as points (the unit the builders measure text heights in). */
export const toPt = (v: number, unit: 'in' | 'mm'): number => (unit === 'in' ? v * PT_PER_IN : (v / MM_PER_IN) * PT_PER_IN);
export const len = (v: number, unit: 'in' | 'mm'): string => `${Number(v.toFixed(3))}${unit}`;

/** The font stack: Liberation Sans (metric-compatible with Arial, installed with Chromium on Linux), Arial on Windows, Helvetica on macOS. */
export const FONT_STACK = "'Liberation Sans', Arial, Helvetica, sans-serif";

/** What every kind shares: the sheet, the header blocks, the facts table, the parties, the item table, the totals box, the footer. */
function baseStyle(paper: PaperSize): string {
  const f = frames[paper];
  return `
@page { size: ${paper}; margin: 0 }
* { box-sizing: border-box; margin: 0; padding: 0 }
html, body { background: #fff }
body { font-family: ${FONT_STACK}; font-size: 9pt; line-height: 1.3; color: #1d2430; -webkit-print-color-adjust: exact; print-color-adjust: exact }
.sheet { position: relative; width: ${f.width}${f.unit}; height: ${f.height}${f.unit}; overflow: hidden; break-after: page; page-break-after: always }
.sheet:last-child { break-after: auto; page-break-after: auto }
.abs { position: absolute; overflow: hidden }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap }
.muted { color: #5b6573 }
.label { font-size: 7pt; font-weight: bold; letter-spacing: 0.08em; text-transform: uppercase; color: #5b6573 }
.mark-fold, .mark-hole { position: absolute; left: 0; height: 0; border-top: 0.6pt solid #8a929c }
.mark-fold { width: ${paper === 'A4' ? '6mm' : '0.25in'} }
.mark-hole { width: ${paper === 'A4' ? '9mm' : '0.35in'} }
.brand { display: flex; gap: 8pt; align-items: flex-start }
.brand img { display: block; width: auto; height: auto; flex: none }
.brand-name { font-size: 11.5pt; font-weight: bold; color: #14213d; line-height: 1.2; margin-bottom: 2pt }
.brand-lines { font-size: 8.5pt; line-height: 1.25 }
.brand-lines div, .recipient div, .return-line { white-space: nowrap; overflow: hidden; text-overflow: ellipsis }
.contact { font-size: 7.5pt; line-height: 1.35; color: #5b6573 }
.return-line { font-size: 6pt; line-height: 1.2; color: #3b4350; border-bottom: 0.4pt solid #8a929c }
.recipient { font-size: 10pt; line-height: 12pt; color: #000 }
.title { font-size: 21pt; font-weight: bold; letter-spacing: 0.06em; color: #14213d; text-align: right; line-height: 1 }
.copy-tag { display: inline-block; margin-right: 8pt; padding: 1pt 5pt; font-size: 8pt; letter-spacing: 0.12em; border: 0.8pt solid #b42318; color: #b42318; vertical-align: middle }
.facts { margin: 0 0 0 auto; border-collapse: collapse }
.facts th { text-align: left; font-weight: normal; color: #5b6573; padding: 1.6pt 12pt 1.6pt 0; white-space: nowrap }
.facts td { text-align: right; padding: 1.6pt 0; font-weight: bold; white-space: nowrap; max-width: 2in; overflow: hidden; text-overflow: ellipsis }
.due-box { margin-top: 10pt; margin-left: auto; width: 100%; max-width: 2.9in; border: 1pt solid #14213d; display: flex }
.due-box > div { padding: 5pt 8pt }
.due-box .due-label { flex: 1; background: #14213d; color: #fff; font-size: 7.5pt; font-weight: bold; letter-spacing: 0.08em; text-transform: uppercase; display: flex; flex-direction: column; justify-content: center }
.due-box .due-label span { font-weight: normal; letter-spacing: 0; text-transform: none; font-size: 8pt; margin-top: 1pt }
.due-box .due-amount { font-size: 14pt; font-weight: bold; text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; align-self: center }
.content { position: absolute; overflow: hidden }
.parties { display: flex; gap: 18pt; margin-bottom: 12pt }
.party { flex: 1; min-width: 0; padding-top: 4pt; border-top: 1.2pt solid #14213d }
.party .label { margin-bottom: 3pt }
.party div { overflow-wrap: anywhere }
.items { width: 100%; border-collapse: collapse; table-layout: fixed }
.items th { font-size: 7pt; font-weight: bold; letter-spacing: 0.06em; text-transform: uppercase; color: #fff; background: #14213d; padding: 4pt 5pt; text-align: left }
.items th.num { text-align: right }
.items td { padding: 3.5pt 5pt; border-bottom: 0.5pt solid #d5dae1; vertical-align: top; line-height: 11.5pt; overflow-wrap: anywhere }
.items tbody tr:nth-child(even) td { background: #f6f8fa }
.items .code { font-variant-numeric: tabular-nums }
.items .icd { font-size: 7.5pt; line-height: 10pt; color: #5b6573 }
.continued { margin-top: 4pt; text-align: right; font-size: 7.5pt; font-style: italic; color: #5b6573 }
.tail { display: flex; gap: 24pt; margin-top: 12pt; align-items: flex-start }
.tail-notes { flex: 1; min-width: 0 }
.note { margin-bottom: 9pt; overflow-wrap: anywhere }
.note .label { margin-bottom: 2pt }
.offer { border-left: 2.5pt solid #2f7d4f; background: #eef7f1; padding: 5pt 7pt }
.totals { width: 2.9in; border-collapse: collapse; flex: none }
.totals th { text-align: left; font-weight: normal; padding: 2.2pt 0; color: #3b4350 }
.totals td { padding: 2.2pt 0 2.2pt 10pt }
.totals tr.sum th, .totals tr.sum td { border-top: 0.8pt solid #14213d; font-weight: bold; padding-top: 4pt }
.totals tr.due th, .totals tr.due td { background: #14213d; color: #fff; font-weight: bold; font-size: 10.5pt; padding: 5pt 6pt }
.cont-head { display: flex; justify-content: space-between; align-items: baseline; border-bottom: 1.2pt solid #14213d; padding-bottom: 4pt }
.cont-head b { font-size: 11pt; color: #14213d }
.foot { position: absolute; display: flex; justify-content: space-between; gap: 12pt; font-size: 7pt; color: #5b6573; border-top: 0.5pt solid #d5dae1; padding-top: 3pt }
.foot > div:first-child { min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap }
.foot > div:last-child { flex: none; white-space: nowrap }
.copy-mark { position: absolute; left: 0; top: 42%; width: 100%; text-align: center; font-size: 120pt; font-weight: bold; letter-spacing: 0.15em; color: rgba(180, 35, 24, 0.10); transform: rotate(-30deg) }
`;
}

/** The stylesheet a job's documents share (PreparedJob.style): the base and every kind's own rules. */
export function documentStyle(paper: PaperSize, kindStyles: readonly string[] = []): string {
  return baseStyle(paper) + kindStyles.join('\n');
}

/** The CSP of every document page: nothing loads but inline styles and data: images, and no script can run. */
export const DOCUMENT_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";

/** A whole, self-contained page around one or more sheets. */
export function wrapPage(style: string, body: string, title: string): string {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${DOCUMENT_CSP}"><title>${title}</title><style>${raw(style)}</style></head>
<body>${raw(body)}</body></html>`.value;
}

/** An absolutely placed block on the sheet. */
export function placed(box: Box, unit: 'in' | 'mm', cls: string, inner: HtmlValue): Html {
  return html`<div class="abs ${cls}" style="${boxStyle(box, unit)}">${inner}</div>`;
}

export interface SheetInput {
  paper: PaperSize;
  /** Fold and hole marks at the left edge (layout.foldMarks). */
  marks: boolean;
  copy: boolean;
  /** Absolutely placed blocks (the letterhead, the address windows, the title) or a continued-page header. */
  header: Html | Html[];
  /** The body, placed from `top` to the content bottom. */
  content: Html | Html[];
  top: number;
  footerLeft: Html | string;
  footerRight: string;
}

/** One sheet of paper. */
export function sheet(s: SheetInput): Html {
  const f = frames[s.paper];
  const z = envelopeZones[s.paper];
  const u = f.unit;
  const marks = s.marks
    ? [
        ...z.foldMarks.map((y) => html`<div class="mark-fold" style="top:${len(y, u)}"></div>`),
        z.holeMark === null ? '' : html`<div class="mark-hole" style="top:${len(z.holeMark, u)}"></div>`,
      ]
    : [];
  const contentBox: Box = { x: f.left, y: s.top, w: f.width - f.left - f.right, h: f.contentBottom - s.top };
  const footBox: Box = { x: f.left, y: f.footerTop, w: f.width - f.left - f.right, h: f.height - f.footerTop - (u === 'in' ? 0.2 : 5) };
  return html`<section class="sheet">${marks}${s.copy ? html`<div class="copy-mark">COPY</div>` : ''}${s.header}<div class="content" style="${boxStyle(contentBox, u)}">${s.content}</div><div class="foot" style="${boxStyle(footBox, u)}"><div>${s.footerLeft}</div><div>${s.footerRight}</div></div></section>`;
}
