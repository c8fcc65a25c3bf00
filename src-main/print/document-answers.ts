/**
 * The shell's answers to the documents endpoints (documentsShellAnswered), once the backend has let the
 * call through: the same code in the app (src-main/index.ts, with Electron's renderer, printers and save
 * dialog) and in the e2e bridge (Playwright's Chromium, CUPS, a folder). No Electron import here.
 */
import type { DeliveryOutcome, PrintChoice, PrinterInfo } from '@shared/domain/documents';
import type { DocumentsShellAnswered } from '@shared/ipc/contract/documents';
import type { EventMap } from '@shared/ipc/events';
import type { Result } from '@shared/ipc/result';
import { DomainError } from '../backend/errors';
import type { ShellAnswers } from '../ipc/shell-answered';
import { type CompleteInput, deliverJob, type Printer, type Saver } from './deliver';
import type { PdfRenderer } from './pdf-renderer';
import type { RunRegistry } from './runs';
import { writeArchivedCopy } from './save-file';

export interface DocumentsShell {
  renderer: PdfRenderer;
  /** The printer a choice goes to (printRoute: CUPS or Electron). */
  printerFor(choice: PrintChoice): Printer;
  printers(): Promise<PrinterInfo[]>;
  /** The save dialog of the asking window. */
  saver: Saver;
  /** The backend's `documents.complete`, as the asking session. */
  complete(input: CompleteInput): Promise<Result<unknown>>;
  /** Progress to the asking window. */
  progress(event: EventMap['progress']): void;
  runs: RunRegistry;
  /** Opens a PDF file in the system's viewer. */
  openPdf(file: string): Promise<void>;
}

/** The backend's answer to documents.complete, or its refusal thrown with its code. */
function completed(r: Result<unknown>): DeliveryOutcome {
  if (!r.ok) throw new DomainError(r.error.code, r.error.message, r.error.details);
  return r.value as DeliveryOutcome;
}

export function documentsShellAnswers(sessionId: string, shell: DocumentsShell): ShellAnswers<DocumentsShellAnswered> {
  const deliver = async (job: Parameters<typeof deliverJob>[0], run: string | undefined, choice?: PrintChoice) => {
    const handle = shell.runs.begin(sessionId, run);
    try {
      return await deliverJob(
        job,
        {
          renderer: shell.renderer,
          printer: choice ? shell.printerFor(choice) : undefined,
          saver: shell.saver,
          complete: async (input) => completed(await shell.complete(input)),
          progress: shell.progress,
          isCancelled: handle.isCancelled,
        },
        { run, choice },
      );
    } finally {
      handle.end();
    }
  };
  return {
    'documents.print': (job, input) => deliver(job, input.run, input.choice),
    'documents.savePdf': (job, input) => deliver(job, input.run),
    'documents.email': (job, input) => deliver(job, input.run),
    'documents.printers': () => shell.printers(),
    'documents.cancel': (_backend, input) => shell.runs.cancel(sessionId, input.run),
    'documents.openArchived': async (archived) => {
      const file = writeArchivedCopy(archived.fileName, Buffer.from(archived.pdfBase64, 'base64'));
      await shell.openPdf(file);
      return true;
    },
  };
}
