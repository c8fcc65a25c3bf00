import Papa from 'papaparse';
import { invalid } from '../../errors';
import { SheetBuilder, type SheetData } from './sheet';

/** Text of a file: UTF-16 with its mark, UTF-8, else Windows-1252 read as Latin-1 (also used by the QuickBooks IIF reader). */
export function decodeText(bytes: Buffer): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // Not valid UTF-8 (a Windows-1252 export): read it as Latin-1 rather than show replacement characters.
  if (text.includes('\ufffd')) text = bytes.toString('latin1');
  return text;
}

/** Line numbers as an editor shows them: 1 + the newlines before an offset. */
function lineIndex(text: string): (offset: number) => number {
  const newlines: number[] = [];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) newlines.push(i);
  return (offset) => {
    let lo = 0;
    let hi = newlines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (newlines[mid]! < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };
}

/** Where a record's text begins: past the blank lines (and lines of bare separators) skipped before it. */
function recordStart(text: string, from: number, delimiter: string): number {
  let i = from;
  while (i < text.length && (text[i] === delimiter || /\s/.test(text[i]!))) i++;
  return i;
}

/** Where a record's text ends: its last character that is not a line break or a space. */
function recordEnd(text: string, cursor: number): number {
  let i = Math.min(cursor, text.length) - 1;
  while (i > 0 && /\s/.test(text[i]!)) i--;
  return i;
}

const separatorName = (d: string) => (d === '\t' ? 'tab' : d);

/**
 * A CSV file. The parser's own errors are row errors (docs/import.md): a quote never closed swallows the
 * rest of the file into one value, so such a row is reported, never read.
 */
export function readCsv(fileName: string, bytes: Buffer): SheetData {
  const text = decodeText(bytes);
  const lineAt = lineIndex(text);
  const sheet = new SheetBuilder(fileName);
  /** The header's columns, up to its last named one. */
  let width = 0;
  let from = 0;
  let failure: unknown;

  /** The row error for the parser's quote errors in one record, if any. */
  const quoteProblem = (errors: Papa.ParseError[], start: number, cursor: number, delimiter: string) => {
    const quotes = errors.filter((e) => e.type === 'Quotes' && e.index !== undefined);
    if (quotes.length === 0) return null;
    const at = Math.min(...quotes.map((e) => e.index!));
    // The value the quote opens: count the values before it, which the parser read without error.
    const column = (Papa.parse<string[]>(text.slice(start, at), { delimiter }).data[0]?.length ?? 1) - 1;
    const quoteLine = lineAt(at);
    const lastLine = lineAt(recordEnd(text, cursor));
    const swallowed = lastLine > quoteLine ? `, so lines ${quoteLine}-${lastLine} were read as one value` : '';
    const here = quoteLine === lineAt(start) ? 'here' : `on line ${quoteLine}`;
    const advice = 'write a quote inside a value as two quotes ("")';
    const reason = quotes.some((e) => e.code === 'InvalidQuotes')
      ? `a quoted value goes on after its closing quote${quotes.some((e) => e.code === 'MissingQuotes') ? swallowed : ''}; put the whole value in quotes and ${advice}`
      : `a quote opened ${here} is never closed${swallowed}; close it, and ${advice}`;
    return { column, reason };
  };

  /** The row error for a row with more values than the header (a separator inside a value), or fewer. */
  const widthProblem = (cells: string[], delimiter: string) => {
    let used = cells.length;
    while (used > 0 && cells[used - 1]!.trim() === '') used--;
    if (used > width) {
      let column = width;
      while (cells[column]!.trim() === '') column++;
      return {
        column,
        reason: `the row has ${used} values but the header has ${width} columns; a value holding the separator (${separatorName(delimiter)}) must be in quotes`,
      };
    }
    if (cells.length < width) return { column: cells.length, reason: `the row has ${cells.length} values but the header has ${width} columns` };
    return null;
  };

  Papa.parse<string[]>(text, {
    // 'greedy' also lets the separator be guessed past blank lines (a short ;-file ending in a newline).
    skipEmptyLines: 'greedy',
    delimitersToGuess: [',', ';', '\t', '|'],
    step: (r, parser) => {
      const { delimiter, cursor } = r.meta;
      const start = recordStart(text, from, delimiter);
      from = cursor;
      const line = lineAt(start);
      const cells = r.data.map((c) => (c == null ? '' : String(c)));
      try {
        const quote = quoteProblem(r.errors, start, cursor, delimiter);
        if (!sheet.headers) {
          if (quote) throw invalid(`${fileName}, line ${line}: ${quote.reason}.`);
          if (cells.length === 1 && r.errors.some((e) => e.code === 'UndetectableDelimiter')) {
            throw invalid(
              `The columns of ${fileName} are not separated by a comma, semicolon, tab or pipe (line ${line} reads as one column); save it as CSV with one of those.`,
            );
          }
          sheet.add(line, cells);
          width = sheet.headers!.length;
          while (width > 0 && sheet.headers![width - 1] === '') width--;
          return;
        }
        const problem = quote ?? widthProblem(cells, delimiter);
        if (problem) sheet.problem(line, problem.column, problem.reason);
        sheet.add(line, cells);
      } catch (err) {
        failure = err;
        parser.abort();
      }
    },
  });
  if (failure) throw failure;
  return sheet.done('csv', 'The file is empty: it needs a header row and at least one data row.');
}
