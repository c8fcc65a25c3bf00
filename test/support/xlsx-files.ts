import fs from 'node:fs';
import zlib from 'node:zlib';

/**
 * Large and hostile .xlsx files made at run time (never committed): written as raw parts so that a test
 * can make a million rows in a second, or a zip entry whose declared size lies, which no library writes.
 */
export interface ZipPart {
  name: string;
  data: Buffer;
  /** The uncompressed size the zip headers declare; the true size unless a test wants a lie. */
  declaredSize?: number;
}

/** A zip of deflated parts (no zip64: every part under 4 GB). */
export function zipParts(parts: ZipPart[], level = 1): Buffer {
  const out: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const body = zlib.deflateRawSync(p.data, { level });
    const crc = zlib.crc32(p.data);
    const size = p.declaredSize ?? p.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt16LE(0x21, 14);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(body.length, 20);
    dir.writeUInt32LE(size, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    out.push(local, name, body);
    central.push(dir, name);
    offset += local.length + name.length + body.length;
  }
  const dirBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...out, dirBytes, end]);
}

const xml = (s: string) => Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${s}`, 'utf8');
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The parts every workbook has around its one worksheet; style 1 shows dates (numFmtId 14). */
function workbookParts(sheet: Buffer, strings: Buffer | null, stringsDeclaredSize?: number): ZipPart[] {
  const parts: ZipPart[] = [
    {
      name: '[Content_Types].xml',
      data: xml(
        `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${strings ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' : ''}</Types>`,
      ),
    },
    {
      name: '_rels/.rels',
      data: xml(
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ),
    },
    {
      name: 'xl/workbook.xml',
      data: xml(`<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: xml(
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/>${strings ? `<Relationship Id="rId3" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` : ''}</Relationships>`,
      ),
    },
    {
      name: 'xl/styles.xml',
      data: xml(
        `<styleSheet xmlns="${MAIN}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`,
      ),
    },
    { name: 'xl/worksheets/sheet1.xml', data: sheet },
  ];
  if (strings) parts.push({ name: 'xl/sharedStrings.xml', data: strings, declaredSize: stringsDeclaredSize });
  return parts;
}

const sheetXml = (rows: Buffer) => Buffer.concat([xml(`<worksheet xmlns="${MAIN}"><sheetData>`), rows, Buffer.from('</sheetData></worksheet>')]);
const PAYMENT_HEADER = ['payment_reference', 'account_number', 'payment_date', 'amount', 'memo'];

/**
 * A payments workbook as Excel writes one: text in shared strings, dates as numbers with a date style.
 * `rows` data rows after the header; a million make a file of about 20 MB.
 */
export function paymentsWorkbook(rows: number, level = 1): Buffer {
  const accounts = Array.from({ length: 5000 }, (_, i) => `A-${1000 + i}`);
  const memos = Array.from({ length: 1000 }, (_, i) => `lockbox batch ${i} item ${(i * 37) % 113}`);
  const strings = [...PAYMENT_HEADER, ...accounts, ...memos];
  const header = `<row r="1">${PAYMENT_HEADER.map((_, i) => `<c r="${'ABCDE'[i]}1" t="s"><v>${i}</v></c>`).join('')}</row>`;
  const chunks: Buffer[] = [Buffer.from(header)];
  let batch = '';
  for (let n = 1; n <= rows; n++) {
    const r = n + 1;
    const account = PAYMENT_HEADER.length + (n % accounts.length);
    const memo = PAYMENT_HEADER.length + accounts.length + ((n * 7) % memos.length);
    batch += `<row r="${r}"><c r="A${r}"><v>${7_000_000 + n}</v></c><c r="B${r}" t="s"><v>${account}</v></c><c r="C${r}" s="1"><v>${45658 + (n % 150)}</v></c><c r="D${r}"><v>${(n % 2000) / 4 + 1}</v></c><c r="E${r}" t="s"><v>${memo}</v></c></row>`;
    if (n % 10_000 === 0) {
      chunks.push(Buffer.from(batch));
      batch = '';
    }
  }
  chunks.push(Buffer.from(batch));
  const sst = xml(
    `<sst xmlns="${MAIN}" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((t) => `<si><t>${escapeXml(t)}</t></si>`).join('')}</sst>`,
  );
  return zipParts(workbookParts(sheetXml(Buffer.concat(chunks)), sst), level);
}

/**
 * A small workbook whose one data row points at one shared string of `chars` characters. With
 * `declaredSize`, the zip claims the shared strings part is that many bytes, whatever it holds.
 */
export function longStringWorkbook(chars: number, declaredSize?: number): Buffer {
  const header = PAYMENT_HEADER.map((h) => `<si><t>${h}</t></si>`).join('');
  const strings = Buffer.concat([
    xml(`<sst xmlns="${MAIN}" count="6" uniqueCount="6">${header}<si><t>`),
    Buffer.alloc(chars, 'x'),
    Buffer.from('</t></si></sst>'),
  ]);
  const rows = `<row r="1">${PAYMENT_HEADER.map((_, i) => `<c r="${'ABCDE'[i]}1" t="s"><v>${i}</v></c>`).join('')}</row><row r="2"><c r="A2" t="inlineStr"><is><t>LB-1</t></is></c><c r="B2" t="inlineStr"><is><t>A-100</t></is></c><c r="C2" s="1"><v>45658</v></c><c r="D2"><v>10</v></c><c r="E2" t="s"><v>5</v></c></row>`;
  return zipParts(workbookParts(sheetXml(Buffer.from(rows)), strings, declaredSize), 9);
}

/** `rows` rows, each with a value in column A and one in Excel's last column, XFD: 16,384 cells a row. */
export function wideWorkbook(rows: number): Buffer {
  let body = '';
  for (let r = 1; r <= rows; r++) body += `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>row ${r}</t></is></c><c r="XFD${r}"><v>${r}</v></c></row>`;
  return zipParts(workbookParts(sheetXml(Buffer.from(body)), null));
}

/** A workbook whose one worksheet's sheetData holds `rows`, the XML given. */
export function sheetWorkbook(rows: string): Buffer {
  return zipParts(workbookParts(sheetXml(Buffer.from(rows)), null));
}

export function writeFile(path: string, bytes: Buffer): string {
  fs.writeFileSync(path, bytes);
  return path;
}
