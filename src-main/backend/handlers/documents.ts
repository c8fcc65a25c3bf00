import type { documentsContract } from '@shared/ipc/contract/documents';
import type { HandlerSlice } from './types';

export const documentsHandlers: HandlerSlice<keyof typeof documentsContract> = {
  // The backend prepares the job behind the session and role gate; main renders, prints or saves it and
  // answers the caller with what documents.complete returns.
  'documents.print': ({ documents, choice, run }, call) => call.services.documents.jobs.prepare('print', documents, call, { choice, run }),
  'documents.savePdf': ({ documents, run }, call) => call.services.documents.jobs.prepare('pdf', documents, call, { run }),
  'documents.email': ({ documents, run, to }, call) => call.services.documents.jobs.prepare('email', documents, call, { run, to }),
  'documents.complete': (input, { services, actor, sessionId }) => services.documents.jobs.complete(actor, sessionId, input),
  'documents.preview': ({ document }, call) => call.services.documents.jobs.preview(document, call),
  // The backend has no printers and runs no renders: these answers stand where there is no shell (the
  // e2e bridge); in the app main answers in their place once this gate let the call through.
  'documents.printers': () => [],
  'documents.cancel': () => false,
  // The backend answers the bytes; main writes them to a temporary file and opens the system's viewer.
  'documents.openArchived': ({ archiveId }, { services }) => services.documents.archive.get(archiveId),
  'documents.archiveList': (input, { services }) => services.documents.archive.list(input),
  'documents.archiveGet': ({ archiveId }, { services }) => services.documents.archive.get(archiveId),
  'documents.getSettings': (_input, { services }) => services.documents.settings.view(),
  'documents.updateSettings': (input, { services, actor }) => services.documents.settings.update(actor, input),
  'documents.setLogo': (input, { services, actor }) => services.documents.settings.setLogo(actor, input),
  'documents.removeLogo': (_input, { services, actor }) => services.documents.settings.removeLogo(actor),
  'documents.sendTestEmail': ({ to }, { services, actor }) => services.documents.sendTestEmail(actor, to),
};
