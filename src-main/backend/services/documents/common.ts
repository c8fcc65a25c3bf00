import type { Layout, Letterhead, PaperSize } from '@shared/domain/documents';
import { boxStyle, type Box, type EnvelopeZones } from './envelope';
import { html, type Html, type HtmlValue } from './html';
import { brandBlock, contactBlock, LOGO_SIZE, returnLine, type Sender } from './letterhead';
import { frameOf, len, placed, sheet, toPt, type Frame } from './page';

/** What every kind's template is given besides its facts. */
export interface DocContext {
  paper: PaperSize;
  layout: Layout;
  /** The envelope zones, nudged by the layout. */
  zones: EnvelopeZones;
  frame: Frame;
  sender: Sender;
  letterhead: Letterhead;
  copy: boolean;
  /** The recipient's lines (address.ts rule); empty when the document goes by email to an account without an address. */
  recipient: string[];
}

export interface Fact {
  label: string;
  value: string;
  /** data-field attribute: lets tests find a printed value without parsing the layout. */
  field?: string;
}

export interface DueBox {
  label: string;
  sub: string;
  amount: string;
  field: string;
}

/** The blocks at the top of a first sheet: letterhead, return address, recipient window, title and facts. */
export function firstSheetHeader(ctx: DocContext, title: string, facts: Fact[], due: DueBox | null): Html[] {
  const { frame: f, zones: z, sender } = ctx;
  const u = f.unit;
  const blocks: Html[] = [];
  if (ctx.paper === 'Letter') {
    // Letter: the letterhead is the return address, in the upper window of double-window stock (it follows the nudge when it is).
    const box = ctx.layout.returnAddressWindow ? z.returnAddress.text : f.brand;
    blocks.push(html`<div class="abs" data-zone="return" style="${boxStyle(box, u)}">${brandBlock(sender, LOGO_SIZE.Letter)}</div>`);
    blocks.push(placed(f.contact, u, '', contactBlock(sender)));
  } else {
    blocks.push(placed(f.brand, u, '', brandBlock(sender, LOGO_SIZE.A4)));
    blocks.push(html`<div class="abs" style="${boxStyle(f.contact, u)};text-align:right">${contactBlock(sender)}</div>`);
    if (ctx.layout.returnAddressWindow)
      blocks.push(html`<div class="abs return-line" data-zone="return" style="${boxStyle(z.returnAddress.text, u)}">${returnLine(sender)}</div>`);
  }
  if (ctx.recipient.length > 0)
    blocks.push(
      html`<div class="abs recipient" data-zone="recipient" style="${boxStyle(z.recipient.text, u)}">${ctx.recipient.map((l) => html`<div>${l}</div>`)}</div>`,
    );
  blocks.push(placed(f.title, u, '', html`<div class="title">${ctx.copy ? html`<span class="copy-tag">COPY</span>` : ''}${title}</div>`));
  blocks.push(
    placed(f.info, u, '', [
      factsTable(facts),
      due
        ? html`<div class="due-box"><div class="due-label">${due.label}<span>${due.sub}</span></div><div class="due-amount" data-field="${due.field}">${due.amount}</div></div>`
        : '',
    ]),
  );
  return blocks;
}

export function factsTable(facts: Fact[]): Html {
  return html`<table class="facts">${facts.map((r) => html`<tr><th>${r.label}</th><td${r.field ? html` data-field="${r.field}"` : ''}>${r.value}</td></tr>`)}</table>`;
}

/** The top of a following sheet: who and what, and that it continues. */
export function continuedHeader(ctx: DocContext, what: string): Html {
  const f = ctx.frame;
  const u = f.unit;
  const top = u === 'in' ? 0.5 : 12;
  const box: Box = { x: f.left, y: top, w: f.width - f.left - f.right, h: f.continuedTop - top - (u === 'in' ? 0.2 : 5) };
  return html`<div class="abs" style="${boxStyle(box, u)}"><div class="cont-head"><b>${ctx.sender.name}</b><span>${what} (continued)</span></div></div>`;
}

/** The sheets of one document, each with its footer ("Page n of m": the builder paginates, so it knows m). */
export function sheets(ctx: DocContext, pages: { header: Html | Html[]; content: HtmlValue; top: number }[], what: string): Html {
  const contact = [ctx.sender.name, ...ctx.sender.contactLines.slice(0, 1)].join(' · ');
  return html`${pages.map((p, i) =>
    sheet({
      paper: ctx.paper,
      marks: ctx.layout.foldMarks,
      copy: ctx.copy,
      header: p.header,
      content: html`${p.content}`,
      top: p.top,
      footerLeft: contact,
      footerRight: pages.length > 1 ? `${what} · Page ${i + 1} of ${pages.length}` : what,
    }),
  )}`;
}

// ---- Measuring, to paginate without a layout engine ----

/**
 * Width of a character in em, Liberation Sans / Arial rounded up: capitals and wide letters count as
 * wide as they are, so a page of capitals is not under-measured (the sheet hides what overflows).
 */
function charEm(c: string): number {
  if (c === ' ') return 0.28;
  if ('mwMW@'.includes(c)) return 0.95;
  if (/[A-Z]/.test(c)) return 0.73;
  if (/[0-9]/.test(c)) return 0.56;
  if ("iljtf.,:;'|!()[]-".includes(c)) return 0.34;
  if (/[a-z]/.test(c)) return 0.53;
  return 0.62;
}
const wordEm = (w: string) => [...w].reduce((t, c) => t + charEm(c), 0);

/**
 * Lines a text takes in a column `widthPt` wide at `fontPt`, by word wrap over per-character widths
 * that round up (charEm): it overestimates a little, so a page never overflows; a word wider than the
 * column breaks (overflow-wrap: anywhere).
 */
export function textLines(text: string, widthPt: number, fontPt: number): number {
  const width = Math.max(widthPt / fontPt, 2);
  const space = charEm(' ');
  let lines = 0;
  for (const para of text.split('\n')) {
    let col = 0;
    let n = 1;
    for (const word of para.split(/\s+/).filter(Boolean)) {
      let w = wordEm(word);
      if (col > 0 && col + space + w <= width) {
        col += space + w;
        continue;
      }
      if (col > 0) n++;
      while (w > width) {
        w -= width;
        n++;
      }
      col = w;
    }
    lines += n;
  }
  return lines;
}

export interface Capacity {
  /** Points free for the flowing body on the first sheet and on each following one. */
  first: number;
  next: number;
}

export function capacityOf(paper: PaperSize): Capacity {
  const f = frameOf(paper);
  return { first: toPt(f.contentBottom - f.contentTop, f.unit), next: toPt(f.contentBottom - f.continuedTop, f.unit) };
}

/** Width of the body column in points. */
export const contentWidthPt = (paper: PaperSize): number => {
  const f = frameOf(paper);
  return toPt(f.width - f.left - f.right, f.unit);
};

/** Height of the "continued on the next page" note under a table that goes on. */
export const CONTINUED_NOTE_PT = 16;

/**
 * Rows of a table spread over sheets: the first sheet has `lead` points taken above the table
 * (parties), every sheet repeats the header row, a sheet that goes on ends with a note, and the
 * last sheet must hold `tail` (totals, notes) below its rows: when it cannot, the tail gets a sheet
 * of its own. Returns the row indexes of each sheet (the last may be empty: the tail alone).
 */
export function paginateRows(rowHeights: number[], cap: Capacity, lead: number, headerRow: number, tail: number): number[][] {
  const pages: number[][] = [[]];
  let room = cap.first - lead - headerRow - CONTINUED_NOTE_PT;
  for (const [i, h] of rowHeights.entries()) {
    const page = pages[pages.length - 1]!;
    if (h > room && page.length > 0) {
      pages.push([i]);
      room = cap.next - headerRow - CONTINUED_NOTE_PT - h;
    } else {
      page.push(i);
      room -= h;
    }
  }
  // The continued note's room is not needed on the last sheet; the tail must fit there.
  if (tail > room + CONTINUED_NOTE_PT) pages.push([]);
  return pages;
}

export { len };
