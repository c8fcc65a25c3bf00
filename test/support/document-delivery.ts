import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach } from 'vitest';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { Backend } from '../../src-main/backend';
import type { PreparedJob, OutputRef } from '../../src-shared/domain/documents';
import type { Result } from '../../src-shared/ipc/result';
import { addStaff, must, postInvoice, unwrap } from '../kit';
import { fixedClock, tempDir, testBackend, withCompany } from './store';

export { must, postInvoice, unwrap };

/** Delivery and the archive in backend tests: a backend with staff, posted invoices, PDFs and a real SMTP server. */

export type Sessions = { admin: string; clerk: string };

/** A backend whose SMTP deliveries trust `emailCa`, with the company, its administrator and a clerk signed in. */
export async function documentsBackend(opts: { emailCa?: string } = {}) {
  const clock = fixedClock('2026-03-15T15:00:00Z');
  const b = testBackend({ clock, emailCa: opts.emailCa });
  const admin = await withCompany(b);
  await addStaff(b, admin, [{ username: 'clara', role: 'clerk', password: 'password-123', session: 'clerk-session' }]);
  return { b, s: { admin, clerk: 'clerk-session' } satisfies Sessions, clock };
}

let accounts = 0;
/** A commercial account with a full billing address and its billing email on the primary contact. */
export async function mailableAccount(b: Backend, session: string, email = 'ap@lakeshore.example') {
  accounts++;
  return must(b, session, 'accounts.create', {
    accountNumber: `D-${100 + accounts}`,
    name: `Lakeshore Practice ${accounts}`,
    kind: 'commercial',
    billingAddress: { line1: '200 Lake Shore Dr', city: 'Chicago', state: 'IL', postalCode: '60601', country: 'US' },
    contacts: [{ name: 'Pat Payable', isPrimary: true, emails: [{ email }] }],
  });
}

/** An account with its invoice posted: the ref to print or email it. */
export async function postedInvoice(b: Backend, session: string, cents = 12_500, email?: string) {
  const account = await mailableAccount(b, session, email);
  const invoice = await postInvoice(b, session, account.id, cents);
  return { account, invoice, ref: { kind: 'invoice', documentId: invoice.id } satisfies OutputRef };
}

type PrepareChannel = 'documents.print' | 'documents.savePdf' | 'documents.email';

/**
 * The shell's answer to print, savePdf and email is the backend's PreparedJob (the contract's backend
 * output): dispatch hands it over as it is.
 */
export async function prepare(b: Backend, session: string, channel: PrepareChannel, input: object) {
  return (await b.dispatch(session, channel, input)) as Result<PreparedJob>;
}
export const mustPrepare = async (b: Backend, session: string, channel: PrepareChannel, input: object) =>
  unwrap(await prepare(b, session, channel, input), channel);

/** A small real PDF of `pages` pages, each saying `text` (pdf-lib). */
export async function smallPdf(text: string, pages = 1): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i++) doc.addPage([612, 792]).drawText(`${text} (page ${i + 1})`, { x: 72, y: 700, size: 14, font });
  return Buffer.from(await doc.save());
}

export const b64 = (b: Buffer) => b.toString('base64');

// ---- A real SMTP server on loopback ----

export interface Received {
  from: string;
  to: string[];
  raw: Buffer;
  parsed: ParsedMail;
}

const servers: SMTPServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise<void>((resolve) => s.close(() => resolve()));
});

export const SMTP_USER = 'mailer';
export const SMTP_PASSWORD = 'smtp-pass-1';
/** Recipients at this domain are refused by the server (550). */
export const REFUSED_DOMAIN = 'refused.example';

/**
 * An SMTP server on 127.0.0.1 that wants SMTP_USER / SMTP_PASSWORD, refuses recipients at
 * REFUSED_DOMAIN and keeps every message it accepts. `tls`: implicit TLS, STARTTLS offered, or none.
 */
export async function smtpServer(mode: { tls: 'implicit' | 'starttls' | 'none'; cert?: TestCert }) {
  const received: Received[] = [];
  const options: SMTPServerOptions = {
    secure: mode.tls === 'implicit',
    ...(mode.cert && mode.tls !== 'none' ? { key: mode.cert.key, cert: mode.cert.cert } : {}),
    disabledCommands: mode.tls === 'none' ? ['STARTTLS'] : [],
    allowInsecureAuth: mode.tls === 'none',
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) cb(null, { user: auth.username });
      else cb(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, cb) {
      if (address.address.endsWith(`@${REFUSED_DOMAIN}`)) cb(Object.assign(new Error(`No such mailbox: ${address.address}`), { responseCode: 550 }));
      else cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (parsed) => {
            received.push({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
              raw,
              parsed,
            });
            cb();
          },
          (err: Error) => cb(err),
        );
      });
    },
  };
  const server = new SMTPServer(options);
  // A client that gives up in the TLS handshake (a certificate it does not trust) is an error the server reports.
  const errors: Error[] = [];
  server.on('error', (err) => errors.push(err));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address() as net.AddressInfo;
  return { port: address.port, received, errors };
}

/** A port on loopback nothing listens on (a server was there and closed). */
export async function closedPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

export interface TestCert {
  key: string;
  cert: string;
}

/** A self-signed certificate for 127.0.0.1 made with the openssl CLI; the test trusts it as its own CA. */
export function selfSignedCert(): TestCert {
  const dir = tempDir();
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  const subject = ['-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'];
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-days', '2', ...subject],
    {
      stdio: 'ignore',
    },
  );
  return { key: fs.readFileSync(key, 'utf8'), cert: fs.readFileSync(cert, 'utf8') };
}

/** SMTP settings for a server of smtpServer() on `port`, saved by the administrator with the password. */
export async function configureSmtp(
  b: Backend,
  admin: string,
  port: number,
  security: 'tls' | 'starttls' | 'none',
  password = SMTP_PASSWORD,
  user = SMTP_USER,
) {
  return must(b, admin, 'documents.updateSettings', {
    smtp: { host: '127.0.0.1', port, security, user, fromAddress: 'billing@testbilling.example', fromName: 'Test Billing Co' },
    smtpPassword: password,
  });
}
