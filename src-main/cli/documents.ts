import fs from 'node:fs';
import path from 'node:path';
import { outputKinds, type OutputKind, type OutputRef } from '@shared/domain/documents';
import type { DocumentKindColumn } from '../backend/db/schema';
import { buildDocument } from '../backend/services/documents/build';
import { logoDataUrl, readDocumentSettings, readLogo } from '../backend/services/documents/settings';
import { findChromium, renderWithChromiumCli } from '../print/chromium-cli';
import { CliError, openBackend, type Command } from './common';

/** The ledger document each kind shows, found by its number (a receipt's number is its payment's). */
const ledgerKindOf: Record<Exclude<OutputKind, 'calibration'>, DocumentKindColumn> = { invoice: 'invoice', credit_note: 'credit_note', receipt: 'payment' };

/**
 * `document <kind> <number> --out FILE.html|FILE.pdf` (kind: invoice, credit_note, receipt, calibration
 * with no number): the document exactly as the app builds it, from the store. HTML always; PDF through
 * a Chromium (CHROMIUM_PATH, or one on PATH) from that same HTML. A document saved as a PDF before is
 * marked COPY, as in the app. The file is for scripts and the office's own records: it is written, not
 * archived (the archive holds what went to a customer).
 */
export const documentCommands: Record<string, Command> = {
  async document(opts, positionals, out) {
    const [kindArg, number] = positionals;
    if (!kindArg || !(outputKinds as readonly string[]).includes(kindArg))
      throw new CliError(`document: the kind must be one of ${outputKinds.join(', ')}; it is ${kindArg ? `"${kindArg}"` : 'missing'}.`);
    const kind = kindArg as OutputKind;
    if (kind !== 'calibration' && !number) throw new CliError(`document ${kind}: give the ${kind.replace('_', ' ')} number, e.g. document ${kind} INV-000123.`);
    const outFile = typeof opts.out === 'string' ? opts.out : null;
    if (!outFile) throw new CliError('document: --out FILE.html or FILE.pdf is required.');
    const ext = path.extname(outFile).toLowerCase();
    if (ext !== '.html' && ext !== '.pdf') throw new CliError(`document: --out must end in .html or .pdf; it is ${outFile}.`);

    const backend = openBackend(opts);
    try {
      const { db } = backend.ctx;
      let ref: OutputRef;
      if (kind === 'calibration') ref = { kind };
      else {
        const row = await db.selectFrom('document').select('id').where('kind', '=', ledgerKindOf[kind]).where('number', '=', number!).executeTakeFirst();
        if (!row) throw new CliError(`document: there is no ${kind.replace('_', ' ')} numbered ${number}.`);
        ref = { kind, documentId: row.id };
      }
      const company = await backend.services.settings.requireCompany();
      const logo = await readLogo(db);
      const sourceId = 'documentId' in ref ? ref.documentId : null;
      const built = await buildDocument(backend.services, ref, {
        channel: 'pdf',
        copy: await backend.services.documents.archive.hasLeft(kind, sourceId, 'pdf'),
        settings: await readDocumentSettings(db),
        logo: logo ? { mimeType: logo.mimeType, dataUrl: logoDataUrl(logo) } : null,
        companyName: company.companyName,
      });
      if (!built.ok) {
        const p = built.problem;
        throw new CliError(`document: ${p.number ?? kind} cannot be made: ${p.code}${p.missing.length ? ` (missing ${p.missing.join(', ')})` : ''}.`);
      }
      const bytes =
        ext === '.html'
          ? Buffer.from(built.document.html, 'utf8')
          : await renderWithChromiumCli(built.document.html, findChromium(process.env, process.platform, fs.existsSync));
      // Written beside the target and renamed into place: a failed run never leaves half a file.
      const tmp = `${outFile}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, bytes);
      fs.renameSync(tmp, outFile);
      out(`document: ${built.document.fileName.replace(/\.pdf$/, '')}${built.document.copy ? ' (copy)' : ''} -> ${outFile} (${bytes.length} bytes)`);
      return 0;
    } finally {
      await backend.close();
    }
  },
};
