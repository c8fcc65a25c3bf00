/**
 * Electron's printer facts and print failures read as ours: pure, so they are tested without the
 * Electron binary (src-main/print/electron-printer.ts wires them to webContents).
 */
import type { PrinterInfo } from '@shared/domain/documents';
import { DomainError } from '../backend/errors';

/** What webContents.getPrintersAsync() gives for a printer (its `options` are the system's own keys). */
export interface ElectronPrinter {
  name: string;
  displayName: string;
  description?: string;
  options?: Record<string, string>;
  /** Older Electron versions said so here; CUPS says it in `options` as well. */
  isDefault?: boolean;
}

/**
 * CUPS (Linux, macOS) reports IPP's printer-state: 3 idle, 4 processing, 5 stopped; a queue not
 * accepting jobs is as good as stopped. Windows gives no state: unknown.
 */
export function printerInfoFromElectron(p: ElectronPrinter, systemDefault: string | null = null): PrinterInfo {
  const o = p.options ?? {};
  const state = o['printer-state'];
  let status: PrinterInfo['status'] = state === '3' ? 'idle' : state === '4' ? 'printing' : state === '5' ? 'stopped' : 'unknown';
  if (o['printer-is-accepting-jobs'] === 'false') status = 'stopped';
  return {
    name: p.name,
    displayName: p.displayName || o['printer-info'] || p.name,
    isDefault: p.isDefault === true || o['is-default'] === 'true' || p.name === systemDefault,
    status,
  };
}

/**
 * The print callback's failureReason ("Print job canceled", "Print job failed", "Invalid printer
 * settings", and "Invalid deviceName provided" where Electron throws it): null for a dialog the user
 * closed, otherwise our error.
 */
export function electronPrintFailure(reason: string, printer: string | null): DomainError | null {
  if (/cancel/i.test(reason)) return null;
  const name = printer ?? 'the chosen printer';
  if (/devicename/i.test(reason)) return new DomainError('PRINTER_NOT_FOUND', `The printer "${name}" does not exist on this computer.`, { printer });
  return new DomainError('PRINT_REFUSED', `The print system refused the job for ${printer ? `"${printer}"` : name}: ${reason || 'no reason given'}`, {
    printer,
    reason,
  });
}

/** The scheme the hidden print window loads its one page from (served from memory, on its own session). */
export const PRINT_PAGE_SCHEME = 'ledgerdesk-print';
/** The page's policy: no script, nothing fetched; its styles inline and its images (the logo) data URLs. */
export const PRINT_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:";

export const printPageUrl = (token: string) => `${PRINT_PAGE_SCHEME}:${token}`;

/** The token of a print page URL, or null for any other URL (which the print session refuses). */
export function printPageToken(url: string): string | null {
  const m = new RegExp(`^${PRINT_PAGE_SCHEME}:([0-9a-f-]{36})$`).exec(url);
  return m?.[1] ?? null;
}

/** What the print window's session lets through: its own page and data URLs inside it; nothing from a network or a file. */
export const allowedInPrintWindow = (url: string) => printPageToken(url) !== null || url.startsWith('data:');
