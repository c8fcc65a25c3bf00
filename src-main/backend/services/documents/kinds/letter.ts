import { formatDate } from '@shared/dates';
import { blockText, topLevelBlocks } from '../../letters/blocks';
import { capacityOf, contentWidthPt, continuedHeader, firstSheetHeader, sheets, textLines, type DocContext, type Fact } from '../common';
import { html, raw, type Html } from '../html';

/**
 * A letter (docs/letters.md): the window-envelope page of every document (letterhead, the recipient in
 * the window, the date and account beside it), then the subject line, the letter's own text (the
 * template merged and edited, sanitized), and the signature block (the signer's name and title and the
 * company). The text is spread over sheets by its top-level blocks, measured as the other kinds
 * measure their rows (over-estimated, so nothing is cut off); a table taller than a sheet is split
 * between rows, its header row repeated.
 */
export interface LetterPageFacts {
  date: string;
  accountNumber: string;
  subject: string;
  /** Sanitized and merged: printed as it is. */
  bodyHtml: string;
  payByDate: string | null;
  signer: { name: string; title: string; company: string };
}

const FONT_PT = 10.5;
const LINE_PT = 14;
const GAP_PT = 8;
const CELL_FONT_PT = 8.5;
const CELL_LINE_PT = 11;
const CELL_PAD_PT = 6;
/** Every estimate is raised by this much: a sheet hides what overflows, so it must never be under. */
const SAFETY = 1.08;

export const letterCss = `
.letter-subject { font-size: 11pt; font-weight: bold; color: #14213d; margin-bottom: 10pt; overflow-wrap: anywhere }
.letter-body { font-size: ${FONT_PT}pt; line-height: ${LINE_PT}pt; color: #1d2430; overflow-wrap: anywhere }
.letter-body p, .letter-body ul, .letter-body ol, .letter-body table, .letter-body blockquote, .letter-body div, .letter-body h1, .letter-body h2, .letter-body h3, .letter-body h4 { margin: 0 0 ${GAP_PT}pt }
.letter-body h1 { font-size: 16pt; line-height: 19pt; color: #14213d }
.letter-body h2 { font-size: 13pt; line-height: 16pt; color: #14213d }
.letter-body h3, .letter-body h4 { font-size: 11pt; line-height: 14pt; color: #14213d }
.letter-body ul, .letter-body ol { padding-left: 18pt }
.letter-body blockquote { padding-left: 10pt; border-left: 2pt solid #d5dae1 }
.letter-body hr { border: 0; border-top: 0.6pt solid #8a929c; margin: 4pt 0 ${GAP_PT}pt }
.letter-body table { width: 100%; border-collapse: collapse; font-size: ${CELL_FONT_PT}pt; line-height: ${CELL_LINE_PT}pt }
.letter-body th { text-align: left; font-weight: bold; background: #e8ecf1; padding: 2.5pt 4pt }
.letter-body td { padding: 2.5pt 4pt; border-bottom: 0.5pt solid #d5dae1; vertical-align: top }
.letter-body td.num, .letter-body th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap }
.letter-sign { font-size: ${FONT_PT}pt; line-height: ${LINE_PT}pt; margin-top: 22pt }
.letter-sign .signer { font-weight: bold }
`;

const tagOf = (block: string) => (/^<([a-zA-Z0-9]+)/.exec(block)?.[1] ?? 'p').toLowerCase();

/** Height of one text block at a font size in a column. */
function textHeight(text: string, widthPt: number, fontPt: number, linePt: number): number {
  return textLines(text, widthPt, fontPt) * linePt;
}

/** The rows of a table (<tr>…</tr>), its header rows apart (thead, or a first row of th cells). */
function tableRows(table: string): { open: string; head: string[]; body: string[]; foot: string[] } {
  const open = /^<table[^>]*>/i.exec(table)?.[0] ?? '<table>';
  const section = (name: string) => new RegExp(`<${name}[^>]*>([\\s\\S]*?)</${name}>`, 'i').exec(table)?.[1] ?? '';
  const rowsOf = (s: string) => s.match(/<tr[\s\S]*?<\/tr>/gi) ?? [];
  const head = rowsOf(section('thead'));
  const foot = rowsOf(section('tfoot'));
  const rest = table.replace(/<thead[\s\S]*?<\/thead>/i, '').replace(/<tfoot[\s\S]*?<\/tfoot>/i, '');
  return { open, head, body: rowsOf(rest), foot };
}

function rowHeight(row: string, widthPt: number): number {
  const cells = row.match(/<t[hd][\s\S]*?<\/t[hd]>/gi) ?? [''];
  const colWidth = widthPt / cells.length - 8;
  const lines = Math.max(1, ...cells.map((c) => textLines(blockText(c), Math.max(colWidth, 20), CELL_FONT_PT)));
  return lines * CELL_LINE_PT + CELL_PAD_PT;
}

interface Piece {
  html: string;
  height: number;
}

/** A block as pieces that may go on different sheets: a table by rows (header repeated), anything else whole. */
function piecesOf(block: string, widthPt: number, room: () => number, next: number): Piece[] {
  const tag = tagOf(block);
  if (tag === 'table') {
    const t = tableRows(block);
    const headH = t.head.reduce((s, r) => s + rowHeight(r, widthPt), 0);
    const footH = t.foot.reduce((s, r) => s + rowHeight(r, widthPt), 0);
    const out: Piece[] = [];
    let rows: string[] = [];
    let h = headH;
    let limit = room();
    const flush = (last: boolean) => {
      const head = t.head.length ? `<thead>${t.head.join('')}</thead>` : '';
      const foot = last && t.foot.length ? `<tfoot>${t.foot.join('')}</tfoot>` : '';
      out.push({ html: `${t.open}${head}<tbody>${rows.join('')}</tbody>${foot}</table>`, height: (h + (last ? footH : 0) + GAP_PT) * SAFETY });
    };
    for (const r of t.body) {
      const rh = rowHeight(r, widthPt);
      if (rows.length > 0 && (h + rh) * SAFETY > limit) {
        flush(false);
        rows = [];
        h = headH;
        limit = next;
      }
      rows.push(r);
      h += rh;
    }
    flush(true);
    return out;
  }
  const text = blockText(block);
  let h: number;
  if (tag === 'hr') h = 13;
  else if (tag === 'ul' || tag === 'ol') {
    const items = block.match(/<li[\s\S]*?<\/li>/gi) ?? [];
    h = items.reduce((s, li) => s + textHeight(blockText(li), widthPt - 18, FONT_PT, LINE_PT), 0) + GAP_PT;
  } else if (tag === 'h1') h = textHeight(text, widthPt, 16 * 1.1, 19) + GAP_PT;
  else if (tag === 'h2') h = textHeight(text, widthPt, 13 * 1.1, 16) + GAP_PT;
  else if (tag === 'h3' || tag === 'h4') h = textHeight(text, widthPt, 11 * 1.1, LINE_PT) + GAP_PT;
  else h = textHeight(text, tag === 'blockquote' ? widthPt - 12 : widthPt, FONT_PT, LINE_PT) + GAP_PT;
  return [{ html: block, height: h * SAFETY }];
}

export function letterBody(f: LetterPageFacts, ctx: DocContext): Html {
  const what = `Letter · ${f.accountNumber}`;
  const width = contentWidthPt(ctx.paper);
  const cap = capacityOf(ctx.paper);
  const facts: Fact[] = [
    { label: 'Date', value: formatDate(f.date), field: 'date' },
    { label: 'Account', value: f.accountNumber, field: 'accountNumber' },
    ...(f.payByDate ? [{ label: 'Please pay by', value: formatDate(f.payByDate), field: 'payBy' }] : []),
  ];
  const subject = html`<div class="letter-subject" data-field="subject">${f.subject}</div>`;
  const subjectH = (textLines(f.subject, width, 11 * 1.1) * 14 + 10) * SAFETY;
  const signature = html`<div class="letter-sign" data-field="signature"><div class="signer">${f.signer.name}</div><div>${f.signer.title}</div><div>${f.signer.company}</div></div>`;
  const signatureH = (22 + 3 * LINE_PT) * SAFETY;

  const pages: Piece[][] = [[]];
  let room = cap.first - subjectH;
  for (const block of topLevelBlocks(f.bodyHtml)) {
    for (const piece of piecesOf(block, width, () => room, cap.next)) {
      const page = pages[pages.length - 1]!;
      if (piece.height > room && page.length > 0) {
        pages.push([piece]);
        room = cap.next - piece.height;
      } else {
        page.push(piece);
        room -= piece.height;
      }
    }
  }
  if (signatureH > room) pages.push([]);

  const header = firstSheetHeader(ctx, '', facts, null);
  return sheets(
    ctx,
    pages.map((pieces, i) => ({
      header: i === 0 ? header : continuedHeader(ctx, what),
      top: i === 0 ? ctx.frame.contentTop : ctx.frame.continuedTop,
      content: html`${i === 0 ? subject : ''}<div class="letter-body">${raw(pieces.map((p) => p.html).join(''))}</div>${i === pages.length - 1 ? signature : ''}`,
    })),
    what,
  );
}
