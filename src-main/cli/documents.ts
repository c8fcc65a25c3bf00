import fs from 'node:fs';
import path from 'node:path';
import { outputKinds, type OutputKind, type OutputRef } from '@shared/domain/documents';
import type { DocumentKindColumn } from '../backend/db/schema';
import { buildDocument } from '../backend/services/documents/build';
import { logoDataUrl, readDocumentSettings, readLogo } from '../backend/services/documents/settings';
import { findChromium, renderWithChromiumCli } from '../print/chromium-cli';
import { CliError, openBackend, type Command, type CommandOptions } from './common';

/** The ledger document each kind shows, found by its number (a receipt's number is its payment's). */
const ledgerKindOf: Record<'invoice' | 'credit_note' | 'receipt', DocumentKindColumn> = {
  invoice: 'invoice',
  credit_note: 'credit_note',
  receipt: 'payment',
};

type Backend = ReturnType<typeof openBackend>;

/** --out: FILE.html or FILE.pdf, named in the error as the command's. */
export function outFileOf(opts: CommandOptions, command: string): { outFile: string; ext: '.html' | '.pdf' } {
  const outFile = typeof opts.out === 'string' ? opts.out : null;
  if (!outFile) throw new CliError(`${command}: --out FILE.html or FILE.pdf is required.`);
  const ext = path.extname(outFile).toLowerCase();
  if (ext !== '.html' && ext !== '.pdf') throw new CliError(`${command}: --out must end in .html or .pdf; it is ${outFile}.`);
  return { outFile, ext };
}

/**
 * Builds a document as the app does and writes it: HTML, or a PDF through a Chromium from that same
 * HTML; written beside the target and renamed into place, so a failed run never leaves half a file.
 */
export async function writeDocument(backend: Backend, ref: OutputRef, outFile: string, command: string, out: (line: string) => void): Promise<void> {
  const { db } = backend.ctx;
  const company = await backend.services.settings.requireCompany();
  const logo = await readLogo(db);
  const sourceId = 'documentId' in ref ? ref.documentId : null;
  const built = await buildDocument(backend.services, ref, {
    channel: 'pdf',
    copy: await backend.services.documents.archive.hasLeft(ref.kind, sourceId, 'pdf'),
    settings: await readDocumentSettings(db),
    logo: logo ? { mimeType: logo.mimeType, dataUrl: logoDataUrl(logo) } : null,
    companyName: company.companyName,
    timeZone: company.timeZone,
  });
  if (!built.ok) {
    const p = built.problem;
    throw new CliError(`${command}: ${p.number ?? ref.kind} cannot be made: ${p.code}${p.missing.length ? ` (missing ${p.missing.join(', ')})` : ''}.`);
  }
  const bytes =
    path.extname(outFile).toLowerCase() === '.html'
      ? Buffer.from(built.document.html, 'utf8')
      : await renderWithChromiumCli(built.document.html, findChromium(process.env, process.platform, fs.existsSync));
  const tmp = `${outFile}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, bytes);
  fs.renameSync(tmp, outFile);
  out(`${command}: ${built.document.fileName.replace(/\.pdf$/, '')}${built.document.copy ? ' (copy)' : ''} -> ${outFile} (${bytes.length} bytes)`);
}

/**
 * `document <kind> <number> --out FILE.html|FILE.pdf` (kind: invoice, credit_note, receipt, deposit_slip,
 * calibration with no number): the document exactly as the app builds it, from the store. HTML always; PDF through
 * a Chromium (CHROMIUM_PATH, or one on PATH) from that same HTML. A document saved as a PDF before is
 * marked COPY, as in the app. The file is for scripts and the office's own records: it is written, not
 * archived (the archive holds what went to a customer).
 */
export const documentCommands: Record<string, Command> = {
  async document(opts, positionals, out) {
    const [kindArg, number] = positionals;
    // A statement and a letter have their own commands; a discrepancy report has no number to name it by.
    const kinds = outputKinds.filter((k) => k !== 'statement' && k !== 'letter' && k !== 'discrepancy_report');
    if (!kindArg || !(kinds as readonly string[]).includes(kindArg))
      throw new CliError(
        `document: the kind must be one of ${kinds.join(', ')}; it is ${kindArg ? `"${kindArg}"` : 'missing'}${kindArg === 'statement' ? ' (statements: the statement command)' : ''}.`,
      );
    const kind = kindArg as Exclude<OutputKind, 'statement' | 'letter' | 'discrepancy_report'>;
    if (kind !== 'calibration' && !number)
      throw new CliError(
        `document ${kind}: give the ${kind.replace('_', ' ')} number, e.g. document ${kind} ${kind === 'deposit_slip' ? 'DEP-000001' : 'INV-000123'}.`,
      );
    const { outFile } = outFileOf(opts, 'document');

    const backend = openBackend(opts);
    try {
      const { db } = backend.ctx;
      let ref: OutputRef;
      if (kind === 'calibration') ref = { kind };
      else if (kind === 'deposit_slip') {
        const row = await db.selectFrom('deposit').select('id').where('number', '=', number!).executeTakeFirst();
        if (!row) throw new CliError(`document: there is no deposit numbered ${number}.`);
        ref = { kind, depositId: row.id };
      } else {
        const row = await db.selectFrom('document').select('id').where('kind', '=', ledgerKindOf[kind]).where('number', '=', number!).executeTakeFirst();
        if (!row) throw new CliError(`document: there is no ${kind.replace('_', ' ')} numbered ${number}.`);
        ref = { kind, documentId: row.id };
      }
      await writeDocument(backend, ref, outFile, 'document', out);
      return 0;
    } finally {
      await backend.close();
    }
  },
};
