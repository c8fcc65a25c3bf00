import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { JOB_TTL_MS, JOBS_PER_SESSION } from '../../src-main/backend/services/documents/jobs';
import { documentStyle } from '../../src-main/backend/services/documents/build';
import { LOGO_MAX_BYTES } from '../../src-shared/domain/documents';
import { b64, documentsBackend, must, mustPrepare, postedInvoice, prepare, smallPdf } from '../support/document-delivery';

/**
 * The archive and the jobs that fill it, over a real encrypted store through the real dispatch:
 * nothing is archived unless it left, what is archived comes back byte for byte and is never edited,
 * and the settings keep the SMTP password and the logo's checks to themselves.
 */

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f0e7b00000000049454e44ae426082',
  'hex',
);
const JPEG = Buffer.from(
  'ffd8ffe000104a46494600010100000100010000ffdb004300080606070605080707070909080a0c140d0c0b0b0c1912130f141d1a1f1e1d1a1c1c20242e2720222c231c1c2837292c30313434341f27393d38323c2e333432ffc0000b080001000101011100ffc4001f0000010501010101010100000000000000000102030405060708090a0bffda0008010100003f00d2cf20ffd9',
  'hex',
);

describe('the archive', () => {
  it('keeps each PDF that left byte for byte, with its audit record, encrypted in the store', async () => {
    const { b, s } = await documentsBackend();
    const one = await postedInvoice(b, s.clerk, 10_000);
    const two = await postedInvoice(b, s.clerk, 20_000);
    const job = await mustPrepare(b, s.clerk, 'documents.print', {
      documents: [one.ref, two.ref],
      choice: { printer: 'Front desk', paper: 'Letter', copies: 1, duplex: 'simplex' },
    });
    expect(job.jobId).toMatch(/^[0-9a-f]{32}$/);
    expect(job.documents.map((d) => d.number)).toEqual([one.invoice.number, two.invoice.number]);
    const pdfs = [await smallPdf('first', 1), await smallPdf('second', 2)];
    const outcome = await must(b, s.clerk, 'documents.complete', { jobId: job.jobId, pdfs: pdfs.map(b64), destination: 'Front desk', pages: 4 });
    expect(outcome).toMatchObject({ channel: 'print', delivered: 2, pages: 4, destination: 'Front desk', cancelled: false, problems: [] });

    for (const [i, id] of outcome.archivedIds.entries()) {
      const got = await must(b, s.clerk, 'documents.archiveGet', { archiveId: id });
      const bytes = Buffer.from(got.pdfBase64, 'base64');
      expect(bytes.equals(pdfs[i] as Buffer)).toBe(true);
      expect(got.sha256).toBe(sha256(pdfs[i] as Buffer));
      expect(got.fileName).toBe(`Invoice ${[one, two][i]?.invoice.number}.pdf`);
      // Read again: the very same bytes.
      expect((await must(b, s.clerk, 'documents.archiveGet', { archiveId: id })).pdfBase64).toBe(got.pdfBase64);
    }
    const listed = await must(b, s.clerk, 'documents.archiveList', { accountId: two.account.id });
    expect(listed).toEqual([
      expect.objectContaining({
        kind: 'invoice',
        number: two.invoice.number,
        channel: 'print',
        destination: 'Front desk',
        pages: 2,
        copy: false,
        createdBy: 'clara',
      }),
    ]);
    expect(listed[0]?.bytes).toBe(pdfs[1]?.length);
    expect(await must(b, s.clerk, 'documents.archiveList', { sourceDocumentId: one.invoice.id })).toHaveLength(1);
    expect((await must(b, s.clerk, 'documents.archiveList', {})).map((a) => a.id)).toEqual([...outcome.archivedIds].reverse());

    const audit = (await must(b, s.admin, 'audit.list', { entity: 'archived_document' })).reverse();
    expect(audit.map((r) => [r.action, Number(r.entityId)])).toEqual(outcome.archivedIds.map((id) => ['document.archived', id]));
    expect(audit[0]?.after).toMatchObject({ kind: 'invoice', number: one.invoice.number, channel: 'print', sha256: sha256(pdfs[0] as Buffer) });
    expect((await must(b, s.admin, 'audit.verify', undefined)).ok).toBe(true);

    // On the account's timeline too.
    const timeline = await must(b, s.clerk, 'timeline.get', { accountId: one.account.id });
    expect(timeline).toContainEqual(
      expect.objectContaining({
        kind: 'document',
        documentKind: 'invoice',
        number: one.invoice.number,
        channel: 'print',
        ref: { type: 'archived_document', id: outcome.archivedIds[0] },
      }),
    );

    // At rest the store is encrypted: no PDF can be found in its files.
    await b.close();
    for (const f of [b.storePath, `${b.storePath}-wal`]) if (fs.existsSync(f)) expect(fs.readFileSync(f).includes('%PDF-')).toBe(false);
  });

  it('refuses UPDATE and DELETE at the SQL level', async () => {
    const { b, s } = await documentsBackend();
    const { ref } = await postedInvoice(b, s.clerk);
    const job = await mustPrepare(b, s.clerk, 'documents.savePdf', { documents: [ref] });
    const outcome = await must(b, s.clerk, 'documents.complete', {
      jobId: job.jobId,
      pdfs: [b64(await smallPdf('x'))],
      destination: '/tmp/Invoice.pdf',
      pages: 0,
    });
    const id = outcome.archivedIds[0];
    const sqlite = b.ctx.store.sqlite;
    expect(() => sqlite.prepare('UPDATE archived_document SET destination = ? WHERE id = ?').run('elsewhere', id)).toThrow(/never edited/);
    expect(() => sqlite.prepare('UPDATE archived_document SET pdf = ? WHERE id = ?').run(Buffer.from('%PDF-forged'), id)).toThrow(/never edited/);
    expect(() => sqlite.prepare('DELETE FROM archived_document WHERE id = ?').run(id)).toThrow(/never removed/);
    expect(await must(b, s.clerk, 'documents.archiveList', {})).toMatchObject([{ id, destination: '/tmp/Invoice.pdf' }]);
  });

  it('a reprint is a copy: the second output of a document on a channel says so, and is archived as one; another channel starts as the original', async () => {
    const { b, s } = await documentsBackend();
    const { ref, invoice } = await postedInvoice(b, s.clerk);
    const first = await mustPrepare(b, s.clerk, 'documents.savePdf', { documents: [ref] });
    expect(first.documents[0]?.copy).toBe(false);
    // Prepared but never completed: it did not leave, so the next one is still the original.
    const again = await mustPrepare(b, s.clerk, 'documents.savePdf', { documents: [ref] });
    expect(again.documents[0]?.copy).toBe(false);
    await must(b, s.clerk, 'documents.complete', { jobId: first.jobId, pdfs: [b64(await smallPdf('original'))], destination: 'a.pdf', pages: 0 });
    const second = await mustPrepare(b, s.clerk, 'documents.print', {
      documents: [ref],
      choice: { printer: null, paper: 'Letter', copies: 1, duplex: 'simplex' },
    });
    // Saved for the office's records, then printed for the customer: the printed one is the original.
    expect(second.documents[0]?.copy).toBe(false);
    await must(b, s.clerk, 'documents.complete', { jobId: second.jobId, pdfs: [b64(await smallPdf('printed'))], destination: 'System dialog', pages: 1 });
    const reprint = await mustPrepare(b, s.clerk, 'documents.print', {
      documents: [ref],
      choice: { printer: null, paper: 'Letter', copies: 1, duplex: 'simplex' },
    });
    expect(reprint.documents[0]?.copy).toBe(true);
    await must(b, s.clerk, 'documents.complete', { jobId: reprint.jobId, pdfs: [b64(await smallPdf('copy'))], destination: 'System dialog', pages: 1 });
    expect((await must(b, s.clerk, 'documents.archiveList', { sourceDocumentId: invoice.id })).map((a) => a.copy)).toEqual([true, false, false]);
  });
});

describe('completing a job', () => {
  it('once, by the session that prepared it, with one PDF per document; a refused completion archives nothing', async () => {
    const { b, s } = await documentsBackend();
    const one = await postedInvoice(b, s.clerk);
    const two = await postedInvoice(b, s.clerk);
    const job = await mustPrepare(b, s.clerk, 'documents.savePdf', { documents: [one.ref, two.ref] });
    const pdf = b64(await smallPdf('ok'));
    const complete = (session: string, pdfs: string[]) => b.call(session, 'documents.complete', { jobId: job.jobId, pdfs, destination: 'out.pdf', pages: 0 });
    const code = (r: Awaited<ReturnType<typeof complete>>) => (r.ok ? 'ok' : r.error.code);

    expect(code(await complete(s.admin, [pdf, pdf]))).toBe('FORBIDDEN');
    const short = await complete(s.clerk, [pdf]);
    expect(short.ok ? null : short.error).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/2 documents and 1 PDFs/) });
    const notPdf = await complete(s.clerk, [pdf, b64(Buffer.from('<html>not a pdf</html>'))]);
    expect(notPdf.ok ? null : notPdf.error).toMatchObject({ code: 'VALIDATION', message: 'pdfs.1: not a PDF.' });
    const fakePdf = await complete(s.clerk, [pdf, b64(Buffer.from('%PDF-1.7 but nothing after'))]);
    expect(code(fakePdf)).toBe('VALIDATION');
    expect(await must(b, s.clerk, 'documents.archiveList', {})).toEqual([]);
    expect(await must(b, s.admin, 'audit.list', { entity: 'archived_document' })).toEqual([]);

    expect(code(await complete(s.clerk, [pdf, pdf]))).toBe('ok');
    const twice = await complete(s.clerk, [pdf, pdf]);
    expect(twice.ok ? null : twice.error.code).toBe('CONFLICT');
    expect(await must(b, s.clerk, 'documents.archiveList', {})).toHaveLength(2);
    const unknown = await b.call(s.clerk, 'documents.complete', { jobId: 'f'.repeat(32), pdfs: [pdf], destination: '', pages: 0 });
    expect(unknown.ok ? null : unknown.error.code).toBe('NOT_FOUND');
  });

  it('a job is forgotten after 30 minutes, and a session holds only a few', async () => {
    const { b, s, clock } = await documentsBackend();
    const { ref } = await postedInvoice(b, s.clerk);
    const jobs = b.services.documents.jobs;
    const clerk = { userId: 2, username: 'clara' };
    const old = await mustPrepare(b, s.clerk, 'documents.savePdf', { documents: [ref] });
    clock.advance(JOB_TTL_MS + 1);
    await expect(
      jobs.complete(clerk, s.clerk, { jobId: old.jobId, pdfs: [b64(await smallPdf('late'))], destination: 'x.pdf', pages: 0 }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await must(b, s.clerk, 'auth.unlock', { password: 'password-123' });
    const ids: string[] = [];
    for (let i = 0; i < JOBS_PER_SESSION + 2; i++) ids.push((await mustPrepare(b, s.clerk, 'documents.savePdf', { documents: [ref] })).jobId);
    expect(jobs.held(s.clerk)).toBe(JOBS_PER_SESSION);
    // The oldest went; the newest is still there to complete.
    await expect(
      jobs.complete(clerk, s.clerk, { jobId: ids[0] ?? '', pdfs: [b64(await smallPdf('a'))], destination: 'x.pdf', pages: 0 }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const last = await jobs.complete(clerk, s.clerk, { jobId: ids.at(-1) ?? '', pdfs: [b64(await smallPdf('b', 3))], destination: 'x.pdf', pages: 0 });
    expect(last).toMatchObject({ channel: 'pdf', delivered: 1, pages: 3 });
  });

  it('the paper is the print choice, else the settings; the style is the paper', async () => {
    const { b, s } = await documentsBackend();
    const { ref } = await postedInvoice(b, s.clerk);
    const a4 = await mustPrepare(b, s.clerk, 'documents.print', { documents: [ref], choice: { printer: null, paper: 'A4', copies: 2, duplex: 'longEdge' } });
    expect(a4.paper).toBe('A4');
    expect(a4.style).toBe(documentStyle('A4'));
    const saved = await mustPrepare(b, s.clerk, 'documents.savePdf', { documents: [ref] });
    expect(saved.paper).toBe('Letter');
    await must(b, s.admin, 'documents.updateSettings', { layout: { paper: 'A4', nudgeXmm: 0, nudgeYmm: 0, returnAddressWindow: true, foldMarks: true } });
    expect((await mustPrepare(b, s.clerk, 'documents.savePdf', { documents: [ref] })).paper).toBe('A4');
  });
});

describe('permissions', () => {
  it('a clerk cannot change the settings, the logo or print the calibration page; an administrator can', async () => {
    const { b, s } = await documentsBackend();
    const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error?.code);
    expect(code(await b.call(s.clerk, 'documents.updateSettings', { layout: { paper: 'A4' } }))).toBe('FORBIDDEN');
    expect(code(await b.call(s.clerk, 'documents.setLogo', { mimeType: 'image/png', base64: b64(PNG) }))).toBe('FORBIDDEN');
    expect(code(await b.call(s.clerk, 'documents.removeLogo', undefined))).toBe('FORBIDDEN');
    const calibration = { documents: [{ kind: 'calibration' }], choice: { printer: null, paper: 'Letter', copies: 1, duplex: 'simplex' } };
    expect(code(await prepare(b, s.clerk, 'documents.print', calibration))).toBe('FORBIDDEN');
    expect(code(await prepare(b, s.clerk, 'documents.savePdf', { documents: [{ kind: 'calibration' }] }))).toBe('FORBIDDEN');
    // A clerk reads the settings (the documents need them) and lists the archive.
    expect(code(await b.call(s.clerk, 'documents.getSettings', undefined))).toBe('ok');
    const job = await mustPrepare(b, s.admin, 'documents.print', calibration);
    expect(job.documents).toMatchObject([{ kind: 'calibration', number: null, copy: false }]);
    const denied = await must(b, s.admin, 'audit.list', { entity: 'endpoint' });
    expect(denied.map((r) => r.entityId)).toEqual(expect.arrayContaining(['documents.updateSettings', 'documents.setLogo', 'documents.removeLogo']));
  });

  it('the shell answers printers, cancel and openArchived; the backend gives its part', async () => {
    const { b, s } = await documentsBackend();
    expect(await b.dispatch(s.clerk, 'documents.printers', undefined)).toEqual({ ok: true, value: [] });
    expect(await b.dispatch(s.clerk, 'documents.cancel', { run: 'run-12345678' })).toEqual({ ok: true, value: false });
    const { ref } = await postedInvoice(b, s.clerk);
    const job = await mustPrepare(b, s.clerk, 'documents.savePdf', { documents: [ref] });
    const pdf = await smallPdf('open me');
    const { archivedIds } = await must(b, s.clerk, 'documents.complete', { jobId: job.jobId, pdfs: [b64(pdf)], destination: 'x.pdf', pages: 0 });
    const opened = await b.dispatch(s.clerk, 'documents.openArchived', { archiveId: archivedIds[0] });
    expect(opened).toMatchObject({ ok: true, value: { id: archivedIds[0], pdfBase64: b64(pdf), sha256: sha256(pdf) } });
  });
});

describe('document settings', () => {
  it('the SMTP password is stored, never read back nor audited; "" removes it', async () => {
    const { b, s } = await documentsBackend();
    const secret = 'correct-horse-battery-staple-42';
    const view = await must(b, s.admin, 'documents.updateSettings', {
      letterhead: { legalName: 'Test Billing Co LLC', phone: '312-555-0100' },
      smtp: { host: 'smtp.example.org', port: 587, security: 'starttls', user: 'billing', fromAddress: 'billing@example.org', fromName: 'Billing' },
      smtpPassword: secret,
    });
    expect(view.smtpPasswordSet).toBe(true);
    expect(view.letterhead).toMatchObject({ legalName: 'Test Billing Co LLC', phone: '312-555-0100', email: '' });
    for (const session of [s.admin, s.clerk]) expect(JSON.stringify(await must(b, session, 'documents.getSettings', undefined))).not.toContain(secret);
    const audit = await must(b, s.admin, 'audit.list', { limit: 100 });
    expect(JSON.stringify(audit)).not.toContain(secret);
    expect(audit.find((r) => r.entityId === 'documents.smtpPassword')).toMatchObject({
      action: 'document.settings',
      before: { smtpPasswordSet: false },
      after: { smtpPasswordSet: true, smtpPassword: 'changed' },
    });
    expect(audit.find((r) => r.entityId === 'documents')).toMatchObject({
      action: 'document.settings',
      after: { letterhead: { legalName: 'Test Billing Co LLC' } },
    });
    // Other sections keep their value and the password stays when it is not given.
    const kept = await must(b, s.admin, 'documents.updateSettings', { layout: { paper: 'A4', nudgeXmm: 2.5 } });
    expect(kept).toMatchObject({
      smtpPasswordSet: true,
      letterhead: { legalName: 'Test Billing Co LLC' },
      layout: { paper: 'A4', nudgeXmm: 2.5 },
      smtp: { host: 'smtp.example.org' },
    });
    expect((await must(b, s.admin, 'documents.updateSettings', { smtpPassword: '' })).smtpPasswordSet).toBe(false);
    expect((await must(b, s.admin, 'audit.list', { entityId: 'documents.smtpPassword' }))[0]?.after).toEqual({
      smtpPasswordSet: false,
      smtpPassword: 'removed',
    });
  });

  it('a nudge beyond 10 mm is refused naming the field, and nothing changes', async () => {
    const { b, s } = await documentsBackend();
    const r = await b.call(s.admin, 'documents.updateSettings', { layout: { nudgeYmm: 12 } });
    expect(r.ok ? null : r.error).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('layout.nudgeYmm') });
    expect((await must(b, s.admin, 'documents.getSettings', undefined)).layout.nudgeYmm).toBe(0);
  });

  describe('the logo', () => {
    const setLogo = async (mimeType: 'image/png' | 'image/jpeg' | 'image/svg+xml', bytes: Buffer) => {
      const { b, s } = await documentsBackend();
      return { b, s, r: await b.call(s.admin, 'documents.setLogo', { mimeType, base64: b64(bytes) }) };
    };
    const refused = (r: { ok: boolean; error?: { code: string; message: string } }) => {
      expect(r.ok ? null : r.error?.code).toBe('VALIDATION');
      return r.error?.message ?? '';
    };

    it('PNG and JPEG are kept as given and come back as a data URL; removing it leaves none', async () => {
      const { b, s, r } = await setLogo('image/png', PNG);
      expect(r.ok ? r.value.logo : r.error).toEqual({ mimeType: 'image/png', bytes: PNG.length, dataUrl: `data:image/png;base64,${b64(PNG)}` });
      const jpeg = await must(b, s.admin, 'documents.setLogo', { mimeType: 'image/jpeg', base64: b64(JPEG) });
      expect(jpeg.logo).toMatchObject({ mimeType: 'image/jpeg', bytes: JPEG.length });
      expect((await must(b, s.clerk, 'documents.getSettings', undefined)).logo?.dataUrl).toBe(`data:image/jpeg;base64,${b64(JPEG)}`);
      expect((await must(b, s.admin, 'documents.removeLogo', undefined)).logo).toBeNull();
    });

    it('a file that is not the image it claims to be is refused, saying what it is', async () => {
      expect(refused((await setLogo('image/png', await smallPdf('pdf'))).r)).toBe('The file is a PDF document, not a PNG image.');
      expect(refused((await setLogo('image/jpeg', PNG)).r)).toBe('The file is a PNG image, not a JPEG image.');
      expect(refused((await setLogo('image/png', Buffer.from('just some text'))).r)).toMatch(/^The file is not a PNG image/);
      expect(refused((await setLogo('image/svg+xml', Buffer.from('<html><body>hello</body></html>'))).r)).toMatch(/not an SVG image/);
      expect(refused((await setLogo('image/svg+xml', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><rect'))).r)).toMatch(
        /not an SVG image that can be drawn/,
      );
      expect(refused((await setLogo('image/svg+xml', PNG)).r)).toBe('The file is a PNG image, not an SVG image.');
    });

    it('a logo over the limit is refused naming its size and the limit', async () => {
      const big = Buffer.concat([PNG, Buffer.alloc(LOGO_MAX_BYTES - PNG.length + 1)]);
      expect(refused((await setLogo('image/png', big)).r)).toBe('The logo is 512.0 KB (524,289 bytes); the limit is 512.0 KB (524,288 bytes).');
      const bigger = Buffer.concat([PNG, Buffer.alloc(3 * LOGO_MAX_BYTES)]);
      expect(refused((await setLogo('image/png', bigger)).r)).toBe(
        `The logo is 1.5 MB (${bigger.length.toLocaleString('en-US')} bytes); the limit is 512.0 KB (524,288 bytes).`,
      );
      const huge = Buffer.concat([PNG, Buffer.alloc(5 * LOGO_MAX_BYTES)]);
      // Far larger files never reach the backend: the boundary refuses the text before parsing it.
      expect(refused((await setLogo('image/png', huge)).r)).toMatch(/^base64: is too long/);
    });

    it('an SVG is drawn to a PNG: its script never runs and nothing outside it is fetched', async () => {
      const svg = Buffer.from(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="300" height="100" onload="alert(1)">' +
          '<script>alert(document.cookie)</script><rect width="300" height="100" fill="#1c7ed6"/>' +
          '<image href="http://127.0.0.1:9/tracker.png" width="10" height="10"/></svg>',
      );
      const { r } = await setLogo('image/svg+xml', svg);
      if (!r.ok) throw new Error(r.error.message);
      const logo = r.value.logo;
      expect(logo?.mimeType).toBe('image/png');
      const png = Buffer.from(logo?.dataUrl.replace('data:image/png;base64,', '') ?? '', 'base64');
      expect(png.subarray(0, 8).equals(PNG.subarray(0, 8))).toBe(true);
      // Drawn 1200 px wide (3:1 kept): IHDR width and height.
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 400]);
      expect(png.includes('script')).toBe(false);
    });
  });
});
