import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { tempDir } from './store';

/**
 * Reading a workbook back as Excel and LibreOffice would (docs/reports.md, How workbooks are checked):
 * exceljs for cells, the zip for raw XML, LibreOffice headless for its conversions, the OOXML validator.
 */

export async function readWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

/** One part of the package as text (xl/workbook.xml, xl/worksheets/sheet2.xml...). */
export async function packagePart(bytes: Buffer, name: string): Promise<string> {
  const f = (await JSZip.loadAsync(bytes)).file(name);
  if (!f) throw new Error(`no ${name} in the workbook`);
  return f.async('string');
}

/**
 * LibreOffice headless converts the files into `outDir`, in one start of LibreOffice: each call has a
 * profile of its own, so tests running at once do not share (and lock) one.
 */
export function libreOfficeConvert(files: string[], to: string, outDir: string): void {
  const profile = path.join(tempDir(), 'lo-profile');
  execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', to, '--outdir', outDir, ...files], {
    stdio: 'pipe',
    timeout: 120_000,
  });
}

/** LibreOffice's CSV filter: comma, double quote, UTF-8, raw values (not as shown), every sheet to its own file (name-Sheet.csv). */
export const CSV_EVERY_SHEET = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1';

/** The OOXML schema validator's findings (an empty list when the file is valid). */
export function ooxmlFindings(file: string): { description?: string; path?: { xpath?: string; partUri?: string } }[] {
  const bin = path.resolve('node_modules/.bin/ooxml-validate');
  const text = execFileSync(bin, ['--output-format', 'json', file], { encoding: 'utf8', timeout: 120_000 });
  return JSON.parse(text) as { description?: string }[];
}

export function writeTemp(bytes: Buffer, name: string): string {
  const file = path.join(tempDir(), name);
  fs.writeFileSync(file, bytes);
  return file;
}

/** A chart part's series, as a reader sees them: the range each refers to and the values cached for it. */
export async function chartSeries(bytes: Buffer, part: string): Promise<{ title: string; categories: string; values: string; cached: (number | null)[] }[]> {
  const xml = await packagePart(bytes, part);
  const fromXml = (t: string) =>
    t
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  const title = [...(/<c:title>([\s\S]*?)<\/c:title>/.exec(xml)?.[1] ?? '').matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => m[1]).join('');
  return [...xml.matchAll(/<c:ser>([\s\S]*?)<\/c:ser>/g)].map((m) => {
    const ser = m[1]!;
    const cat = /<c:cat>[\s\S]*?<c:f>([^<]*)<\/c:f>/.exec(ser)?.[1] ?? '';
    const val = /<c:val>([\s\S]*?)<\/c:val>/.exec(ser)?.[1] ?? '';
    const count = Number(/<c:ptCount val="(\d+)"/.exec(val)?.[1] ?? 0);
    const cached: (number | null)[] = Array.from({ length: count }, () => null);
    for (const p of val.matchAll(/<c:pt idx="(\d+)"[^>]*><c:v>([^<]*)<\/c:v><\/c:pt>/g)) cached[Number(p[1])] = Number(p[2]);
    return { title: fromXml(title), categories: fromXml(cat), values: fromXml(/<c:f>([^<]*)<\/c:f>/.exec(val)?.[1] ?? ''), cached };
  });
}
