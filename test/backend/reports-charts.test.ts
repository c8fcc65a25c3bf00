import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { axisFormat, chartXml, insertDrawing, rangeFormula, type ChartSpec } from '../../src-main/backend/services/reports/charts';
import { createWorkbook, type Column } from '../../src-main/backend/services/reports/workbook';
import { tempDir } from '../support/store';
import { chartSeries, libreOfficeConvert, ooxmlFindings, packagePart, readWorkbook, writeTemp } from '../support/workbooks';

/**
 * Native charts written into the package (docs/decisions/024-charts-in-workbooks.md): the parts, their
 * place in the sheet, and what Excel's schema, exceljs and LibreOffice make of them.
 */

const info = {
  title: 'Charts check',
  company: 'Test Billing Co',
  currency: 'USD',
  asOf: '2026-03-31',
  creator: 'sam',
  created: new Date('2026-04-01T12:00:00Z'),
  timeZone: 'America/Chicago',
};

type Row = { month: string; open: number; late: number; rate: number | null };
const rows: Row[] = [
  { month: '2026-01', open: 120_050, late: 30_000, rate: 0.5 },
  { month: '2026-02', open: 99_999, late: 0, rate: null },
  { month: '2026-03', open: 250_000, late: 75_025, rate: 0.625 },
];

describe('Charts in workbooks', () => {
  it('quotes sheet names in chart references, doubling an apostrophe, and makes them absolute', () => {
    expect(rangeFormula({ sheet: "O'Brien & Co", ref: 'B2:B13' })).toBe("'O''Brien & Co'!$B$2:$B$13");
    expect(rangeFormula({ sheet: 'Figures', ref: 'D1' })).toBe("'Figures'!$D$1");
  });

  it('shows whole amounts on a money axis and 0 for zero (the grid shows a dash)', () => {
    expect(axisFormat('"$"#,##0.00;[Red]-"$"#,##0.00;"-"')).toBe('"$"#,##0;[Red]-"$"#,##0');
    expect(axisFormat('0.0%')).toBe('0.0%');
  });

  it('refuses a series whose values do not match the categories, naming the chart and series', () => {
    const spec: ChartSpec = {
      sheet: 'Charts',
      type: 'line',
      title: 'DSO',
      description: 'DSO per month',
      categories: { range: { sheet: 'KPIs', ref: 'A2:A4' }, cached: ['a', 'b', 'c'] },
      series: [{ name: 'DSO', values: { sheet: 'KPIs', ref: 'E2:E3' }, cached: [1, 2] }],
      valueFormat: '0.0',
      anchor: { col: 0, row: 3, cols: 12, rows: 20 },
    };
    expect(() => chartXml(spec)).toThrow('the chart "DSO": series "DSO" has 2 values for 3 categories');
    expect(() => chartXml({ ...spec, series: [] })).toThrow('the chart "DSO" has no series');
  });

  it('puts <drawing> where the worksheet schema wants it: after the page setup, before tableParts and extLst', () => {
    const sheet = '<worksheet xmlns="x"><sheetData/><pageMargins/><pageSetup/><headerFooter/><rowBreaks/><tableParts count="0"/><extLst/></worksheet>';
    expect(insertDrawing(sheet, 'rId3')).toBe(
      `<worksheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns="x"><sheetData/><pageMargins/><pageSetup/><headerFooter/><rowBreaks/><drawing r:id="rId3"/><tableParts count="0"/><extLst/></worksheet>`,
    );
    expect(() => insertDrawing('<worksheet><drawing r:id="rId1"/></worksheet>', 'rId2')).toThrow('already has a drawing');
  });

  it('writes column, stacked and line charts over a sheet named with an apostrophe: schema-valid, cached values equal the cells, kept by LibreOffice', async () => {
    const wb = createWorkbook(info);
    wb.about({ filters: [], definitions: [] });
    const columns: Column<Row>[] = [
      { header: 'Month', kind: 'text', value: (r) => r.month },
      { header: 'Open', kind: 'money', value: (r) => r.open, total: true },
      { header: 'Late', kind: 'money', value: (r) => r.late, total: true },
      { header: 'Rate', kind: 'percent', value: (r) => r.rate, nullText: 'n/a' },
    ];
    const t = wb.table({ name: "O'Brien & Co", columns, rows });
    const month = t.column('Month');
    const categories = { range: month.range, cached: month.texts };
    const series = (h: string) => ({ name: h, values: t.column(h).range, cached: t.column(h).numbers });
    const across = t.across('Open', 'Late');
    wb.charts(
      'Charts',
      [
        {
          type: 'column',
          title: 'Open <and> late & more',
          description: 'Open and late per month',
          categories,
          series: [series('Open'), series('Late')],
          kind: 'money',
        },
        { type: 'stackedColumn', title: 'Stacked', description: 'Stacked', categories, series: [series('Open'), series('Late')], kind: 'money' },
        { type: 'line', title: 'Rate', description: 'The rate per month', categories, series: [series('Rate')], kind: 'percent' },
        {
          type: 'column',
          title: 'Totals',
          description: 'The totals row',
          categories: { range: across.headers.range, cached: across.headers.texts },
          series: [{ name: 'Total', values: across.totals.range, cached: across.totals.numbers }],
          kind: 'money',
        },
      ],
      'Four charts.',
    );
    const bytes = await wb.toBuffer();

    const read = await readWorkbook(bytes);
    expect(read.worksheets.map((w) => w.name)).toEqual(['About', "O'Brien & Co", 'Charts']);
    const [open, late] = await chartSeries(bytes, 'xl/charts/chart1.xml');
    expect(open).toEqual({
      title: 'Open <and> late & more',
      categories: "'O''Brien & Co'!$A$2:$A$4",
      values: "'O''Brien & Co'!$B$2:$B$4",
      cached: [1200.5, 999.99, 2500],
    });
    expect(late!.cached).toEqual([300, 0, 750.25]);
    expect(await packagePart(bytes, 'xl/charts/chart2.xml')).toContain('<c:grouping val="stacked"/>');
    // n/a is a gap in the line, as an empty cell is.
    expect((await chartSeries(bytes, 'xl/charts/chart3.xml'))[0]!.cached).toEqual([0.5, null, 0.625]);
    const [totals] = await chartSeries(bytes, 'xl/charts/chart4.xml');
    expect([totals!.categories, totals!.values, totals!.cached]).toEqual(["'O''Brien & Co'!$B$1:$C$1", "'O''Brien & Co'!$B$5:$C$5", [4700.49, 1050.25]]);
    // One drawing on the charts sheet holding the four, each with its alternative text, a page each.
    const drawing = await packagePart(bytes, 'xl/drawings/drawing1.xml');
    expect([...drawing.matchAll(/descr="([^"]*)"/g)].map((m) => m[1])).toEqual(['Open and late per month', 'Stacked', 'The rate per month', 'The totals row']);
    const chartsSheet = await packagePart(bytes, 'xl/worksheets/sheet3.xml');
    expect(chartsSheet).toContain('<drawing r:id="rId1"/>');
    expect([...chartsSheet.matchAll(/<brk id="(\d+)"/g)].map((m) => Number(m[1]))).toEqual([25, 47, 69]);
    expect(await packagePart(bytes, '[Content_Types].xml')).toContain('<Override PartName="/xl/charts/chart4.xml"');

    const src = writeTemp(bytes, 'charts.xlsx');
    expect(ooxmlFindings(src)).toEqual([]);
    const outDir = tempDir();
    libreOfficeConvert([src], 'xlsx', outDir);
    const round = fs.readFileSync(path.join(outDir, 'charts.xlsx'));
    const kept = await Promise.all([1, 2, 3, 4].map((n) => chartSeries(round, `xl/charts/chart${n}.xml`)));
    expect(kept.flat().map((s) => s.values)).toEqual([
      "'O''Brien & Co'!$B$2:$B$4",
      "'O''Brien & Co'!$C$2:$C$4",
      "'O''Brien & Co'!$B$2:$B$4",
      "'O''Brien & Co'!$C$2:$C$4",
      "'O''Brien & Co'!$D$2:$D$4",
      "'O''Brien & Co'!$B$5:$C$5",
    ]);
  }, 180_000);
});
