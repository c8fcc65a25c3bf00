import { isIP } from 'node:net';
import { rootCertificates } from 'node:tls';
import { createTransport } from 'nodemailer';
import type { SmtpSettings } from '@shared/domain/documents';
import type { ErrorCode } from '@shared/ipc/result';
import { DomainError } from '../../errors';

/**
 * Email delivery over the office's SMTP server (Settings › Documents). Security is what the
 * administrator chose: `tls` is TLS from the first byte (usually port 465), `starttls` upgrades and
 * refuses to go on without it (587), `none` sends in plain text (a relay inside the office).
 * Certificates are always verified; `EmailTrust` adds authorities to trust (tests pass their own CA),
 * never a way to switch verification off.
 */
export interface EmailTrust {
  /** Extra certificate authorities (PEM), trusted beside the system's. */
  ca?: string | Buffer | Array<string | Buffer>;
}

export interface OutgoingMessage {
  to: string;
  subject: string;
  text: string;
  attachment?: { fileName: string; content: Buffer };
}

export interface Sent {
  messageId: string;
}

export interface Mailer {
  send(message: OutgoingMessage): Promise<Sent>;
  close(): void;
}

/** A server and a sender address are the least that sending needs. */
export const isEmailSetUp = (smtp: SmtpSettings) => smtp.host.trim() !== '' && smtp.fromAddress !== '';

export const notSetUp = () =>
  new DomainError('EMAIL_NOT_SET_UP', 'Email is not set up: an administrator enters the SMTP server and the sender address in Settings › Documents.');

/**
 * One connection to the server, reused for every message of a run and closed after it. Timeouts keep
 * an unreachable server from holding a run for minutes.
 */
export function openMailer(smtp: SmtpSettings, password: string | null, trust: EmailTrust = {}): Mailer {
  if (!isEmailSetUp(smtp)) throw notSetUp();
  const transport = createTransport({
    pool: true,
    maxConnections: 1,
    host: smtp.host,
    port: smtp.port,
    secure: smtp.security === 'tls',
    requireTLS: smtp.security === 'starttls',
    ignoreTLS: smtp.security === 'none',
    auth: smtp.user ? { user: smtp.user, pass: password ?? '' } : undefined,
    // SNI carries host names only; a server given by its IP address is checked against the IP in its certificate.
    tls: { minVersion: 'TLSv1.2', ...(isIP(smtp.host) ? {} : { servername: smtp.host }), ...(trust.ca ? { ca: withSystemRoots(trust.ca) } : {}) },
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  });
  const from = smtp.fromName ? { name: smtp.fromName, address: smtp.fromAddress } : smtp.fromAddress;
  return {
    async send(m) {
      try {
        const info = await transport.sendMail({
          from,
          to: m.to,
          subject: m.subject,
          text: m.text,
          attachments: m.attachment ? [{ filename: m.attachment.fileName, content: m.attachment.content, contentType: 'application/pdf' }] : [],
        });
        return { messageId: info.messageId };
      } catch (err) {
        throw emailError(err, smtp, m.to);
      }
    },
    close: () => transport.close(),
  };
}

/** `ca` replaces Node's roots; the system's are kept beside the extra ones so a real server still verifies. */
function withSystemRoots(ca: NonNullable<EmailTrust['ca']>): Array<string | Buffer> {
  return [...(Array.isArray(ca) ? ca : [ca]), ...rootCertificates];
}

interface SmtpFailure {
  code?: unknown;
  originalCode?: unknown;
  response?: unknown;
  responseCode?: unknown;
  command?: unknown;
  message?: unknown;
}

/** Replies that mean the server wants other credentials (RFC 4954). */
const authReplies = new Set([530, 534, 535, 538]);
const tlsCodes = /^(ERR_SSL_|ERR_TLS_|EPROTO$)|CERT|SELF_SIGNED|UNABLE_TO_(VERIFY|GET_ISSUER)/;

/** Sorts a failure from nodemailer into what the clerk can act on, with the server's own reply. */
export function emailError(err: unknown, smtp: SmtpSettings, to: string): DomainError {
  const e: SmtpFailure = typeof err === 'object' && err !== null ? (err as SmtpFailure) : { message: String(err) };
  const code = typeof e.code === 'string' ? e.code : '';
  const original = typeof e.originalCode === 'string' ? e.originalCode : '';
  const reply = typeof e.response === 'string' ? e.response : '';
  const message = typeof e.message === 'string' ? e.message : '';
  const said = reply ? ` The server said: ${reply}` : message ? ` (${message})` : '';
  const server = `${smtp.host}:${smtp.port}`;
  const fail = (c: ErrorCode, text: string) => new DomainError(c, `${text}${said}`, { smtpCode: code || null, reply: reply || null });

  // A server that wants TLS before a sign-in says so (530/538 "Must issue a STARTTLS command first").
  if (code === 'ETLS' || tlsCodes.test(original) || (code === 'ESOCKET' && /ssl|tls|certificate/i.test(message)) || /STARTTLS/i.test(reply)) {
    return fail(
      'EMAIL_TLS',
      `A secure connection to the email server ${server} could not be made: check the security setting and port, or the server's certificate.`,
    );
  }
  // 530 and 535 also come back to MAIL FROM from a server that wants a sign-in it did not get.
  if (code === 'EAUTH' || code === 'ENOAUTH' || (typeof e.responseCode === 'number' && authReplies.has(e.responseCode))) {
    return fail('EMAIL_AUTH', `The email server ${server} refused the user name or password in Settings › Documents.`);
  }
  if (code === 'EENVELOPE' && e.command === 'RCPT TO') return fail('EMAIL_RECIPIENT', `The email server refused the recipient ${to}.`);
  if (['ECONNECTION', 'ETIMEDOUT', 'EDNS', 'ESOCKET', 'EPROXY'].includes(code)) {
    return fail('EMAIL_CONNECTION', `The email server ${server} could not be reached${original ? ` (${original})` : ''}.`);
  }
  return fail('EMAIL_FAILED', `The email server ${server} did not accept the message.`);
}
