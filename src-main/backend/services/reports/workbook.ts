import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { formatInstant, type IsoDate } from '@shared/dates';
import { centsToCell, dateToCell, formatOf, instantToCell, shownLength, sheetName, type ColumnKind } from './cells';
import type { ChartRange, ChartSeries, ChartSpec, ChartType } from './charts';
import { fixPackage } from './package-fixes';

/**
 * The one place that knows how a Ledgerdesk workbook looks (docs/reports.md, Workbook conventions):
 * an About sheet first, then table sheets with a frozen header row, an autofilter over the data, totals
 * as SUBTOTAL formulas with their cached results, fitted column widths and a print setup. Reports give
 * columns and rows; they never touch exceljs.
 */

export interface WorkbookInfo {
  /** The report's name, e.g. "Aging". */
  title: string;
  company: string;
  /** ISO 4217 code of the company's currency. */
  currency: string;
  asOf: IsoDate;
  /** Who made it: the signed-in user's name, or the command line's user. */
  creator: string;
  created: Date;
  /** The company's time zone, to say when it was made in the office's time. */
  timeZone: string;
}

/** A workbook's info from the company settings: who made it, when, as of what date. */
export function workbookInfo(
  company: { companyName: string; currency: string; timeZone: string },
  title: string,
  asOf: IsoDate,
  creator: string,
  created: Date,
): WorkbookInfo {
  return { title, company: company.companyName, currency: company.currency, asOf, creator, created, timeZone: company.timeZone };
}

export interface Column<R> {
  header: string;
  kind: ColumnKind;
  /** Cents for money, an ISO date for dates, an ISO instant for date-times, a whole number for integers, anything for text. */
  value: (row: R) => string | number | null;
  /** Sum this column in the totals row. */
  total?: boolean;
  /** Text for a null value (a KPI with a zero denominator is "n/a"); without it the cell stays empty. */
  nullText?: string;
  /**
   * A rate in the totals row from other columns' totals, never an average of the rows' rates: `of` names
   * totalled columns; `formula` gets their totals-row cells ("E12") and gives the Excel formula, `value`
   * gets their sums and gives the cached result (null shows `nullText`).
   */
  totalOf?: { of: readonly string[]; formula: (cells: string[]) => string; value: (sums: number[]) => number | null };
}

export interface TableSpec<R> {
  name: string;
  columns: readonly Column<R>[];
  rows: readonly R[];
}

export interface AboutSpec {
  /** What the report covers, as label and value (basis, account, sort...). */
  filters: readonly (readonly [string, string])[];
  /** Each figure's definition, by the column header it explains. */
  definitions: readonly (readonly [string, string])[];
  notes?: readonly string[];
}

/** Where a table's figures are, for a chart to refer to (charts.ts): ranges with the values the cells hold. */
export interface TableRef {
  sheet: string;
  /** A column's data rows. */
  column(header: string): { range: ChartRange; numbers: (number | null)[]; texts: string[] };
  /** The header cells of adjacent columns (the first to the last named) and their totals-row cells. */
  across(first: string, last: string): { headers: { range: ChartRange; texts: string[] }; totals: { range: ChartRange; numbers: (number | null)[] } };
}

/** A chart on the charts sheet: its figures as a column kind (money, percent...) for the axis format. */
export interface ChartDraft {
  type: ChartType;
  title: string;
  description: string;
  categories: { range: ChartRange; cached: readonly string[] };
  series: readonly ChartSeries[];
  kind: ColumnKind;
}

/** A chart's size on the charts sheet, in default columns and rows (about 770 x 400 px), one below the other. */
const CHART_COLS = 12;
const CHART_ROWS = 20;

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8ECF2' } };
const THIN: ExcelJS.Border = { style: 'thin', color: { argb: 'FF8A94A6' } };
/**
 * Every font names the workbook's default (Calibri, as exceljs writes it): a font with only `bold`
 * set makes LibreOffice fall back to a serif face.
 */
const font = (f: Partial<ExcelJS.Font> = {}): Partial<ExcelJS.Font> => ({ name: 'Calibri', family: 2, size: 11, ...f });
/** About sheet: the value column's width in characters, to know how many lines a long text wraps to. */
const ABOUT_VALUE_WIDTH = 90;
/** The widest a column grows (characters); longer text wraps onto more lines. */
const MAX_WIDTH = 60;
/** The most lines a wrapped cell's row grows to; beyond them the text is in the cell but not shown whole. */
const MAX_LINES = 8;
/** The width (characters) a long header wraps to, unless one of its words is longer. */
const HEADER_WIDTH = 13;
const longestWord = (text: string) => Math.max(...text.split(/\s+/).map((w) => w.length));
/** Lines a text takes when wrapped at word boundaries into lines of `width` characters (bold: a little wider). */
export function wrappedLines(text: string, width: number): number {
  let lines = 1;
  let used = 0;
  for (const word of text.split(/\s+/)) {
    if (used === 0) used = word.length;
    else if (used + 1 + word.length <= width) used += 1 + word.length;
    else {
      lines++;
      used = word.length;
    }
  }
  return lines;
}
/** Characters that fit across a Letter page in portrait at the default font and margins. */
const PORTRAIT_CHARS = 95;

/** Text inside a header or footer: "&" starts a code there, so a literal one is doubled. */
const headerText = (s: string) => s.replace(/&/g, '&&');

/** Rows of a long sheet written between two progress reports. */
const PROGRESS_EVERY = 5_000;

/**
 * `progress`, when given, hears of a long table's rows as they are written ("Writing Detail rows",
 * done, total): the report run's progress events (docs/reports.md, Long reports).
 */
export function createWorkbook(info: WorkbookInfo, progress?: (label: string, done: number, total: number) => void) {
  // Streamed (docs/decisions/023-workbooks.md): each row is written out as it is committed, so a
  // 100,000-row sheet never exists as cell objects; the zip's bytes are gathered here.
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  // Deflate level 1: a 100,000-row export spends about 0.5 s less compressing (docs/bench.md); the
  // package fix writes the final zip.
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: true, zip: { zlib: { level: 1 } } });
  wb.creator = info.creator;
  wb.lastModifiedBy = info.creator;
  wb.company = info.company;
  wb.title = `${info.title} as of ${info.asOf}`;
  wb.subject = info.title;
  wb.keywords = `as-of ${info.asOf}`;
  wb.description = `${info.title} for ${info.company}, as of ${info.asOf}, made by ${info.creator} with Ledgerdesk.`;
  wb.created = info.created;
  wb.modified = info.created;
  const names: string[] = [];
  const charts: ChartSpec[] = [];
  /** Each table sheet's autofilter range, for the package fix (package-fixes.ts) to name without reading the sheet. */
  const autoFilters = new Map<string, string>();
  /** The sheet being written: committed (its rows written out, no more changes) when the next begins. */
  let current: ExcelJS.Worksheet | null = null;

  function addSheet(wanted: string, wide: boolean, header: boolean): ExcelJS.Worksheet {
    const name = sheetName(wanted, names);
    names.push(name);
    current?.commit();
    const ws = wb.addWorksheet(name, {
      views: header ? [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }] : [{}],
      pageSetup: {
        orientation: wide ? 'landscape' : 'portrait',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        ...(header ? { printTitlesRow: '1:1' } : {}),
        margins: { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
      },
    });
    ws.headerFooter = {
      oddHeader: `&L&"-,Bold"${headerText(info.company)}&C${headerText(`${info.title}: ${name}`)}&RAs of ${info.asOf}`,
      oddFooter: `&L${headerText(`Made by ${info.creator}`)}&RPage &P of &N`,
    };
    current = ws;
    return ws;
  }

  return {
    /** The first sheet: what the workbook is, its filters and each figure's definition. Call before any table. */
    about(spec: AboutSpec): void {
      const ws = addSheet('About', false, false);
      ws.columns = [{ width: 26 }, { width: ABOUT_VALUE_WIDTH }];
      const line = (label: string, value: string | Date, bold = false) => {
        const row = ws.addRow([label, value]);
        row.getCell(1).font = font({ bold: true });
        row.getCell(2).font = font({ bold });
        row.getCell(2).alignment = { wrapText: true, vertical: 'top', horizontal: 'left' };
        row.getCell(1).alignment = { vertical: 'top' };
        // exceljs writes no row heights and LibreOffice does not grow a row for wrapped text on load.
        const lines = typeof value === 'string' ? Math.ceil(value.length / (ABOUT_VALUE_WIDTH * 1.2)) : 1;
        if (lines > 1) row.height = 15 * lines;
        if (value instanceof Date) row.getCell(2).numFmt = formatOf('date', info.currency)!;
        return row;
      };
      const heading = (text: string) => {
        ws.addRow([]);
        const row = ws.addRow([text]);
        row.getCell(1).font = font({ bold: true, size: 12 });
      };
      const title = ws.addRow([info.title]);
      title.getCell(1).font = font({ bold: true, size: 14 });
      line('Company', info.company);
      line('As of', dateToCell(info.asOf));
      line('Made by', info.creator);
      line('Made at', formatInstant(info.created, info.timeZone));
      line('Currency', info.currency);
      heading('Filters');
      for (const [label, value] of spec.filters) line(label, value);
      heading('Definitions');
      for (const [label, value] of spec.definitions) line(label, value);
      if (spec.notes?.length) {
        heading('Notes');
        for (const note of spec.notes) line('', note);
      }
    },

    /** A table sheet: header row, one row per item, a totals row below the filtered range. */
    table<R>(spec: TableSpec<R>): TableRef {
      const cols = spec.columns;
      // A long header wraps rather than widening a column of short figures ("Right-party contact rate"
      // over percentages): the column is as wide as its longest word or 13, whichever is more.
      const widths = cols.map((c) => Math.max(Math.min(c.header.length + 3, Math.max(longestWord(c.header) + 2, HEADER_WIDTH)), 8));
      const grow = (i: number, n: number) => {
        widths[i] = Math.max(widths[i]!, Math.min(n + 2, MAX_WIDTH));
      };
      const sums = cols.map(() => 0);
      const values = spec.rows.map((r) =>
        cols.map((c, i) => {
          const v = c.value(r);
          grow(i, shownLength(c.kind, v));
          if (c.total && typeof v === 'number') sums[i]! += v;
          return v;
        }),
      );
      cols.forEach((c, i) => {
        if (c.total) grow(i, shownLength(c.kind, sums[i]!));
      });
      const wide = widths.reduce((a, b) => a + b, 0) > PORTRAIT_CHARS;
      const ws = addSheet(spec.name, wide, true);
      // A text column after a figure starts one indent in, or its text runs into the right-aligned figure.
      const indent = (i: number) => (cols[i]!.kind === 'text' && i > 0 && cols[i - 1]!.kind !== 'text' ? 1 : 0);
      const columnStyle = (i: number): Partial<ExcelJS.Style> => {
        const numFmt = formatOf(cols[i]!.kind, info.currency);
        return numFmt ? { numFmt } : indent(i) ? { alignment: { horizontal: 'left', indent: 1 } } : {};
      };
      ws.columns = cols.map((_, i) => ({ width: widths[i]! + indent(i), style: columnStyle(i) }));
      // One style object per column, shared by its plain cells (never changed afterwards): exceljs looks
      // a style up by the object first, and a fresh object per cell made it render and compare each
      // cell's style as XML (half the time of a 100,000-row sheet).
      const shared = cols.map((_, i) => columnStyle(i));

      const header = ws.getRow(1);
      cols.forEach((c, i) => {
        const cell = header.getCell(i + 1);
        cell.value = c.header;
        cell.font = font({ bold: true });
        cell.fill = HEADER_FILL;
        cell.border = { bottom: THIN };
        cell.alignment = { vertical: 'middle', horizontal: c.kind === 'text' ? 'left' : 'right', indent: indent(i), wrapText: true };
      });
      // Tall enough for the most lines a header wraps to (LibreOffice does not grow rows on load).
      header.height = 3 + 15 * Math.max(...cols.map((c, i) => wrappedLines(c.header, widths[i]! - 1)));

      values.forEach((vals, r) => {
        const row = ws.getRow(r + 2);
        // Text longer than its column wraps (else it spills past the last column and the page shrinks
        // to fit it); the row is made tall enough, since LibreOffice does not grow rows on load.
        let lines = 1;
        let wrapped = false;
        vals.forEach((v, i) => {
          if (cols[i]!.kind !== 'text' || typeof v !== 'string' || v.length <= widths[i]! - 2) return;
          // A proportional font fits about 1.2 characters per unit of width (as on the About sheet).
          lines = Math.max(lines, Math.min(MAX_LINES, Math.ceil(v.length / ((widths[i]! - 2) * 1.2))));
          row.getCell(i + 1).alignment = { wrapText: true, vertical: 'top', horizontal: 'left', indent: indent(i) };
          wrapped = true;
        });
        if (lines > 1) {
          row.height = 15 * lines;
          vals.forEach((_, i) => {
            const cell = row.getCell(i + 1);
            if (!cell.alignment?.wrapText) cell.alignment = { ...cell.alignment, vertical: 'top' };
          });
        }
        vals.forEach((v, i) => {
          const col = cols[i]!;
          const cell = row.getCell(i + 1);
          if (v === null) {
            if (col.nullText !== undefined) {
              cell.value = col.nullText;
              cell.alignment = { horizontal: 'right' };
            }
            return;
          }
          if (!wrapped) cell.style = shared[i]!;
          const kind = col.kind;
          // Text stays text: exceljs stores a string as a shared string, never as a formula, whatever it starts with.
          cell.value =
            kind === 'money'
              ? centsToCell(Number(v))
              : kind === 'date'
                ? dateToCell(String(v))
                : kind === 'datetime'
                  ? instantToCell(String(v), info.timeZone)
                  : kind === 'text'
                    ? String(v)
                    : Number(v);
        });
        row.commit(); // written out now: the sheet keeps no cell objects behind it
        if (progress && (r + 1) % PROGRESS_EVERY === 0) progress(`Writing ${ws.name} rows`, r + 1, values.length);
      });

      const last = spec.rows.length + 1;
      const lastCol = ws.getColumn(cols.length).letter;
      ws.autoFilter = `A1:${lastCol}${last}`;
      autoFilters.set(ws.name, `A1:${lastCol}${last}`);

      const totals = ws.getRow(last + 1);
      totals.getCell(1).value = spec.rows.length === 0 ? 'No rows' : 'Total';
      cols.forEach((c, i) => {
        const cell = totals.getCell(i + 1);
        cell.font = font({ bold: true });
        cell.border = { top: THIN };
        if (c.totalOf && spec.rows.length > 0) {
          const of = c.totalOf.of.map((h) => {
            const k = cols.findIndex((x) => x.header === h && x.total);
            if (k < 0) throw new Error(`the total of "${c.header}" needs a totalled column "${h}"`);
            return k;
          });
          const result = c.totalOf.value(of.map((k) => sums[k]!));
          cell.value = { formula: c.totalOf.formula(of.map((k) => `${ws.getColumn(k + 1).letter}${last + 1}`)), result: result ?? c.nullText ?? '' };
          return;
        }
        if (!c.total || spec.rows.length === 0) return;
        const letter = ws.getColumn(i + 1).letter;
        // SUBTOTAL 109 sums the rows the autofilter shows; the cached result is the sum of every row,
        // computed here in cents, since exceljs does not calculate.
        cell.value = { formula: `SUBTOTAL(109,${letter}2:${letter}${last})`, result: c.kind === 'money' ? centsToCell(sums[i]!) : sums[i]! };
      });

      const sheet = ws.name;
      const indexOf = (header: string) => {
        const i = cols.findIndex((c) => c.header === header);
        if (i < 0) throw new Error(`the sheet ${sheet} has no column "${header}"`);
        return i;
      };
      const asNumber = (kind: ColumnKind, v: string | number | null) => (typeof v !== 'number' ? null : kind === 'money' ? centsToCell(v) : v);
      const letterOf = (i: number) => ws.getColumn(i + 1).letter;
      return {
        sheet,
        column(header) {
          const i = indexOf(header);
          return {
            range: { sheet, ref: `${letterOf(i)}2:${letterOf(i)}${last}` },
            numbers: values.map((v) => asNumber(cols[i]!.kind, v[i]!)),
            texts: values.map((v) => (v[i] === null ? '' : String(v[i]))),
          };
        },
        across(first, lastHeader) {
          const a = indexOf(first);
          const b = indexOf(lastHeader);
          const picked = cols.slice(a, b + 1);
          return {
            headers: { range: { sheet, ref: `${letterOf(a)}1:${letterOf(b)}1` }, texts: picked.map((c) => c.header) },
            totals: {
              range: { sheet, ref: `${letterOf(a)}${last + 1}:${letterOf(b)}${last + 1}` },
              numbers: picked.map((c, k) => (c.total && spec.rows.length > 0 ? asNumber(c.kind, sums[a + k]!) : null)),
            },
          };
        },
      };
    },

    /**
     * A sheet of native charts over the tables' figures (charts.ts), one below the other: call after the
     * tables they draw.
     */
    charts(name: string, drafts: readonly ChartDraft[], note: string): void {
      const ws = addSheet(name, true, false);
      ws.getCell('A1').value = name;
      ws.getCell('A1').font = font({ bold: true, size: 14 });
      ws.getCell('A2').value = note;
      ws.getCell('A2').font = font({ color: { argb: 'FF495057' } });
      drafts.forEach((d, i) => {
        const top = 3 + i * (CHART_ROWS + 2);
        // A chart never splits across two printed pages: each one after the first starts a page.
        if (i > 0) ws.getRow(top).addPageBreak();
        charts.push({
          sheet: ws.name,
          type: d.type,
          title: d.title,
          description: d.description,
          categories: d.categories,
          series: d.series,
          valueFormat: formatOf(d.kind, info.currency) ?? 'General',
          anchor: { col: 0, row: top, cols: CHART_COLS, rows: CHART_ROWS },
        });
      });
    },

    /** The .xlsx bytes, with the package fixes exceljs needs (package-fixes.ts). */
    async toBuffer(): Promise<Buffer> {
      current?.commit();
      await wb.commit();
      return fixPackage(Buffer.concat(chunks), charts, { company: info.company, autoFilters });
    },
  };
}
export type ReportWorkbook = ReturnType<typeof createWorkbook>;
