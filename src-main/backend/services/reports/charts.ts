import type JSZip from 'jszip';

/**
 * Native Excel charts, written as DrawingML parts into the package exceljs wrote (exceljs cannot write
 * charts: docs/decisions/024-charts-in-workbooks.md). A chart refers to cell ranges of the workbook, so
 * Excel and LibreOffice redraw it when a filter or an edit changes the figures; the values it shows until
 * then are cached in the chart part, like a formula's cached result.
 */

/** A range of one sheet, A1-style without the sheet ("B2:B13", or one cell "B1"). */
export interface ChartRange {
  sheet: string;
  ref: string;
}

export interface ChartSeries {
  name: string;
  values: ChartRange;
  /** The values the cells hold now (null: an empty or "n/a" cell, left as a gap). */
  cached: readonly (number | null)[];
  /** A column of its own color per category (the aging buckets, current to oldest). */
  pointColors?: readonly string[];
}

export type ChartType = 'column' | 'stackedColumn' | 'line';

export interface ChartSpec {
  /** The sheet the chart is drawn on. */
  sheet: string;
  type: ChartType;
  title: string;
  /** Alternative text: what the chart shows, for a screen reader. */
  description: string;
  categories: { range: ChartRange; cached: readonly string[] };
  series: readonly ChartSeries[];
  /** The value axis' number format (money, a decimal, a percent). */
  valueFormat: string;
  /** The top-left cell (0-based column and row) and the size in columns and rows. */
  anchor: { col: number; row: number; cols: number; rows: number };
}

/** Series colors: the app's blue, then colors that stay apart when printed in grey. */
const PALETTE = ['1C7ED6', 'F59F00', '2F9E44', 'E03131', '7048E8', '0CA678', 'D6336C', '495057'];
/** Aging buckets, current to oldest: green to dark red. */
export const BUCKET_PALETTE = ['2F9E44', '94D82D', 'FAB005', 'F76707', 'E03131', 'A61E4D', '5F3DC4', '343A40'];

const NS_C = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
const NS_A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_XDR = 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing';
const REL_CHART = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart';
const REL_DRAWING = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing';
const CT_CHART = 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml';
const CT_DRAWING = 'application/vnd.openxmlformats-officedocument.drawing+xml';

export const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** 'Sheet name'!$B$2:$B$13: always quoted, an apostrophe doubled, absolute. */
export function rangeFormula(r: ChartRange): string {
  return `'${r.sheet.replace(/'/g, "''")}'!${r.ref.replace(/([A-Z]+)(\d+)/g, '$$$1$$$2')}`;
}

/** A number as the chart cache writes it: exactly the cell's value (the shortest decimal that reads back the same double). */
const num = (n: number) => String(n + 0);

function strCache(values: readonly string[]): string {
  return `<c:strCache><c:ptCount val="${values.length}"/>${values.map((v, i) => `<c:pt idx="${i}"><c:v>${escapeXml(v)}</c:v></c:pt>`).join('')}</c:strCache>`;
}

function numCache(values: readonly (number | null)[], format: string): string {
  const pts = values.map((v, i) => (v === null || !Number.isFinite(v) ? '' : `<c:pt idx="${i}"><c:v>${num(v)}</c:v></c:pt>`)).join('');
  return `<c:numCache><c:formatCode>${escapeXml(format)}</c:formatCode><c:ptCount val="${values.length}"/>${pts}</c:numCache>`;
}

function richText(text: string, size: number, bold: boolean): string {
  const b = bold ? ' b="1"' : ' b="0"';
  return `<c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}"${b}/></a:pPr><a:r><a:rPr lang="en-US" sz="${size}"${b}/><a:t>${escapeXml(text)}</a:t></a:r></a:p></c:rich>`;
}

/** The text of axis labels and the legend: 9 pt grey. */
const SMALL_TEXT =
  '<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="900"><a:solidFill><a:srgbClr val="495057"/></a:solidFill></a:defRPr></a:pPr><a:endParaRPr lang="en-US"/></a:p></c:txPr>';
const GRID_LINE = '<c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="DEE2E6"/></a:solidFill></a:ln></c:spPr>';
const AXIS_LINE = '<c:spPr><a:ln w="9525"><a:solidFill><a:srgbClr val="ADB5BD"/></a:solidFill></a:ln></c:spPr>';

function seriesXml(spec: ChartSpec, s: ChartSeries, i: number): string {
  const colors = spec.series.length > 1 && spec.type === 'stackedColumn' ? BUCKET_PALETTE : PALETTE;
  const color = colors[i % colors.length]!;
  const tx = `<c:tx><c:v>${escapeXml(s.name)}</c:v></c:tx>`;
  const cat = `<c:cat><c:strRef><c:f>${escapeXml(rangeFormula(spec.categories.range))}</c:f>${strCache(spec.categories.cached)}</c:strRef></c:cat>`;
  const val = `<c:val><c:numRef><c:f>${escapeXml(rangeFormula(s.values))}</c:f>${numCache(s.cached, spec.valueFormat)}</c:numRef></c:val>`;
  if (spec.type === 'line') {
    const line = `<c:spPr><a:ln w="28575" cap="rnd"><a:solidFill><a:srgbClr val="${color}"/></a:solidFill><a:round/></a:ln></c:spPr>`;
    const marker = `<c:marker><c:symbol val="circle"/><c:size val="5"/><c:spPr><a:solidFill><a:srgbClr val="${color}"/></a:solidFill><a:ln><a:noFill/></a:ln></c:spPr></c:marker>`;
    return `<c:ser><c:idx val="${i}"/><c:order val="${i}"/>${tx}${line}${marker}${cat}${val}<c:smooth val="0"/></c:ser>`;
  }
  const solid = (c: string) => `<c:spPr><a:solidFill><a:srgbClr val="${c}"/></a:solidFill></c:spPr>`;
  const points = (s.pointColors ?? [])
    .map((c, p) => `<c:dPt><c:idx val="${p}"/><c:invertIfNegative val="0"/><c:bubble3D val="0"/>${solid(c)}</c:dPt>`)
    .join('');
  return `<c:ser><c:idx val="${i}"/><c:order val="${i}"/>${tx}${solid(color)}<c:invertIfNegative val="0"/>${points}${cat}${val}</c:ser>`;
}

/** The chart part (xl/charts/chartN.xml) for one chart. */
export function chartXml(spec: ChartSpec): string {
  if (spec.series.length === 0) throw new Error(`the chart "${spec.title}" has no series`);
  for (const s of spec.series) {
    if (s.cached.length !== spec.categories.cached.length) {
      throw new Error(`the chart "${spec.title}": series "${s.name}" has ${s.cached.length} values for ${spec.categories.cached.length} categories`);
    }
  }
  const series = spec.series.map((s, i) => seriesXml(spec, s, i)).join('');
  const axes = '<c:axId val="500001"/><c:axId val="500002"/>';
  const plot =
    spec.type === 'line'
      ? `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series}<c:marker val="1"/>${axes}</c:lineChart>`
      : `<c:barChart><c:barDir val="col"/><c:grouping val="${spec.type === 'stackedColumn' ? 'stacked' : 'clustered'}"/><c:varyColors val="0"/>${series}<c:gapWidth val="60"/>${
          spec.type === 'stackedColumn' ? '<c:overlap val="100"/>' : ''
        }${axes}</c:barChart>`;
  const catAx =
    '<c:catAx><c:axId val="500001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="0"/>' +
    `<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="low"/>${AXIS_LINE}${SMALL_TEXT}<c:crossAx val="500002"/><c:crosses val="autoZero"/>` +
    '<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>';
  const valAx =
    `<c:valAx><c:axId val="500002"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:majorGridlines>${GRID_LINE}</c:majorGridlines>` +
    `<c:numFmt formatCode="${escapeXml(axisFormat(spec.valueFormat))}" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
    `<c:spPr><a:ln><a:noFill/></a:ln></c:spPr>${SMALL_TEXT}<c:crossAx val="500001"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<c:chartSpace xmlns:c="${NS_C}" xmlns:a="${NS_A}" xmlns:r="${NS_R}"><c:roundedCorners val="0"/><c:chart>` +
    `<c:title><c:tx>${richText(spec.title, 1200, true)}</c:tx><c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>` +
    `<c:plotArea><c:layout/>${plot}${catAx}${valAx}</c:plotArea>` +
    // One series needs no legend: the title names it.
    `${spec.series.length > 1 ? `<c:legend><c:legendPos val="b"/><c:overlay val="0"/>${SMALL_TEXT}</c:legend>` : ''}<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>` +
    '<c:spPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:ln><a:noFill/></a:ln></c:spPr>' +
    '</c:chartSpace>'
  );
}

/**
 * An axis shows whole amounts and a zero as 0: the money format without its cents and without the dash
 * it shows for zero in a grid ("$"#,##0.00;[Red]-"$"#,##0.00;"-" -> "$"#,##0;[Red]-"$"#,##0).
 */
export function axisFormat(format: string): string {
  return format
    .replace(/#,##0\.00/g, '#,##0')
    .split(';')
    .slice(0, 2)
    .join(';');
}

/** The drawing part (xl/drawings/drawingN.xml) placing a sheet's charts; chart i is relationship rId(i+1). */
export function drawingXml(specs: readonly ChartSpec[], firstShapeId = 2): string {
  const anchors = specs.map((s, i) => {
    const { col, row, cols, rows } = s.anchor;
    const cell = (tag: string, c: number, r: number) =>
      `<xdr:${tag}><xdr:col>${c}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${r}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
    return (
      `<xdr:twoCellAnchor editAs="oneCell">${cell('from', col, row)}${cell('to', col + cols, row + rows)}` +
      `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${firstShapeId + i}" name="${escapeXml(`Chart ${i + 1}`)}" descr="${escapeXml(s.description)}" title="${escapeXml(s.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
      '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>' +
      `<a:graphic><a:graphicData uri="${NS_C}"><c:chart xmlns:c="${NS_C}" r:id="rId${i + 1}"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
    );
  });
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="${NS_XDR}" xmlns:a="${NS_A}" xmlns:r="${NS_R}">${anchors.join('')}</xdr:wsDr>`;
}

/** Elements a worksheet's <drawing> must come before (CT_Worksheet's sequence). */
const AFTER_DRAWING = [
  '<legacyDrawing',
  '<legacyDrawingHF',
  '<drawingHF',
  '<picture',
  '<oleObjects',
  '<controls',
  '<webPublishItems',
  '<tableParts',
  '<extLst',
  '</worksheet>',
];

/** Inserts <drawing r:id> into a worksheet part at its place in the schema's sequence. */
export function insertDrawing(sheetXml: string, relId: string): string {
  if (/<drawing\b/.test(sheetXml)) throw new Error('the sheet already has a drawing');
  const at = Math.min(...AFTER_DRAWING.map((t) => sheetXml.indexOf(t)).filter((i) => i >= 0));
  let xml = `${sheetXml.slice(0, at)}<drawing r:id="${relId}"/>${sheetXml.slice(at)}`;
  if (!/<worksheet\b[^>]*\sxmlns:r=/.test(xml)) xml = xml.replace(/<worksheet\b/, `<worksheet xmlns:r="${NS_R}"`);
  return xml;
}

/**
 * Adds the charts to the package: per sheet one drawing part holding its charts, the relationships and
 * the content types. `sheetParts` maps each sheet name to its part ("xl/worksheets/sheet3.xml").
 */
export async function addCharts(zip: JSZip, specs: readonly ChartSpec[], sheetParts: ReadonlyMap<string, string>): Promise<void> {
  if (specs.length === 0) return;
  const bySheet = new Map<string, ChartSpec[]>();
  for (const s of specs) bySheet.set(s.sheet, [...(bySheet.get(s.sheet) ?? []), s]);
  let types = await partText(zip, '[Content_Types].xml');
  let chartNo = 0;
  let drawingNo = 0;
  const free = (prefix: string, n: number) => !zip.file(`${prefix}${n}.xml`);
  for (const [sheet, charts] of bySheet) {
    const sheetPart = sheetParts.get(sheet);
    if (!sheetPart) throw new Error(`a chart is placed on the sheet "${sheet}", which the workbook does not have`);
    do drawingNo++;
    while (!free('xl/drawings/drawing', drawingNo));
    const drawingRels: string[] = [];
    for (const [i, chart] of charts.entries()) {
      do chartNo++;
      while (!free('xl/charts/chart', chartNo));
      zip.file(`xl/charts/chart${chartNo}.xml`, chartXml(chart));
      types = addOverride(types, `/xl/charts/chart${chartNo}.xml`, CT_CHART);
      drawingRels.push(`<Relationship Id="rId${i + 1}" Type="${REL_CHART}" Target="../charts/chart${chartNo}.xml"/>`);
    }
    zip.file(`xl/drawings/drawing${drawingNo}.xml`, drawingXml(charts));
    zip.file(`xl/drawings/_rels/drawing${drawingNo}.xml.rels`, relsXml(drawingRels));
    types = addOverride(types, `/xl/drawings/drawing${drawingNo}.xml`, CT_DRAWING);

    const dir = sheetPart.slice(0, sheetPart.lastIndexOf('/'));
    const relsPath = `${dir}/_rels/${sheetPart.slice(dir.length + 1)}.rels`;
    const existing = zip.file(relsPath) ? await partText(zip, relsPath) : relsXml([]);
    const taken = new Set([...existing.matchAll(/\bId="([^"]+)"/g)].map((m) => m[1]));
    let n = 1;
    while (taken.has(`rId${n}`)) n++;
    const relId = `rId${n}`;
    zip.file(
      relsPath,
      existing.replace('</Relationships>', `<Relationship Id="${relId}" Type="${REL_DRAWING}" Target="../drawings/drawing${drawingNo}.xml"/></Relationships>`),
    );
    zip.file(sheetPart, insertDrawing(await partText(zip, sheetPart), relId));
  }
  zip.file('[Content_Types].xml', types);
}

const relsXml = (rels: readonly string[]) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`;

function addOverride(types: string, part: string, contentType: string): string {
  if (types.includes(`PartName="${part}"`)) return types;
  return types.replace('</Types>', `<Override PartName="${part}" ContentType="${contentType}"/></Types>`);
}

async function partText(zip: JSZip, name: string): Promise<string> {
  const f = zip.file(name);
  if (!f) throw new Error(`the workbook package has no ${name}`);
  return f.async('string');
}
