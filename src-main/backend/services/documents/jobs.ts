import { randomBytes } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { isOfficeKind, type CustomerOutputKind } from '@shared/domain/documents';
import { outputKindLabels } from '@shared/domain/documents-text';
import type {
  DeliveryChannel,
  DeliveryOutcome,
  DocumentPreview,
  OutputKind,
  OutputProblem,
  OutputRef,
  PaperSize,
  PreparedJob,
  PrintChoice,
} from '@shared/domain/documents';
import { fillTemplate, type EmailMergeValues } from '@shared/domain/document-email';
import { emailOptOutText } from '@shared/domain/letters-text';
import type { Role } from '@shared/domain/users';
import type { Actor, ServiceContext, Trx } from '../../context';
import type { Caller } from '../compliance';
import { conflict, DomainError, invalid, notFound } from '../../errors';
import type { Services } from '../index';
import type { ArchiveEntry, ArchiveService } from './archive';
import { buildDocument, documentStyle } from './build';
import { isEmailSetUp, notSetUp, openMailer, type EmailTrust } from './email';
import type { LetterFacts, LetterMaking, LetterRef } from './letter-facts';
import { letterMaking, type LetterDocuments } from './letters';
import { logoDataUrl, readDocumentSettings, readLogo, readSmtpPassword } from './settings';
import { closeStatementTasks } from './statement-tasks';

/** Who prepares a job: the handler's call (its session, role and services). */
export interface JobCaller {
  sessionId: string;
  /** The signed-in user: their role gates overrides; their name signs letters. */
  user: { role: Role; display_name?: string } | null;
  actor: Actor;
  services: Services;
}

/** A prepared job lives this long for main to render and deliver it, then it is forgotten. */
export const JOB_TTL_MS = 30 * 60 * 1000;
/** Jobs one session may hold at once; a new one past this drops that session's oldest. */
export const JOBS_PER_SESSION = 4;

/** What the backend keeps of a prepared document: what to archive and, by email, where and what to say. */
interface JobDocument {
  ref: OutputRef;
  kind: OutputKind;
  number: string | null;
  accountId: number | null;
  sourceDocumentId: number | null;
  copy: boolean;
  fileName: string;
  to: string | null;
  values: EmailMergeValues;
  /** A letter: what it says and answers, recorded when it goes out. */
  letter?: { ref: LetterRef; facts: LetterFacts };
}

interface Job {
  id: string;
  sessionId: string;
  channel: DeliveryChannel;
  preparedAt: number;
  documents: JobDocument[];
  problems: OutputProblem[];
  state: 'open' | 'completing' | 'done';
  /** Who prepared it (letters record their override and signer with it) and their services. */
  caller: Caller;
  services: Services;
}

/** Email failures after which the next message would fail the same way: the rest are not tried. */
const fatalEmailCodes = new Set(['EMAIL_NOT_SET_UP', 'EMAIL_AUTH', 'EMAIL_TLS', 'EMAIL_CONNECTION']);

export function createJobs(ctx: ServiceContext, deps: { archive: ArchiveService; letters: LetterDocuments; emailTrust?: EmailTrust }) {
  const jobs = new Map<string, Job>();
  const now = () => ctx.clock.now().getTime();

  function sweep(): void {
    for (const [id, job] of jobs) if (now() - job.preparedAt > JOB_TTL_MS && job.state !== 'completing') jobs.delete(id);
  }

  function remember(job: Job): void {
    sweep();
    const own = [...jobs.values()].filter((j) => j.sessionId === job.sessionId).sort((a, b) => a.preparedAt - b.preparedAt);
    for (const old of own.slice(0, Math.max(0, own.length - JOBS_PER_SESSION + 1))) if (old.state !== 'completing') jobs.delete(old.id);
    jobs.set(job.id, job);
  }

  /**
   * Builds every document of the job (a reprint says COPY) and lists those that cannot go out. Nothing
   * is recorded: the job waits in memory for main to render and deliver it, then `complete`.
   */
  async function prepare(
    channel: DeliveryChannel,
    refs: readonly OutputRef[],
    call: JobCaller,
    options: { choice?: PrintChoice; to?: string; run?: string } = {},
  ): Promise<PreparedJob> {
    if (refs.some((r) => r.kind === 'calibration') && call.user?.role !== 'administrator')
      throw new DomainError('FORBIDDEN', 'Only an administrator prints the calibration page.');
    const office = refs.find((r) => isOfficeKind(r.kind));
    if (office && channel === 'email')
      throw invalid(`The ${outputKindLabels[office.kind].toLowerCase()} is the office's own document: it is printed or saved, never emailed.`, [
        { path: 'documents', message: `${office.kind} by email` },
      ]);
    if (options.to !== undefined && refs.length !== 1)
      throw invalid('to: another address can be given for one document only.', [{ path: 'to', message: 'one document only' }]);

    const stored = await readDocumentSettings(ctx.db);
    if (channel === 'email' && !isEmailSetUp(stored.smtp)) throw notSetUp();
    const paper: PaperSize = options.choice?.paper ?? stored.layout.paper;
    // The paper chosen for this print is the paper every document of it is laid out on.
    const settings = { ...stored, layout: { ...stored.layout, paper } };
    const [logo, company] = await Promise.all([readLogo(ctx.db), call.services.settings.requireCompany()]);
    const logoView = logo ? { mimeType: logo.mimeType, dataUrl: logoDataUrl(logo) } : null;
    const letter = refs.some((r) => r.kind === 'letter') ? await letterMaking(ctx, call.user, call.actor) : undefined;

    const built: PreparedJob['documents'] = [];
    const kept: JobDocument[] = [];
    const problems: OutputProblem[] = [];
    for (const [i, ref] of refs.entries()) {
      // A statement or the calibration page shows no one ledger document: it is never a COPY (archive.hasLeft).
      const sourceId = 'documentId' in ref ? ref.documentId : null;
      const copy = await deps.archive.hasLeft(ref.kind, sourceId, channel);
      const r = await buildDocument(call.services, ref, {
        channel,
        copy,
        settings,
        logo: logoView,
        companyName: company.companyName,
        timeZone: company.timeZone,
        emailTo: options.to,
        letter,
      });
      const stop = r.ok && r.letter && ref.kind === 'letter' ? (await deps.letters.gates(call, ref, r.letter, channel, call.user?.role ?? null))[0] : undefined;
      if (!r.ok) problems.push(r.problem);
      else if (stop) problems.push(stop);
      else {
        const to = r.email.to;
        if (channel === 'email' && !to) {
          problems.push({ ref, number: r.document.number, accountName: r.email.values.accountName || null, code: 'NO_EMAIL', missing: ['email'] });
        } else {
          built.push(r.document);
          const d = r.document;
          kept.push({
            ref,
            kind: d.kind,
            number: d.number,
            accountId: d.accountId,
            sourceDocumentId: d.sourceDocumentId,
            copy: d.copy,
            fileName: d.fileName,
            to,
            values: r.email.values,
            ...(r.letter && ref.kind === 'letter' ? { letter: { ref, facts: r.letter } } : {}),
          });
        }
      }
      if (options.run && ((i + 1) % 25 === 0 || i + 1 === refs.length)) {
        ctx.emit('progress', { task: 'documents.prepare', done: i + 1, total: refs.length, run: options.run });
      }
    }

    const job: Job = {
      id: randomBytes(16).toString('hex'),
      sessionId: call.sessionId,
      channel,
      preparedAt: now(),
      documents: kept,
      problems,
      state: 'open',
      caller: { actor: call.actor, role: call.user?.role ?? null },
      services: call.services,
    };
    if (kept.length > 0) remember(job);
    return { jobId: job.id, channel, paper, style: documentStyle(paper), documents: built, problems };
  }

  /** The PDFs main rendered, one per document in order, each a PDF; their page counts. */
  async function readPdfs(job: Job, pdfsBase64: readonly string[]): Promise<{ bytes: Buffer; pages: number }[]> {
    if (pdfsBase64.length !== job.documents.length) {
      throw invalid(`pdfs: the job has ${job.documents.length} documents and ${pdfsBase64.length} PDFs were given (one per document).`, [
        { path: 'pdfs', message: `expected ${job.documents.length}` },
      ]);
    }
    const out: { bytes: Buffer; pages: number }[] = [];
    for (const [i, b64] of pdfsBase64.entries()) {
      const bytes = Buffer.from(b64, 'base64');
      const notPdf = invalid(`pdfs.${i}: not a PDF.`, [{ path: `pdfs.${i}`, message: 'not a PDF' }]);
      if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') throw notPdf;
      try {
        out.push({ bytes, pages: (await PDFDocument.load(bytes, { updateMetadata: false })).getPageCount() });
      } catch {
        throw notPdf;
      }
    }
    return out;
  }

  const entryOf = (job: Job, d: JobDocument, pdf: { bytes: Buffer; pages: number }, destination: string): ArchiveEntry => ({
    kind: d.kind,
    number: d.number,
    accountId: d.accountId,
    sourceDocumentId: d.sourceDocumentId,
    channel: job.channel,
    destination,
    copy: d.copy,
    pdf: pdf.bytes,
    pages: pdf.pages,
    jobId: job.id,
  });

  /**
   * What `docs` (archived as `ids`, in order) answer, in the archive's transaction: each letter is
   * recorded, and a statement closes its account's open stage statement tasks.
   */
  async function recordSent(trx: Trx, job: Job, docs: readonly JobDocument[], ids: readonly number[]): Promise<void> {
    for (const [i, d] of docs.entries()) {
      const archivedId = ids[i];
      if (archivedId === undefined) continue;
      if (d.letter) await deps.letters.record(trx, job, job.caller, { ref: d.letter.ref, facts: d.letter.facts, channel: job.channel, archivedId });
      if (d.ref.kind === 'statement') await closeStatementTasks(trx, ctx, job.caller.actor, { accountId: d.ref.accountId, asOf: d.ref.asOf, archivedId });
    }
  }

  /** Sends each document's message and archives each one sent, at once, so a later failure never loses it. */
  async function email(actor: Actor, job: Job, pdfs: { bytes: Buffer; pages: number }[]) {
    const settings = await readDocumentSettings(ctx.db);
    const password = await readSmtpPassword(ctx.db);
    const archivedIds: number[] = [];
    const problems: OutputProblem[] = [];
    const sentTo = new Set<string>();
    let pages = 0;
    let fatal: { code: string; message: string } | null = null;
    const mailer = isEmailSetUp(settings.smtp) ? openMailer(settings.smtp, password, deps.emailTrust) : null;
    if (!mailer) fatal = { code: 'EMAIL_NOT_SET_UP', message: notSetUp().message };
    try {
      for (const [i, d] of job.documents.entries()) {
        const pdf = pdfs[i];
        if (!pdf || !d.to) continue;
        if (!fatal && mailer) {
          const template = settings.emailTemplates[d.kind as CustomerOutputKind];
          // A letter's email says what its subject says, and carries the opt-out (12 CFR 1006.6(e)).
          const text = fillTemplate(template.body, d.values);
          try {
            await mailer.send({
              to: d.to,
              subject: d.letter ? d.letter.facts.subject : fillTemplate(template.subject, d.values),
              text: d.letter ? `${text}\n\n${emailOptOutText(settings.letterhead.phone)}` : text,
              attachment: { fileName: d.fileName, content: pdf.bytes },
            });
            const to = d.to;
            archivedIds.push(...(await deps.archive.addWith(actor, [entryOf(job, d, pdf, to)], (trx, ids) => recordSent(trx, job, [d], ids))));
            sentTo.add(d.to);
            pages += pdf.pages;
            continue;
          } catch (err) {
            if (!(err instanceof DomainError)) throw err;
            const detail = { code: err.code, message: err.message };
            if (fatalEmailCodes.has(err.code)) fatal = detail;
            else {
              problems.push({ ref: d.ref, number: d.number, accountName: d.values.accountName || null, code: 'SEND_FAILED', missing: [], detail });
              continue;
            }
          }
        }
        if (fatal) problems.push({ ref: d.ref, number: d.number, accountName: d.values.accountName || null, code: 'SEND_FAILED', missing: [], detail: fatal });
      }
    } finally {
      mailer?.close();
    }
    return { archivedIds, problems, destination: sentTo.size ? [...sentTo].join(', ') : null, pages };
  }

  /**
   * documents.preview: one document built as it would print on the office's paper, and what would stop
   * it from going; nothing recorded, nothing kept. The calibration page is an administrator's, as in prepare.
   */
  async function preview(ref: OutputRef, call: JobCaller): Promise<DocumentPreview> {
    if (ref.kind === 'calibration' && call.user?.role !== 'administrator')
      throw new DomainError('FORBIDDEN', 'Only an administrator prints the calibration page.');
    const [settings, logo, company] = await Promise.all([readDocumentSettings(ctx.db), readLogo(ctx.db), call.services.settings.requireCompany()]);
    const logoView = logo ? { mimeType: logo.mimeType, dataUrl: logoDataUrl(logo) } : null;
    const letter: LetterMaking | undefined = ref.kind === 'letter' ? await letterMaking(ctx, call.user, call.actor) : undefined;
    const r = await buildDocument(call.services, ref, {
      channel: 'print',
      copy: false,
      settings,
      logo: logoView,
      companyName: company.companyName,
      timeZone: company.timeZone,
      preview: true,
      letter,
    });
    if (!r.ok) return { html: '', problems: [r.problem] };
    const gates = r.letter && ref.kind === 'letter' ? await deps.letters.gates(call, ref, r.letter, 'print', call.user?.role ?? null) : [];
    return { html: r.document.html, problems: [...gates, ...(r.warnings ?? [])] };
  }

  return {
    prepare,
    preview,

    /**
     * Main hands back the job's PDFs once they left (printed, saved) or are to be emailed: only the
     * session that prepared the job, once. Printed and saved documents are archived in one transaction;
     * emailed ones each as it is sent, and one that fails is reported and not recorded as sent.
     */
    async complete(
      actor: Actor,
      sessionId: string,
      input: { jobId: string; pdfs: readonly string[]; destination: string; pages: number },
    ): Promise<DeliveryOutcome> {
      sweep();
      const job = jobs.get(input.jobId);
      if (!job) throw notFound('The prepared job (it may have expired after 30 minutes)');
      if (job.sessionId !== sessionId) throw new DomainError('FORBIDDEN', 'This job was prepared by another session.');
      if (job.state !== 'open') throw conflict(job.state === 'done' ? 'This job has already been completed.' : 'This job is being completed.');
      job.state = 'completing';
      let pdfs: { bytes: Buffer; pages: number }[];
      try {
        pdfs = await readPdfs(job, input.pdfs);
      } catch (err) {
        job.state = 'open';
        throw err;
      }
      try {
        if (job.channel === 'email') {
          const sent = await email(actor, job, pdfs);
          return { channel: 'email', delivered: sent.archivedIds.length, cancelled: false, ...sent, problems: [...job.problems, ...sent.problems] };
        }
        const archivedIds = await deps.archive.addWith(
          actor,
          job.documents.map((d, i) => entryOf(job, d, pdfs[i] as { bytes: Buffer; pages: number }, input.destination)),
          (trx, ids) => recordSent(trx, job, job.documents, ids),
        );
        const pages = job.channel === 'print' ? input.pages : pdfs.reduce((sum, p) => sum + p.pages, 0);
        return {
          channel: job.channel,
          delivered: archivedIds.length,
          pages,
          destination: input.destination,
          cancelled: false,
          problems: job.problems,
          archivedIds,
        };
      } finally {
        job.state = 'done';
      }
    },

    /** Jobs held in memory (for tests of expiry and the per-session cap). */
    held: (sessionId: string) => [...jobs.values()].filter((j) => j.sessionId === sessionId).length,
  };
}
export type JobsService = ReturnType<typeof createJobs>;
