/**
 * A document's page setup turned into Electron's two option objects, whose units differ:
 * - webContents.print(): a custom pageSize in microns; custom margins are documented by Electron as
 *   "pixels" but are passed straight to Chromium's marginsCustom, which reads them as whole points
 *   (1/72 in; `margins_in_points` in Chromium's print_settings_conversion.cc), so points they are.
 * - webContents.printToPDF(): pageSize and margins in inches.
 * Both are computed from one page setup so the printed page and the archived PDF match.
 */
import type { PrintToPDFOptions, WebContentsPrintOptions } from 'electron';

export type PaperName = 'Letter' | 'A4' | 'Legal';
export interface Length {
  value: number;
  unit: 'in' | 'mm';
}
export interface PageSetup {
  paper: PaperName;
  landscape?: boolean;
  margins: { top: Length; right: Length; bottom: Length; left: Length };
  copies: number;
  duplex: 'simplex' | 'longEdge' | 'shortEdge';
}

const MICRONS_PER_INCH = 25_400;
const POINTS_PER_INCH = 72;

/** Portrait paper sizes in microns (US sizes are defined in inches, ISO sizes in millimetres). */
export const PAPER_MICRONS: Record<PaperName, { width: number; height: number }> = {
  Letter: { width: 215_900, height: 279_400 },
  A4: { width: 210_000, height: 297_000 },
  Legal: { width: 215_900, height: 355_600 },
};

export const toMicrons = (l: Length) => Math.round(l.value * (l.unit === 'in' ? MICRONS_PER_INCH : 1000));
const micronsToPoints = (microns: number) => Math.round((microns * POINTS_PER_INCH) / MICRONS_PER_INCH);
const micronsToInches = (microns: number) => microns / MICRONS_PER_INCH;

/** A portrait sheet in inches, as printToPDF and Chromium's page.pdf() take it (Letter 8.5 x 11, A4 8.27 x 11.69). */
export function paperInches(paper: PaperName): { width: number; height: number } {
  const p = PAPER_MICRONS[paper];
  if (!p) throw new RangeError(`Paper "${paper}" is not one of Letter, A4, Legal.`);
  return { width: micronsToInches(p.width), height: micronsToInches(p.height) };
}

const noMargin: Length = { value: 0, unit: 'in' };
/** A document's sheet: its own CSS places everything (the envelope window too), so the sheet has no margins. */
export function documentPageSetup(paper: PaperName, copies = 1, duplex: PageSetup['duplex'] = 'simplex'): PageSetup {
  return { paper, margins: { top: noMargin, right: noMargin, bottom: noMargin, left: noMargin }, copies, duplex };
}

function check(setup: PageSetup): void {
  if (!Object.hasOwn(PAPER_MICRONS, setup.paper)) throw new RangeError(`Paper "${setup.paper}" is not one of Letter, A4, Legal.`);
  if (!Number.isInteger(setup.copies) || setup.copies < 1 || setup.copies > 999)
    throw new RangeError(`Copies must be a whole number from 1 to 999; it is ${setup.copies}.`);
  for (const [side, l] of Object.entries(setup.margins)) {
    if (!Number.isFinite(l.value) || l.value < 0) throw new RangeError(`The ${side} margin must be zero or more; it is ${l.value} ${l.unit}.`);
  }
  const { width, height } = orientedPaper(setup);
  const m = setup.margins;
  if (toMicrons(m.left) + toMicrons(m.right) >= width || toMicrons(m.top) + toMicrons(m.bottom) >= height) {
    throw new RangeError(`The margins leave no printable area on ${setup.paper} ${setup.landscape ? 'landscape' : 'portrait'} paper.`);
  }
}

function orientedPaper(setup: PageSetup) {
  const p = PAPER_MICRONS[setup.paper];
  return setup.landscape ? { width: p.height, height: p.width } : p;
}

export function printOptions(setup: PageSetup): { print: WebContentsPrintOptions; pdf: PrintToPDFOptions } {
  check(setup);
  const paper = PAPER_MICRONS[setup.paper]; // portrait: Chromium turns the sheet for `landscape`
  const m = setup.margins;
  const landscape = setup.landscape ?? false;
  const print: WebContentsPrintOptions = {
    pageSize: { width: paper.width, height: paper.height },
    landscape,
    margins: {
      marginType: 'custom',
      top: micronsToPoints(toMicrons(m.top)),
      right: micronsToPoints(toMicrons(m.right)),
      bottom: micronsToPoints(toMicrons(m.bottom)),
      left: micronsToPoints(toMicrons(m.left)),
    },
    copies: setup.copies,
    collate: setup.copies > 1,
    duplexMode: setup.duplex,
    printBackground: true,
  };
  const pdf: PrintToPDFOptions = {
    pageSize: paperInches(setup.paper),
    landscape,
    margins: {
      top: micronsToInches(toMicrons(m.top)),
      right: micronsToInches(toMicrons(m.right)),
      bottom: micronsToInches(toMicrons(m.bottom)),
      left: micronsToInches(toMicrons(m.left)),
    },
    printBackground: true,
    preferCSSPageSize: false,
  };
  return { print, pdf };
}
