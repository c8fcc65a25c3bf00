/**
 * Printing in the app through Electron: the printers the system knows (getPrintersAsync), and a batch
 * printed as ONE job of the batch page (every document's body on one page, each from a new sheet,
 * padded for duplex) in the hidden script-free window. Silent to the chosen printer, always with an
 * explicit page size and printer; no printer opens the system's print dialog.
 */
import type { PaperSize, PrinterInfo } from '@shared/domain/documents';
import { documentPageSetup, printOptions } from '../shell/print-options';
import type { Printer } from './deliver';
import { electronPrintFailure, printerInfoFromElectron } from './electron-print-text';
import type { HiddenPage } from './hidden-page';

/** The batch page of a job (src-main/backend/services/documents/batch.ts). */
export type BatchHtml = (style: string, bodies: string[], pageCounts: number[], duplex: boolean, paper: PaperSize) => string;

export async function electronPrinters(page: HiddenPage): Promise<PrinterInfo[]> {
  const printers = await page.contents().getPrintersAsync();
  return printers.map((p) => printerInfoFromElectron({ name: p.name, displayName: p.displayName, description: p.description, options: toStrings(p.options) }));
}

function toStrings(options: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (options && typeof options === 'object') for (const [k, v] of Object.entries(options)) if (typeof v === 'string') out[k] = v;
  return out;
}

export function electronPrinter(page: HiddenPage, batchHtml: BatchHtml): Printer {
  return {
    async print({ job, choice, pageCounts }) {
      const duplex = choice.duplex !== 'simplex';
      const html = batchHtml(
        job.style,
        job.documents.map((d) => d.body),
        pageCounts,
        duplex,
        job.paper,
      );
      const { print } = printOptions(documentPageSetup(job.paper, choice.copies, choice.duplex));
      const printer = choice.printer;
      return page.with(
        html,
        (contents) =>
          new Promise((resolve, reject) => {
            const done = (success: boolean, reason: string) => {
              if (success) return resolve({ destination: printer ?? '' });
              const failure = electronPrintFailure(reason, printer);
              if (failure) reject(failure);
              else resolve(null); // the user closed the print dialog
            };
            try {
              contents.print({ ...print, silent: printer !== null, ...(printer !== null ? { deviceName: printer } : {}) }, done);
            } catch (err) {
              // Electron throws "Invalid deviceName provided" for a printer that does not exist.
              done(false, err instanceof Error ? err.message : String(err));
            }
          }),
      );
    },
  };
}
