import type { Actor, ServiceContext } from '../../context';
import { DomainError } from '../../errors';
import { appendAudit } from '../audit';
import type { SettingsService } from '../settings';
import { createArchive } from './archive';
import { isEmailSetUp, notSetUp, openMailer, type EmailTrust } from './email';
import { createJobs } from './jobs';
import { createLetterDocuments } from './letters';
import { createDocumentSettings, DOCUMENT_SETTINGS_KEY, readDocumentSettings, readSmtpPassword } from './settings';

export interface DocumentsDeps {
  settings: SettingsService;
  /** Extra certificate authorities for the SMTP server (tests trust their own); never a switch to skip verification. */
  emailTrust?: EmailTrust;
}

/**
 * Documents that leave (docs/documents.md): the settings they are built with, the jobs main renders and
 * delivers, email delivery and the archive of every PDF that left. The builders are in build.ts.
 */
export function createDocumentsService(ctx: ServiceContext, deps: DocumentsDeps) {
  const archive = createArchive(ctx);
  const settings = createDocumentSettings(ctx);
  const letters = createLetterDocuments(ctx);
  const jobs = createJobs(ctx, { archive, letters, emailTrust: deps.emailTrust });

  return {
    archive,
    letters,
    settings,
    jobs,

    /** A short message with no attachment, to check the SMTP settings; audited whether it went or not. */
    async sendTestEmail(actor: Actor, to: string): Promise<{ to: string; messageId: string }> {
      const stored = await readDocumentSettings(ctx.db);
      if (!isEmailSetUp(stored.smtp)) throw notSetUp();
      const company = await deps.settings.requireCompany();
      const mailer = openMailer(stored.smtp, await readSmtpPassword(ctx.db), deps.emailTrust);
      const audit = (after: unknown) =>
        ctx.db
          .transaction()
          .execute((trx) => appendAudit(trx, ctx.clock, actor, { action: 'document.testEmail', entity: 'setting', entityId: DOCUMENT_SETTINGS_KEY, after }));
      try {
        const sent = await mailer.send({
          to,
          subject: `Test message from ${company.companyName}`,
          text: `This is a test message from Ledgerdesk.\n\nEmail from ${company.companyName} through ${stored.smtp.host} works: invoices and receipts can be emailed.`,
        });
        await audit({ to, sent: true, messageId: sent.messageId });
        return { to, messageId: sent.messageId };
      } catch (err) {
        if (err instanceof DomainError) await audit({ to, sent: false, code: err.code });
        throw err;
      } finally {
        mailer.close();
      }
    },
  };
}
export type DocumentsService = ReturnType<typeof createDocumentsService>;
