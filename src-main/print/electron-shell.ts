/**
 * The app's side of document delivery for one session (window): Electron's hidden-window renderer and
 * printers, CUPS for a named printer on Linux and macOS (printRoute), the save dialog modal to the
 * asking window, the system's PDF viewer. Wiring only: the decisions are in ./document-answers.ts,
 * ./deliver.ts, ./cups.ts and ./electron-print-text.ts.
 */
import path from 'node:path';
import { app, BrowserWindow, dialog, shell, webContents } from 'electron';
import { eventChannel, type EventMap } from '@shared/ipc/events';
import type { Result } from '@shared/ipc/result';
import { DomainError } from '../backend/errors';
import { batchHtml } from '../backend/services/documents/batch';
import { cupsPrinter, printRoute } from './cups';
import type { CompleteInput } from './deliver';
import type { DocumentsShell } from './document-answers';
import { ElectronPdfRenderer } from './electron-pdf-renderer';
import { electronPrinter, electronPrinters } from './electron-printer';
import { HiddenPage } from './hidden-page';
import type { RunRegistry } from './runs';
import { safePdfName, writePdfFile } from './save-file';

/** One hidden window for the whole app: renders and prints one page at a time. */
const page = new HiddenPage();
const renderer = new ElectronPdfRenderer(page);

const windowOf = (sessionId: string) => {
  const contents = webContents.fromId(Number(sessionId));
  return contents ? BrowserWindow.fromWebContents(contents) : null;
};

export function electronDocumentsShell(sessionId: string, runs: RunRegistry, complete: (input: CompleteInput) => Promise<Result<unknown>>): DocumentsShell {
  return {
    renderer,
    printerFor: (choice) => {
      const route = printRoute(process.platform, choice);
      return route.kind === 'cups' ? cupsPrinter() : electronPrinter(page, batchHtml);
    },
    printers: () => electronPrinters(page),
    saver: {
      async save(suggestedName, pdf) {
        const win = windowOf(sessionId);
        const options = {
          title: 'Save as PDF',
          defaultPath: path.join(app.getPath('documents'), safePdfName(suggestedName)),
          filters: [{ name: 'PDF', extensions: ['pdf'] }],
        };
        const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
        if (r.canceled || !r.filePath) return null;
        const file = path.extname(r.filePath).toLowerCase() === '.pdf' ? r.filePath : `${r.filePath}.pdf`;
        writePdfFile(file, pdf);
        return { destination: file };
      },
    },
    complete,
    progress: (event: EventMap['progress']) => webContents.fromId(Number(sessionId))?.send(eventChannel, 'progress', event),
    runs,
    async openPdf(file) {
      const problem = await shell.openPath(file);
      if (problem) throw new DomainError('NOT_FOUND', `The PDF ${file} could not be opened: ${problem}`);
    },
  };
}

/** Closes the hidden window (when the app quits). */
export const closeDocumentsShell = () => renderer.close();
