/**
 * One page setup to both of Electron's option objects: print() takes microns for the page and
 * whole points for custom margins; printToPDF() takes inches for both.
 */
import { describe, expect, it } from 'vitest';
import { documentPageSetup, paperInches, printOptions, type PageSetup } from '../../src-main/shell/print-options';

const inch = (value: number) => ({ value, unit: 'in' as const });
const mm = (value: number) => ({ value, unit: 'mm' as const });
const letter: PageSetup = { paper: 'Letter', margins: { top: inch(1), right: inch(0.75), bottom: inch(1), left: inch(0.75) }, copies: 1, duplex: 'simplex' };

describe('print options', () => {
  it('Letter with inch margins', () => {
    expect(printOptions(letter)).toEqual({
      print: {
        pageSize: { width: 215_900, height: 279_400 },
        landscape: false,
        margins: { marginType: 'custom', top: 72, right: 54, bottom: 72, left: 54 },
        copies: 1,
        collate: false,
        duplexMode: 'simplex',
        printBackground: true,
      },
      pdf: {
        pageSize: { width: 8.5, height: 11 },
        landscape: false,
        margins: { top: 1, right: 0.75, bottom: 1, left: 0.75 },
        printBackground: true,
        preferCSSPageSize: false,
      },
    });
  });

  it('A4 with millimetre margins, several copies, both sides', () => {
    const { print, pdf } = printOptions({ paper: 'A4', margins: { top: mm(20), right: mm(15), bottom: mm(20), left: mm(25) }, copies: 3, duplex: 'longEdge' });
    expect(print.pageSize).toEqual({ width: 210_000, height: 297_000 });
    expect(print.margins).toEqual({ marginType: 'custom', top: 57, right: 43, bottom: 57, left: 71 }); // 20 mm = 56.69 pt
    expect(print).toMatchObject({ copies: 3, collate: true, duplexMode: 'longEdge' });
    expect(pdf.pageSize).toEqual({ width: 210_000 / 25_400, height: 297_000 / 25_400 });
    expect(pdf.margins?.top).toBeCloseTo(0.7874, 4);
    expect(pdf.margins?.left).toBeCloseTo(0.9843, 4);
  });

  it('Legal landscape keeps the sheet portrait and lets Chromium turn it', () => {
    const { print, pdf } = printOptions({ ...letter, paper: 'Legal', landscape: true, duplex: 'shortEdge' });
    expect(print.pageSize).toEqual({ width: 215_900, height: 355_600 });
    expect(print.landscape).toBe(true);
    expect(pdf.pageSize).toEqual({ width: 8.5, height: 14 });
    expect(pdf.landscape).toBe(true);
  });

  it('gives Chromium whole points, which is what it reads', () => {
    const { print } = printOptions({ ...letter, margins: { top: mm(12.7), right: inch(0.3), bottom: mm(0), left: inch(0.1) } });
    for (const side of ['top', 'right', 'bottom', 'left'] as const) expect(Number.isInteger(print.margins?.[side])).toBe(true);
    expect(print.margins).toMatchObject({ top: 36, right: 22, bottom: 0, left: 7 });
  });

  it.each([
    [{ ...letter, copies: 0 }, /Copies must be a whole number from 1 to 999; it is 0/],
    [{ ...letter, copies: 1.5 }, /Copies must be a whole number/],
    [{ ...letter, margins: { ...letter.margins, left: inch(-0.1) } }, /left margin must be zero or more; it is -0.1 in/],
    [{ ...letter, margins: { ...letter.margins, top: inch(Number.NaN) } }, /top margin must be zero or more/],
    [{ ...letter, margins: { ...letter.margins, left: inch(4.25), right: inch(4.25) } }, /no printable area on Letter portrait/],
    [{ ...letter, landscape: true, margins: { ...letter.margins, top: inch(4.25), bottom: inch(4.25) } }, /no printable area on Letter landscape/],
    [{ ...letter, paper: 'Tabloid' as PageSetup['paper'] }, /Paper "Tabloid" is not one of Letter, A4, Legal/],
  ])('refuses a setup that cannot print (%#)', (setup, message) => {
    expect(() => printOptions(setup)).toThrow(message);
  });
});

describe("a document's sheet", () => {
  it('Letter and A4 in inches, as printToPDF and page.pdf() take them (612 x 792 pt and 595.28 x 841.89 pt)', () => {
    expect(paperInches('Letter')).toEqual({ width: 8.5, height: 11 });
    const a4 = paperInches('A4');
    expect(a4.width * 72).toBeCloseTo(595.28, 2);
    expect(a4.height * 72).toBeCloseTo(841.89, 2);
    expect(() => paperInches('Tabloid' as PageSetup['paper'])).toThrow(/Tabloid/);
  });

  it('has no margins: the page places everything, in print (microns, points) and in the PDF (inches)', () => {
    const letterSheet = printOptions(documentPageSetup('Letter', 2, 'longEdge'));
    expect(letterSheet.print).toMatchObject({
      pageSize: { width: 215_900, height: 279_400 },
      margins: { marginType: 'custom', top: 0, right: 0, bottom: 0, left: 0 },
      copies: 2,
      duplexMode: 'longEdge',
    });
    expect(letterSheet.pdf).toMatchObject({
      pageSize: { width: 8.5, height: 11 },
      margins: { top: 0, right: 0, bottom: 0, left: 0 },
      preferCSSPageSize: false,
    });
    const a4Sheet = printOptions(documentPageSetup('A4'));
    expect(a4Sheet.print).toMatchObject({ pageSize: { width: 210_000, height: 297_000 }, copies: 1, duplexMode: 'simplex' });
    expect(a4Sheet.pdf.pageSize).toEqual({ width: 210_000 / 25_400, height: 297_000 / 25_400 });
  });
});
