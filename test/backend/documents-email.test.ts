import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { ChromiumPdfRenderer } from '../../src-main/print/chromium-pdf-renderer';
import { emailMergeFields } from '../../src-shared/domain/documents';
import {
  b64,
  closedPort,
  documentsBackend,
  must,
  mustPrepare,
  postedInvoice,
  REFUSED_DOMAIN,
  selfSignedCert,
  smallPdf,
  smtpServer,
  configureSmtp,
} from '../support/document-delivery';

/**
 * Email delivery through a real SMTP server on loopback (smtp-server), over a real encrypted store:
 * documents.email prepares the job, the PDF is rendered, documents.complete sends and archives it, and
 * the message is parsed back. Failures say why, and nothing is archived for them.
 */

const cert = selfSignedCert();
const renderer = new ChromiumPdfRenderer();
afterAll(() => renderer.close());

describe('documents by email', () => {
  it('sends an invoice with its PDF attached, subject and body from the template, and archives exactly the bytes sent', async () => {
    const { b, s } = await documentsBackend({ emailCa: cert.cert });
    const server = await smtpServer({ tls: 'starttls', cert });
    await configureSmtp(b, s.admin, server.port, 'starttls');
    const { account, invoice, ref } = await postedInvoice(b, s.clerk, 12_500, 'ap@lakeshore.example');

    const job = await mustPrepare(b, s.clerk, 'documents.email', { documents: [ref] });
    expect(job.problems).toEqual([]);
    expect(job.documents).toHaveLength(1);
    const doc = job.documents[0];
    if (!doc) throw new Error('no document prepared');
    // The very HTML the app renders, turned into a PDF by Chromium.
    const pdf = Buffer.from(await renderer.render(doc.html, job.paper));
    const outcome = await must(b, s.clerk, 'documents.complete', { jobId: job.jobId, pdfs: [b64(pdf)], destination: '', pages: 0 });
    expect(outcome).toMatchObject({ channel: 'email', delivered: 1, cancelled: false, problems: [], destination: 'ap@lakeshore.example' });
    expect(outcome.archivedIds).toHaveLength(1);

    expect(server.received).toHaveLength(1);
    const mail = server.received[0];
    if (!mail) throw new Error('nothing received');
    expect(mail.to).toEqual(['ap@lakeshore.example']);
    expect(mail.from).toBe('billing@testbilling.example');
    expect(mail.parsed.from?.text).toBe('"Test Billing Co" <billing@testbilling.example>');
    expect(mail.parsed.subject).toBe(`Invoice ${invoice.number} from Test Billing Co`);
    expect(mail.parsed.text).toContain(`Dear ${account.name},`);
    expect(mail.parsed.text).toContain(`invoice ${invoice.number} for $125.00`);
    // Every merge field was filled: no {{...}} left.
    expect(`${mail.parsed.subject}\n${mail.parsed.text}`).not.toMatch(/\{\{/);
    expect(mail.parsed.attachments).toHaveLength(1);
    const attachment = mail.parsed.attachments[0];
    if (!attachment) throw new Error('no attachment');
    expect(attachment.contentType).toBe('application/pdf');
    expect(attachment.filename).toBe(doc.fileName);

    const archived = await must(b, s.clerk, 'documents.archiveGet', { archiveId: outcome.archivedIds[0] ?? 0 });
    const archivedBytes = Buffer.from(archived.pdfBase64, 'base64');
    expect(attachment.content.equals(archivedBytes)).toBe(true);
    expect(archivedBytes.equals(pdf)).toBe(true);
    expect(archived.sha256).toBe(createHash('sha256').update(pdf).digest('hex'));
    const listed = await must(b, s.clerk, 'documents.archiveList', { accountId: account.id });
    expect(listed).toMatchObject([{ kind: 'invoice', number: invoice.number, channel: 'email', destination: 'ap@lakeshore.example', copy: false }]);
  });

  it('implicit TLS with the test CA trusted; another address for one document; the test message', async () => {
    const { b, s } = await documentsBackend({ emailCa: cert.cert });
    const server = await smtpServer({ tls: 'implicit', cert });
    await configureSmtp(b, s.admin, server.port, 'tls');
    const { ref } = await postedInvoice(b, s.clerk);
    const job = await mustPrepare(b, s.clerk, 'documents.email', { documents: [ref], to: 'someone.else@example.org' });
    const outcome = await must(b, s.clerk, 'documents.complete', { jobId: job.jobId, pdfs: [b64(await smallPdf('invoice'))], destination: '', pages: 0 });
    expect(outcome).toMatchObject({ delivered: 1, destination: 'someone.else@example.org' });
    expect(server.received.map((m) => m.to)).toEqual([['someone.else@example.org']]);

    const test = await must(b, s.admin, 'documents.sendTestEmail', { to: 'admin@testbilling.example' });
    expect(test.to).toBe('admin@testbilling.example');
    expect(test.messageId).toMatch(/^<.+>$/);
    const last = server.received.at(-1);
    expect(last?.to).toEqual(['admin@testbilling.example']);
    expect(last?.parsed.subject).toBe('Test message from Test Billing Co');
    expect(last?.parsed.attachments).toEqual([]);
    const audit = await must(b, s.admin, 'audit.list', { limit: 5 });
    expect(audit.find((r) => r.action === 'document.testEmail')).toMatchObject({ after: { to: 'admin@testbilling.example', sent: true } });
    // A test message is not a document: nothing more archived.
    expect(await must(b, s.admin, 'documents.archiveList', {})).toHaveLength(1);
  });

  it('a clerk may not send the test message; without SMTP settings email is refused up front', async () => {
    const { b, s } = await documentsBackend();
    const r = await b.call(s.clerk, 'documents.sendTestEmail', { to: 'a@example.org' });
    expect(r.ok ? null : r.error.code).toBe('FORBIDDEN');
    const { ref } = await postedInvoice(b, s.clerk);
    const prepared = await b.dispatch(s.clerk, 'documents.email', { documents: [ref] });
    expect(prepared.ok ? null : prepared.error.code).toBe('EMAIL_NOT_SET_UP');
    const test = await b.call(s.admin, 'documents.sendTestEmail', { to: 'a@example.org' });
    expect(test.ok ? null : test.error.code).toBe('EMAIL_NOT_SET_UP');
  });

  describe('failures say why, and nothing is recorded as sent', () => {
    /** Prepares and completes one invoice by email; returns the outcome and what the archive holds. */
    async function sendOne(setup: { emailCa?: string; port: number; security: 'tls' | 'starttls' | 'none'; password?: string; user?: string; to?: string }) {
      const { b, s } = await documentsBackend({ emailCa: setup.emailCa });
      await configureSmtp(b, s.admin, setup.port, setup.security, setup.password, setup.user);
      const { ref } = await postedInvoice(b, s.clerk, 5_000, setup.to);
      const job = await mustPrepare(b, s.clerk, 'documents.email', { documents: [ref] });
      const outcome = await must(b, s.clerk, 'documents.complete', { jobId: job.jobId, pdfs: [b64(await smallPdf('invoice'))], destination: '', pages: 0 });
      const archived = await must(b, s.clerk, 'documents.archiveList', {});
      return { b, s, outcome, archived };
    }

    const expectFailure = (r: Awaited<ReturnType<typeof sendOne>>, code: string) => {
      expect(r.outcome).toMatchObject({ delivered: 0, archivedIds: [], destination: null });
      expect(r.outcome.problems).toHaveLength(1);
      expect(r.outcome.problems[0]).toMatchObject({ code: 'SEND_FAILED', detail: { code } });
      expect(r.archived).toEqual([]);
      return r.outcome.problems[0]?.detail?.message ?? '';
    };

    it('a wrong password: EMAIL_AUTH with the server reply', async () => {
      const server = await smtpServer({ tls: 'starttls', cert });
      const r = await sendOne({ emailCa: cert.cert, port: server.port, security: 'starttls', password: 'not-the-password' });
      const message = expectFailure(r, 'EMAIL_AUTH');
      expect(message).toMatch(/user name or password/);
      expect(message).toMatch(/535/);
      expect(server.received).toEqual([]);
      // The test message fails the same way, as an error.
      const test = await r.b.call(r.s.admin, 'documents.sendTestEmail', { to: 'a@example.org' });
      expect(test.ok ? null : test.error.code).toBe('EMAIL_AUTH');
    });

    it('no user name for a server that wants one: EMAIL_AUTH', async () => {
      const server = await smtpServer({ tls: 'starttls', cert });
      const message = expectFailure(await sendOne({ emailCa: cert.cert, port: server.port, security: 'starttls', user: '' }), 'EMAIL_AUTH');
      expect(message).toMatch(/530/);
    });

    it('a server that wants TLS before a sign-in, asked with security "none": EMAIL_TLS', async () => {
      const server = await smtpServer({ tls: 'starttls', cert });
      const message = expectFailure(await sendOne({ emailCa: cert.cert, port: server.port, security: 'none' }), 'EMAIL_TLS');
      expect(message).toMatch(/STARTTLS/);
    });

    it('TLS asked of a server without TLS: EMAIL_TLS (implicit and STARTTLS)', async () => {
      const plain = await smtpServer({ tls: 'none' });
      expectFailure(await sendOne({ port: plain.port, security: 'tls' }), 'EMAIL_TLS');
      expectFailure(await sendOne({ port: plain.port, security: 'starttls' }), 'EMAIL_TLS');
      expect(plain.received).toEqual([]);
    });

    it('a certificate nobody trusts: EMAIL_TLS, never sent in the clear', async () => {
      const server = await smtpServer({ tls: 'starttls', cert });
      const message = expectFailure(await sendOne({ port: server.port, security: 'starttls' }), 'EMAIL_TLS');
      expect(message).toMatch(/certificate/i);
      const implicit = await smtpServer({ tls: 'implicit', cert });
      expectFailure(await sendOne({ port: implicit.port, security: 'tls' }), 'EMAIL_TLS');
      expect([...server.received, ...implicit.received]).toEqual([]);
    });

    it('a closed port: EMAIL_CONNECTION', async () => {
      const message = expectFailure(await sendOne({ port: await closedPort(), security: 'none' }), 'EMAIL_CONNECTION');
      expect(message).toMatch(/could not be reached/);
    });

    it('a recipient the server refuses: EMAIL_RECIPIENT, the next document still goes', async () => {
      const server = await smtpServer({ tls: 'starttls', cert });
      const { b, s } = await documentsBackend({ emailCa: cert.cert });
      await configureSmtp(b, s.admin, server.port, 'starttls');
      const refused = await postedInvoice(b, s.clerk, 5_000, `ap@${REFUSED_DOMAIN}`);
      const good = await postedInvoice(b, s.clerk, 7_000, 'ok@lakeshore.example');
      const job = await mustPrepare(b, s.clerk, 'documents.email', { documents: [refused.ref, good.ref] });
      const pdfs = [b64(await smallPdf('refused')), b64(await smallPdf('good'))];
      const outcome = await must(b, s.clerk, 'documents.complete', { jobId: job.jobId, pdfs, destination: '', pages: 0 });
      expect(outcome).toMatchObject({ delivered: 1, destination: 'ok@lakeshore.example' });
      expect(outcome.problems).toMatchObject([{ code: 'SEND_FAILED', number: refused.invoice.number, detail: { code: 'EMAIL_RECIPIENT' } }]);
      expect(outcome.problems[0]?.detail?.message).toMatch(/550/);
      expect(await must(b, s.clerk, 'documents.archiveList', { accountId: refused.account.id })).toEqual([]);
      expect(await must(b, s.clerk, 'documents.archiveList', { accountId: good.account.id })).toHaveLength(1);
      expect(server.received.map((m) => m.to)).toEqual([['ok@lakeshore.example']]);
    });
  });

  it('templates may use only the merge fields there are: an unknown one is refused when saved, naming it', async () => {
    const { b, s } = await documentsBackend();
    const before = await must(b, s.admin, 'documents.getSettings', undefined);
    const r = await b.call(s.admin, 'documents.updateSettings', {
      emailTemplates: { ...before.emailTemplates, receipt: { subject: 'Receipt {{documentNumber}}', body: 'Hello {{ customerName }}, see {{total}}' } },
    });
    expect(r.ok ? null : r.error).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('emailTemplates.receipt.body: {{customerName}} is not a merge field'),
    });
    expect(r.ok ? '' : r.error.message).toContain('{{total}}');
    expect((await must(b, s.admin, 'documents.getSettings', undefined)).emailTemplates).toEqual(before.emailTemplates);
    const every = emailMergeFields.map((f) => `{{${f}}}`).join(' ');
    const saved = await must(b, s.admin, 'documents.updateSettings', {
      emailTemplates: { ...before.emailTemplates, receipt: { subject: 'Receipt', body: every } },
    });
    expect(saved.emailTemplates.receipt.body).toBe(every);
  });
});
