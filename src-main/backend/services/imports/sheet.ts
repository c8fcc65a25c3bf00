import type { ImportError } from '@shared/ipc/contract/imports';
import { invalid } from '../../errors';

/** A file's header and data rows as text, each row with the line (CSV) or row number (XLSX) it came from. */
export interface SheetData {
  format: 'csv' | 'xlsx';
  headers: string[];
  /** Line number of the header. */
  headerLine: number;
  rows: { line: number; cells: string[] }[];
  /**
   * Rows the reader could not take as they are (a quote never closed, more values than the header, a cell
   * too long): each is an error on its line, and the row is not checked further.
   */
  problems: ImportError[];
  /** A converted file (a QuickBooks export): the source file's column behind each canonical header, named in errors. */
  sourceColumns?: Record<string, string>;
}

// Limits of one import file (docs/import.md, "Limits"), enforced while it is read, so that a file past
// them is refused before it is built in memory.
export const MAX_IMPORT_ROWS = 200_000;
/** Excel's own limit for the text of one cell. */
export const MAX_CELL_CHARS = 32_767;
/** Cells of all rows, each row counted up to its last value: 200,000 rows of 20 columns. */
export const MAX_IMPORT_CELLS = 4_000_000;

const count = (n: number) => n.toLocaleString('en-US');

/** Collects the rows of a sheet as they are read; throws at the first row or cell past a limit. */
export class SheetBuilder {
  headers: string[] | null = null;
  headerLine = 0;
  readonly rows: SheetData['rows'] = [];
  readonly problems: ImportError[] = [];
  private cells = 0;

  constructor(private readonly fileName: string) {}

  /** The file's name for a column: its header, else its position. */
  columnName(index: number): string {
    return this.headers?.[index]?.trim() || `column ${index + 1}`;
  }

  /** Adds a row (the first non-empty one is the header); rows with no value are skipped. */
  add(line: number, cells: string[]): void {
    if (!cells.some((c) => c.trim() !== '')) return;
    this.cells += cells.length;
    if (this.cells > MAX_IMPORT_CELLS)
      throw invalid(
        `${this.fileName} has more than ${count(MAX_IMPORT_CELLS)} cells (line ${line}); remove the columns that are not imported, or split it into smaller files.`,
      );
    if (!this.headers) {
      const long = cells.findIndex((c) => c.length > MAX_CELL_CHARS);
      if (long >= 0) throw invalid(`${this.fileName}, line ${line}: header ${long + 1} is longer than ${count(MAX_CELL_CHARS)} characters.`);
      this.headers = cells.map((h) => h.trim());
      this.headerLine = line;
      return;
    }
    if (this.rows.length >= MAX_IMPORT_ROWS)
      throw invalid(`${this.fileName} has more than ${count(MAX_IMPORT_ROWS)} rows (line ${line} is one too many); split it into smaller files.`);
    this.rows.push({ line, cells });
    const long = cells.findIndex((c) => c.length > MAX_CELL_CHARS);
    if (long >= 0) this.problem(line, long, `holds ${count(cells[long]!.length)} characters; a cell holds at most ${count(MAX_CELL_CHARS)}`);
  }

  /** A row error found while reading; the first one of a row is kept. */
  problem(line: number, column: number, reason: string): void {
    if (this.problems.at(-1)?.line !== line) this.problems.push({ line, column: this.columnName(column), reason });
  }

  done(format: SheetData['format'], emptyMessage: string): SheetData {
    if (!this.headers) throw invalid(emptyMessage);
    return { format, headers: this.headers, headerLine: this.headerLine, rows: this.rows, problems: this.problems };
  }
}
