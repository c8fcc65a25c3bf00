import { html, type Html } from '../html';
import { capacityOf, continuedHeader, paginateRows, sheets, textLines, type DocContext } from '../common';

/** A block of a heading and lines (Bill to, Ship to, Remit to…), with its height estimate in points. */
export function party(label: string, lines: string[], field: string): Html {
  return html`<div class="party" data-field="${field}"><div class="label">${label}</div>${lines.map((l) => html`<div>${l}</div>`)}</div>`;
}

/** Height of a row of party blocks side by side, each `widthPt` wide. */
export function partiesHeight(blocks: string[][], widthPt: number): number {
  const lines = Math.max(...blocks.map((b) => b.reduce((n, l) => n + textLines(l, widthPt, 9), 0)));
  return 4 + 1.2 + 7 * 1.3 + 3 + lines * 9 * 1.3 + 12 + 2;
}

/** A note under the table (How to pay, Remit to…); its height in points. */
export function note(label: string, body: Html | string, cls = ''): Html {
  return html`<div class="note ${cls}"><div class="label">${label}</div><div style="white-space:pre-line">${body}</div></div>`;
}
export function noteHeight(lines: string[], widthPt: number, boxed = false): number {
  return 9.1 + 2 + lines.reduce((n, l) => n + textLines(l, widthPt - (boxed ? 16 : 0), 9), 0) * 11.7 + 9 + (boxed ? 10 : 0);
}

/** Rows of a totals box: label, amount, a class (sum, due) and a data-field. */
export interface TotalRow {
  label: string;
  amount: string;
  cls?: 'sum' | 'due';
  field?: string;
}
export function totalsBox(rows: TotalRow[]): Html {
  return html`<table class="totals">${rows.map(
    (r) => html`<tr class="${r.cls ?? ''}"><th>${r.label}</th><td class="num"${r.field ? html` data-field="${r.field}"` : ''}>${r.amount}</td></tr>`,
  )}</table>`;
}
export const totalsHeight = (rows: TotalRow[]): number => rows.reduce((h, r) => h + (r.cls === 'due' ? 24 : r.cls === 'sum' ? 18 : 16), 0);

/** A table's columns: heading, width (fraction of the body width), numeric (right-aligned). */
export interface Column {
  head: string;
  width: number;
  num?: boolean;
}
export function itemsTable(columns: Column[], rows: Html[]): Html {
  return html`<table class="items"><colgroup>${columns.map((c) => html`<col style="width:${(c.width * 100).toFixed(2)}%">`)}</colgroup><thead><tr>${columns.map(
    (c) => html`<th class="${c.num ? 'num' : ''}">${c.head}</th>`,
  )}</tr></thead><tbody>${rows}</tbody></table>`;
}
/** The header row's height in points (7 pt capitals on 4 pt padding). */
export const TABLE_HEAD_PT = 17;

/** A table row and its height in points (estimated, see textLines), for tableSheets to paginate. */
export interface SizedRow {
  html: Html;
  height: number;
}

/**
 * A document that is mostly a table, over as many sheets as its rows need: the first sheet's header and
 * its lead (the parties), the rows with the header row repeated on each sheet, "Continued on the next
 * page" under a table that goes on, and the tail (totals, notes) on the last sheet (a sheet of its own
 * when it does not fit). `empty` stands where the table would be when there are no rows.
 */
export function tableSheets(
  ctx: DocContext,
  d: { header: Html[]; what: string; lead?: SizedRow; columns: Column[]; rows: SizedRow[]; tail: SizedRow; empty?: Html },
): Html {
  const pageRows = paginateRows(
    d.rows.map((r) => r.height),
    capacityOf(ctx.paper),
    d.lead?.height ?? 0,
    TABLE_HEAD_PT,
    d.tail.height,
  );
  const pages = pageRows.map((ix, i) => {
    const table = ix.length
      ? itemsTable(
          d.columns,
          ix.map((k) => d.rows[k]!.html),
        )
      : i === 0 && d.rows.length === 0 && d.empty
        ? d.empty
        : '';
    return {
      header: i === 0 ? d.header : continuedHeader(ctx, d.what),
      top: i === 0 ? ctx.frame.contentTop : ctx.frame.continuedTop,
      content: html`${i === 0 && d.lead ? d.lead.html : ''}${table}${
        i === pageRows.length - 1 ? d.tail.html : html`<div class="continued">Continued on the next page</div>`
      }`,
    };
  });
  return sheets(ctx, pages, d.what);
}
