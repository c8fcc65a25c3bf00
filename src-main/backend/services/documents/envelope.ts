import type { PaperSize } from '@shared/domain/documents';

/**
 * Where a folded page shows through a window envelope, as data: the templates place the address
 * blocks by these numbers, the calibration page draws them and the tests check the PDF against them.
 * Boxes are in the paper's own unit (Letter: inches, A4: millimetres), measured from the top-left
 * corner of the sheet; `text` is where the lines may print, `window` the envelope's window edges
 * around it (USPS: text 1/8 in clear of every window edge).
 */

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface EnvelopeZones {
  paper: PaperSize;
  unit: 'in' | 'mm';
  /** Sheet size in the unit. */
  width: number;
  height: number;
  /** The recipient: its lines print inside `text` (at most RECIPIENT_MAX_LINES), the window lies around it. */
  recipient: { text: Box; window: Box };
  /**
   * The sender, for double-window stock. Letter: a block in the top-left window. A4 (DIN 5008): one
   * small line at the top of the address field, in the same window as the recipient (`window` null).
   */
  returnAddress: { text: Box; window: Box | null; singleLine: boolean };
  /** Distances from the top edge where the page is folded (marks at the left edge). */
  foldMarks: number[];
  /** The punch-hole mark (A4: the middle of the page), or null. */
  holeMark: number | null;
}

/** USPS keeps the address 1/8 in clear of the window's edges. */
export const WINDOW_CLEARANCE_IN = 0.125;
export const MM_PER_IN = 25.4;
export const PT_PER_IN = 72;

const around = (text: Box, clear: number): Box => ({ x: text.x - clear, y: text.y - clear, w: text.w + 2 * clear, h: text.h + 2 * clear });

/**
 * US Letter in a #10 window envelope, folded in thirds: the recipient's first line 2.1 in from the
 * top, 1.0 in from the left, at most 3.25 in wide and 5 lines (10 pt on 12 pt: 0.83 in, boxed at
 * 0.875 in); the return block top-left for double-window stock; folds at a third and two thirds.
 */
const letter: EnvelopeZones = (() => {
  const recipient = { x: 1.0, y: 2.1, w: 3.25, h: 0.875 };
  const sender = { x: 0.75, y: 0.5, w: 3.0, h: 0.8 };
  return {
    paper: 'Letter',
    unit: 'in',
    width: 8.5,
    height: 11,
    recipient: { text: recipient, window: around(recipient, WINDOW_CLEARANCE_IN) },
    returnAddress: { text: sender, window: around(sender, WINDOW_CLEARANCE_IN), singleLine: false },
    foldMarks: [3.667, 7.333],
    holeMark: null,
  };
})();

/**
 * A4, DIN 5008 form B: the address field 20 mm from the left and 45 mm from the top, 85 x 45 mm
 * (the window of a DL or C5/6 window envelope). Its top 5 mm hold the sender in one small line; the
 * recipient's lines sit in the lower 27.3 mm (the address zone, from 62.7 mm), kept 5 mm in from the
 * sides and over 1/8 in clear of the bottom. Folds at 105 mm and 210 mm; the hole mark at 148.5 mm.
 */
const a4: EnvelopeZones = {
  paper: 'A4',
  unit: 'mm',
  width: 210,
  height: 297,
  recipient: { text: { x: 25, y: 62.7, w: 75, h: 24 }, window: { x: 20, y: 45, w: 85, h: 45 } },
  returnAddress: { text: { x: 25, y: 45.8, w: 75, h: 4 }, window: null, singleLine: true },
  foldMarks: [105, 210],
  holeMark: 148.5,
};

export const envelopeZones: Record<PaperSize, EnvelopeZones> = { Letter: letter, A4: a4 };

/** A length in the paper's unit from millimetres (the layout nudge is kept in mm for every paper). */
export const fromMm = (mm: number, unit: 'in' | 'mm'): number => (unit === 'mm' ? mm : mm / MM_PER_IN);

/** A box moved by the layout's nudge (mm, right and down positive). */
export function nudged(box: Box, unit: 'in' | 'mm', nudge: { xMm: number; yMm: number }): Box {
  return { ...box, x: box.x + fromMm(nudge.xMm, unit), y: box.y + fromMm(nudge.yMm, unit) };
}

/** The zones with the address blocks (text and windows) shifted by the nudge: what a page with these settings prints. */
export function zonesFor(paper: PaperSize, nudge: { xMm: number; yMm: number }): EnvelopeZones {
  const z = envelopeZones[paper];
  const move = (b: Box) => nudged(b, z.unit, nudge);
  return {
    ...z,
    recipient: { text: move(z.recipient.text), window: move(z.recipient.window) },
    returnAddress: { ...z.returnAddress, text: move(z.returnAddress.text), window: z.returnAddress.window ? move(z.returnAddress.window) : null },
  };
}

/** A box in points (1/72 in), as PDF coordinates from the top-left are read by `pdftotext -bbox`. */
export function toPoints(box: Box, unit: 'in' | 'mm'): Box {
  const k = unit === 'in' ? PT_PER_IN : PT_PER_IN / MM_PER_IN;
  return { x: box.x * k, y: box.y * k, w: box.w * k, h: box.h * k };
}

/** CSS for a box's position and size, absolute on the sheet, in the paper's unit. */
export function boxStyle(box: Box, unit: 'in' | 'mm'): string {
  const n = (v: number) => `${Number(v.toFixed(3))}${unit}`;
  return `left:${n(box.x)};top:${n(box.y)};width:${n(box.w)};height:${n(box.h)}`;
}

/**
 * A statement's tear-off remittance stub: the sheet below `tearAt` (a dashed line, on the lower fold)
 * is detached and mailed back in a return envelope whose window shows `remitTo`. Letter: a #9 window
 * envelope (3 7/8 x 8 7/8 in, window 4 1/2 x 1 1/8 in, 7/8 in from the left and 1/2 in from the
 * bottom); the stub (3.667 in tall) rests on the envelope's bottom, so the window lies 2.04 to
 * 3.17 in below the tear line: the remit-to prints 1/8 in inside that, 1.0 in from the left. A4: a
 * DL window envelope (110 x 220 mm, window 90 x 45 mm, 20 mm from the left and 15 mm from the
 * bottom) holding the 87 mm stub: the remit-to 5 mm inside the window.
 */
export interface RemittanceStub {
  unit: 'in' | 'mm';
  tearAt: number;
  remitTo: Box;
}
export const remittanceStubs: Record<PaperSize, RemittanceStub> = {
  Letter: { unit: 'in', tearAt: letter.foldMarks[1]!, remitTo: { x: 1.0, y: 9.5, w: 3.5, h: 0.85 } },
  A4: { unit: 'mm', tearAt: a4.foldMarks[1]!, remitTo: { x: 25, y: 242, w: 70, h: 24 } },
};

/** The stub's remit-to window, moved by the layout's nudge like the other address blocks. */
export function stubFor(paper: PaperSize, nudge: { xMm: number; yMm: number }): RemittanceStub {
  const s = remittanceStubs[paper];
  return { ...s, remitTo: nudged(s.remitTo, s.unit, nudge) };
}
