import { invalid } from '../../errors';
import { readCsv } from './read-csv';
import { readXlsx } from './read-xlsx';
import type { SheetData } from './sheet';

export type { SheetData } from './sheet';
export { MAX_CELL_CHARS, MAX_IMPORT_CELLS, MAX_IMPORT_ROWS } from './sheet';

/** A CSV or XLSX file, decided by its first bytes (an XLSX is a zip: "PK\x03\x04"), else by its name. */
export async function readSheet(fileName: string, bytes: Buffer): Promise<SheetData> {
  const isZip = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  if (isZip || /\.xlsx$/i.test(fileName)) {
    if (!isZip) throw invalid(`${fileName} is named .xlsx but is not an Excel workbook.`);
    return readXlsx(fileName, bytes);
  }
  if (/\.xls$/i.test(fileName)) throw invalid(`${fileName} is an old-style .xls workbook; save it as .xlsx or CSV and import that.`);
  return readCsv(fileName, bytes);
}
