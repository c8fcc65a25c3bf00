import { z } from 'zod';
import {
  archiveGetSchema,
  archiveListSchema,
  documentSettingsUpdateSchema,
  documentsEmailSchema,
  documentsPreviewSchema,
  documentsPrintSchema,
  documentsSavePdfSchema,
  LOGO_UPLOAD_MAX_BASE64,
  logoUploadSchema,
  runIdSchema,
  sendTestEmailSchema,
  type ArchivedDocument,
  type ArchivedPdf,
  type DeliveryOutcome,
  type DocumentPreview,
  type DocumentSettingsView,
  type PreparedJob,
  type PrinterInfo,
} from '../../domain/documents';
import { LETTER_BODY_MAX } from '../../domain/letters';
import { endpoint, noInput } from '../endpoint';

/** A rendered PDF, as base64, from main back to the backend (documents.complete). */
const PDF_MAX_BASE64 = 40 * 1024 * 1024;

/**
 * Documents that leave: print, save as PDF, email, and the archive (docs/documents.md).
 *
 * print, savePdf, email and printers are answered by the Electron shell (`documentsShellAnswered`):
 * the backend first checks the session, role and input and prepares the job (builds every document's
 * HTML, lists those that cannot go out); main then renders the PDFs in its hidden script-free window,
 * prints or saves them, and hands the PDFs back with `documents.complete`, which emails (when asked)
 * and archives them, so nothing is archived unless it left. `documents.complete` is main's alone: the
 * renderer never learns a job id, and main refuses the channel from a window (`shellOnlyChannels`).
 * A letter's own wording (bodyHtml) may be as long as a template's body: hence their maxText.
 * `documents.preview` is the backend's: one document built as it would print, nothing recorded.
 */
export const documentsContract = {
  'documents.print': endpoint(documentsPrintSchema, { maxText: LETTER_BODY_MAX }).returns<DeliveryOutcome, PreparedJob>(),
  'documents.savePdf': endpoint(documentsSavePdfSchema, { maxText: LETTER_BODY_MAX }).returns<DeliveryOutcome, PreparedJob>(),
  'documents.email': endpoint(documentsEmailSchema, { maxText: LETTER_BODY_MAX }).returns<DeliveryOutcome, PreparedJob>(),
  'documents.preview': endpoint(documentsPreviewSchema, { maxText: LETTER_BODY_MAX }).returns<DocumentPreview>(),
  'documents.printers': endpoint(noInput).returns<PrinterInfo[]>(),
  /** Stops a run of this session between two documents: nothing of it is delivered or archived. */
  'documents.cancel': endpoint(z.object({ run: runIdSchema })).returns<boolean>(),
  'documents.complete': endpoint(
    z.object({
      jobId: z
        .string()
        .length(32)
        .regex(/^[0-9a-f]{32}$/),
      /** One PDF per prepared document, in order. */
      pdfs: z.array(z.string().max(PDF_MAX_BASE64)).max(2000),
      /** The printer or the file it went to (email: the backend knows the addresses). */
      destination: z.string().max(1000),
      pages: z.number().int().min(0),
    }),
    { maxText: PDF_MAX_BASE64 },
  ).returns<DeliveryOutcome>(),
  'documents.archiveList': endpoint(archiveListSchema).returns<ArchivedDocument[]>(),
  'documents.archiveGet': endpoint(archiveGetSchema).returns<ArchivedPdf>(),
  /** Opens an archived PDF, byte for byte as it left, in the system's PDF viewer (shell-answered; the backend answers the bytes). */
  'documents.openArchived': endpoint(archiveGetSchema).returns<boolean, ArchivedPdf>(),
  'documents.getSettings': endpoint(noInput).returns<DocumentSettingsView>(),
  'documents.updateSettings': endpoint(documentSettingsUpdateSchema).returns<DocumentSettingsView>(),
  'documents.setLogo': endpoint(logoUploadSchema, { maxText: LOGO_UPLOAD_MAX_BASE64 }).returns<DocumentSettingsView>(),
  'documents.removeLogo': endpoint(noInput).returns<DocumentSettingsView>(),
  'documents.sendTestEmail': endpoint(sendTestEmailSchema).returns<{ to: string; messageId: string }>(),
};

/** Answered by the Electron shell once the backend has let the call through and prepared the job. */
export const documentsShellAnswered = [
  'documents.print',
  'documents.savePdf',
  'documents.email',
  'documents.printers',
  'documents.cancel',
  'documents.openArchived',
] as const;
export type DocumentsShellAnswered = (typeof documentsShellAnswered)[number];
export const isDocumentsShellAnswered = (channel: string): channel is DocumentsShellAnswered => (documentsShellAnswered as readonly string[]).includes(channel);

/** Channels only main may call (never a window): refused in main's IPC handler and the e2e bridge. */
export const shellOnlyChannels = ['documents.complete'] as const;
export const isShellOnlyChannel = (channel: string) => (shellOnlyChannels as readonly string[]).includes(channel);
