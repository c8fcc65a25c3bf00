/** One data row as a kind's reader sees it: cells by canonical column, and a way to report a problem in one. */
export interface RowReader {
  line: number;
  /** The import key cell (first column of the kind). */
  key: string;
  get(canonical: string): string;
  /** The cell, or an error "is empty; this column is required" and ''. */
  required(canonical: string): string;
  fail(canonical: string, reason: string): void;
}
