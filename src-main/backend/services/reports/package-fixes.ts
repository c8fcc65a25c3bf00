import JSZip from 'jszip';
import { addCharts, type ChartSpec } from './charts';

/**
 * Fixes to the .xlsx package exceljs writes, made on the zip after writing (docs/decisions/023-workbooks.md).
 *
 * 1. LibreOffice shows and keeps a sheet's autofilter only when the workbook also defines the hidden
 *    name `_xlnm._FilterDatabase` for that sheet (LibreOffice bug 118592; exceljs issue #2778: exceljs
 *    writes the sheet's <autoFilter> but not the name). Excel writes the name itself; we add one per
 *    sheet with an autofilter: local to the sheet (localSheetId, the sheet's 0-based position in
 *    <sheets>), hidden, over the same range, absolute, the sheet name quoted.
 * 2. exceljs quotes the sheet name in the print titles it defines without doubling an apostrophe
 *    ('O'Brien'!$1:$1), which LibreOffice misreads: such references are quoted again, properly.
 * 3. exceljs writes a font's children in the order it keeps them (color, family, scheme, sz, name), not
 *    the schema's sequence, which strict readers and the OOXML validator reject: they are put in order.
 * 4. Charts, which exceljs cannot write, are added as native chart parts (charts.ts).
 * 5. exceljs's streaming writer leaves the Company property empty (it passes only the sheet list to
 *    docProps/app.xml): `known.company` is written there.
 *
 * The parts it does not change (the large sheets) keep their compressed bytes: JSZip copies them as they
 * are. The writer may say where each sheet's autofilter is (`known.autoFilters`, by sheet name), so that
 * a 100,000-row sheet is not inflated only to find it; without that, each sheet is read.
 */
export async function fixPackage(
  xlsx: Buffer,
  charts: readonly ChartSpec[] = [],
  known: { company?: string; autoFilters?: ReadonlyMap<string, string> } = {},
): Promise<Buffer> {
  const zip = await JSZip.loadAsync(xlsx);
  const workbookXml = await text(zip, 'xl/workbook.xml');
  const rels = await text(zip, 'xl/_rels/workbook.xml.rels');
  const names: string[] = [];
  const sheetParts = new Map<string, string>();
  const sheets = [...workbookXml.matchAll(/<sheet\b[^>]*>/g)].map((m) => m[0]);
  for (const [index, tag] of sheets.entries()) {
    const name = unescapeXml(attr(tag, 'name'));
    const part = `xl/${relTarget(rels, attr(tag, 'r:id')).replace(/^\/?xl\//, '')}`;
    sheetParts.set(name, part);
    const ref = known.autoFilters ? known.autoFilters.get(name) : /<autoFilter\b[^>]*\bref="([A-Z]+\d+:[A-Z]+\d+)"/.exec(await text(zip, part))?.[1];
    if (!ref || hasFilterDatabase(workbookXml, index)) continue;
    names.push(
      `<definedName name="_xlnm._FilterDatabase" localSheetId="${index}" hidden="1">${escapeXml(`${quoteSheet(name)}!${absolute(ref)}`)}</definedName>`,
    );
  }
  let fixed = requoteDefinedNames(
    workbookXml,
    sheets.map((tag) => unescapeXml(attr(tag, 'name'))),
  );
  if (names.length > 0) {
    fixed = fixed.includes('<definedNames>')
      ? fixed.replace('<definedNames>', `<definedNames>${names.join('')}`)
      : fixed.replace('</sheets>', `</sheets><definedNames>${names.join('')}</definedNames>`);
  }
  zip.file('xl/workbook.xml', fixed);
  await addCharts(zip, charts, sheetParts);
  const styles = zip.file('xl/styles.xml');
  if (styles) zip.file('xl/styles.xml', orderFontChildren(await styles.async('string')));
  const app = zip.file('docProps/app.xml');
  if (app && known.company)
    zip.file('docProps/app.xml', (await app.async('string')).replace(/<Company\s*\/>|<Company><\/Company>/, `<Company>${escapeXml(known.company)}</Company>`));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** A sheet name as a formula reference: always quoted, an apostrophe doubled ('O''Brien''s list'). */
export const quoteSheet = (name: string): string => `'${name.replace(/'/g, "''")}'`;

/** A1:H20 -> $A$1:$H$20 */
export const absolute = (ref: string): string => ref.replace(/([A-Z]+)(\d+)/g, '$$$1$$$2');

const FONT_ORDER = ['b', 'i', 'strike', 'condense', 'extend', 'outline', 'shadow', 'u', 'vertAlign', 'sz', 'color', 'name', 'family', 'charset', 'scheme'];

/** Each <font>'s child elements (all empty elements in what exceljs writes) in the schema's order. */
export function orderFontChildren(xml: string): string {
  return xml.replace(/<font>((?:<[a-zA-Z]+\b[^>]*\/>)*)<\/font>/g, (_all, inner: string) => {
    const children = [...inner.matchAll(/<([a-zA-Z]+)\b[^>]*\/>/g)].map((m) => ({ tag: m[1]!, xml: m[0] }));
    const rank = (t: string) => {
      const i = FONT_ORDER.indexOf(t);
      return i < 0 ? FONT_ORDER.length : i;
    };
    children.sort((a, b) => rank(a.tag) - rank(b.tag));
    return `<font>${children.map((c) => c.xml).join('')}</font>`;
  });
}

/** Each sheet-local defined name's reference to its own sheet, quoted with apostrophes doubled. */
function requoteDefinedNames(workbookXml: string, sheetNames: readonly string[]): string {
  return workbookXml.replace(/(<definedName\b[^>]*\blocalSheetId="(\d+)"[^>]*>)([^<]*)<\/definedName>/g, (all, open: string, id: string, body: string) => {
    const name = sheetNames[Number(id)];
    const ref = unescapeXml(body);
    if (name === undefined || !name.includes("'") || !ref.startsWith(`'${name}'!`)) return all;
    return `${open}${escapeXml(quoteSheet(name) + ref.slice(name.length + 2))}</definedName>`;
  });
}

function hasFilterDatabase(workbookXml: string, index: number): boolean {
  return new RegExp(`<definedName\\b(?=[^>]*name="_xlnm._FilterDatabase")(?=[^>]*localSheetId="${index}")`).test(workbookXml);
}

async function text(zip: JSZip, path: string): Promise<string> {
  const f = zip.file(path);
  if (!f) throw new Error(`the workbook package has no ${path}`);
  return f.async('string');
}

function attr(tag: string, name: string): string {
  const v = new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
  if (v === undefined) throw new Error(`<sheet> without ${name} in the workbook package`);
  return v;
}

function relTarget(rels: string, id: string): string {
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) if (attr(m[0], 'Id') === id) return attr(m[0], 'Target');
  throw new Error(`the workbook package has no relationship ${id}`);
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const unescapeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
