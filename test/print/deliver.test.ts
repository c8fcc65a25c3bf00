/**
 * The shell's side of documents, end to end without Electron: the backend prepares the job (session,
 * role, zod), the shell's answers (the same documentsShellAnswers main and the e2e bridge use) render
 * each document with Chromium, save it into a real folder or hand it to the backend's email, and
 * complete the job, which archives it. Cancel stops a run between two documents and leaves nothing.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DeliveryOutcome, OutputRef } from '../../src-shared/domain/documents';
import type { Result } from '../../src-shared/ipc/result';
import type { EventMap } from '../../src-shared/ipc/events';
import type { Backend } from '../../src-main/backend';
import { answerInShell } from '../../src-main/ipc/shell-answered';
import { ChromiumPdfRenderer } from '../../src-main/print/chromium-pdf-renderer';
import { CupsClient, cupsPrinter } from '../../src-main/print/cups';
import { pdfPageCount } from '../../src-main/print/batch-pdf';
import { chunkSize, RENDER_TASK, type Saver, sheetCount } from '../../src-main/print/deliver';
import { type DocumentsShell, documentsShellAnswers } from '../../src-main/print/document-answers';
import type { PdfRenderer } from '../../src-main/print/pdf-renderer';
import { RunRegistry } from '../../src-main/print/runs';
import { folderSaver } from '../../src-main/print/save-file';
import { configureSmtp, documentsBackend, must, postedInvoice, smtpServer, unwrap } from '../support/document-delivery';
import { tempDir } from '../support/store';

const renderer = new ChromiumPdfRenderer();
afterAll(() => renderer.close());

/**
 * The shell of one session with real parts: Chromium, a folder for saving, the backend for complete.
 * `saver` replaces the folder (a closed dialog); `onProgress` sees each progress event as it is sent.
 */
function shellFor(
  b: Backend,
  session: string,
  opts: { runs?: RunRegistry; saver?: Saver; renderer?: PdfRenderer; onProgress?: (e: EventMap['progress']) => void } = {},
) {
  const dir = tempDir();
  const saved: string[] = [];
  const progress: EventMap['progress'][] = [];
  const opened: string[] = [];
  const runs = opts.runs ?? new RunRegistry();
  const shell: DocumentsShell = {
    renderer: opts.renderer ?? renderer,
    printerFor: () => cupsPrinter(new CupsClient()),
    printers: () => new CupsClient().printers(),
    saver: opts.saver ?? folderSaver(dir, saved),
    complete: (input) => b.dispatch(session, 'documents.complete', input),
    progress: (e) => {
      progress.push(e);
      opts.onProgress?.(e);
    },
    runs,
    openPdf: async (file) => {
      opened.push(file);
    },
  };
  const answers = documentsShellAnswers(session, shell);
  /** A call as main makes it: the backend first, then the shell's answer with the backend's value and the input. */
  const call = async <C extends 'documents.savePdf' | 'documents.email' | 'documents.cancel' | 'documents.openArchived'>(channel: C, input: object) =>
    answerInShell(channel, await b.dispatch(session, channel, input), answers, (err) => console.error(err), input);
  return { dir, saved, progress, opened, runs, call };
}

/** The DeliveryOutcome a shell answer carries (the test fails here if it is a refusal). */
const outcomeOf = (r: Result<unknown>) => unwrap(r) as DeliveryOutcome;

const textOf = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });

async function invoices(b: Backend, session: string, n: number) {
  const out: Awaited<ReturnType<typeof postedInvoice>>[] = [];
  for (let i = 0; i < n; i++) out.push(await postedInvoice(b, session, 10_000 + i * 1_111));
  return out;
}

describe('saving as PDF', () => {
  it('one invoice: its own PDF under its own name, the archived bytes the saved bytes', async () => {
    const { b, s } = await documentsBackend();
    const [one] = await invoices(b, s.clerk, 1);
    const shell = shellFor(b, s.clerk);
    const r = await shell.call('documents.savePdf', { documents: [one?.ref] });
    expect(r).toMatchObject({ ok: true, value: { channel: 'pdf', delivered: 1, cancelled: false } });
    expect(shell.saved).toEqual([path.join(shell.dir, `Invoice ${one?.invoice.number}.pdf`)]);
    const file = shell.saved[0] as string;
    expect(outcomeOf(r).destination).toBe(file);
    expect(textOf(file)).toContain(one?.invoice.number);
    const [archived] = await must(b, s.clerk, 'documents.archiveList', {});
    const pdf = await must(b, s.clerk, 'documents.archiveGet', { archiveId: archived?.id as number });
    expect(Buffer.from(pdf.pdfBase64, 'base64').equals(fs.readFileSync(file))).toBe(true);
  });

  it('three invoices: one merged file, each archived on its own, progress named by the run', async () => {
    const { b, s } = await documentsBackend();
    const three = await invoices(b, s.clerk, 3);
    const shell = shellFor(b, s.clerk);
    const r = await shell.call('documents.savePdf', { documents: three.map((t) => t.ref), run: 'run-save-three' });
    expect(r).toMatchObject({ ok: true, value: { delivered: 3 } });
    expect(shell.saved).toEqual([path.join(shell.dir, 'Ledgerdesk documents (3).pdf')]);
    // In the order asked, though two render at once.
    const text = textOf(shell.saved[0] as string);
    const at = three.map((t) => text.indexOf(t.invoice.number as string));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((x, y) => x - y)).toEqual(at);
    const archived = await must(b, s.clerk, 'documents.archiveList', {});
    expect(archived).toHaveLength(3);
    expect(outcomeOf(r).pages).toBe(archived.reduce((sum, a) => sum + a.pages, 0));
    expect(shell.progress.map((p) => [p.task, p.run, p.done, p.total])).toEqual([
      [RENDER_TASK, 'run-save-three', 0, 3],
      [RENDER_TASK, 'run-save-three', 1, 3],
      [RENDER_TASK, 'run-save-three', 2, 3],
      [RENDER_TASK, 'run-save-three', 3, 3],
    ]);
    expect(shell.runs.size).toBe(0);
  });

  it('a closed save dialog: cancelled, nothing archived', async () => {
    const { b, s } = await documentsBackend();
    const [one] = await invoices(b, s.clerk, 1);
    const shell = shellFor(b, s.clerk, { saver: { save: async () => null } });
    const r = await shell.call('documents.savePdf', { documents: [one?.ref] });
    expect(r).toMatchObject({ ok: true, value: { delivered: 0, cancelled: true, archivedIds: [] } });
    expect(await must(b, s.clerk, 'documents.archiveList', {})).toEqual([]);
  });
});

describe('large jobs', () => {
  it('render in about twenty steps: one by one up to twenty documents, then several on one page, at most twenty (Chromium memory)', () => {
    expect([1, 5, 20, 21, 100, 400, 1000, 2000].map(chunkSize)).toEqual([1, 1, 1, 2, 5, 20, 20, 20]);
    expect(sheetCount('<section class="sheet"><p>1</p></section><section class="sheet blank"></section>')).toBe(2);
    expect(sheetCount('<p>no sheets</p>')).toBe(0);
  });

  it("twenty-one invoices rendered two at a time are cut back into each one's own PDF", async () => {
    const { b, s } = await documentsBackend();
    const many = await invoices(b, s.clerk, 21);
    const shell = shellFor(b, s.clerk);
    const r = await shell.call('documents.savePdf', { documents: many.map((t) => t.ref), run: 'run-twenty-one' });
    expect(outcomeOf(r)).toMatchObject({ delivered: 21, pages: 21 });
    expect(shell.progress.map((p) => p.done)).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 21]);
    // The saved file is the chunks as rendered, merged: every page, in order.
    expect(await pdfPageCount(fs.readFileSync(shell.saved[0] as string))).toBe(21);
    const merged = textOf(shell.saved[0] as string);
    const at = many.map((t) => merged.indexOf(t.invoice.number as string));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((x, y) => x - y)).toEqual(at);
    // Each archived PDF is its own invoice's page and nothing else.
    const archived = await must(b, s.clerk, 'documents.archiveList', {});
    expect(archived).toHaveLength(21);
    for (const a of archived.slice(0, 4)) {
      const pdf = await must(b, s.clerk, 'documents.archiveGet', { archiveId: a.id });
      const file = path.join(shell.dir, `archived-${a.id}.pdf`);
      fs.writeFileSync(file, Buffer.from(pdf.pdfBase64, 'base64'));
      const text = textOf(file);
      expect(a.pages).toBe(1);
      expect(text).toContain(a.number);
      for (const other of many) if (other.invoice.number !== a.number) expect(text).not.toContain(other.invoice.number);
    }
  });
});

describe('a renderer that fails', () => {
  it('no Chromium: RENDER_FAILED naming the document, nothing saved or archived', async () => {
    const { b, s } = await documentsBackend();
    const [one] = await invoices(b, s.clerk, 1);
    const broken = new ChromiumPdfRenderer('/nonexistent/chromium');
    const shell = shellFor(b, s.clerk, { renderer: broken });
    const r = await shell.call('documents.savePdf', { documents: [one?.ref] });
    expect(r).toMatchObject({ ok: false, error: { code: 'RENDER_FAILED' } });
    expect(!r.ok && r.error.message).toContain(`Invoice ${one?.invoice.number}.pdf`);
    expect(shell.saved).toEqual([]);
    expect(await must(b, s.clerk, 'documents.archiveList', {})).toEqual([]);
    await broken.close();
  });
});

describe('cancelling a run', () => {
  it('stops between two documents: CANCELLED, no file, nothing archived; another window cannot cancel it', async () => {
    const { b, s } = await documentsBackend();
    const five = await invoices(b, s.clerk, 5);
    const runs = new RunRegistry();
    const run = 'run-cancel-me-1';
    let cancelled: Promise<unknown> | null = null;
    let otherWindow: Promise<unknown> | null = null;
    const admin = shellFor(b, s.admin, { runs });
    const clerk = shellFor(b, s.clerk, {
      runs,
      // After the first document: another session names the run (nothing happens), then its own window cancels it.
      onProgress: (e) => {
        if (e.done !== 1) return;
        otherWindow = admin.call('documents.cancel', { run });
        cancelled = clerk.call('documents.cancel', { run });
      },
    });
    const r = await clerk.call('documents.savePdf', { documents: five.map((t) => t.ref), run });
    expect(await otherWindow).toEqual({ ok: true, value: false });
    expect(await cancelled).toEqual({ ok: true, value: true });
    expect(r).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    // Two render at once: the run stops within a document or two of the cancel, never reaching the fifth.
    expect(clerk.progress.at(-1)?.done).toBeLessThan(5);
    expect(clerk.saved).toEqual([]);
    expect(fs.readdirSync(clerk.dir)).toEqual([]);
    expect(await must(b, s.clerk, 'documents.archiveList', {})).toEqual([]);
    // The run is over: naming it again cancels nothing.
    expect(await clerk.call('documents.cancel', { run })).toEqual({ ok: true, value: false });
    expect(runs.size).toBe(0);
  });
});

describe('email and the archive', () => {
  it('the rendered PDF is what the customer receives and what is archived', async () => {
    const { b, s } = await documentsBackend();
    const server = await smtpServer({ tls: 'none' });
    await configureSmtp(b, s.admin, server.port, 'none');
    const [one] = await invoices(b, s.clerk, 1);
    const shell = shellFor(b, s.clerk);
    const r = await shell.call('documents.email', { documents: [one?.ref as OutputRef] });
    expect(r).toMatchObject({ ok: true, value: { channel: 'email', delivered: 1 } });
    expect(server.received).toHaveLength(1);
    const attachment = server.received[0]?.parsed.attachments[0];
    const [archived] = await must(b, s.clerk, 'documents.archiveList', {});
    const pdf = await must(b, s.clerk, 'documents.archiveGet', { archiveId: archived?.id as number });
    expect(attachment?.content.equals(Buffer.from(pdf.pdfBase64, 'base64'))).toBe(true);

    // Open: the archived bytes, written to a file the system's viewer is handed.
    expect(await shell.call('documents.openArchived', { archiveId: archived?.id as number })).toEqual({ ok: true, value: true });
    expect(shell.opened).toHaveLength(1);
    expect(fs.readFileSync(shell.opened[0] as string).equals(Buffer.from(pdf.pdfBase64, 'base64'))).toBe(true);
    expect(path.basename(shell.opened[0] as string)).toBe(pdf.fileName);
  });
});
